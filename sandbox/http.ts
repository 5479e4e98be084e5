// Small HTTP helpers shared by the sandbox routes: reading bodies with a limit, bearer keys, zod errors as field lists.
import type { Context } from 'koa';
import type { z } from 'zod';
import { DeskError } from './reviewDesk';

/** Read the raw request body as UTF-8, refusing more than `limitBytes`. */
export async function readRawBody(ctx: Context, limitBytes: number): Promise<string> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > limitBytes) throw new DeskError(413, 'payload_too_large', `请求体超过 ${Math.floor(limitBytes / 1024 / 1024)} MB 上限，请压缩材料图片后重试`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new DeskError(413, 'payload_too_large', `请求体超过 ${Math.floor(limitBytes / 1024 / 1024)} MB 上限，请压缩材料图片后重试`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parse a JSON body against a schema; mismatches become a 400 whose `fields` name each path. */
export async function readJson<T extends z.ZodType>(ctx: Context, schema: T, limitBytes = 1024 * 1024): Promise<z.infer<T>> {
  const raw = await readRawBody(ctx, limitBytes);
  let json: unknown;
  try {
    json = raw === '' ? {} : JSON.parse(raw);
  } catch {
    throw new DeskError(400, 'bad_request', '请求体不是有效的 JSON，请检查格式');
  }
  return parseWith(schema, json);
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const fields = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    throw new DeskError(400, 'bad_request', `请求内容不符合接口约定：${fields.map((f) => `${f.path || '(根)'} ${f.message}`).join('；')}`, fields);
  }
  return result.data;
}

/** Require `Authorization: Bearer <key>`. */
export function requireBearer(ctx: Context, key: string, system: string): void {
  const header = ctx.get('authorization');
  if (header !== `Bearer ${key}`) {
    throw new DeskError(401, 'unauthorized', `${system}的 API 密钥缺失或错误：请在 Authorization 头中携带 “Bearer <密钥>”`);
  }
}
