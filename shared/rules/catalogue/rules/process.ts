// The applicant's side of submitting (no reviewer sees these): something changed, flagged fields were changed after a
// rejection, new phones verified by SMS, the agreement ticked.
import { AGREEMENT_TEXT } from '../../../data/terms';
import { maskMobile } from '../../../validators/contact';
import { diffChange } from '../../diff';
import { fieldLabel } from '../../labels';
import { lockedFieldViolations } from '../../locked';
import { pathOfPhone, unverifiedPhones } from '../../phones';
import { flaggedFieldsUnchanged } from '../../rejection';
import type { LockedRuleCode } from '../../locked';
import type { Rule } from '../types';

function lockedRule(code: LockedRuleCode, title: string, why: string, fields: readonly string[]): Rule {
  return {
    id: code,
    severity: 'fail',
    group: 'locked_rules',
    scope: 'submission',
    needs: [],
    fields,
    title,
    why,
    check(ctx, out) {
      for (const v of lockedFieldViolations(ctx.base, ctx.form)) if (v.code === code) out.problem(v.path, v.message);
    },
  };
}

export const LOCKED_RULES: readonly Rule[] = [
  lockedRule(
    'personal_principal_locked',
    '个人备案不在网站变更中更换负责人',
    'DOMAIN.md "What a website change may and may not do": a personal filing\'s website principal is the person who filed; changing them is a 变更备案.',
    ['principalSameAsEntity', 'websitePrincipal.name', 'websitePrincipal.idType', 'websitePrincipal.idNumber'],
  ),
  lockedRule('entity_principal_locked', '主体负责人只随“同主体负责人”一起修改', 'The seed (单位备案请注意): the entity principal changes only together with the website principal.', [
    'entityPrincipal.*',
  ]),
  lockedRule('domain_not_removable_only', '域名只删除、不新增', 'DOMAIN.md "What a website change may…": domains can only be removed (a new domain is a new website).', ['domains']),
  lockedRule('domains_empty', '至少保留一个已备案的域名', 'Same section: at least one filed domain remains.', ['domains']),
];

export const PROCESS_RULES: readonly Rule[] = [
  {
    id: 'has_changes',
    severity: 'fail',
    group: 'has_changes',
    scope: 'applicant',
    needs: [],
    fields: [],
    title: '有需要变更的内容',
    why: 'A change without changes is refused before it reaches a reviewer.',
    check(ctx, out) {
      if (diffChange(ctx.base, ctx.form).length === 0) out.problem(null, '还没有修改任何信息；请先在“网站信息”中修改需要变更的内容');
    },
  },
  {
    id: 'rejection_fields_changed',
    severity: 'fail',
    group: 'rejection_scope',
    scope: 'applicant',
    needs: [],
    fields: ['*'],
    title: '审核意见指出的信息均已修改',
    why: 'DOMAIN.md "Flow" step 5: the applicant edits what was flagged and resubmits; resubmitting the refused value gets the same rejection.',
    appliesTo: (ctx) => ctx.rejection !== null,
    check(ctx, out) {
      for (const r of flaggedFieldsUnchanged({ rejection: ctx.rejection, form: ctx.form })) {
        out.problem(r.target.path, `${fieldLabel(r.target.path)}尚未按审核意见修改（审核意见：${r.message}）；请修改后再提交`);
      }
    },
  },
  {
    id: 'phones_verified',
    severity: 'fail',
    group: 'phones_verified',
    scope: 'applicant',
    needs: [],
    fields: ['websitePrincipal.mobile', 'entityPrincipal.mobile'],
    title: '新手机号码已通过短信验证',
    why: 'DOMAIN.md "Flow" step 2: a new or changed phone is verified by SMS code before the step can be left.',
    check(ctx, out) {
      for (const phone of unverifiedPhones({ base: ctx.base, form: ctx.form, verifiedPhones: [...ctx.verifiedPhones] })) {
        out.problem(pathOfPhone(ctx.form, phone), `手机号码 ${maskMobile(phone)} 还未完成短信验证，请在“网站信息”步骤获取并填写验证码`);
      }
    },
  },
  {
    id: 'agreement',
    severity: 'fail',
    group: 'agreement',
    scope: 'applicant',
    needs: [],
    fields: ['agreement'],
    title: '已阅读并同意服务条款',
    why: 'DOMAIN.md "Flow" step 4: the applicant must tick the agreement.',
    check(ctx, out) {
      if (!ctx.agreed) out.problem('agreement', `请勾选“${AGREEMENT_TEXT}”`);
    },
  },
];
