// Subscribe-message grants per change, and the "sending / sent" markers that keep a retried notification from going twice.
import type Redis from 'ioredis';
import { keys, TTL } from './keys';

/**
 * KEYS: grants list   ARGV: perTemplate, maxTemplates, ttl, templateId…
 * Appends each template's grant unless that template already holds `perTemplate`, or it is new and `maxTemplates`
 * templates are already held. Returns the grants held.
 */
const ADD_GRANTS_LUA = `
local count, distinct = {}, 0
for _, t in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  if not count[t] then count[t] = 0; distinct = distinct + 1 end
  count[t] = count[t] + 1
end
for i = 4, #ARGV do
  local t = ARGV[i]
  if not count[t] and distinct < tonumber(ARGV[2]) then count[t] = 0; distinct = distinct + 1 end
  if count[t] and count[t] < tonumber(ARGV[1]) then
    redis.call('RPUSH', KEYS[1], t)
    count[t] = count[t] + 1
  end
end
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
return redis.call('LLEN', KEYS[1])
`;

export interface GrantCap {
  perTemplate: number;
  templates: number;
}

export function createNotificationStore(redis: Redis) {
  return {
    /** Records accepted grants within `cap`; answers the grants held. */
    async addGrants(applicantId: string, changeId: string, templateIds: string[], cap: GrantCap): Promise<number> {
      return (await redis.eval(ADD_GRANTS_LUA, 1, keys.grants(applicantId, changeId), cap.perTemplate, cap.templates, TTL.change, ...templateIds)) as number;
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
