// Gives each request an id (echoed as X-Request-Id) and logs one line per request, built from known fields: the
// matched route's pattern and the change id rather than the raw path (which may carry whatever the applicant typed).
import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { CHANGE_ID_PATTERN } from '../../../shared/contracts/bffRoutes';
import type { BffState } from './state';

const REQUEST_ID = /^[\w-]{8,64}$/;

export function requestContext(logger: Logger): Middleware<BffState> {
  return async (ctx, next) => {
    const given = ctx.get('x-request-id');
    const requestId = REQUEST_ID.test(given) ? given : randomUUID();
    ctx.state.requestId = requestId;
    // The one logger, not a child per request: lines that need the request id pass it (errorHandler does).
    ctx.state.log = logger;
    ctx.set('X-Request-Id', requestId);
    const started = performance.now();
    try {
      await next();
    } finally {
      const route = (ctx as { _matchedRoute?: unknown })._matchedRoute;
      const changeId = (ctx as { params?: { id?: unknown } }).params?.id;
      logger.info(
        {
          requestId,
          applicantId: ctx.state.applicantId,
          method: ctx.method,
          ...(typeof route === 'string' ? { route } : { path: ctx.path }),
          ...(typeof changeId === 'string' && CHANGE_ID_PATTERN.test(changeId) ? { changeId } : {}),
          status: ctx.status,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    }
  };
}
