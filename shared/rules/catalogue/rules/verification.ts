// Identity verification rules: every principal whose identity is new or changed has passed 电子化核验 (one checklist line per person).
import type { VerificationRole } from '../../../contracts/verification';
import { maskName } from '../../../validators/identity';
import { failureMessage, requiredVerifications, verificationStateOf } from '../../verification';
import type { CheckGroupId, Rule } from '../types';

function verifiedRule(role: VerificationRole, group: CheckGroupId): Rule {
  return {
    id: `${role === 'websitePrincipal' ? 'website' : 'entity'}_principal_verified`,
    severity: 'fail',
    group,
    scope: 'submission',
    needs: ['verifications'],
    fields: [`${role}.name`, `${role}.idType`, `${role}.idNumber`],
    title: '新负责人已通过电子化核验',
    why: 'The seed: 电子化核验 throughout — a new or changed principal proves who they are (ID read live, face against the police database) before the provider accepts the change.',
    appliesTo: (ctx) => requiredVerifications(ctx.base, ctx.form).some((r) => r.role === role),
    check(ctx, out) {
      const required = requiredVerifications(ctx.base, ctx.form).find((r) => r.role === role);
      if (!required) return;
      const fact = ctx.facts.verifications?.[role];
      const who = `${required.who}${maskName(required.principal.name.trim())}`;
      switch (verificationStateOf(required, fact)) {
        case 'passed':
          return;
        case 'not_started':
          out.problem(null, `${who}尚未进行电子化核验；请在“负责人核验”中发起核验，由本人在手机上持身份证完成人脸核验`);
          return;
        case 'pending':
          out.problem(null, `${who}的电子化核验尚未完成；请本人打开核验链接，持身份证完成人脸核验`);
          return;
        case 'failed':
          out.problem(null, `${who}电子化核验未通过（${failureMessage(fact?.reason ?? null)}）；请点“重新核验”`);
          return;
        case 'expired':
          out.problem(null, `${who}的核验任务超过24小时未完成，已失效；请点“重新核验”`);
          return;
      }
    },
  };
}

export const VERIFICATION_RULES: readonly Rule[] = [verifiedRule('websitePrincipal', 'website_principal_verified'), verifiedRule('entityPrincipal', 'entity_principal_verified')];
