// Subscribe-message grants per change, and the "sending / sent" markers that keep a retried notification from going twice.
import type Redis from 'ioredis';
import { keys, TTL } from './keys';

export function createNotificationStore(redis: Redis) {
  return {
    async addGrants(applicantId: string, changeId: string, templateIds: string[]): Promise<number> {
      const key = keys.grants(applicantId, changeId);
      const res = await redis
        .multi()
        .rpush(key, ...templateIds)
        .expire(key, TTL.change)
        .exec();
      return Number(res?.[0]?.[1] ?? 0);
    },
    /** Takes one grant (oldest first), or null when none is left. */
    async takeGrant(applicantId: string, changeId: string): Promise<string | null> {
      return redis.lpop(keys.grants(applicantId, changeId));
    },
    /** Puts a grant back when the message could not be delivered for a reason that did not use it. */
    async returnGrant(applicantId: string, changeId: string, templateId: string): Promise<void> {
      await redis.lpush(keys.grants(applicantId, changeId), templateId);
    },
    /**
     * 'go' when this caller may send now; 'sent' when it already went; 'busy' while another attempt holds the lock.
     * The lock lapses, so a sender that crashed mid-send is retried (at-least-once only in that narrow case).
     */
    async claim(jobId: string): Promise<'go' | 'sent' | 'busy'> {
      const key = keys.notification(jobId);
      const ok = await redis.set(key, 'sending', 'EX', TTL.notificationLock, 'NX');
      if (ok) return 'go';
      return (await redis.get(key)) === 'sent' ? 'sent' : 'busy';
    },
    async markSent(jobId: string): Promise<void> {
      await redis.set(keys.notification(jobId), 'sent', 'EX', TTL.notificationSent);
    },
    async release(jobId: string): Promise<void> {
      await redis.del(keys.notification(jobId));
    },
  };
}
export type NotificationStore = ReturnType<typeof createNotificationStore>;
