// Principal rules: complete and well-formed, ID valid for 3 more months, the website principal of age, contacts that
// reach two different people, email slips, and the phones the province's form asks for.
import { provinceRules } from '../../../data/provinceRules';
import { landlineOrMobile, mainlandMobile } from '../../../validators/contact';
import { emailSuggestion } from '../../../validators/emailTypos';
import { canonicalIdNumber, canonicalPhone } from '../../canonical';
import { addMonths, chinaDate, ID_MIN_VALIDITY_MONTHS, isRealIsoDate } from '../../dates';
import { distinctContactIssues, principalIssues } from '../../formIssues';
import { ID_TYPE_LABELS } from '../../labels';
import { formPrincipals, websitePrincipalPath } from '../../principals';
import { provinceName } from '../../provinces';
import { residentIdBirthDate, residentIdProblem } from '../../../validators/identity';
import type { Rule, RuleContext } from '../types';

/** Age a principal must have reached (网站负责人须为完全民事行为能力人). */
export const PRINCIPAL_MIN_AGE = 18;

/** Whole years between a birth date and today (Beijing calendar): the 18th birthday counts from its day. */
export function ageOn(birth: Date, today: Date): number {
  const [y, m, d] = chinaDate(today).split('-').map(Number);
  const years = y - birth.getUTCFullYear();
  const hadBirthday = m > birth.getUTCMonth() + 1 || (m === birth.getUTCMonth() + 1 && d >= birth.getUTCDate());
  return hadBirthday ? years : years - 1;
}

function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

/** Organisation filings only: a person has no office phone. */
function officePhoneField(ctx: RuleContext) {
  return ctx.base.entityKind === 'organisation' ? provinceRules(ctx.base.province).officePhoneField : 'none';
}

export const PRINCIPAL_RULES: readonly Rule[] = [
  {
    id: 'principal_complete',
    severity: 'fail',
    group: 'form_valid',
    scope: 'submission',
    needs: [],
    fields: ['websitePrincipal.name', 'websitePrincipal.idNumber', 'websitePrincipal.mobile', 'websitePrincipal.email', 'entityPrincipal.*'],
    title: '负责人姓名、证件号码、手机号码、电子邮箱完整且格式正确',
    why: 'DOMAIN.md "Formats": resident ID (GB 11643 check character), mainland mobile, email; reviewers refuse malformed ones.',
    check(ctx, out) {
      for (const e of principalIssues(ctx.form, ctx.today).errors) out.problem(e.path, e.message);
    },
  },
  {
    id: 'id_validity',
    severity: 'fail',
    group: 'id_validity',
    scope: 'submission',
    needs: [],
    fields: ['websitePrincipal.idValidUntil', 'entityPrincipal.idValidUntil'],
    title: '证件在有效期内且剩余3个月以上',
    why: 'DOMAIN.md "Checks — ID documents valid for more than 3 months": a certain rejection, like a domain expiring within 3 months.',
    blocker: 'renew_id',
    check(ctx, out) {
      const todayIso = chinaDate(ctx.today);
      for (const { role, principal, who } of formPrincipals(ctx.form)) {
        const until = principal.idValidUntil;
        if (until === null) continue;
        const path = `${role}.idValidUntil`;
        if (until.trim() === '') out.problem(path, `请选择${who}证件有效期的截止日期；身份证背面有效期限为“长期”的，请勾选“长期有效”`);
        else if (!isRealIsoDate(until)) out.problem(path, `${who}证件有效期“${until}”不是有效日期，请按 YYYY-MM-DD 填写；长期有效请勾选“长期有效”`);
        else if (until < todayIso) out.problem(path, `${who}证件已于 ${until} 过期；请先换领新证件，再填写新证件的有效期并上传新证件照片`);
        else if (until < addMonths(todayIso, ID_MIN_VALIDITY_MONTHS)) {
          out.problem(path, `${who}证件将于 ${until} 到期，剩余不足${ID_MIN_VALIDITY_MONTHS}个月，审核不予通过；请先换领新证件，再填写新证件的有效期并上传新证件照片`);
        }
      }
    },
  },
  {
    id: 'principal_adult',
    severity: 'fail',
    group: 'principal_age',
    scope: 'submission',
    needs: [],
    fields: ['websitePrincipal.idNumber'],
    title: '网站负责人年满18周岁',
    why: 'A website principal must be of full civil capacity (18); reviewers read the birth date from the resident ID.',
    check(ctx, out) {
      const role = websitePrincipalPath(ctx.form);
      const principal = ctx.form[role];
      const id = canonicalIdNumber(principal.idNumber);
      if (principal.idType !== 'resident_id') {
        if (id !== '') out.unknown(`网站负责人的证件为${ID_TYPE_LABELS[principal.idType]}，无法从号码判断年龄；请确认网站负责人已年满${PRINCIPAL_MIN_AGE}周岁`);
        return;
      }
      if (residentIdProblem(id, ctx.today) !== null) return; // principal_complete names the malformed number
      const birth = residentIdBirthDate(id);
      if (!birth || ageOn(birth, ctx.today) >= PRINCIPAL_MIN_AGE) return;
      const born = birth.toISOString().slice(0, 10);
      const way = ctx.base.entityKind === 'personal' ? '个人备案的网站负责人即备案人本人，请由年满18周岁的人（如监护人）办理备案' : '请更换为年满18周岁的网站负责人';
      out.problem(`${role}.idNumber`, `网站负责人须年满${PRINCIPAL_MIN_AGE}周岁：身份证显示出生于 ${born}，尚未成年；${way}`);
    },
  },
  {
    id: 'distinct_contacts',
    severity: 'fail',
    group: 'distinct_contacts',
    scope: 'submission',
    needs: [],
    fields: ['websitePrincipal.mobile', 'websitePrincipal.email'],
    title: '不同负责人的手机号码和电子邮箱互不相同',
    why: 'DOMAIN.md "Checks": when principals differ, their phones and emails differ.',
    check(ctx, out) {
      for (const e of distinctContactIssues(ctx.form).errors) out.problem(e.path, e.message);
    },
  },
  {
    id: 'email_typo',
    severity: 'warn',
    group: 'distinct_contacts',
    scope: 'submission',
    needs: [],
    fields: ['websitePrincipal.email', 'entityPrincipal.email'],
    title: '电子邮箱没有拼写错误',
    why: 'Review notices go to this address; a slipped provider or top-level domain (qq.con, 163.cm, gmial.com) loses them. Only a warning: the product cannot know nobody receives mail there.',
    check(ctx, out) {
      for (const { role, principal, who } of formPrincipals(ctx.form)) {
        const suggestion = emailSuggestion(principal.email);
        if (!suggestion) continue;
        const path = `${role}.email`;
        out.problem(path, `${who}电子邮箱“${principal.email.trim()}”是否为 ${suggestion}？请核对，审核结果会发送到该邮箱`, { path, value: suggestion, label: `改为 ${suggestion}` });
      }
    },
  },
  {
    id: 'emergency_phone',
    severity: 'fail',
    group: 'form_valid',
    scope: 'submission',
    needs: [],
    fields: ['websitePrincipal.emergencyPhone', 'entityPrincipal.emergencyPhone'],
    title: '应急联系电话（本省要求）填写正确',
    why: "应急联系方式: required where the province table says so (emergencyPhoneRequired); a number other than the principal's mobile.",
    check(ctx, out) {
      const required = provinceRules(ctx.base.province).emergencyPhoneRequired;
      for (const { role, principal, who } of formPrincipals(ctx.form)) {
        const path = `${role}.emergencyPhone`;
        const value = principal.emergencyPhone;
        if (isBlank(value)) {
          if (required) out.problem(path, `请填写${who}应急联系电话（${provinceName(ctx.base.province)}管局要求），不能与手机号码相同`);
          continue;
        }
        const digits = landlineOrMobile(value ?? '');
        if (!digits) out.problem(path, `${who}应急联系电话“${value?.trim()}”格式不正确，请填写手机号码或带区号的固定电话，例如 0571-88886666`);
        else if (digits === (mainlandMobile(principal.mobile) ?? canonicalPhone(principal.mobile))) {
          out.problem(path, `${who}应急联系电话不能与其手机号码相同，请填写另一个能联系到本人的号码`);
        }
      }
    },
  },
  {
    id: 'office_phone',
    severity: 'fail',
    group: 'form_valid',
    scope: 'submission',
    needs: [],
    fields: ['websitePrincipal.officePhone', 'entityPrincipal.officePhone'],
    title: '办公室电话（本省单位备案要求）填写正确',
    why: '办公室电话: on the form where the province table has it (officePhoneField), required where it says so; organisation filings only.',
    appliesTo: (ctx) => officePhoneField(ctx) !== 'none',
    check(ctx, out) {
      const field = officePhoneField(ctx);
      for (const { role, principal, who } of formPrincipals(ctx.form)) {
        const path = `${role}.officePhone`;
        const value = principal.officePhone;
        if (isBlank(value)) {
          if (field === 'required') out.problem(path, `请填写${who}办公室电话（${provinceName(ctx.base.province)}管局要求单位备案填写，没有座机的可填写手机号码）`);
        } else if (!landlineOrMobile(value ?? '')) {
          out.problem(path, `${who}办公室电话“${value?.trim()}”格式不正确，请填写带区号的固定电话（例如 010-88886666）或手机号码`);
        }
      }
    },
  },
];
