// SMS verification codes (stored hashed, 5 minutes, 5 tries) and the per-phone send limits (60 s, daily cap).
import type Redis from 'ioredis';
import { keys, TTL } from './keys';
import { chinaDate, secondsToBeijingMidnight } from '../../../shared/rules/dates';

/** KEYS: cooldown, daily   ARGV: cooldownTtl, dailyCap, dailyTtl, secondsToMidnight */
const RESERVE_LUA = `
local wait = redis.call('TTL', KEYS[1])
if wait > 0 then return {'cooldown', wait} end
local sent = tonumber(redis.call('GET', KEYS[2]) or '0')
if sent >= tonumber(ARGV[2]) then return {'daily_cap', tonumber(ARGV[4])} end
redis.call('SET', KEYS[1], '1', 'EX', ARGV[1])
redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return {'ok', 0}
`;

/** KEYS: code   ARGV: hash, maxTries */
const VERIFY_LUA = `
local stored = redis.call('HGET', KEYS[1], 'hash')
if not stored then return {'missing', 0} end
if stored == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return {'ok', 0}
end
local tries = redis.call('HINCRBY', KEYS[1], 'tries', 1)
if tries >= tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[1])
  return {'exhausted', 0}
end
return {'wrong', tonumber(ARGV[2]) - tries}
`;

/** KEYS: cooldown, daily   Gives a reservation back: the cooldown ends and the daily count drops by one. */
const RELEASE_LUA = `
redis.call('DEL', KEYS[1])
local n = tonumber(redis.call('GET', KEYS[2]) or '0')
if n > 0 then redis.call('DECR', KEYS[2]) end
return 0
`;

export const SMS_MAX_TRIES = 5;

export type ReserveResult = { outcome: 'ok' } | { outcome: 'cooldown' | 'daily_cap'; retryAfterSeconds: number };
export type VerifyResult = { outcome: 'ok' | 'missing' | 'exhausted' } | { outcome: 'wrong'; triesLeft: number };

/** Calendar day in China (UTC+8): the daily cap resets at Beijing midnight. */
function chinaDay(now: Date): { day: string; secondsToMidnight: number } {
  return { day: chinaDate(now), secondsToMidnight: secondsToBeijingMidnight(now) };
}

export function createSmsStore(redis: Redis) {
  return {
    async reserveSend(phone: string, dailyCap: number, now = new Date()): Promise<ReserveResult> {
      const { day, secondsToMidnight } = chinaDay(now);
      const [outcome, wait] = (await redis.eval(RESERVE_LUA, 2, keys.smsCooldown(phone), keys.smsDaily(phone, day), TTL.smsCooldown, dailyCap, TTL.smsDaily, secondsToMidnight)) as [
        string,
        number,
      ];
      return outcome === 'ok' ? { outcome: 'ok' } : { outcome: outcome as 'cooldown' | 'daily_cap', retryAfterSeconds: wait };
    },
    /** Gives back a reservation no code went out on (a budget refused, or the gateway failed). */
    async releaseSend(phone: string, now = new Date()): Promise<void> {
      await redis.eval(RELEASE_LUA, 2, keys.smsCooldown(phone), keys.smsDaily(phone, chinaDay(now).day));
    },
    async storeCode(applicantId: string, changeId: string, phone: string, hash: string): Promise<void> {
      const key = keys.smsCode(applicantId, changeId, phone);
      await redis.multi().del(key).hset(key, 'hash', hash, 'tries', '0').expire(key, TTL.smsCode).exec();
    },
    async verify(applicantId: string, changeId: string, phone: string, hash: string): Promise<VerifyResult> {
      const [outcome, left] = (await redis.eval(VERIFY_LUA, 1, keys.smsCode(applicantId, changeId, phone), hash, SMS_MAX_TRIES)) as [string, number];
      return outcome === 'wrong' ? { outcome: 'wrong', triesLeft: left } : { outcome: outcome as 'ok' | 'missing' | 'exhausted' };
    },
  };
}
export type SmsStore = ReturnType<typeof createSmsStore>;
