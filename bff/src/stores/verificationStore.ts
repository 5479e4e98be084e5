// A change's identity verification tasks in Redis: one JSON record per principal role in a hash under the applicant's
// hash tag, replaced and updated only by compare-and-set Lua (a concurrent start or callback can never overwrite a newer one).
import type Redis from 'ioredis';
import type { VerificationEntry, VerificationFailureReason, VerificationRole, VerificationTaskStatus } from '../../../shared/contracts/verification';
import { keys, TTL } from './keys';

/** What the BFF keeps of one principal's current task. */
export interface VerificationRecord {
  taskId: string;
  /** The identity the task verifies (shared/rules/verification.ts `identityOf`): editing the person makes it not count. */
  identity: string;
  status: VerificationTaskStatus;
  reason: VerificationFailureReason | null;
  createdAt: string;
  expiresAt: string;
  completedAt: string | null;
  entry: VerificationEntry;
  /** Sequence of the last callback applied (0: none yet). */
  lastSequence: number;
  smsSent: boolean;
}

/**
 * Compare-and-set one role's record: written only when the stored record still has the task id and sequence the caller
 * read (`''` = no record), and (with an event id) only once per event id.
 * KEYS: hash, seen set. ARGV: role, expectedTaskId, expectedSequence, json, ttl, eventId ('' = none), seenTtl
 */
const CAS_LUA = `
if ARGV[6] ~= '' and redis.call('SISMEMBER', KEYS[2], ARGV[6]) == 1 then return 'duplicate' end
local raw = redis.call('HGET', KEYS[1], ARGV[1])
local taskId, seq = '', '0'
if raw then
  local cur = cjson.decode(raw)
  taskId, seq = cur.taskId, tostring(cur.lastSequence)
end
if taskId ~= ARGV[2] or seq ~= ARGV[3] then return 'retry' end
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], ARGV[1], ARGV[4]) end
redis.call('EXPIRE', KEYS[1], ARGV[5])
if ARGV[6] ~= '' then
  redis.call('SADD', KEYS[2], ARGV[6])
  redis.call('EXPIRE', KEYS[2], ARGV[7])
end
return 'ok'
`;

export type CasOutcome = 'ok' | 'retry' | 'duplicate';

export function createVerificationStore(redis: Redis) {
  return {
    async all(applicantId: string, changeId: string): Promise<Partial<Record<VerificationRole, VerificationRecord>>> {
      const raw = await redis.hgetall(keys.verifications(applicantId, changeId));
      return Object.fromEntries(Object.entries(raw).map(([role, json]) => [role, JSON.parse(json) as VerificationRecord]));
    },

    /**
     * Writes `next` for `role` if the stored record is still `expected` (null: none). With `eventId`, a repeat of that
     * event is `duplicate` and nothing is written; `next` null only marks the event seen (an ignored stale event).
     */
    async compareAndSet(
      applicantId: string,
      changeId: string,
      role: VerificationRole,
      expected: Pick<VerificationRecord, 'taskId' | 'lastSequence'> | null,
      next: VerificationRecord | null,
      eventId = '',
    ): Promise<CasOutcome> {
      return (await redis.eval(
        CAS_LUA,
        2,
        keys.verifications(applicantId, changeId),
        keys.seenVerificationEvents(applicantId, changeId),
        role,
        expected?.taskId ?? '',
        String(expected?.lastSequence ?? 0),
        next ? JSON.stringify(next) : '',
        TTL.verifications,
        eventId,
        TTL.seenEvent,
      )) as CasOutcome;
    },
  };
}
export type VerificationStore = ReturnType<typeof createVerificationStore>;
