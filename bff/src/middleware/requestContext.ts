// Gives each request an id (echoed as X-Request-Id) and a child logger, and logs one line per request.
import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { maskText } from '../logger';
import type { BffState } from './state';

export function requestContext(logger: Logger): Middleware<BffState> {
  return async (ctx, next) => {
    const given = ctx.get('x-request-id');
    const requestId = /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.log = logger.child({ requestId });
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // A path may carry what the applicant typed (an ID number or phone in place of an id): mask it like free text.
      ctx.state.log.info({ method: ctx.method, path: maskText(ctx.path), status: ctx.status, ms: Math.round(ms) }, 'request');
    }
  };
}
