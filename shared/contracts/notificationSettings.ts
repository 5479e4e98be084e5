// 通知设置: per applicant, which channels carry the status notifications, and whether the website principal a change
// replaces is told as well as the new one. Every setting is on until the applicant turns it off.
import { z } from 'zod';

const onOff = (label: string) => z.boolean({ error: `“${label}”应为开启或关闭（true 或 false）` });

export const notificationSettings = z
  .object({
    channels: z
      .object({
        wechat: onOff('微信订阅消息'),
        sms: onOff('短信'),
        mail: onOff('邮件'),
      })
      .strict(),
    /** On: a change that replaces the website principal notifies the old one too; off: only the new one. */
    notifyReplacedPrincipal: onOff('通知被更换的原网站负责人'),
  })
  .strict();
export type NotificationSettings = z.infer<typeof notificationSettings>;

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  channels: { wechat: true, sms: true, mail: true },
  notifyReplacedPrincipal: true,
};

export const notificationSettingsResponse = z.object({ settings: notificationSettings });
