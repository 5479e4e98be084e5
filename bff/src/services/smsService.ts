// SMS verification of new or changed phones: send a code (rate limited), verify it (5 min, 5 tries), mark the phone verified.
import { createHmac, randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import { rateLimited, smsAddressHourExhausted, smsApplicantDayExhausted, smsNotSent, smsNumbersPerChangeExhausted, smsServiceBusy, validationFailed, type AppError } from '../errors';
import type { SmsGateway } from '../adapters/sms';
import type { SmsStore } from '../stores/smsStore';
import type { BudgetResult, SmsBudgetStore } from '../stores/smsBudgetStore';
import { TTL } from '../stores/keys';
import type { ChangeService } from './changeService';
import type { ChangeDraft } from '../../../shared/domain/change';
import { mainlandMobile } from '../../../shared/validators/contact';
import { phonesNeedingVerification } from '../../../shared/rules/phones';
import { maskMobile } from '../../../shared/validators/contact';

export interface SmsServiceDeps {
  changes: ChangeService;
  store: SmsStore;
  gateway: SmsGateway;
  /** Budgets per change, applicant, client address and the whole service (on top of the per-phone limits). */
  budgets: SmsBudgetStore;
  secret: string;
  dailyCap: number;
  logger: Logger;
  /** The clock of the windows (Beijing day, hour, minute). */
  now?: () => Date;
}

export function createSmsService({ changes, store, budgets, gateway, secret, dailyCap, logger, now = () => new Date() }: SmsServiceDeps) {
  const hashCode = (changeId: string, phone: string, code: string) => createHmac('sha256', secret).update(`${changeId}:${phone}:${code}`).digest('hex');

  /** The phone as this change may verify it: the change editable, the phone a new or changed principal mobile of it. */
  function phoneOfChange(draft: ChangeDraft, rawPhone: string): string {
    changes.assertEditable(draft);
    const phone = mainlandMobile(rawPhone);
    if (phone === null) throw validationFailed([{ path: 'phone', message: '手机号码格式不正确，请填写11位中国大陆手机号' }]);
    if (!phonesNeedingVerification(draft.base, draft.form).includes(phone) && !draft.verifiedPhones.includes(phone)) {
      throw validationFailed([{ path: 'phone', message: '该手机号不是本次变更中新填写或修改的负责人手机号，无需验证；请先在表单中保存新号码' }]);
    }
    return phone;
  }

  function budgetRefusal(refused: Extract<BudgetResult, { taken: false }>): AppError {
    const { caps } = budgets;
    switch (refused.budget) {
      case 'change_numbers':
        return smsNumbersPerChangeExhausted(caps.numbersPerChangePerDay, refused.retryAfterSeconds);
      case 'applicant_day':
        return smsApplicantDayExhausted(caps.perApplicantPerDay, refused.retryAfterSeconds);
      case 'address_hour':
        return smsAddressHourExhausted(caps.perAddressPerHour, refused.retryAfterSeconds);
      case 'global_minute':
        if (refused.firstRefusal) {
          // The operator's signal (once per minute window): either real demand outgrew the budget, or someone is pumping.
          logger.error({ alert: 'sms_global_budget', perMinute: caps.globalPerMinute }, 'ALERT: the global SMS budget per minute is spent; codes are refused until the minute ends');
        }
        return smsServiceBusy(refused.retryAfterSeconds);
    }
  }

  return {
    /** Sends a code to a phone of the change; `clientAddress` is the request's (TRUST_PROXY_HOPS decides what that is). */
    async send(draft: ChangeDraft, rawPhone: string, clientAddress: string) {
      const { applicantId, id: changeId } = draft;
      const phone = phoneOfChange(draft, rawPhone);
      const at = now();
      const reserved = await store.reserveSend(phone, dailyCap, at);
      if (reserved.outcome === 'cooldown') {
        throw rateLimited(reserved.retryAfterSeconds, `验证码发送过于频繁，请 ${reserved.retryAfterSeconds} 秒后再试`);
      }
      if (reserved.outcome === 'daily_cap') {
        throw rateLimited(reserved.retryAfterSeconds, `该手机号今天获取验证码已达 ${dailyCap} 次上限，请明天再试`);
      }
      const budget = await budgets.take({ applicantId, changeId, phone, clientAddress }, at);
      if (!budget.taken) {
        await store.releaseSend(phone, at);
        throw budgetRefusal(budget);
      }
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await store.storeCode(applicantId, changeId, phone, hashCode(changeId, phone, code));
      try {
        await gateway.send(phone, 'verification_code', { code, minutes: String(TTL.smsCode / 60) });
      } catch {
        // Nothing reached the phone: let the applicant ask again at once.
        await store.releaseSend(phone, at);
        await budget.giveBack();
        throw smsNotSent(maskMobile(phone));
      }
      return { phone, resendAfterSeconds: TTL.smsCooldown, expiresInSeconds: TTL.smsCode };
    },

    async verify(draft: ChangeDraft, rawPhone: string, code: string) {
      const { applicantId, id: changeId } = draft;
      const phone = phoneOfChange(draft, rawPhone);
      const result = await store.verify(applicantId, changeId, phone, hashCode(changeId, phone, code.trim()));
      switch (result.outcome) {
        case 'ok': {
          const verified = await changes.markPhoneVerified(draft, phone);
          return { draft: verified, body: { phone, verified: true as const, verifiedPhones: verified.verifiedPhones } };
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
