// The one validate(): parses the body with a shared zod schema and turns its issues into the error shape's `fields`.
import type { Middleware } from 'koa';
import type { z } from 'zod';
import { validationFailed } from '../errors';
import type { BffState } from './state';

export function zodFields(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    if (i.code === 'unrecognized_keys') {
      return { path: [...i.path.map(String), ...i.keys].join('.') || i.keys.join(','), message: `不能提交字段：${i.keys.join('、')}` };
    }
    const message = /[\u4e00-\u9fa5]/.test(i.message) ? i.message : `${path || '请求内容'}格式不正确`;
    return { path, message };
  });
}

/** Validated body lands in `ctx.state.body`. */
export function validate<S extends z.ZodType>(schema: S): Middleware<BffState & { body: z.infer<S> }> {
  return async (ctx, next) => {
    const raw = (ctx.request as unknown as { body?: unknown }).body ?? {};
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw validationFailed(zodFields(parsed.error), '提交的内容有误，请按提示修改');
    ctx.state.body = parsed.data;
    await next();
  };
}
