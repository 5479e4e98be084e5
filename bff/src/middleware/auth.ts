// Bearer-token authentication: loadSession resolves a token to `ctx.state.applicantId`; requireApplicant answers 401
// when there is none (a token that is unknown or expired counts as none).
import type { Middleware } from 'koa';
import { unauthenticated } from '../errors';
import type { SessionStore } from '../stores/sessionStore';
import type { BffState } from './state';

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,200})$/;

export function loadSession(sessions: SessionStore): Middleware<BffState> {
  return async (ctx, next) => {
    const token = BEARER.exec(ctx.get('authorization'))?.[1];
    // Usually answered from the session store's in-process copy (no round trip); see stores/sessionStore.ts.
    const session = token ? await sessions.get(token) : null;
    if (session) {
      ctx.state.applicantId = session.applicantId;
      // Logout revokes the token the request came with.
      ctx.state.sessionToken = token;
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
