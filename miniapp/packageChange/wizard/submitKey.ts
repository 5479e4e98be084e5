// The idempotency key of a submit: generated once per change and kept on the phone until the BFF confirms.
import Taro from '@tarojs/taro';

const storageKey = (changeId: string) => `wizard.submitKey.${changeId}`;
/** Fallback when storage is unavailable: at least retries within this session reuse the key. */
const inMemory = new Map<string, string>();

function randomKey(): string {
  const bytes = new Uint8Array(16);
  const cryptoApi = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (cryptoApi?.getRandomValues) cryptoApi.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The key for this change's submit: the stored one if a previous attempt never got an answer, else a new one. */
export function submitKeyFor(changeId: string): string {
  try {
    const stored: unknown = Taro.getStorageSync(storageKey(changeId));
    if (typeof stored === 'string' && stored.length >= 16) return stored;
  } catch {
    // Fall through to the in-memory key or a new one.
  }
  const key = inMemory.get(changeId) ?? randomKey();
  inMemory.set(changeId, key);
  try {
    Taro.setStorageSync(storageKey(changeId), key);
  } catch {
    // Kept in `inMemory` for this session's retries.
  }
  return key;
}

/** Forget the key once the BFF answered definitively (accepted, or refused without submitting). */
export function forgetSubmitKey(changeId: string): void {
  inMemory.delete(changeId);
  try {
    Taro.removeStorageSync(storageKey(changeId));
  } catch {
    // Nothing stored.
  }
}
