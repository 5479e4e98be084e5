// The BFF session token kept in mini-program storage (only the opaque token: no personal data is stored).
import Taro from '@tarojs/taro';

const TOKEN_KEY = 'beian.session';

interface StoredSession {
  token: string;
  expiresAt: string;
}

function readSession(): StoredSession | null {
  const stored: unknown = Taro.getStorageSync(TOKEN_KEY);
  if (!stored || typeof stored !== 'object') return null;
  const { token, expiresAt } = stored as Partial<StoredSession>;
  if (typeof token !== 'string' || !token || typeof expiresAt !== 'string') return null;
  return { token, expiresAt };
}

/** The token, or null when there is none or it has expired (an expired token would only earn a 401). */
export function getToken(now: Date = new Date()): string | null {
  const session = readSession();
  if (!session) return null;
  const expires = Date.parse(session.expiresAt);
  if (!Number.isNaN(expires) && expires <= now.getTime()) return null;
  return session.token;
}

export function setToken(token: string, expiresAt: string): void {
  Taro.setStorageSync(TOKEN_KEY, { token, expiresAt } satisfies StoredSession);
}

export function clearToken(): void {
  Taro.removeStorageSync(TOKEN_KEY);
}

export function hasSession(): boolean {
  return getToken() !== null;
}
