// Unit tests of the callback signature helpers the BFF uses to trust the review system's callbacks.
import { signPayload, verifySignature } from '../shared/contracts/signature';

const secret = 'shared-secret-1';
const body = JSON.stringify({ eventId: 'evt_1', type: 'initial_passed', note: '初审通过' });
const now = 1_790_000_000;

describe('signPayload / verifySignature', () => {
  it('accepts the signature of the exact body and timestamp', () => {
    const signature = signPayload(secret, now, body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature(secret, String(now), body, signature, { nowSeconds: now })).toBe(true);
    expect(verifySignature(secret, now, Buffer.from(body), signature, { nowSeconds: now + 10 })).toBe(true);
  });

  it('rejects another body, timestamp, secret or a malformed header', () => {
    const signature = signPayload(secret, now, body);
    expect(verifySignature(secret, now, body.replace('初审通过', '初审驳回'), signature, { nowSeconds: now })).toBe(false);
    expect(verifySignature(secret, now + 1, body, signature, { nowSeconds: now })).toBe(false);
    expect(verifySignature('other-secret', now, body, signature, { nowSeconds: now })).toBe(false);
    expect(verifySignature(secret, now, body, signature.replace('sha256=', 'sha1='), { nowSeconds: now })).toBe(false);
    expect(verifySignature(secret, now, body, `${signature.slice(0, -2)}zz`, { nowSeconds: now })).toBe(false);
    expect(verifySignature(secret, undefined, body, signature, { nowSeconds: now })).toBe(false);
    expect(verifySignature(secret, 'soon', body, signature, { nowSeconds: now })).toBe(false);
  });

  it('rejects a replayed callback older than the tolerance', () => {
    const signature = signPayload(secret, now, body);
    expect(verifySignature(secret, now, body, signature, { nowSeconds: now + 301 })).toBe(false);
    expect(verifySignature(secret, now, body, signature, { nowSeconds: now + 301, toleranceSeconds: 600 })).toBe(true);
  });
});
