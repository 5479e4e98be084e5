// Short-lived cache of an applicant's filings as the review system returned them.
import type Redis from 'ioredis';
import type { Filing } from '../../../shared/domain/filing';
import { keys } from './keys';

export function createFilingsCache(redis: Redis, ttlSeconds: number) {
  return {
    async get(applicantId: string): Promise<Filing[] | null> {
      const raw = await redis.get(keys.filingsCache(applicantId));
      return raw ? (JSON.parse(raw) as Filing[]) : null;
    },
    async set(applicantId: string, filings: Filing[]): Promise<void> {
      await redis.set(keys.filingsCache(applicantId), JSON.stringify(filings), 'EX', ttlSeconds);
    },
    async invalidate(applicantId: string): Promise<void> {
      await redis.del(keys.filingsCache(applicantId));
    },
  };
}
export type FilingsCache = ReturnType<typeof createFilingsCache>;
