// GET/PUT /api/settings/notifications: the applicant's 通知设置 (channels on/off, whether a replaced website principal
// is told too). PUT takes every switch at once; a missing or non-boolean one is a 422 naming it.
import Router from '@koa/router';
import { BFF_ROUTES as R } from '../../../shared/contracts/bffRoutes';
import type { NotificationSettings } from '../../../shared/contracts/notificationSettings';
import { validate } from '../middleware/validate';
import type { BffState } from '../middleware/state';
import type { NotificationSettingsStore } from '../stores/notificationSettingsStore';

export function settingsRoutes(settings: NotificationSettingsStore): Router<BffState> {
  const router = new Router<BffState>();
  router.get(R.getNotificationSettings.path, async (ctx) => {
    ctx.body = { settings: await settings.get(ctx.state.applicantId) };
  });
  router.put(R.putNotificationSettings.path, validate(R.putNotificationSettings.body), async (ctx) => {
    const body: NotificationSettings = ctx.state.body;
    await settings.set(ctx.state.applicantId, body);
    // The body names every switch, so what was stored is what it says: no read back.
    ctx.body = { settings: body };
  });
  return router;
}
