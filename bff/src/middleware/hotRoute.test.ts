// The hot route serves exactly its method and path with its chain, as the router would (params, the route pattern for
// the request log), and hands every other request on untouched.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import Koa from 'koa';
import { compileRoutePath, hotRoute } from './hotRoute';

let server: Server;
let base: string;
const seen: string[] = [];

beforeAll(async () => {
  const app = new Koa();
  app.use(async (ctx, next) => {
    await next();
    // What requestContext logs: the matched pattern, else the raw path.
    const route = (ctx as { _matchedRoute?: string })._matchedRoute;
    ctx.set('x-route', route ?? `raw:${ctx.path}`);
  });
  app.use(
    hotRoute('PATCH', '/api/changes/:id', [
      async (ctx, next) => {
        seen.push(`session ${ctx.path}`);
        await next();
      },
      (ctx) => {
        const params = (ctx as unknown as { params: Record<string, string> }).params;
        ctx.body = { hot: true, params, requestParams: (ctx.request as unknown as { params: unknown }).params };
      },
    ]),
  );
  app.use(
    hotRoute('GET', '/api/changes/:id/progress', [
      async (ctx, next) => {
        ctx.set('x-before', 'yes');
        await next(); // the chain's end goes on to the rest of the app, as the router's does
      },
    ]),
  );
  app.use((ctx) => {
    ctx.body = { hot: false, method: ctx.method, path: ctx.path };
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

const call = async (method: string, path: string) => {
  const res = await fetch(`${base}${path}`, { method });
  return { res, body: method === 'HEAD' ? null : ((await res.json()) as Record<string, unknown>) };
};

test('serves its method and path with its chain, setting the params and the route pattern as the router does', async () => {
  const { res, body } = await call('PATCH', '/api/changes/chg_Abc-123');
  expect(body).toEqual({ hot: true, params: { id: 'chg_Abc-123' }, requestParams: { id: 'chg_Abc-123' } });
  expect(res.headers.get('x-route')).toBe('/api/changes/:id');
  expect(seen).toContain('session /api/changes/chg_Abc-123');
});

test('hands on any other method, path or form of the id to the next middleware (the routers) untouched', async () => {
  for (const [method, path] of [
    ['GET', '/api/changes/chg_1'],
    ['POST', '/api/changes/chg_1'],
    ['PATCH', '/api/changes/chg_1/'],
    ['PATCH', '/api/changes/'],
    ['PATCH', '/api/changes/chg_1/progress'],
    ['PATCH', '/api/changes/chg%201'],
    ['PATCH', '/API/changes/chg_1'],
    ['PATCH', '/api/changesXchg_1'],
  ]) {
    const { res, body } = await call(method, path);
    expect({ method, path, body }).toEqual({ method, path, body: { hot: false, method, path } });
    expect(res.headers.get('x-route')).toBe(`raw:${path}`);
  }
});

test('a GET route answers HEAD too, and its chain may go on to the rest of the app', async () => {
  const get = await call('GET', '/api/changes/chg_1/progress');
  expect(get.res.headers.get('x-before')).toBe('yes');
  expect(get.res.headers.get('x-route')).toBe('/api/changes/:id/progress');
  expect(get.body).toEqual({ hot: false, method: 'GET', path: '/api/changes/chg_1/progress' });
  const head = await call('HEAD', '/api/changes/chg_1/progress');
  expect(head.res.headers.get('x-before')).toBe('yes');
});

test('compiles literal segments literally and refuses a pattern it cannot serve exactly', () => {
  expect(compileRoutePath('/a.b/:id').pattern.test('/a.b/x')).toBe(true);
  expect(compileRoutePath('/a.b/:id').pattern.test('/aXb/x')).toBe(false);
  expect(compileRoutePath('/v1/:kind/items/:id').names).toEqual(['kind', 'id']);
  expect(() => compileRoutePath('/files/(.*)')).toThrow(/unsupported path segment/);
  expect(() => compileRoutePath('/files/:name?')).toThrow(/unsupported path segment/); // optional: the router's business
});
