// Client of the WeChat server API: login-code exchange and subscribe messages (access token cached in memory).
import {
  jscode2sessionResponse,
  stableTokenResponse,
  subscribeSendResponse,
  SUBSCRIBE_VALUE_LIMITS,
  subscribeValueType,
  WECHAT_ERRCODES,
  WECHAT_ROUTES,
  type SubscribeSendRequest,
} from '../../../shared/contracts/wechat';
import { requestJson } from './http';

export class WechatError extends Error {
  constructor(
    readonly errcode: number,
    errmsg: string,
  ) {
    super(`wechat errcode ${errcode}: ${errmsg}`);
    this.name = 'WechatError';
  }
}

export interface Wechat {
  /** Exchanges a wx.login code; the session key stays on the server. Throws WechatError on a bad code. */
  codeToSession(code: string): Promise<{ openid: string; sessionKey: string }>;
  /** Sends one subscribe message; throws WechatError (e.g. 43101 when the grant is gone). */
  sendSubscribeMessage(message: SubscribeSendRequest): Promise<void>;
}

/** Cuts each value to its type's length limit (a `thing` over 20 characters is refused by WeChat). */
export function fitSubscribeData(data: Record<string, string>): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {};
  for (const [key, value] of Object.entries(data)) {
    const limit = SUBSCRIBE_VALUE_LIMITS[subscribeValueType(key)] ?? 20;
    const chars = [...value];
    out[key] = { value: chars.length > limit ? `${chars.slice(0, limit - 1).join('')}…` : value };
  }
  return out;
}

export function createWechat(baseUrl: string, appid: string, secret: string): Wechat {
  const base = baseUrl.replace(/\/$/, '');
  let token: { value: string; refreshAt: number } | null = null;

  async function accessToken(force = false): Promise<string> {
    if (!force && token && Date.now() < token.refreshAt) return token.value;
    const { body } = await requestJson('wechat', `${base}${WECHAT_ROUTES.stableToken}`, {
      method: 'POST',
      body: { grant_type: 'client_credential', appid, secret, ...(force ? { force_refresh: true } : {}) },
    });
    const parsed = stableTokenResponse.parse(body);
    if ('errcode' in parsed) throw new WechatError(parsed.errcode, parsed.errmsg);
    // Refresh five minutes early so a token never expires mid-send.
    token = { value: parsed.access_token, refreshAt: Date.now() + Math.max(parsed.expires_in - 300, 60) * 1000 };
    return token.value;
  }

  return {
    async codeToSession(code) {
      const q = new URLSearchParams({ appid, secret, js_code: code, grant_type: 'authorization_code' });
      const { body } = await requestJson('wechat', `${base}${WECHAT_ROUTES.jscode2session}?${q}`);
      const parsed = jscode2sessionResponse.parse(body);
      if ('errcode' in parsed) throw new WechatError(parsed.errcode, parsed.errmsg);
      return { openid: parsed.openid, sessionKey: parsed.session_key };
    },
    async sendSubscribeMessage(message) {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const t = await accessToken(attempt > 0);
        const { body } = await requestJson('wechat', `${base}${WECHAT_ROUTES.subscribeSend}?access_token=${encodeURIComponent(t)}`, {
          method: 'POST',
          body: message,
        });
        const parsed = subscribeSendResponse.parse(body);
        if (parsed.errcode === WECHAT_ERRCODES.ok) return;
        const stale = parsed.errcode === WECHAT_ERRCODES.invalidCredential || parsed.errcode === WECHAT_ERRCODES.accessTokenExpired;
        if (!stale || attempt > 0) throw new WechatError(parsed.errcode, parsed.errmsg);
      }
    },
  };
}
