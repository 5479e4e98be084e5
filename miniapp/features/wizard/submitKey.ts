// The idempotency key of a submit: generated once per change and kept on the phone until the BFF confirms.
import Taro from '@tarojs/taro';

const storageKey = (changeId: string) => `wizard.submitKey.${changeId}`;

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
    const stored = Taro.getStorageSync(storageKey(changeId));
    if (typeof stored === 'string' && stored.length >= 16) return stored;
  } catch {
    // Fall through to a new key.
  }
  const key = randomKey();
  try {
    Taro.setStorageSync(storageKey(changeId), key);
  } catch {
    // Kept in memory by the caller for this session's retries.
  }
  return key;
}

/** Forget the key once the BFF answered definitively (accepted, or refused without submitting). */
export function forgetSubmitKey(changeId: string): void {
  try {
    Taro.removeStorageSync(storageKey(changeId));
  } catch {
    // Nothing stored.
  }
}
