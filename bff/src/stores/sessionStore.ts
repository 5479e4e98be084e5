// Sessions: opaque bearer token → applicant, kept in Redis with a TTL (the WeChat session key never leaves here).
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { keys } from './keys';

export interface Session {
  applicantId: string;
  openid: string | null;
  /** WeChat session_key: server-side only, never in a response. */
  sessionKey: string | null;
  createdAt: string;
}

export function createSessionStore(redis: Redis, ttlSeconds: number) {
  return {
    ttlSeconds,
    async create(session: Session): Promise<{ token: string; expiresAt: string }> {
      const token = randomBytes(32).toString('base64url');
      await redis.set(keys.session(token), JSON.stringify(session), 'EX', ttlSeconds);
      return { token, expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString() };
    },
    async get(token: string): Promise<Session | null> {
      const raw = await redis.get(keys.session(token));
      return raw ? (JSON.parse(raw) as Session) : null;
    },
    /** Logout: the session is gone for every instance (a cache in front of this store must drop it too). */
    async revoke(token: string): Promise<void> {
      await redis.del(keys.session(token));
    },
  };
}
export type SessionStore = ReturnType<typeof createSessionStore>;
