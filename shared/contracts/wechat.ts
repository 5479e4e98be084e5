// Contract of the WeChat server API the BFF calls, in WeChat's own shapes (login code exchange, access token, subscribe messages).
import { z } from 'zod';

/** Paths relative to the configured WeChat base URL (production: https://api.weixin.qq.com). */
export const WECHAT_ROUTES = {
  jscode2session: '/sns/jscode2session',
  stableToken: '/cgi-bin/stable_token',
  subscribeSend: '/cgi-bin/message/subscribe/send',
} as const;

/** errcodes the BFF must handle; every error body is `{ errcode, errmsg }`. */
export const WECHAT_ERRCODES = {
  ok: 0,
  /** Access token invalid or not the latest. */
  invalidCredential: 40001,
  invalidOpenid: 40003,
  invalidAppid: 40013,
  /** Login code unknown, malformed or expired (codes live 5 minutes). */
  invalidCode: 40029,
  invalidAppsecret: 40125,
  /** Login code already exchanged once. */
  codeBeenUsed: 40163,
  accessTokenExpired: 42001,
  /** The user has not granted (or has used up) the subscription for this template. */
  userRefused: 43101,
  /** A data value breaks its type's rule, e.g. a `thing` longer than 20 characters. */
  argumentInvalid: 47003,
} as const;

export const wechatError = z.object({ errcode: z.number().int(), errmsg: z.string() });
export type WechatError = z.infer<typeof wechatError>;

// --- GET jscode2session?appid&secret&js_code&grant_type=authorization_code

export const jscode2sessionQuery = z.object({
  appid: z.string().min(1),
  secret: z.string().min(1),
  js_code: z.string().min(1),
  grant_type: z.literal('authorization_code'),
});
export type Jscode2sessionQuery = z.infer<typeof jscode2sessionQuery>;

/** Success; `session_key` must never leave the server. */
export const jscode2sessionSuccess = z.object({
  openid: z.string(),
  session_key: z.string(),
  unionid: z.string().optional(),
});
/** WeChat answers HTTP 200 either way: tell the two apart by `errcode`. */
export const jscode2sessionResponse = z.union([jscode2sessionSuccess, wechatError]);
export type Jscode2sessionResponse = z.infer<typeof jscode2sessionResponse>;

// --- POST stable_token

export const stableTokenRequest = z.object({
  grant_type: z.literal('client_credential'),
  appid: z.string().min(1),
  secret: z.string().min(1),
  force_refresh: z.boolean().optional(),
});
export type StableTokenRequest = z.infer<typeof stableTokenRequest>;
/** `expires_in` is seconds (7200 in production); refresh a few minutes before. */
export const stableTokenSuccess = z.object({ access_token: z.string(), expires_in: z.number().int().positive() });
export const stableTokenResponse = z.union([stableTokenSuccess, wechatError]);

// --- POST message/subscribe/send?access_token=

/** Length limits of subscribe-message value types (characters); keys are named `<type><n>`, e.g. `thing1`. */
export const SUBSCRIBE_VALUE_LIMITS: Readonly<Record<string, number>> = {
  thing: 20,
  phrase: 5,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  name: 10,
  phone_number: 17,
  car_number: 8,
};

/** The type of a data key (`thing12` → `thing`, `character_string3` → `character_string`). */
export function subscribeValueType(key: string): string {
  return key.replace(/\d+$/, '');
}

export const subscribeSendRequest = z.object({
  touser: z.string().min(1),
  template_id: z.string().min(1),
  /** Mini-program page opened from the message, with query, e.g. `pages/progress/index?changeId=c1`. */
  page: z.string().optional(),
  miniprogram_state: z.enum(['developer', 'trial', 'formal']).optional(),
  lang: z.string().optional(),
  data: z.record(z.string(), z.object({ value: z.string() })),
});
export type SubscribeSendRequest = z.infer<typeof subscribeSendRequest>;
/** `{ errcode: 0, errmsg: 'ok' }` when sent; otherwise 43101, 40003, 47003, 40001, 42001. */
export const subscribeSendResponse = wechatError;

/** One subscribe message as the sandbox's outbox shows it (`GET /outbox/wechat?openid=`). */
export const wechatOutboxEntry = z.object({
  msgId: z.string(),
  touser: z.string(),
  template_id: z.string(),
  page: z.string().nullable(),
  data: z.record(z.string(), z.object({ value: z.string() })),
  sentAt: z.string(),
});
export type WechatOutboxEntry = z.infer<typeof wechatOutboxEntry>;
