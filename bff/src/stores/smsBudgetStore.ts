// SMS budgets beyond the per-phone limits (issue 12): distinct numbers per change per day, codes per applicant per day,
// per client address per hour, and the whole service per minute. Each is a fixed window in Redis; each take is atomic
// on its own key and can be given back when a later budget (or the gateway) refuses.
import type Redis from 'ioredis';
import { digest, keys, TTL } from './keys';
import { chinaDate, secondsToBeijingMidnight } from '../../../shared/rules/dates';

/** KEYS: counter   ARGV: cap, ttl. Counts one unless the cap is reached. Returns {taken 1|0, seconds left in the window}. */
const TAKE_LUA = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n >= tonumber(ARGV[1]) then return {0, redis.call('TTL', KEYS[1])} end
if redis.call('INCR', KEYS[1]) == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return {1, redis.call('TTL', KEYS[1])}
`;

/** KEYS: counter   Gives one back (never below zero). */
const GIVE_BACK_LUA = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 0 then redis.call('DECR', KEYS[1]) end
return 0
`;

/** KEYS: set   ARGV: member, cap, ttl. A member already in counts nothing. Returns {taken 1|0, added 1|0}. */
const MEMBER_LUA = `
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return {1, 0} end
if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[2]) then return {0, 0} end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {1, 1}
`;

/** KEYS: counter, alerted marker   ARGV: cap, ttl. Like TAKE, plus {…, first refusal of this window 1|0}. */
const GLOBAL_LUA = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n >= tonumber(ARGV[1]) then
  local first = redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[2]) and 1 or 0
  return {0, redis.call('TTL', KEYS[1]), first}
end
if redis.call('INCR', KEYS[1]) == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return {1, 0, 0}
`;

export interface SmsBudgetCaps {
  numbersPerChangePerDay: number;
  perApplicantPerDay: number;
  perAddressPerHour: number;
  globalPerMinute: number;
}

export type BudgetName = 'change_numbers' | 'applicant_day' | 'address_hour' | 'global_minute';

export type BudgetResult =
  { taken: true; giveBack(): Promise<void> } | { taken: false; budget: BudgetName; retryAfterSeconds: number; /** Global budget: the first refusal of its window. */ firstRefusal: boolean };

export interface SendRequest {
  applicantId: string;
  changeId: string;
  /** Hashed before it reaches a key or a set (a key listing must not leak phones). */
  phone: string;
  clientAddress: string;
}

export function createSmsBudgetStore(redis: Redis, caps: SmsBudgetCaps) {
  const giveBack = (key: string) => async () => void (await redis.eval(GIVE_BACK_LUA, 1, key));

  return {
    caps,
    /**
     * Takes one send from every budget, in order; on the first that refuses, gives the earlier ones back and says
     * which refused and when its window ends.
     */
    async take(req: SendRequest, now = new Date()): Promise<BudgetResult> {
      const nowSeconds = Math.floor(now.getTime() / 1000);
      const day = chinaDate(now);
      const toMidnight = secondsToBeijingMidnight(now);
      const taken: (() => Promise<void>)[] = [];
      const refuse = async (budget: BudgetName, retryAfterSeconds: number, firstRefusal = false): Promise<BudgetResult> => {
        for (const undo of taken.reverse()) await undo();
        return { taken: false, budget, retryAfterSeconds: Math.max(1, retryAfterSeconds), firstRefusal };
      };

      const numbersKey = keys.smsChangeNumbers(req.applicantId, req.changeId, day);
      const [numberOk, added] = (await redis.eval(MEMBER_LUA, 1, numbersKey, digest(req.phone), caps.numbersPerChangePerDay, TTL.smsBudgetDay)) as [number, number];
      if (!numberOk) return refuse('change_numbers', toMidnight);
      if (added) taken.push(async () => void (await redis.srem(numbersKey, digest(req.phone))));

      const applicantKey = keys.smsApplicantDaily(req.applicantId, day);
      const [applicantOk] = (await redis.eval(TAKE_LUA, 1, applicantKey, caps.perApplicantPerDay, TTL.smsBudgetDay)) as [number, number];
      if (!applicantOk) return refuse('applicant_day', toMidnight);
      taken.push(giveBack(applicantKey));

      const hour = Math.floor(nowSeconds / 3600);
      const addressKey = keys.smsAddressHourly(req.clientAddress, hour);
      const [addressOk] = (await redis.eval(TAKE_LUA, 1, addressKey, caps.perAddressPerHour, TTL.smsBudgetHour)) as [number, number];
      if (!addressOk) return refuse('address_hour', 3600 - (nowSeconds % 3600));
      taken.push(giveBack(addressKey));

      const minute = Math.floor(nowSeconds / 60);
      const globalKey = keys.smsGlobalMinute(minute);
      const [globalOk, , first] = (await redis.eval(GLOBAL_LUA, 2, globalKey, keys.smsGlobalAlerted(minute), caps.globalPerMinute, TTL.smsBudgetMinute)) as [number, number, number];
      if (!globalOk) return refuse('global_minute', 60 - (nowSeconds % 60), first === 1);
      taken.push(giveBack(globalKey));

      const undoAll = [...taken].reverse();
      return {
        taken: true,
        async giveBack() {
          for (const undo of undoAll) await undo();
        },
      };
    },
  };
}
export type SmsBudgetStore = ReturnType<typeof createSmsBudgetStore>;
