// Session routes: wx.login code exchange, and the demo-only applicant picker (404 outside demo/test mode).
import Router from '@koa/router';
import type { Middleware } from 'koa';
import { BFF_ROUTES as R } from '../../../shared/contracts/bffRoutes';
import { notFound, rateLimited, unauthenticated } from '../errors';
import { validate } from '../middleware/validate';
import type { BffState } from '../middleware/state';
import type { SessionService } from '../services/sessionService';
import type { LoginLimitStore } from '../stores/loginLimitStore';

/** Refuses a client address's attempts beyond `perMinute` (counted before the code is even looked at). */
export function loginRateLimit(store: LoginLimitStore, perMinute: number): Middleware<BffState> {
  return async (ctx, next) => {
    const { attempts, retryAfterSeconds } = await store.hit(ctx.ip || 'unknown');
    if (attempts > perMinute) throw rateLimited(retryAfterSeconds, `登录尝试过于频繁，请 ${retryAfterSeconds} 秒后再试`);
    await next();
  };
}

export function sessionRoutes(sessions: SessionService, demoMode: boolean, limit: Middleware<BffState> = (_ctx, next) => next()): Router<BffState> {
  const router = new Router<BffState>();
  router.post(R.login.path, limit, validate(R.login.body), async (ctx) => {
    ctx.body = await sessions.login(ctx.state.body.code);
  });
  router.delete(R.logout.path, async (ctx) => {
    const token = ctx.state.sessionToken;
    if (!ctx.state.applicantId || !token) throw unauthenticated();
    await sessions.logout(token);
    ctx.body = { loggedOut: true };
  });
  const demoOnly: Middleware<BffState> = async (_ctx, next) => {
    if (!demoMode) throw notFound('接口');
    await next();
  };
  router.get(R.devApplicants.path, demoOnly, async (ctx) => {
    ctx.body = await sessions.devApplicants();
  });
  router.post(R.devLogin.path, demoOnly, limit, validate(R.devLogin.body), async (ctx) => {
    ctx.body = await sessions.devLogin(ctx.state.body.applicantId);
  });
  return router;
}
