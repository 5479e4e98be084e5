// HMAC-signed, expiring preview URLs for processed photos: the only way to read an ID photo without the draft API.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { BFF_ROUTES } from '../../../shared/contracts/bffRoutes';

/** Where the materials router serves previews (relative to the BFF origin): the contract's path up to the file id. */
export const PREVIEW_PATH_PREFIX = BFF_ROUTES.materialPreview.path.replace(/:fileId$/, '');
/** A preview link is meant for the screen showing it right after upload, not for sharing. */
export const PREVIEW_TTL_SECONDS = 300;
/** Signed links never live longer than this, whatever a caller asks for. */
export const MAX_PREVIEW_TTL_SECONDS = 3600;
/**
 * Links in a draft answer live at least this long (the materials step stays open a while; tapping a thumbnail opens
 * the same link) and expire on a boundary of DRAFT_PREVIEW_STEP_SECONDS, so the drafts read within one step carry the
 * very same URL: an autosave answer does not make every thumbnail load again.
 */
export const DRAFT_PREVIEW_MIN_TTL_SECONDS = 20 * 60;
export const DRAFT_PREVIEW_STEP_SECONDS = 10 * 60;

/** The TTL that makes a draft's preview links expire on the next step boundary at least the minimum TTL away. */
export function draftPreviewTtlSeconds(nowMs: number): number {
  const nowSec = Math.floor(nowMs / 1000);
  const expiresAt = Math.ceil((nowSec + DRAFT_PREVIEW_MIN_TTL_SECONDS) / DRAFT_PREVIEW_STEP_SECONDS) * DRAFT_PREVIEW_STEP_SECONDS;
  return expiresAt - nowSec;
}

function signature(fileId: string, expiresAt: number, secret: string): string {
  return createHmac('sha256', secret).update(`material-preview\n${fileId}\n${expiresAt}`).digest('base64url');
}

export function signedPreviewUrl(options: { fileId: string; ttlSeconds: number; secret: string; publicBaseUrl?: string; nowMs?: number }): string {
  const ttl = Math.min(Math.max(1, Math.floor(options.ttlSeconds)), MAX_PREVIEW_TTL_SECONDS);
  const expiresAt = Math.floor((options.nowMs ?? Date.now()) / 1000) + ttl;
  const base = (options.publicBaseUrl ?? '').replace(/\/+$/, '');
  const sig = signature(options.fileId, expiresAt, options.secret);
  return `${base}${PREVIEW_PATH_PREFIX}${options.fileId}?exp=${expiresAt}&sig=${sig}`;
}

export type PreviewCheck = 'ok' | 'expired' | 'invalid';

export function checkPreviewSignature(fileId: string, exp: unknown, sig: unknown, secret: string, nowMs = Date.now()): PreviewCheck {
  if (typeof exp !== 'string' || !/^\d{1,12}$/.test(exp) || typeof sig !== 'string' || sig.length > 100) return 'invalid';
  const expected = Buffer.from(signature(fileId, Number(exp), secret));
  const given = Buffer.from(sig);
  // Signature first, expiry second: an expired link only says so when it was genuine.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  const nowSec = Math.floor(nowMs / 1000);
  if (Number(exp) < nowSec || Number(exp) > nowSec + MAX_PREVIEW_TTL_SECONDS) return 'expired';
  return 'ok';
}
