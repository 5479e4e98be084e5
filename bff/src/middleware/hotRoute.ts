// A route served before the routers: its path is one regular expression and its middleware composed once. @koa/router
// matches every request against each of its layers and composes the matched layers' middleware anew each time; for
// the autosave, the request a typing applicant sends every few seconds, that was a tenth of the BFF's CPU per save.
// Anything the expression does not match (another method, a trailing slash, a percent-encoded id) goes on to the
// routers, which answer it as they always did.
import compose from 'koa-compose';
import type { Middleware } from 'koa';

/** What @koa/router sets on a matched request and this codebase reads (ownedChange: params; requestContext: the route). */
interface RoutedContext {
  params: Record<string, string>;
  request: { params?: Record<string, string> };
  _matchedRoute?: string;
  routerPath?: string;
}

/** A `:name` segment matches one segment of these characters (every id the contract issues), so nothing needs decoding. */
const SEGMENT = '([A-Za-z0-9_-]+)';

/** `/api/changes/:id/progress` → an anchored expression and its parameter names. */
export function compileRoutePath(path: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      if (/^:\w+$/.test(segment)) {
        names.push(segment.slice(1));
        return SEGMENT;
      }
      if (!/^[\w.-]*$/.test(segment)) throw new Error(`hotRoute: unsupported path segment "${segment}" in ${path}`);
      return segment.replace(/\./g, '\\.');
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), names };
}

/**
 * Serves `method path` (HEAD too for GET, as the router does) with `middleware` in order, exactly the chain the
 * router would run for it; calls `next()` for every other request.
 */
export function hotRoute<S>(method: 'GET' | 'PATCH' | 'POST', path: string, middleware: Middleware<S>[]): Middleware<S> {
  const { pattern, names } = compileRoutePath(path);
  const run = compose(middleware);
  const methods = new Set(method === 'GET' ? ['GET', 'HEAD'] : [method]);
  return (ctx, next) => {
    if (!methods.has(ctx.method)) return next();
    const match = pattern.exec(ctx.path);
    if (!match) return next();
    const params: Record<string, string> = {};
    for (let i = 0; i < names.length; i += 1) params[names[i]] = match[i + 1];
    const routed = ctx as unknown as RoutedContext;
    routed.params = params;
    routed.request.params = params;
    routed._matchedRoute = path;
    routed.routerPath = path;
    return run(ctx, next);
  };
}
