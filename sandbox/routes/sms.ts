// SMS gateway imitation: sends approved templates to mainland mobiles into the SMS outbox.
import Router from '@koa/router';
import { randomUUID } from 'node:crypto';
import { SMS_PARAM_MAX_LENGTH, SMS_ROUTES, SMS_TEMPLATES, renderSms, smsSendRequest, smsTemplateParams, type SmsTemplateId } from '../../shared/contracts/sms';
import { readJson, requireBearer } from '../http';
import { DeskError } from '../reviewDesk';
import type { SandboxDeps } from './context';

export function smsRouter(deps: SandboxDeps): Router {
  const router = new Router();
  router.post(SMS_ROUTES.send, async (ctx) => {
    requireBearer(ctx, deps.config.smsApiKey, '短信网关');
    const request = await readJson(ctx, smsSendRequest, 64 * 1024);
    if (!/^1[3-9]\d{9}$/.test(request.phone)) {
      throw new DeskError(400, 'invalid_phone', `手机号码“${request.phone}”格式不正确：应为11位中国大陆手机号，不带 +86 前缀`);
    }
    if (!Object.hasOwn(SMS_TEMPLATES, request.templateId)) {
      throw new DeskError(400, 'unknown_template', `短信模板“${request.templateId}”不存在，可用模板：${Object.keys(SMS_TEMPLATES).join('、')}`);
    }
    const templateId = request.templateId as SmsTemplateId;
    for (const name of smsTemplateParams(templateId)) {
      const value = request.params[name];
      if (value === undefined || value.trim() === '') throw new DeskError(400, 'invalid_params', `短信模板“${templateId}”缺少参数“${name}”`);
      if ([...value].length > SMS_PARAM_MAX_LENGTH) throw new DeskError(400, 'invalid_params', `短信参数“${name}”超过${SMS_PARAM_MAX_LENGTH}个字符，请缩短`);
    }
    const messageId = `sms_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    deps.store.update((state) => {
      state.outbox.sms.push({
        messageId,
        phone: request.phone,
        templateId,
        params: request.params,
        text: renderSms(templateId, request.params),
        sentAt: new Date().toISOString(),
      });
    });
    ctx.body = { messageId };
  });
  return router;
}
