// Bearer-token authentication: resolves the session to `ctx.state.applicantId` or answers 401.
import type { Middleware } from 'koa';
import { unauthenticated } from '../errors';
import type { SessionStore } from '../stores/sessionStore';
import type { BffState } from './state';

export function authenticate(sessions: SessionStore): Middleware<BffState> {
  return async (ctx, next) => {
    const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(ctx.get('authorization'));
    if (!m) throw unauthenticated();
    const session = await sessions.get(m[1]);
    if (!session) throw unauthenticated();
    ctx.state.applicantId = session.applicantId;
    ctx.state.log = ctx.state.log.child({ applicantId: session.applicantId });
    await next();
  };
}
