// WeChat server API imitation: login code exchange (demo-<applicantId> codes), stable access token, subscribe-message send.
import Router from '@koa/router';
import { randomBytes, randomUUID } from 'node:crypto';
import { SUBSCRIBE_VALUE_LIMITS, WECHAT_ERRCODES, WECHAT_ROUTES, stableTokenRequest, subscribeSendRequest, subscribeValueType, type WechatError } from '../../shared/contracts/wechat';
import { readRawBody } from '../http';
import type { SandboxDeps } from './context';

/** `demo-<applicantId>` or `demo-<applicantId>.<anything>` (a fresh suffix per login makes a fresh one-time code). */
const DEMO_CODE = /^demo-([A-Za-z0-9_-]+)(?:\.[A-Za-z0-9_-]{1,64})?$/;
const TOKEN_TTL_SECONDS = 7200;
/** A stable token is handed out again until this close to its expiry. */
const TOKEN_REUSE_MARGIN_SECONDS = 300;

function error(errcode: number, errmsg: string): WechatError {
  return { errcode, errmsg: `${errmsg} rid: ${randomBytes(4).toString('hex')}` };
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

export function wechatRouter(deps: SandboxDeps): Router {
  const router = new Router();
  const { config, store } = deps;

  // WeChat answers HTTP 200 with an errcode for every failure: so does the sandbox.
  router.get(WECHAT_ROUTES.jscode2session, (ctx) => {
    const { appid, secret, js_code: code, grant_type: grantType } = ctx.query as Record<string, string | undefined>;
    if (appid !== config.wechatAppId) return void (ctx.body = error(WECHAT_ERRCODES.invalidAppid, 'invalid appid'));
    if (secret !== config.wechatSecret) return void (ctx.body = error(WECHAT_ERRCODES.invalidAppsecret, 'invalid appsecret'));
    if (grantType !== 'authorization_code') return void (ctx.body = error(40002, 'invalid grant_type'));
    const match = DEMO_CODE.exec(code ?? '');
    const applicant = match ? store.state.applicants.find((a) => a.applicantId === match[1]) : undefined;
    if (!code || !applicant) return void (ctx.body = error(WECHAT_ERRCODES.invalidCode, 'invalid code'));
    if (store.state.wechat.usedCodes.includes(code)) return void (ctx.body = error(WECHAT_ERRCODES.codeBeenUsed, 'code been used'));
    store.update((state) => {
      state.wechat.usedCodes.push(code);
    });
    ctx.body = { openid: applicant.openid, session_key: randomBytes(16).toString('base64') };
  });

  router.post(WECHAT_ROUTES.stableToken, async (ctx) => {
    const parsed = stableTokenRequest.safeParse(parseJson(await readRawBody(ctx, 64 * 1024)));
    if (!parsed.success) return void (ctx.body = error(47001, 'data format error'));
    if (parsed.data.appid !== config.wechatAppId) return void (ctx.body = error(WECHAT_ERRCODES.invalidAppid, 'invalid appid'));
    if (parsed.data.secret !== config.wechatSecret) return void (ctx.body = error(WECHAT_ERRCODES.invalidAppsecret, 'invalid appsecret'));
    const now = Date.now();
    const current = store.state.wechat.tokens.at(-1);
    const left = current ? Math.floor((new Date(current.expiresAt).getTime() - now) / 1000) : 0;
    if (current && left > TOKEN_REUSE_MARGIN_SECONDS && !parsed.data.force_refresh) {
      ctx.body = { access_token: current.token, expires_in: left };
      return;
    }
    const token = randomBytes(48).toString('base64url');
    store.update((state) => {
      // keep the previous token valid too: WeChat lets the old one live on briefly after a refresh
      state.wechat.tokens = [...state.wechat.tokens.slice(-1), { token, expiresAt: new Date(now + TOKEN_TTL_SECONDS * 1000).toISOString() }];
    });
    ctx.body = { access_token: token, expires_in: TOKEN_TTL_SECONDS };
  });

  router.post(WECHAT_ROUTES.subscribeSend, async (ctx) => {
    const accessToken = String(ctx.query.access_token ?? '');
    const token = store.state.wechat.tokens.find((t) => t.token === accessToken);
    if (!token) return void (ctx.body = error(WECHAT_ERRCODES.invalidCredential, 'invalid credential, access_token is invalid or not latest'));
    if (new Date(token.expiresAt).getTime() <= Date.now()) return void (ctx.body = error(WECHAT_ERRCODES.accessTokenExpired, 'access_token expired'));
    const parsed = subscribeSendRequest.safeParse(parseJson(await readRawBody(ctx, 64 * 1024)));
    if (!parsed.success) return void (ctx.body = error(47001, 'data format error'));
    const message = parsed.data;
    if (!store.state.applicants.some((a) => a.openid === message.touser)) return void (ctx.body = error(WECHAT_ERRCODES.invalidOpenid, 'invalid openid'));
    const refusals = store.state.wechat.refusals;
    if (refusals.includes(message.touser) || refusals.includes(`${message.touser}:${message.template_id}`)) {
      return void (ctx.body = error(WECHAT_ERRCODES.userRefused, 'user refuse to accept the msg'));
    }
    for (const [key, { value }] of Object.entries(message.data)) {
      const limit = SUBSCRIBE_VALUE_LIMITS[subscribeValueType(key)];
      if (limit !== undefined && [...value].length > limit) {
        return void (ctx.body = error(WECHAT_ERRCODES.argumentInvalid, `argument invalid! data.${key}.value exceeds limit ${limit}`));
      }
      if (value.length === 0) return void (ctx.body = error(WECHAT_ERRCODES.argumentInvalid, `argument invalid! data.${key}.value is empty`));
    }
    store.update((state) => {
      state.outbox.wechat.push({
        msgId: randomUUID(),
        touser: message.touser,
        template_id: message.template_id,
        page: message.page ?? null,
        data: message.data,
        sentAt: new Date().toISOString(),
      });
    });
    ctx.body = { errcode: 0, errmsg: 'ok' };
  });

  return router;
}
