// Client of the SMS gateway: sends a registered template with its params.
import { SMS_ROUTES, smsSendResponse, type SmsTemplateId } from '../../../shared/contracts/sms';
import { requestJson } from './http';

export interface SmsGateway {
  send(phone: string, templateId: SmsTemplateId, params: Record<string, string>): Promise<{ messageId: string }>;
}

export function createSmsGateway(baseUrl: string, apiKey: string): SmsGateway {
  const base = baseUrl.replace(/\/$/, '');
  return {
    async send(phone, templateId, params) {
      const { body } = await requestJson('sms gateway', `${base}${SMS_ROUTES.send}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}` },
        body: { phone, templateId, params },
      });
      return smsSendResponse.parse(body);
    },
  };
}
