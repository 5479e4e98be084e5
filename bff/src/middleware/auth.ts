// Bearer-token authentication: loadSession resolves a token to `ctx.state.applicantId`; requireApplicant answers 401
// when there is none (a token that is unknown or expired counts as none).
import type { Middleware } from 'koa';
import { unauthenticated } from '../errors';
import type { SessionStore } from '../stores/sessionStore';
import type { BffState } from './state';

export function loadSession(sessions: SessionStore): Middleware<BffState> {
  return async (ctx, next) => {
    const token = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(ctx.get('authorization'))?.[1];
    const session = token ? await sessions.get(token) : null;
    if (session) {
      ctx.state.applicantId = session.applicantId;
      ctx.state.sessionToken = token;
      ctx.state.log = ctx.state.log.child({ applicantId: session.applicantId });
    }
    await next();
  };
}

export function requireApplicant(): Middleware<BffState> {
  return async (ctx, next) => {
    if (!ctx.state.applicantId) throw unauthenticated();
    await next();
  };
}
