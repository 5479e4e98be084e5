// Session routes: wx.login code exchange, and the demo-only applicant picker (404 outside demo/test mode).
import Router from '@koa/router';
import type { Middleware } from 'koa';
import { devSessionRequest, sessionRequest } from '../../../shared/contracts/api';
import { notFound } from '../errors';
import { validate } from '../middleware/validate';
import type { BffState } from '../middleware/state';
import type { SessionService } from '../services/sessionService';

export function sessionRoutes(sessions: SessionService, demoMode: boolean): Router<BffState> {
  const router = new Router<BffState>({ prefix: '/session' });
  router.post('/', validate(sessionRequest), async (ctx) => {
    ctx.body = await sessions.login(ctx.state.body.code);
  });
  const demoOnly: Middleware<BffState> = async (_ctx, next) => {
    if (!demoMode) throw notFound('接口');
    await next();
  };
  router.get('/dev', demoOnly, async (ctx) => {
    ctx.body = await sessions.devApplicants();
  });
  router.post('/dev', demoOnly, validate(devSessionRequest), async (ctx) => {
    ctx.body = await sessions.devLogin(ctx.state.body.applicantId);
  });
  return router;
}
