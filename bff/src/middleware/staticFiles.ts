// Serves the H5 build (dist/h5) at `/` when it exists; the hash router needs no fallback beyond index.html. Pages get
// the H5 Content-Security-Policy with the hashes of their own inline scripts.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Middleware } from 'koa';
import { inlineScriptHashes, pageCsp } from './securityHeaders';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

/** The file under `root` a request path names, or null (not decodable, outside the root, or no such file). */
function fileOf(root: string, path: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(path);
  } catch {
    return null;
  }
  const file = normalize(join(root, rel === '/' ? 'index.html' : rel));
  if (file !== root && !file.startsWith(root + sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/** `imageOrigins`: where the page may load images from besides itself (see pageCsp). */
export function staticFiles(dir: string, imageOrigins: readonly string[] = []): Middleware {
  const root = resolve(dir);
  // A page's policy, per file and modification time (a rebuild under a running BFF gets its new hashes).
  const policies = new Map<string, { mtimeMs: number; csp: string }>();
  const cspOf = (file: string) => {
    const { mtimeMs } = statSync(file);
    const known = policies.get(file);
    if (known?.mtimeMs === mtimeMs) return known.csp;
    const csp = pageCsp(inlineScriptHashes(readFileSync(file, 'utf8')), imageOrigins);
    policies.set(file, { mtimeMs, csp });
    return csp;
  };
  return async (ctx, next) => {
    const served = (ctx.method === 'GET' || ctx.method === 'HEAD') && !ctx.path.startsWith('/api/') && existsSync(root);
    const file = served ? fileOf(root, ctx.path) : null;
    if (!file) {
      await next();
      return;
    }
    ctx.type = TYPES[extname(file)] ?? 'application/octet-stream';
    ctx.set('Cache-Control', extname(file) === '.html' ? 'no-cache' : 'public, max-age=3600');
    if (extname(file) === '.html') ctx.set('Content-Security-Policy', cspOf(file));
    ctx.length = statSync(file).size;
    ctx.body = createReadStream(file);
  };
}
