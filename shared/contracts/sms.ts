// Contract of the SMS gateway: one send route, templates known to the gateway, and its error shape.
import { z } from 'zod';

/** Path relative to the configured SMS base URL; needs `Authorization: Bearer <sms api key>`. */
export const SMS_ROUTES = { send: '/sms/v1/send' } as const;

/**
 * Templates registered with the gateway (real gateways only send approved templates). `{name}` are the params,
 * every one of them required; values are plain text, at most 64 characters each.
 */
export const SMS_TEMPLATES = {
  /** SMS code for verifying a new or changed phone number. */
  verification_code: '【备案变更助手】您的验证码为{code}，{minutes}分钟内有效。如非本人操作，请忽略本短信。',
  /** A change moved to a new state (sent to the principal). */
  change_status: '【备案变更助手】您的网站“{website}”备案变更进度：{status}。{detail}',
  /** A change replaces the website principal: the one being replaced is told who takes over (masked) and how far it is. */
  principal_replaced: '【备案变更助手】网站“{website}”的备案变更将网站负责人由您更换为{newName}，变更进度：{status}。如不知情，请联系网站主办者。',
  /** A new principal is asked to verify their identity (电子化核验) on their own phone; `link` opens the task. */
  identity_verification: '【备案变更助手】{name}您好，网站“{website}”的备案变更需要您本人完成电子化核验，请在{deadline}前打开 {link} 持身份证完成人脸核验。',
  /** MIIT's SMS check during authority review (sent by the review system, listed so outboxes render it). */
  miit_check: '【工信部】您的备案{filingNumber}正在管局审核，请于{deadline}前登录 beian.miit.gov.cn 的“短信核验”页面，输入验证码{code}、负责人手机号及证件号后6位完成核验。',
} as const;
export type SmsTemplateId = keyof typeof SMS_TEMPLATES;
export const smsTemplateId = z.enum(Object.keys(SMS_TEMPLATES) as [SmsTemplateId, ...SmsTemplateId[]]);

/** Names of a template's params, in order of appearance. */
export function smsTemplateParams(templateId: SmsTemplateId): string[] {
  return [...SMS_TEMPLATES[templateId].matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
}

/** The text a phone shows for a template and its params. */
export function renderSms(templateId: SmsTemplateId, params: Record<string, string>): string {
  return SMS_TEMPLATES[templateId].replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? '');
}

export const SMS_PARAM_MAX_LENGTH = 64;

/** POST send body. `phone`: 11-digit mainland mobile (no prefix). */
export const smsSendRequest = z.object({
  phone: z.string(),
  templateId: z.string(),
  params: z.record(z.string(), z.string()),
});
export type SmsSendRequest = z.infer<typeof smsSendRequest>;

export const smsSendResponse = z.object({ messageId: z.string() });
export type SmsSendResponse = z.infer<typeof smsSendResponse>;

export const SMS_ERROR_CODES = [
  'unauthorized', // 401
  'invalid_phone', // 400: not an 11-digit mainland mobile
  'unknown_template', // 400
  'invalid_params', // 400: a param missing, empty or too long
  'bad_request', // 400: body not JSON of the shape above
] as const;
export const smsError = z.object({ code: z.enum(SMS_ERROR_CODES), message: z.string() });
export type SmsError = z.infer<typeof smsError>;

/** One SMS as the sandbox's outbox shows it (`GET /outbox/sms?phone=`). */
export const smsOutboxEntry = z.object({
  messageId: z.string(),
  phone: z.string(),
  templateId: z.string(),
  params: z.record(z.string(), z.string()),
  text: z.string(),
  sentAt: z.string(),
});
export type SmsOutboxEntry = z.infer<typeof smsOutboxEntry>;
