// HMAC-SHA256 signing of review-system callbacks, shared by the sandbox (signs) and the BFF (verifies). Node only: not exported from shared/index.ts.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { REVIEW_SIGNATURE_TOLERANCE_SECONDS } from './reviewSystem';

const PREFIX = 'sha256=';

/** The `X-Review-Signature` value: `sha256=<hex HMAC-SHA256 of "${timestamp}.${rawBody}">`. */
export function signPayload(secret: string, timestamp: number | string, rawBody: string | Buffer): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(rawBody);
  return `${PREFIX}${hmac.digest('hex')}`;
}

export interface VerifyOptions {
  /** Current unix time in seconds (tests pin it). */
  nowSeconds?: number;
  /** Allowed clock distance; default REVIEW_SIGNATURE_TOLERANCE_SECONDS. */
  toleranceSeconds?: number;
}

/**
 * True when `signature` is the valid signature of `rawBody` at `timestamp` and the timestamp is fresh.
 * Compares in constant time; `rawBody` must be the exact bytes received, before any JSON parsing.
 */
export function verifySignature(secret: string, timestamp: number | string | undefined, rawBody: string | Buffer, signature: string | undefined, options: VerifyOptions = {}): boolean {
  if (timestamp === undefined || signature === undefined) return false;
  const ts = typeof timestamp === 'number' ? timestamp : /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!Number.isSafeInteger(ts)) return false;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - ts) > (options.toleranceSeconds ?? REVIEW_SIGNATURE_TOLERANCE_SECONDS)) return false;
  if (!signature.startsWith(PREFIX)) return false;
  const given = Buffer.from(signature.slice(PREFIX.length), 'hex');
  const expected = Buffer.from(signPayload(secret, ts, rawBody).slice(PREFIX.length), 'hex');
  // Buffer.from(hex) silently drops bad digits: a length check before timingSafeEqual also rejects those.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Headers to send with a signed callback body. */
export function signedHeaders(secret: string, rawBody: string, nowSeconds = Math.floor(Date.now() / 1000)): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-review-timestamp': String(nowSeconds),
    'x-review-signature': signPayload(secret, nowSeconds, rawBody),
  };
}
