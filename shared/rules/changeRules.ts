// What a website change may change and how the edited form is judged: diff, locked rules, field validation, phones to verify.
import type { ChangeBase, ChangeDraft, WebsiteForm } from '../domain/change';
import type { IdDocumentType, Principal } from '../domain/filing';
import { email, mobile } from '../validators/contact';
import { checkFileableDomain, isHostOnDomain, toUnicodeDomain } from '../validators/domain';
import { maskResidentId, RESIDENT_ID_MESSAGES, residentIdProblem } from '../validators/identity';
import { checkWebsiteName } from '../validators/websiteName';
import { addMonths, chinaDate, ID_MIN_VALIDITY_MONTHS, isRealIsoDate } from './dates';

// ---------------------------------------------------------------------------------------------------------------
// Labels and canonical forms

export type PrincipalRole = 'websitePrincipal' | 'entityPrincipal';
export type PrincipalField = keyof Principal;

export const ROLE_LABELS: Record<PrincipalRole, string> = { websitePrincipal: '网站负责人', entityPrincipal: '主体负责人' };

export const PRINCIPAL_FIELD_LABELS: Record<PrincipalField, string> = {
  name: '姓名',
  idType: '证件类型',
  idNumber: '证件号码',
  idValidUntil: '证件有效期',
  mobile: '手机号码',
  email: '电子邮箱',
};

export const ID_TYPE_LABELS: Record<IdDocumentType, string> = {
  resident_id: '居民身份证',
  passport: '护照',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
};

/** Chinese name of every form field path, for diffs, checklists and error lists. */
export const FIELD_LABELS: Record<string, string> = {
  name: '网站名称',
  domains: '网站域名',
  homepageUrl: '网站首页地址',
  serviceContent: '网站服务内容',
  notes: '备注',
  principalSameAsEntity: '同主体负责人',
  ...Object.fromEntries(
    (['websitePrincipal', 'entityPrincipal'] as const).flatMap((role) =>
      (Object.keys(PRINCIPAL_FIELD_LABELS) as PrincipalField[]).map((f) => [`${role}.${f}`, `${ROLE_LABELS[role]}${PRINCIPAL_FIELD_LABELS[f]}`]),
    ),
  ),
};

/** Identity fields: changing one of them means a different person (or document), not new contact details. */
const IDENTITY_FIELDS: readonly PrincipalField[] = ['name', 'idType', 'idNumber'];

export function canonicalMobile(value: string): string {
  const parsed = mobile.safeParse(value);
  return parsed.success ? parsed.data : value.trim();
}

function canonicalIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

function canonicalEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** Domains compared in lowercase Unicode form; a malformed one is compared as typed. */
export function canonicalDomain(value: string): string {
  const trimmed = value.trim().replace(/\.$/, '');
  try {
    return toUnicodeDomain(trimmed);
  } catch {
    return trimmed.toLowerCase();
  }
}

function canonicalPrincipalValue(field: PrincipalField, value: string | null): string {
  if (value === null) return '';
  if (field === 'mobile') return canonicalMobile(value);
  if (field === 'idNumber') return canonicalIdNumber(value);
  if (field === 'email') return canonicalEmail(value);
  return value.trim();
}

function displayPrincipalValue(field: PrincipalField, value: string | null): string {
  if (field === 'idValidUntil') return value === null ? '长期' : value;
  if (value === null) return '';
  if (field === 'idNumber') return maskResidentId(canonicalIdNumber(value));
  if (field === 'idType') return ID_TYPE_LABELS[value as IdDocumentType] ?? value;
  return value.trim();
}

function samePrincipalField(field: PrincipalField, a: Principal, b: Principal): boolean {
  return canonicalPrincipalValue(field, a[field]) === canonicalPrincipalValue(field, b[field]);
}

function sameIdentity(a: Principal, b: Principal): boolean {
  return IDENTITY_FIELDS.every((f) => samePrincipalField(f, a, b));
}

/** The filed website principal: the entity principal when 同主体负责人 was ticked at filing. */
export function filedWebsitePrincipal(base: ChangeBase): Principal {
  return base.website.principalSameAsEntity ? base.entityPrincipal : base.website.principal;
}

/**
 * The website principal the form describes. With 同主体负责人 ticked the website principal IS the entity principal,
 * so `entityPrincipal` is authoritative and `websitePrincipal` is only its mirror (see `syncSamePrincipal`).
 */
export function effectiveWebsitePrincipal(form: WebsiteForm): Principal {
  return form.principalSameAsEntity ? form.entityPrincipal : form.websitePrincipal;
}

/** Path prefix under which the effective website principal's fields are edited. */
export function websitePrincipalPath(form: WebsiteForm): PrincipalRole {
  return form.principalSameAsEntity ? 'entityPrincipal' : 'websitePrincipal';
}

/** Copies the entity principal into the website principal when 同主体负责人 is ticked ("editing one edits both"). */
export function syncSamePrincipal(form: WebsiteForm): WebsiteForm {
  return form.principalSameAsEntity ? { ...form, websitePrincipal: { ...form.entityPrincipal } } : form;
}

/** Personal filings: the website principal is the entity principal and cannot be replaced by a website change. */
export function isPrincipalLocked(base: ChangeBase): boolean {
  return base.entityKind === 'personal';
}

// ---------------------------------------------------------------------------------------------------------------
// Diff

export interface ChangeDiffEntry {
  /** Form path, e.g. `websitePrincipal.mobile`, `domains`. */
  path: string;
  /** Chinese field name. */
  label: string;
  /** Display strings; ID numbers are masked. Empty for an added (before) or removed (after) domain. */
  before: string;
  after: string;
  kind: 'changed' | 'removed' | 'added';
}

function uniqueDomains(domains: readonly string[]): string[] {
  return [...new Set(domains.map(canonicalDomain).filter((d) => d !== ''))];
}

function diffPrincipal(role: PrincipalRole, before: Principal, after: Principal): ChangeDiffEntry[] {
  return (Object.keys(PRINCIPAL_FIELD_LABELS) as PrincipalField[])
    .filter((field) => !samePrincipalField(field, before, after))
    .map((field) => ({
      path: `${role}.${field}`,
      label: FIELD_LABELS[`${role}.${field}`],
      before: displayPrincipalValue(field, before[field]),
      after: displayPrincipalValue(field, after[field]),
      kind: 'changed' as const,
    }));
}

/** Every value the form changes against the filed snapshot, in form order, for the confirm step and the reviewer. */
export function diffChange(base: ChangeBase, form: WebsiteForm): ChangeDiffEntry[] {
  const entries: ChangeDiffEntry[] = [];
  const changed = (path: string, before: string, after: string) => {
    if (before !== after) entries.push({ path, label: FIELD_LABELS[path], before, after, kind: 'changed' });
  };
  changed('name', base.website.name.trim(), form.name.trim());

  const filedDomains = uniqueDomains(base.website.domains);
  const formDomains = uniqueDomains(form.domains);
  for (const d of filedDomains.filter((d) => !formDomains.includes(d))) {
    entries.push({ path: 'domains', label: FIELD_LABELS.domains, before: d, after: '', kind: 'removed' });
  }
  for (const d of formDomains.filter((d) => !filedDomains.includes(d))) {
    entries.push({ path: 'domains', label: FIELD_LABELS.domains, before: '', after: d, kind: 'added' });
  }

  changed('homepageUrl', base.website.homepageUrl.trim(), form.homepageUrl.trim());
  const filedContent = [...new Set(base.website.serviceContent)].sort();
  const formContent = [...new Set(form.serviceContent)].sort();
  if (filedContent.join('\u0000') !== formContent.join('\u0000')) {
    entries.push({ path: 'serviceContent', label: FIELD_LABELS.serviceContent, before: base.website.serviceContent.join('、'), after: form.serviceContent.join('、'), kind: 'changed' });
  }
  changed('notes', base.website.notes.trim(), form.notes.trim());
  changed('principalSameAsEntity', base.website.principalSameAsEntity ? '是' : '否', form.principalSameAsEntity ? '是' : '否');

  // With 同主体负责人 ticked before and after, website-principal changes are the entity-principal changes: list them once.
  if (!(base.website.principalSameAsEntity && form.principalSameAsEntity)) {
    entries.push(...diffPrincipal('websitePrincipal', filedWebsitePrincipal(base), effectiveWebsitePrincipal(form)));
  }
  entries.push(...diffPrincipal('entityPrincipal', base.entityPrincipal, form.entityPrincipal));
  return entries;
}

// ---------------------------------------------------------------------------------------------------------------
// Locked rules (DOMAIN.md "What a website change may and may not do")

export type LockedRuleCode =
  | 'personal_principal_locked'
  | 'entity_principal_locked'
  | 'domain_not_removable_only'
  | 'domains_empty'
  | 'province_fixed'
  | 'certificate_number_fixed';

export interface LockedFieldViolation {
  code: LockedRuleCode;
  path: string;
  message: string;
}

/** Values a request tried to set outside the form (the form has no such fields; a raw body might). */
export interface AttemptedEntityChange {
  province?: string;
  certificateNumber?: string;
}

const USE_FILING_CHANGE = '如需更换负责人，请办理“变更备案”';

/** Rules a website change must respect whatever the values are; each violation names the field and the way out. */
export function lockedFieldViolations(base: ChangeBase, form: WebsiteForm, attempted: AttemptedEntityChange = {}): LockedFieldViolation[] {
  const violations: LockedFieldViolation[] = [];

  if (isPrincipalLocked(base)) {
    if (!form.principalSameAsEntity) {
      violations.push({
        code: 'personal_principal_locked',
        path: 'principalSameAsEntity',
        message: `个人备案的网站负责人就是主体负责人本人，不能取消“同主体负责人”；${USE_FILING_CHANGE}`,
      });
    }
    // Contact details of the same person may change; who the person is may not.
    const pairs: [PrincipalRole, Principal, Principal][] = [
      ['entityPrincipal', base.entityPrincipal, form.entityPrincipal],
      ['websitePrincipal', filedWebsitePrincipal(base), form.websitePrincipal],
    ];
    for (const [role, before, after] of pairs) {
      if (role === 'websitePrincipal' && form.principalSameAsEntity) continue; // mirrors entityPrincipal, judged above
      for (const field of IDENTITY_FIELDS.filter((f) => !samePrincipalField(f, before, after))) {
        violations.push({
          code: 'personal_principal_locked',
          path: `${role}.${field}`,
          message: `个人备案在变更网站时不能修改负责人的${PRINCIPAL_FIELD_LABELS[field]}（网站负责人即主体负责人本人）；${USE_FILING_CHANGE}`,
        });
      }
    }
  } else if (!form.principalSameAsEntity) {
    // The seed: the entity principal changes only together with the website principal, via 同主体负责人.
    for (const field of (Object.keys(PRINCIPAL_FIELD_LABELS) as PrincipalField[]).filter((f) => !samePrincipalField(f, base.entityPrincipal, form.entityPrincipal))) {
      violations.push({
        code: 'entity_principal_locked',
        path: `entityPrincipal.${field}`,
        message: `未勾选“同主体负责人”时不能修改主体负责人的${PRINCIPAL_FIELD_LABELS[field]}；如需同时修改主体负责人，请勾选“同主体负责人”，否则请办理“变更主体”`,
      });
    }
  }

  const filed = new Set(uniqueDomains(base.website.domains));
  form.domains.forEach((raw, index) => {
    const domain = canonicalDomain(raw);
    if (domain !== '' && !filed.has(domain)) {
      violations.push({
        code: 'domain_not_removable_only',
        path: `domains.${index}`,
        message: `变更网站时域名只能删除，不能新增或替换：“${domain}”不是本网站已备案的域名。新域名请通过“新增网站”办理`,
      });
    }
  });
  if (uniqueDomains(form.domains).filter((d) => filed.has(d)).length === 0) {
    violations.push({ code: 'domains_empty', path: 'domains', message: '至少需要保留一个已备案的域名；如不再使用全部域名，请办理“注销网站”' });
  }

  if (attempted.province !== undefined && attempted.province !== base.province) {
    violations.push({ code: 'province_fixed', path: 'province', message: '变更网站时不能修改主体所在省份；如需修改，请办理“变更主体”' });
  }
  if (attempted.certificateNumber !== undefined && canonicalIdNumber(attempted.certificateNumber) !== canonicalIdNumber(base.certificateNumber)) {
    violations.push({ code: 'certificate_number_fixed', path: 'certificateNumber', message: '变更网站时不能修改主体证件号码；证件号码变化需重新备案' });
  }
  return violations;
}

// ---------------------------------------------------------------------------------------------------------------
// Field validation

export interface FieldError {
  path: string;
  message: string;
}

export interface FormIssues {
  errors: FieldError[];
  warnings: FieldError[];
}

function issues(): FormIssues {
  return { errors: [], warnings: [] };
}

/**
 * Name rules. A name that is unchanged was accepted at filing: its rule errors become warnings, so a filed name under
 * a later, stricter rule never blocks a change of phone number. A changed name gets the full rules.
 */
export function websiteNameIssues(base: ChangeBase, form: WebsiteForm): FormIssues {
  const result = checkWebsiteName(form.name, { entityKind: base.entityKind, domains: form.domains, province: base.province });
  const unchanged = form.name.trim() === base.website.name.trim();
  return {
    errors: unchanged ? [] : result.errors.map((message) => ({ path: 'name', message })),
    warnings: [
      ...(unchanged ? result.errors.map((message) => ({ path: 'name', message: `已备案的网站名称不符合现行规则：${message}` })) : []),
      ...result.warnings.map((message) => ({ path: 'name', message })),
    ],
  };
}

/** Each remaining domain must be a well-formed hostname on a fileable suffix, listed once. */
export function domainIssues(form: WebsiteForm): FormIssues {
  const out = issues();
  const seen = new Set<string>();
  form.domains.forEach((raw, index) => {
    const result = checkFileableDomain(raw);
    if ('error' in result) {
      out.errors.push({ path: `domains.${index}`, message: result.error });
      return;
    }
    if (seen.has(result.domain)) out.errors.push({ path: `domains.${index}`, message: `域名“${result.domain}”重复，请删除重复的一项` });
    seen.add(result.domain);
  });
  return out;
}

const HTTP_URL = /^(https?):\/\/([^/?#:@\s]+)(:\d{1,5})?([/?#]\S*)?$/i;

/** The homepage must be an http(s) URL on one of the website's remaining domains. */
export function homepageIssues(form: WebsiteForm): FormIssues {
  const out = issues();
  const url = form.homepageUrl.trim();
  if (url === '') {
    out.errors.push({ path: 'homepageUrl', message: '请填写网站首页地址，例如 https://www.example.com' });
    return out;
  }
  const match = HTTP_URL.exec(url);
  if (!match) {
    out.errors.push({ path: 'homepageUrl', message: '网站首页地址需以 http:// 或 https:// 开头，例如 https://www.example.com' });
    return out;
  }
  const host = match[2];
  const domains = uniqueDomains(form.domains);
  if (!domains.some((d) => isHostOnDomain(host, d))) {
    out.errors.push({
      path: 'homepageUrl',
      message: `网站首页地址的域名“${canonicalDomain(host)}”不是本网站的域名（${domains.join('、') || '无'}），请使用本网站的域名`,
    });
  }
  return out;
}

const OTHER_ID_NUMBER = /^[A-Za-z0-9()（）-]{5,30}$/;

/** Format of one principal's name, ID number, mobile and email. `who` names the role in messages. */
function principalFormatIssues(role: PrincipalRole, p: Principal, today: Date, who: string): FieldError[] {
  const errors: FieldError[] = [];
  if (p.name.trim() === '') errors.push({ path: `${role}.name`, message: `请填写${who}姓名` });
  const id = canonicalIdNumber(p.idNumber);
  if (id === '') {
    errors.push({ path: `${role}.idNumber`, message: `请填写${who}证件号码` });
  } else if (p.idType === 'resident_id') {
    const problem = residentIdProblem(id, today);
    if (problem) errors.push({ path: `${role}.idNumber`, message: `${who}${RESIDENT_ID_MESSAGES[problem]}` });
  } else if (!OTHER_ID_NUMBER.test(id)) {
    errors.push({ path: `${role}.idNumber`, message: `${who}${ID_TYPE_LABELS[p.idType]}号码格式不正确，只能包含字母和数字` });
  }
  if (p.mobile.trim() === '') errors.push({ path: `${role}.mobile`, message: `请填写${who}手机号码` });
  else if (!mobile.safeParse(p.mobile).success) errors.push({ path: `${role}.mobile`, message: `${who}手机号码格式不正确，请填写11位中国大陆手机号` });
  if (p.email.trim() === '') errors.push({ path: `${role}.email`, message: `请填写${who}电子邮箱` });
  else if (!email.safeParse(p.email).success) errors.push({ path: `${role}.email`, message: `${who}电子邮箱格式不正确，例如 name@example.com` });
  return errors;
}

/** ID valid-until: a real date after today; less than 3 months left is a warning (review may refuse it). */
function idValidityIssues(role: PrincipalRole, p: Principal, today: Date, who: string): FormIssues {
  const out = issues();
  const until = p.idValidUntil;
  if (until === null) return out;
  const path = `${role}.idValidUntil`;
  if (!isRealIsoDate(until)) {
    out.errors.push({ path, message: `${who}证件有效期“${until}”不是有效日期，请按 YYYY-MM-DD 填写；长期有效请选择“长期”` });
    return out;
  }
  const todayIso = chinaDate(today);
  if (until < todayIso) {
    out.errors.push({ path, message: `${who}证件已于 ${until} 过期，请换领新证件后填写新证件信息` });
  } else if (until < addMonths(todayIso, ID_MIN_VALIDITY_MONTHS)) {
    out.warnings.push({ path, message: `${who}证件将于 ${until} 到期，有效期不足3个月，管局可能不予通过；建议换领新证件后再提交` });
  }
  return out;
}

/** The principals the form holds, each once: with 同主体负责人 ticked only the entity principal. */
function formPrincipals(form: WebsiteForm): { role: PrincipalRole; principal: Principal; who: string }[] {
  const list: { role: PrincipalRole; principal: Principal; who: string }[] = [];
  if (!form.principalSameAsEntity) list.push({ role: 'websitePrincipal', principal: form.websitePrincipal, who: ROLE_LABELS.websitePrincipal });
  list.push({ role: 'entityPrincipal', principal: form.entityPrincipal, who: ROLE_LABELS.entityPrincipal });
  return list;
}

export function principalIssues(form: WebsiteForm, today: Date): FormIssues {
  const out = issues();
  for (const { role, principal, who } of formPrincipals(form)) out.errors.push(...principalFormatIssues(role, principal, today, who));
  return out;
}

export function idValidityIssuesOf(form: WebsiteForm, today: Date): FormIssues {
  const out = issues();
  for (const { role, principal, who } of formPrincipals(form)) {
    const r = idValidityIssues(role, principal, today, who);
    out.errors.push(...r.errors);
    out.warnings.push(...r.warnings);
  }
  return out;
}

/** Two different people (website principal ≠ entity principal) must not share a phone or an email (DOMAIN.md "Checks"). */
export function distinctContactIssues(form: WebsiteForm): FormIssues {
  const out = issues();
  if (form.principalSameAsEntity) return out;
  const w = form.websitePrincipal;
  const e = form.entityPrincipal;
  if (canonicalIdNumber(w.idNumber) === canonicalIdNumber(e.idNumber)) return out; // same person listed twice
  if (w.mobile.trim() !== '' && canonicalMobile(w.mobile) === canonicalMobile(e.mobile)) {
    out.errors.push({ path: 'websitePrincipal.mobile', message: '网站负责人与主体负责人不是同一人，手机号码不能相同；请填写网站负责人本人的手机号码' });
  }
  if (w.email.trim() !== '' && canonicalEmail(w.email) === canonicalEmail(e.email)) {
    out.errors.push({ path: 'websitePrincipal.email', message: '网站负责人与主体负责人不是同一人，电子邮箱不能相同；请填写网站负责人本人的电子邮箱' });
  }
  return out;
}

function merge(...all: FormIssues[]): FormIssues {
  return { errors: all.flatMap((i) => i.errors), warnings: all.flatMap((i) => i.warnings) };
}

/** Errors and warnings of the whole form, in form order. */
export function formIssues(base: ChangeBase, form: WebsiteForm, today: Date = new Date()): FormIssues {
  return merge(
    websiteNameIssues(base, form),
    domainIssues(form),
    homepageIssues(form),
    principalIssues(form, today),
    idValidityIssuesOf(form, today),
    distinctContactIssues(form),
  );
}

/** Field errors that block saving the step (`{ path, message }`, the BFF's `fields` shape). Warnings: `formWarnings`. */
export function validateForm(base: ChangeBase, form: WebsiteForm, today: Date = new Date()): FieldError[] {
  return formIssues(base, form, today).errors;
}

/** Warnings shown beside the fields; they never block. */
export function formWarnings(base: ChangeBase, form: WebsiteForm, today: Date = new Date()): FieldError[] {
  return formIssues(base, form, today).warnings;
}

// ---------------------------------------------------------------------------------------------------------------
// SMS verification

/**
 * Mobiles (11 digits) in the form that are not among the filed ones, so they must be verified by SMS code. A number
 * already on file was verified at filing, so moving it between roles needs no new code. Malformed numbers are left to
 * `validateForm` (no code can be sent to them).
 */
export function phonesNeedingVerification(base: ChangeBase, form: WebsiteForm): string[] {
  const filed = new Set([base.entityPrincipal.mobile, base.website.principal.mobile].map(canonicalMobile));
  const phones = formPrincipals(form).map(({ principal }) => canonicalMobile(principal.mobile));
  return [...new Set(phones.filter((p) => /^1[3-9]\d{9}$/.test(p) && !filed.has(p)))];
}

/** Which of the phones needing verification are not verified yet for this change. */
export function unverifiedPhones(draft: Pick<ChangeDraft, 'base' | 'form' | 'verifiedPhones'>): string[] {
  const verified = new Set(draft.verifiedPhones.map(canonicalMobile));
  return phonesNeedingVerification(draft.base, draft.form).filter((p) => !verified.has(p));
}

/** Form path of the principal whose mobile is `phone` (to jump to it), or null. */
export function pathOfPhone(form: WebsiteForm, phone: string): string | null {
  const hit = formPrincipals(form).find(({ principal }) => canonicalMobile(principal.mobile) === phone);
  return hit ? `${hit.role}.mobile` : null;
}
