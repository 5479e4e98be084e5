// Per-address login attempt counter (fixed one-minute window): guessing wx codes or hammering the demo picker is capped.
import type Redis from 'ioredis';
import { keys, TTL } from './keys';

/** KEYS: counter   ARGV: window seconds. Returns {attempts, seconds left in the window}. */
const HIT_LUA = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}
`;

export function createLoginLimitStore(redis: Redis) {
  return {
    /** Counts one attempt; returns how many this window holds and when it ends. */
    async hit(clientAddress: string): Promise<{ attempts: number; retryAfterSeconds: number }> {
      const [attempts, ttl] = (await redis.eval(HIT_LUA, 1, keys.loginAttempts(clientAddress), TTL.loginWindow)) as [number, number];
      return { attempts, retryAfterSeconds: Math.max(1, ttl) };
    },
  };
}
export type LoginLimitStore = ReturnType<typeof createLoginLimitStore>;
