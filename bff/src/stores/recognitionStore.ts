// The recognition (OCR) state of each material slot of a change, in Redis: pending while a worker reads the photo, then
// the result. Every write after the first is a compare-and-set on the photo's fileId (and, for a restart, on the start
// time), so a slow read of a replaced photo, or a second instance restarting the same read, never overwrites newer state.
import type Redis from 'ioredis';
import { recognition as recognitionSchema, type Recognition } from '../../../shared/domain/recognition';
import { keys, TTL } from './keys';

export type RecognitionStatus = 'pending' | 'done' | 'failed';

export interface StoredRecognition {
  fileId: string;
  status: RecognitionStatus;
  /** When the running read started (ms); a pending entry much older than the engine's timeout was lost with its instance. */
  startedAt: number;
  /** Reads started for this photo (1 at the upload; each restart of a lost read adds one). */
  attempts: number;
  /** Present once done or failed (never the raw text boxes: only the parsed fields). */
  recognition?: Recognition;
}

/** KEYS[1] the slot's hash; ARGV: fileId, then field/value pairs. Writes only while the hash still holds that photo. */
const SET_IF_SAME_PHOTO = `
if redis.call('HGET', KEYS[1], 'fileId') ~= ARGV[1] then return 0 end
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
return 1`;

/** KEYS[1]; ARGV: fileId, the startedAt the caller saw, new startedAt, new attempts. One instance wins a restart. */
const CLAIM_RESTART = `
if redis.call('HGET', KEYS[1], 'fileId') ~= ARGV[1] or redis.call('HGET', KEYS[1], 'startedAt') ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], 'status', 'pending', 'startedAt', ARGV[3], 'attempts', ARGV[4])
redis.call('HDEL', KEYS[1], 'recognition')
return 1`;

export function createRecognitionStore(redis: Redis) {
  return {
    /** A new photo in the slot: its read is pending (replaces whatever the previous photo left). */
    async start(applicantId: string, changeId: string, slot: string, fileId: string, startedAt: number): Promise<void> {
      const key = keys.recognition(applicantId, changeId, slot);
      await redis
        .multi()
        .del(key)
        .hset(key, { fileId, status: 'pending', startedAt: String(startedAt), attempts: '1' })
        .expire(key, TTL.recognition)
        .exec();
    },

    /** The read's answer; false when the slot meanwhile holds another photo (the answer is dropped). */
    async finish(applicantId: string, changeId: string, slot: string, fileId: string, status: Exclude<RecognitionStatus, 'pending'>, result: Recognition): Promise<boolean> {
      const key = keys.recognition(applicantId, changeId, slot);
      const written = await redis.eval(SET_IF_SAME_PHOTO, 1, key, fileId, 'status', status, 'recognition', JSON.stringify(result));
      return written === 1;
    },

    /** Takes over a lost read (stale pending): true for the one caller whose view of the entry was current. */
    async claimRestart(applicantId: string, changeId: string, slot: string, seen: StoredRecognition, startedAt: number): Promise<boolean> {
      const key = keys.recognition(applicantId, changeId, slot);
      const claimed = await redis.eval(CLAIM_RESTART, 1, key, seen.fileId, String(seen.startedAt), String(startedAt), String(seen.attempts + 1));
      return claimed === 1;
    },

    async get(applicantId: string, changeId: string, slot: string): Promise<StoredRecognition | null> {
      const hash = await redis.hgetall(keys.recognition(applicantId, changeId, slot));
      if (!hash.fileId) return null;
      const parsed = hash.recognition ? recognitionSchema.safeParse(JSON.parse(hash.recognition)) : null;
      return {
        fileId: hash.fileId,
        status: hash.status === 'done' || hash.status === 'failed' ? hash.status : 'pending',
        startedAt: Number(hash.startedAt),
        attempts: Number(hash.attempts) || 1,
        ...(parsed?.success ? { recognition: parsed.data } : {}),
      };
    },

    /** Deletes the slots' entries (a closed change's photos are deleted; their readings go with them). */
    async forget(applicantId: string, changeId: string, slots: readonly string[]): Promise<void> {
      if (slots.length > 0) await redis.del(...slots.map((slot) => keys.recognition(applicantId, changeId, slot)));
    },
  };
}
export type RecognitionStore = ReturnType<typeof createRecognitionStore>;
