// Serves the H5 build (dist/h5) at `/` when it exists; the hash router needs no fallback beyond index.html.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Middleware } from 'koa';

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

export function staticFiles(dir: string): Middleware {
  const root = resolve(dir);
  return async (ctx, next) => {
    const served = (ctx.method === 'GET' || ctx.method === 'HEAD') && !ctx.path.startsWith('/api/') && existsSync(root);
    const file = served ? fileOf(root, ctx.path) : null;
    if (!file) {
      await next();
      return;
    }
    ctx.type = TYPES[extname(file)] ?? 'application/octet-stream';
    ctx.set('Cache-Control', extname(file) === '.html' ? 'no-cache' : 'public, max-age=3600');
    ctx.length = statSync(file).size;
    ctx.body = createReadStream(file);
  };
}
