// Serves the H5 build (dist/h5) at `/` when it exists; the hash router needs no fallback beyond index.html. Pages get
// the H5 Content-Security-Policy with the hashes of their own inline scripts. The build's precompressed copies (.br,
// .gz) are sent when the browser accepts them; content-hashed files are cached for a year, index.html revalidated.
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

/** A file whose name carries its content hash (`app.db54bfdc.js`, `app.db54bfdc1a00f911475a.css`): never changes. */
export function isHashedAsset(file: string): boolean {
  return /\.[0-9a-f]{8,}\.[a-z0-9]+$/i.test(file);
}

export function cacheControlOf(file: string): string {
  if (extname(file) === '.html') return 'no-cache';
  return isHashedAsset(file) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600';
}

/** The precompressed copy to send for `file` (brotli before gzip), by the request's Accept-Encoding. */
export function encodedVariant(file: string, acceptEncoding: string): { path: string; encoding: 'br' | 'gzip' } | null {
  const accepted = new Set(
    acceptEncoding
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || Number(q.trim().replace(/^q=/, '')) > 0)
      .map(([name]) => name.trim().toLowerCase()),
  );
  const accepts = (coding: string) => accepted.has(coding);
  if (accepts('br') && existsSync(`${file}.br`)) return { path: `${file}.br`, encoding: 'br' };
  if (accepts('gzip') && existsSync(`${file}.gz`)) return { path: `${file}.gz`, encoding: 'gzip' };
  return null;
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
    ctx.set('Cache-Control', cacheControlOf(file));
    if (extname(file) === '.html') ctx.set('Content-Security-Policy', cspOf(file));
    const variant = encodedVariant(file, ctx.get('accept-encoding'));
    // Caches must key on the encoding whenever a compressed copy exists, whichever one this request got.
    if (variant || existsSync(`${file}.br`) || existsSync(`${file}.gz`)) ctx.vary('Accept-Encoding');
    if (variant) ctx.set('Content-Encoding', variant.encoding);
    const sent = variant?.path ?? file;
    ctx.length = statSync(sent).size;
    ctx.body = createReadStream(sent);
  };
}
