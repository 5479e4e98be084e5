// The JSON body reader: a POST, PUT or PATCH with a JSON content type is read up to a byte limit and parsed once into
// ctx.request.body (its text kept as ctx.request.rawBody for signed callbacks). Other content types leave the body
// empty for their own routes (photo uploads read their multipart stream themselves).
import type { IncomingMessage } from 'node:http';
import type { Middleware } from 'koa';
import { invalidJson, payloadTooLarge, unsupportedMediaType } from '../errors';

export interface JsonBodyOptions {
  /** Largest body accepted, in bytes (413 beyond it). */
  limit: number;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
/** Only objects and arrays, as before (co-body's strict mode): `"x"` or `1` is not a request body. */
const STARTS_LIKE_JSON = /^[ \t\n\r]*[[{]/;
/** A key that could set a prototype, written plainly or with escapes (the check @hapi/bourne makes). */
const SUSPECT_PROTO = /"(?:_|\\u005[Ff])(?:_|\\u005[Ff])(?:p|\\u0070)(?:r|\\u0072)(?:o|\\u006[Ff])(?:t|\\u0074)(?:o|\\u006[Ff])(?:_|\\u005[Ff])(?:_|\\u005[Ff])"/;

/** `application/json`, `application/<anything>+json` and `application/csp-report`, any parameters and case. */
function isJsonType(contentType: string): boolean {
  const semicolon = contentType.indexOf(';');
  const type = (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json')) || type === 'application/csp-report';
}

/** True when a parsed value holds an own `__proto__` key anywhere (JSON.parse makes it a plain property, which is harmless here but refused as before). */
function hasProtoKey(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Object.prototype.hasOwnProperty.call(node, '__proto__')) return true;
    for (const child of Object.values(node)) stack.push(child);
  }
  return false;
}

/**
 * The request's bytes as UTF-8 text, refusing more than `limit` bytes (the rest is drained so the connection stays
 * usable). The listeners are methods of one object: tsx's loader (esbuild keepNames) wraps every closure bound to a
 * name in a `__name` call, four property definitions per request here that methods do not cost.
 */
function readText(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const listeners = {
      done(this: void) {
        req.off('data', listeners.data);
        req.off('end', listeners.end);
        req.off('error', listeners.error);
        req.off('aborted', listeners.error);
      },
      data(this: void, chunk: Buffer) {
        size += chunk.length;
        if (size > limit) {
          listeners.done();
          req.resume();
          reject(payloadTooLarge());
          return;
        }
        chunks.push(chunk);
      },
      end(this: void) {
        listeners.done();
        resolve(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks, size).toString('utf8'));
      },
      error(this: void) {
        listeners.done();
        reject(invalidJson());
      },
    };
    req.on('data', listeners.data);
    req.on('end', listeners.end);
    req.on('error', listeners.error);
    req.on('aborted', listeners.error);
  });
}

export function jsonBody({ limit }: JsonBodyOptions): Middleware {
  return async (ctx, next) => {
    const request = ctx.request as typeof ctx.request & { body?: unknown; rawBody?: string };
    if (!BODY_METHODS.has(ctx.method) || request.body !== undefined) {
      await next();
      return;
    }
    if (!isJsonType(ctx.get('content-type'))) {
      request.body = {};
      await next();
      return;
    }
    const encoding = ctx.get('content-encoding');
    if (encoding && encoding.toLowerCase() !== 'identity') throw unsupportedMediaType();
    const declared = Number(ctx.get('content-length') || 0);
    if (declared > limit) throw payloadTooLarge();

    const text = await readText(ctx.req, limit);
    let parsed: unknown = {};
    if (text !== '') {
      if (!STARTS_LIKE_JSON.test(text)) throw invalidJson();
      try {
        parsed = JSON.parse(text);
      } catch {
        throw invalidJson();
      }
      if (SUSPECT_PROTO.test(text) && hasProtoKey(parsed)) throw invalidJson();
    }
    request.body = parsed;
    request.rawBody = text;
    await next();
  };
}
