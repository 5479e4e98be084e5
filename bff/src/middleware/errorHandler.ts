// The one error middleware: AppError → its JSON shape; Redis down → 503 + Retry-After; anything else → logged, generic.
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { AppError, serviceUnavailable, upstreamUnavailable } from '../errors';
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
  // Errors raised by koa/bodyparser/co-body (body too big, bad JSON).
  if (status === 413) return new AppError(413, 'payload_too_large', '提交的内容过大，请精简后重试');
  if (status === 415) return new AppError(415, 'unsupported_media_type', '请求格式不支持，请以 JSON 提交');
  if (status === 400) return new AppError(400, 'bad_request', '请求内容不是有效的 JSON，请检查后重试');
  return null;
}

export function errorHandler(logger: Logger): Middleware<BffState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api')) {
        throw new AppError(404, 'not_found', '接口不存在，请检查地址');
      }
    } catch (err) {
      const known = toAppError(err);
      const log = ctx.state.log ?? logger;
      if (known) {
        if (known.status >= 500) log.warn({ err, errorCode: known.code }, 'request failed: dependency unavailable');
        ctx.status = known.status;
        ctx.body = known.toBody();
        for (const [k, v] of Object.entries(known.headers ?? {})) ctx.set(k, v);
        return;
      }
      log.error({ err }, 'unexpected error');
      ctx.status = 500;
      ctx.body = { code: 'internal', message: `服务出现异常，请稍后重试（编号 ${ctx.state.requestId}）` };
    }
  };
}
