// Response headers every answer carries: no MIME sniffing, no framing, no referrer, and a Content-Security-Policy —
// `default-src 'none'` for the API (JSON and photo bytes, nothing to run) and one fit for the H5 build for its pages.
// API answers are never stored by a cache (they carry ID numbers and drafts).
import { createHash } from 'node:crypto';
import type { Middleware } from 'koa';

/** The API answers: nothing in them may run, load or be framed. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The H5 build (dist/h5): its own scripts, plus each inline script of index.html by hash (Taro inlines the rem sizing
 * script); styles from its files and the inline styles Taro's components set; images from itself (the signed photo
 * previews are same-origin), `data:` (icons inlined by the build), `blob:` (a photo picked before upload) and
 * `imageOrigins` (the filed materials' images, served by the review system); fonts from itself or inlined; requests to
 * itself (the BFF serves the build) and to `blob:` (Taro reads a picked photo from its blob URL to upload it). No eval
 * (the mini-program tells zod not to compile parsers: miniapp/zodConfig.ts).
 */
export function pageCsp(inlineScriptHashes: readonly string[], imageOrigins: readonly string[] = []): string {
  const hashes = inlineScriptHashes.map((h) => ` '${h}'`).join('');
  return [
    "default-src 'self'",
    `script-src 'self'${hashes}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${imageOrigins.map((o) => ` ${o}`).join('')}`,
    "font-src 'self' data:",
    "connect-src 'self' blob:",
    "media-src 'self' blob:",
    "object-src 'none'",
    "worker-src 'self' blob:",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** `sha256-…` of every inline `<script>` (no `src`) in an HTML page, as CSP wants them. */
export function inlineScriptHashes(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\ssrc\s*=/i.test(m[1] ?? '')) continue;
    out.push(`sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}`);
  }
  return out;
}

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/') || path === '/healthz' || path === '/readyz';

/**
 * Sets the headers before the rest of the chain runs, so error answers carry them too; the H5 file server replaces
 * the CSP and Cache-Control of what it serves, the photo preview its Cache-Control (`private, no-store`).
 */
export function securityHeaders(): Middleware {
  return async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Content-Security-Policy', API_CSP);
    if (isApiPath(ctx.path)) ctx.set('Cache-Control', 'no-store');
    await next();
  };
}
