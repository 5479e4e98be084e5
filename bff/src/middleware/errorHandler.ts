// The one error middleware: AppError → its JSON shape; Redis down → 503 + Retry-After; anything else → logged, generic.
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { AppError, invalidJson, payloadTooLarge, routeNotFound, serviceUnavailable, unsupportedMediaType, upstreamUnavailable } from '../errors';
import { isRedisUnavailable } from '../redis';
import { UpstreamError } from '../adapters/http';
import type { BffState } from './state';

export function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (isRedisUnavailable(err)) return serviceUnavailable(5);
  // Unreachable, 5xx, or refusing our credentials: to the applicant all the same — try again later (logged at warn).
  if (err instanceof UpstreamError) return upstreamUnavailable();
  const e = err as { status?: number; statusCode?: number; type?: string; expose?: boolean; message?: string };
  const status = e.status ?? e.statusCode;
  // Errors that carry an HTTP status from Koa or a library (body too big, bad JSON).
  if (status === 413) return payloadTooLarge();
  if (status === 415) return unsupportedMediaType();
  if (status === 400) return invalidJson();
  return null;
}

export function errorHandler(logger: Logger): Middleware<BffState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api')) {
        throw routeNotFound();
      }
    } catch (err) {
      const known = toAppError(err);
      const { requestId } = ctx.state;
      if (known) {
        if (known.status >= 500) logger.warn({ requestId, err, errorCode: known.code }, 'request failed: dependency unavailable');
        ctx.status = known.status;
        ctx.body = known.toBody();
        for (const [k, v] of Object.entries(known.headers ?? {})) ctx.set(k, v);
        return;
      }
      logger.error({ requestId, err }, 'unexpected error');
      ctx.status = 500;
      ctx.body = { code: 'internal', message: `服务出现异常，请稍后重试（编号 ${ctx.state.requestId}）` };
    }
  };
}
