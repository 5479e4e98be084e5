// Login: exchanges a wx.login code for an opaque BFF session; in demo mode also lists and logs in as sandbox applicants.
import { noFilingForWechat, notFound, wechatCodeInvalid } from '../errors';
import type { ReviewSystem } from '../adapters/reviewSystem';
import { WechatError, type Wechat } from '../adapters/wechat';
import type { SessionStore } from '../stores/sessionStore';
import { WECHAT_ERRCODES } from '../../../shared/contracts/wechat';

export interface SessionServiceDeps {
  sessions: SessionStore;
  wechat: Wechat;
  reviewSystem: ReviewSystem;
}

export function createSessionService({ sessions, wechat, reviewSystem }: SessionServiceDeps) {
  async function applicantByOpenid(openid: string) {
    const applicants = await reviewSystem.listApplicants();
    return applicants.find((a) => a.openid === openid) ?? null;
  }

  return {
    async login(code: string) {
      let exchanged: { openid: string; sessionKey: string };
      try {
        exchanged = await wechat.codeToSession(code);
      } catch (err) {
        if (err instanceof WechatError && (err.errcode === WECHAT_ERRCODES.invalidCode || err.errcode === WECHAT_ERRCODES.codeBeenUsed)) {
          throw wechatCodeInvalid();
        }
        throw err;
      }
      const applicant = await applicantByOpenid(exchanged.openid);
      if (!applicant) throw noFilingForWechat();
      return sessions.create({
        applicantId: applicant.applicantId,
        openid: exchanged.openid,
        sessionKey: exchanged.sessionKey,
        createdAt: new Date().toISOString(),
      });
    },

    /** Logout: revokes the token the request came with. */
    async logout(token: string): Promise<void> {
      await sessions.revoke(token);
    },

    async devApplicants() {
      const applicants = await reviewSystem.listApplicants();
      return applicants.map((a) => ({ applicantId: a.applicantId, name: a.name, kind: a.kind }));
    },

    async devLogin(applicantId: string) {
      const applicant = (await reviewSystem.listApplicants()).find((a) => a.applicantId === applicantId);
      if (!applicant) throw notFound('申请人');
      return sessions.create({ applicantId, openid: applicant.openid, sessionKey: null, createdAt: new Date().toISOString() });
    },
  };
}
export type SessionService = ReturnType<typeof createSessionService>;
