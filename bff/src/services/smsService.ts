// SMS verification of new or changed phones: send a code (rate limited), verify it (5 min, 5 tries), mark the phone verified.
import { createHmac, randomInt } from 'node:crypto';
import { AppError, rateLimited, validationFailed } from '../errors';
import type { SmsGateway } from '../adapters/sms';
import type { SmsStore } from '../stores/smsStore';
import { TTL } from '../stores/keys';
import type { ChangeService } from './changeService';
import { mainlandMobile } from '../../../shared/validators/contact';
import { phonesNeedingVerification } from '../../../shared/rules/phones';
import { maskMobile } from '../../../shared/validators/contact';

export interface SmsServiceDeps {
  changes: ChangeService;
  store: SmsStore;
  gateway: SmsGateway;
  secret: string;
  dailyCap: number;
}

export function createSmsService({ changes, store, gateway, secret, dailyCap }: SmsServiceDeps) {
  const hashCode = (changeId: string, phone: string, code: string) =>
    createHmac('sha256', secret).update(`${changeId}:${phone}:${code}`).digest('hex');

  async function phoneOfChange(applicantId: string, changeId: string, rawPhone: string): Promise<string> {
    const draft = await changes.loadEditableChange(applicantId, changeId);
    const phone = mainlandMobile(rawPhone);
    if (phone === null) throw validationFailed([{ path: 'phone', message: '手机号码格式不正确，请填写11位中国大陆手机号' }]);
    if (!phonesNeedingVerification(draft.base, draft.form).includes(phone) && !draft.verifiedPhones.includes(phone)) {
      throw validationFailed([{ path: 'phone', message: '该手机号不是本次变更中新填写或修改的负责人手机号，无需验证；请先在表单中保存新号码' }]);
    }
    return phone;
  }

  return {
    async send(applicantId: string, changeId: string, rawPhone: string) {
      const phone = await phoneOfChange(applicantId, changeId, rawPhone);
      const reserved = await store.reserveSend(phone, dailyCap);
      if (reserved.outcome === 'cooldown') {
        throw rateLimited(reserved.retryAfterSeconds, `验证码发送过于频繁，请 ${reserved.retryAfterSeconds} 秒后再试`);
      }
      if (reserved.outcome === 'daily_cap') {
        throw rateLimited(reserved.retryAfterSeconds, `该手机号今天获取验证码已达 ${dailyCap} 次上限，请明天再试`);
      }
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await store.storeCode(applicantId, changeId, phone, hashCode(changeId, phone, code));
      try {
        await gateway.send(phone, 'verification_code', { code, minutes: String(TTL.smsCode / 60) });
      } catch {
        // Nothing reached the phone: let the applicant ask again at once.
        await store.releaseCooldown(phone);
        throw new AppError(503, 'upstream_unavailable', `验证码短信发送失败（${maskMobile(phone)}），请稍后重试`, undefined, undefined, { 'Retry-After': '5' });
      }
      return { phone, resendAfterSeconds: TTL.smsCooldown, expiresInSeconds: TTL.smsCode };
    },

    async verify(applicantId: string, changeId: string, rawPhone: string, code: string) {
      const phone = await phoneOfChange(applicantId, changeId, rawPhone);
      const result = await store.verify(applicantId, changeId, phone, hashCode(changeId, phone, code.trim()));
      switch (result.outcome) {
        case 'ok': {
          const draft = await changes.markPhoneVerified(applicantId, changeId, phone);
          return { draft, body: { phone, verified: true as const, verifiedPhones: draft.verifiedPhones } };
        }
        case 'missing':
          throw validationFailed([{ path: 'code', message: '验证码已过期或未发送，请重新获取验证码' }], '验证码已过期，请重新获取');
        case 'exhausted':
          throw validationFailed([{ path: 'code', message: '验证码错误次数过多已失效，请重新获取验证码' }], '验证码已失效，请重新获取');
        case 'wrong':
          throw validationFailed([{ path: 'code', message: `验证码不正确，还可尝试 ${result.triesLeft} 次` }], '验证码不正确');
      }
    },
  };
}
export type SmsService = ReturnType<typeof createSmsService>;
