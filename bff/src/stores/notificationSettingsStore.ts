// The applicant's notification settings (通知设置) as one hash under their hash tag: a field per switch, '1' or '0'.
// A field never written reads as its default (on), so settings added later need no migration.
import type Redis from 'ioredis';
import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationSettings } from '../../../shared/contracts/notificationSettings';
import { keys } from './keys';

const FIELDS = ['wechat', 'sms', 'mail', 'notifyReplacedPrincipal'] as const;

function toFlags(s: NotificationSettings): Record<(typeof FIELDS)[number], boolean> {
  return { ...s.channels, notifyReplacedPrincipal: s.notifyReplacedPrincipal };
}

export function createNotificationSettingsStore(redis: Redis) {
  return {
    async get(applicantId: string): Promise<NotificationSettings> {
      const stored = await redis.hgetall(keys.notificationSettings(applicantId));
      const defaults = toFlags(DEFAULT_NOTIFICATION_SETTINGS);
      const flag = (field: (typeof FIELDS)[number]) => (stored[field] === undefined ? defaults[field] : stored[field] === '1');
      return { channels: { wechat: flag('wechat'), sms: flag('sms'), mail: flag('mail') }, notifyReplacedPrincipal: flag('notifyReplacedPrincipal') };
    },
    async set(applicantId: string, settings: NotificationSettings): Promise<void> {
      const flags = toFlags(settings);
      await redis.hset(keys.notificationSettings(applicantId), Object.fromEntries(FIELDS.map((f) => [f, flags[f] ? '1' : '0'])));
    },
  };
}
export type NotificationSettingsStore = ReturnType<typeof createNotificationSettingsStore>;
