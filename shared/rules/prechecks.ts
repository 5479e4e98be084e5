// The pre-submit checklist decidable without the network (offline prechecks): one result per rule, each pointing at the field to fix.
import type { CheckOutcome, PrecheckResult } from '../contracts/api';
import type { ChangeDraft } from '../domain/change';
import { maskMobile } from '../validators/contact';
import { diffChange } from './diff';
import { distinctContactIssues, domainIssues, type FieldError, homepageIssues, idValidityIssuesOf, principalIssues, websiteNameIssues } from './formIssues';
import { lockedFieldViolations } from './locked';
import { pathOfPhone, unverifiedPhones } from './phones';
import { materialSlotLabel } from './labels';
import { requiredMaterials } from './materials';
import { AGREEMENT_TEXT } from '../data/terms';

/** Stable ids of the offline checks (the mini-program may key icons or help text on them). */
export const OFFLINE_PRECHECK_IDS = [
  'has_changes',
  'form_valid',
  'locked_rules',
  'phones_verified',
  'materials_provided',
  'domain_fileable',
  'website_name',
  'id_validity',
  'distinct_contacts',
  'agreement',
] as const;
export type OfflinePrecheckId = (typeof OFFLINE_PRECHECK_IDS)[number];

const TITLES: Record<OfflinePrecheckId, string> = {
  has_changes: '有需要变更的内容',
  form_valid: '网站信息填写完整、格式正确',
  locked_rules: '没有修改变更网站时不能修改的信息',
  phones_verified: '新手机号码已通过短信验证',
  materials_provided: '所需资料已上传',
  domain_fileable: '域名可以备案',
  website_name: '网站名称符合命名要求',
  id_validity: '证件在有效期内且剩余3个月以上',
  distinct_contacts: '不同负责人的联系方式互不相同',
  agreement: '已阅读并同意服务条款',
};

type Draft = Pick<ChangeDraft, 'base' | 'form' | 'materials' | 'verifiedPhones' | 'agreement'>;

function result(id: OfflinePrecheckId, outcome: CheckOutcome, field: string | null, message: string): PrecheckResult {
  return { id, title: TITLES[id], outcome, field, message };
}

/** The first problem's message, plus how many more there are, so one line still says what to fix first. */
function summarise(problems: readonly { message: string }[]): string {
  const more = problems.length > 1 ? `（另有${problems.length - 1}项问题）` : '';
  return `${problems[0].message}${more}`;
}

function fromIssues(id: OfflinePrecheckId, errors: FieldError[], warnings: FieldError[], passMessage: string): PrecheckResult {
  if (errors.length > 0) return result(id, 'fail', errors[0].path, summarise(errors));
  if (warnings.length > 0) return result(id, 'warn', warnings[0].path, summarise(warnings));
  return result(id, 'pass', null, passMessage);
}

/** Every offline check, in the order the checklist shows them. `today` pins the clock for ID dates. */
export function offlinePrechecks(draft: Draft, today: Date = new Date()): PrecheckResult[] {
  const { base, form } = draft;
  const checks: PrecheckResult[] = [];

  const diff = diffChange(base, form);
  checks.push(
    diff.length === 0
      ? result('has_changes', 'fail', 'name', '还没有修改任何信息；请先在“网站信息”中修改需要变更的内容')
      : result('has_changes', 'pass', null, `本次变更：${[...new Set(diff.map((d) => d.label))].join('、')}`),
  );

  const formErrors = [...homepageIssues(form).errors, ...principalIssues(form, today).errors];
  checks.push(fromIssues('form_valid', formErrors, [], '网站首页地址和负责人信息填写正确'));

  const violations = lockedFieldViolations(base, form);
  checks.push(
    violations.length > 0
      ? result('locked_rules', 'fail', violations[0].path, summarise(violations))
      : result('locked_rules', 'pass', null, '没有修改负责人身份、域名新增等变更网站不允许的内容'),
  );

  const unverified = unverifiedPhones(draft);
  checks.push(
    unverified.length > 0
      ? result('phones_verified', 'fail', pathOfPhone(form, unverified[0]), `手机号码 ${unverified.map(maskMobile).join('、')} 还未完成短信验证，请在“网站信息”步骤获取并填写验证码`)
      : result('phones_verified', 'pass', null, '新填写的手机号码均已验证（或没有新手机号码）'),
  );

  const missing = requiredMaterials(draft, today).filter((m) => !m.provided);
  checks.push(
    missing.length > 0
      ? result('materials_provided', 'fail', missing[0].slot, `还需上传：${missing.map((m) => materialSlotLabel(m.subject, m.kind)).join('、')}`)
      : result('materials_provided', 'pass', null, '本次变更需要的资料均已上传'),
  );

  checks.push(fromIssues('domain_fileable', domainIssues(form).errors, [], '域名格式正确，顶级域均在可备案列表中'));

  const name = websiteNameIssues(base, form);
  checks.push(fromIssues('website_name', name.errors, name.warnings, '网站名称符合命名要求'));

  const validity = idValidityIssuesOf(form, today);
  checks.push(fromIssues('id_validity', validity.errors, validity.warnings, '负责人证件有效期剩余3个月以上'));

  checks.push(fromIssues('distinct_contacts', distinctContactIssues(form).errors, [], '负责人的手机号码和电子邮箱符合要求'));

  checks.push(draft.agreement.agreed ? result('agreement', 'pass', null, '已同意服务条款') : result('agreement', 'fail', 'agreement', `请勾选“${AGREEMENT_TEXT}”`));
  return checks;
}

/** Ready to submit when nothing fails; warnings are allowed. */
export function isReadyToSubmit(checks: readonly PrecheckResult[]): boolean {
  return checks.every((c) => c.outcome !== 'fail');
}
