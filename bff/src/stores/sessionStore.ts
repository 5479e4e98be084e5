// Sessions: opaque bearer token → applicant, kept in Redis with a TTL (the WeChat session key never leaves here). Each
// instance keeps the sessions it has read in memory, so a request resolves its token without a round trip; Redis tells
// every instance when a session key changes (logout, expiry, any write — stores/keyTracking.ts), and a copy is never
// kept past the key's own expiry.
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { keys, SESSION_KEY_PREFIX } from './keys';
import { watchKeys } from './keyTracking';

export interface Session {
  applicantId: string;
  openid: string | null;
  /** WeChat session_key: server-side only, never in a response. */
  sessionKey: string | null;
  createdAt: string;
}

/** The in-process session copies: bounded in number and age (a safety net; invalidation is what keeps them right). */
export const SESSION_CACHE = {
  /** Sessions held per instance; the oldest read goes first. */
  maxEntries: 50_000,
  /** A copy is read again from Redis after this long even if nothing announced a change. */
  maxAgeMs: 10 * 60 * 1000,
} as const;

interface Cached {
  /** The Redis key (the token's digest): what invalidations name. */
  key: string;
  session: Session;
  /** ms since epoch: the key's own expiry or maxAgeMs after the read, whichever is first. */
  validUntil: number;
}

/** Reads of one key in flight, and whether an invalidation of that key arrived meanwhile (then the value is not kept). */
interface InFlight {
  readers: number;
  invalidated: boolean;
}

export function createSessionStore(redis: Redis, ttlSeconds: number) {
  // Copies by token, so a hit costs no hashing; tokenOf maps the keys invalidations name back to them.
  const cache = new Map<string, Cached>();
  const tokenOf = new Map<string, string>();
  const inFlight = new Map<string, InFlight>();
  /** Bumped whenever every copy is dropped: a read that started before must not be kept either. */
  let generation = 0;

  /** Drops the copy of `key` (null: of every key), and keeps a read of it now in flight from storing what it gets. */
  const forget = (key: string | null) => {
    if (key === null) {
      cache.clear();
      tokenOf.clear();
      generation += 1;
      for (const read of inFlight.values()) read.invalidated = true;
      return;
    }
    const token = tokenOf.get(key);
    if (token !== undefined) {
      cache.delete(token);
      tokenOf.delete(key);
    }
    const read = inFlight.get(key);
    if (read) read.invalidated = true;
  };
  const keep = (token: string, entry: Cached) => {
    cache.delete(token);
    cache.set(token, entry);
    tokenOf.set(entry.key, token);
    if (cache.size > SESSION_CACHE.maxEntries) {
      const [oldest, dropped] = cache.entries().next().value as [string, Cached];
      cache.delete(oldest);
      tokenOf.delete(dropped.key);
    }
  };
  const watch = watchKeys(redis, SESSION_KEY_PREFIX, forget);

  /** GET + PTTL in one round trip; the copy is kept only if nothing about the key changed while it was read. */
  async function read(token: string, key: string): Promise<Session | null> {
    const startedIn = generation;
    let flight = inFlight.get(key);
    if (!flight) {
      flight = { readers: 0, invalidated: false };
      inFlight.set(key, flight);
    }
    flight.readers += 1;
    try {
      const [[getError, raw], [pttlError, pttl]] = (await redis.pipeline().get(key).pttl(key).exec()) as [[Error | null, string | null], [Error | null, number]];
      const failed = getError ?? pttlError;
      if (failed) throw failed;
      if (raw === null) return null;
      const session = JSON.parse(raw) as Session;
      if (watch.isLive() && !flight.invalidated && generation === startedIn && pttl > 0) {
        keep(token, { key, session, validUntil: Date.now() + Math.min(pttl, SESSION_CACHE.maxAgeMs) });
      }
      return session;
    } finally {
      flight.readers -= 1;
      if (flight.readers === 0) inFlight.delete(key);
    }
  }

  return {
    ttlSeconds,
    async create(session: Session): Promise<{ token: string; expiresAt: string }> {
      const token = randomBytes(32).toString('base64url');
      await redis.set(keys.session(token), JSON.stringify(session), 'EX', ttlSeconds);
      return { token, expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString() };
    },

    async get(token: string): Promise<Session | null> {
      const hit = watch.isLive() ? cache.get(token) : undefined;
      if (hit && Date.now() < hit.validUntil) return hit.session;
      return read(token, keys.session(token));
    },

    /** Logout: the key goes, and with it every instance's copy (this one's at once, the others' when Redis tells them). */
    async revoke(token: string): Promise<void> {
      const key = keys.session(token);
      forget(key);
      await redis.del(key);
    },

    /** Stops listening for invalidations (also done when the Redis connection ends). */
    close(): void {
      watch.close();
      cache.clear();
      tokenOf.clear();
    },
  };
}
export type SessionStore = ReturnType<typeof createSessionStore>;
