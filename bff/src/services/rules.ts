// The change rules the BFF applies (what a website change may alter, field problems, phones to verify, materials
// required, offline pre-checks). Interim BFF copy until shared/rules lands; every caller goes through this module only.
import type { FieldError } from '../errors';
import type { ChangeDraft, WebsiteForm } from '../../../shared/domain/change';
import { materialSlot } from '../../../shared/domain/change';
import type { MaterialKind, MaterialSubject, Principal } from '../../../shared/domain/filing';
import type { PrecheckResult, RequiredMaterial } from '../../../shared/contracts/api';
import { email, mobile } from '../../../shared/validators/contact';
import { residentIdProblem, RESIDENT_ID_MESSAGES } from '../../../shared/validators/identity';

type DraftCore = Pick<ChangeDraft, 'base' | 'form'>;

export interface DiffEntry {
  path: string;
  before: unknown;
  after: unknown;
}

/** The filed values in the shape of the form (what "unchanged" means). */
export function filedForm(base: ChangeDraft['base']): WebsiteForm {
  const w = base.website;
  return {
    name: w.name,
    domains: w.domains,
    homepageUrl: w.homepageUrl,
    serviceContent: w.serviceContent,
    notes: w.notes,
    principalSameAsEntity: w.principalSameAsEntity,
    websitePrincipal: w.principal,
    entityPrincipal: base.entityPrincipal,
  };
}

const PRINCIPAL_FIELDS: (keyof Principal)[] = ['name', 'idType', 'idNumber', 'idValidUntil', 'mobile', 'email'];

/** Changed fields, as dotted paths into the form. */
export function diffChange({ base, form }: DraftCore): DiffEntry[] {
  const filed = filedForm(base);
  const out: DiffEntry[] = [];
  for (const key of ['name', 'domains', 'homepageUrl', 'serviceContent', 'notes', 'principalSameAsEntity'] as const) {
    if (JSON.stringify(filed[key]) !== JSON.stringify(form[key])) out.push({ path: key, before: filed[key], after: form[key] });
  }
  for (const who of ['websitePrincipal', 'entityPrincipal'] as const) {
    for (const f of PRINCIPAL_FIELDS) {
      if (filed[who][f] !== form[who][f]) out.push({ path: `${who}.${f}`, before: filed[who][f], after: form[who][f] });
    }
  }
  return out;
}

function samePerson(a: Principal, b: Principal): boolean {
  return a.name.trim() === b.name.trim() && a.idType === b.idType && a.idNumber.trim().toUpperCase() === b.idNumber.trim().toUpperCase();
}

export interface RuleViolation extends FieldError {
  rule: string;
}

/** Changes a website change may not make at all (refused with 422 `rule_locked`, naming the rule). */
export function lockedFieldViolations({ base, form }: DraftCore): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (base.entityKind === 'personal') {
    if (!samePerson(form.websitePrincipal, base.website.principal)) {
      out.push({
        path: 'websitePrincipal',
        rule: 'personal_principal_locked',
        message: '个人备案的网站负责人即主体负责人，网站变更不能更换网站负责人；如需更换，请办理“变更备案”',
      });
    }
    if (!samePerson(form.entityPrincipal, base.entityPrincipal)) {
      out.push({
        path: 'entityPrincipal',
        rule: 'personal_principal_locked',
        message: '个人备案的主体负责人不能在网站变更中更换；如需更换，请办理“变更备案”',
      });
    }
    if (!form.principalSameAsEntity) {
      out.push({
        path: 'principalSameAsEntity',
        rule: 'personal_principal_locked',
        message: '个人备案的网站负责人必须与主体负责人相同，请勾选“同主体负责人”',
      });
    }
  }
  const filed = new Set(base.website.domains.map((d) => d.trim().toLowerCase()));
  const added = form.domains.map((d) => d.trim().toLowerCase()).filter((d) => d && !filed.has(d));
  if (added.length > 0) {
    out.push({
      path: 'domains',
      rule: 'domain_add_forbidden',
      message: `网站变更只能删除域名，不能新增或替换（${added.join('、')}）；新域名请办理“新增网站”`,
    });
  }
  return out;
}

function principalProblems(who: 'websitePrincipal' | 'entityPrincipal', p: Principal, today: Date): FieldError[] {
  const out: FieldError[] = [];
  const label = who === 'websitePrincipal' ? '网站负责人' : '主体负责人';
  if (!p.name.trim()) out.push({ path: `${who}.name`, message: `请填写${label}姓名` });
  if (p.idType === 'resident_id') {
    const problem = residentIdProblem(p.idNumber.trim().toUpperCase(), today);
    if (problem) out.push({ path: `${who}.idNumber`, message: `${label}${RESIDENT_ID_MESSAGES[problem]}` });
  } else if (!p.idNumber.trim()) out.push({ path: `${who}.idNumber`, message: `请填写${label}证件号码` });
  const m = mobile.safeParse(p.mobile);
  if (!m.success) out.push({ path: `${who}.mobile`, message: `${label}${m.error.issues[0].message}` });
  const e = email.safeParse(p.email);
  if (!e.success) out.push({ path: `${who}.email`, message: `${label}${e.error.issues[0].message}` });
  return out;
}

/** Field problems of the form (saved anyway, shown as `problems`; block submit). */
export function validateForm({ form }: DraftCore, today = new Date()): FieldError[] {
  const out: FieldError[] = [];
  const name = form.name.trim();
  if (!name) out.push({ path: 'name', message: '请填写网站名称' });
  else if ((name.match(/[\u4e00-\u9fa5]/g) ?? []).length < 3) out.push({ path: 'name', message: '网站名称至少包含3个汉字，不能只用数字或字母' });
  if (form.domains.filter((d) => d.trim()).length === 0) out.push({ path: 'domains', message: '至少保留一个网站域名' });
  try {
    const u = new URL(form.homepageUrl);
    if (!['http:', 'https:'].includes(u.protocol)) throw new Error('protocol');
    if (!form.domains.some((d) => u.hostname === d || u.hostname.endsWith(`.${d}`))) {
      out.push({ path: 'homepageUrl', message: '网站首页地址须使用本网站已备案的域名' });
    }
  } catch {
    out.push({ path: 'homepageUrl', message: '网站首页地址格式不正确，例如 https://www.example.cn/' });
  }
  out.push(...principalProblems('websitePrincipal', form.websitePrincipal, today));
  if (!form.principalSameAsEntity) out.push(...principalProblems('entityPrincipal', form.entityPrincipal, today));
  return out;
}

function canonicalMobile(raw: string): string {
  const m = mobile.safeParse(raw);
  return m.success ? m.data : raw.trim();
}

/** Mobiles (11 digits) that are new or changed in the form and so must be verified by SMS code. */
export function phonesNeedingVerification({ base, form }: DraftCore): string[] {
  const filed = new Set([base.website.principal.mobile, base.entityPrincipal.mobile].map(canonicalMobile));
  const now = [form.websitePrincipal.mobile, ...(form.principalSameAsEntity ? [] : [form.entityPrincipal.mobile])].map(canonicalMobile);
  return [...new Set(now.filter((p) => /^1[3-9]\d{9}$/.test(p) && !filed.has(p)))];
}

export { canonicalMobile };

/** Materials the change needs now, with whether this change already carries them. */
export function requiredMaterials(draft: Pick<ChangeDraft, 'base' | 'form' | 'materials'>): RequiredMaterial[] {
  const need: { subject: MaterialSubject; kind: MaterialKind; reason: string }[] = [];
  if (!samePerson(draft.form.websitePrincipal, draft.base.website.principal)) {
    need.push({ subject: 'website_principal', kind: 'id_front', reason: '网站负责人已更换，请上传新负责人的身份证人像面' });
    need.push({ subject: 'website_principal', kind: 'id_back', reason: '网站负责人已更换，请上传新负责人的身份证国徽面' });
  }
  if (!draft.form.principalSameAsEntity && !samePerson(draft.form.entityPrincipal, draft.base.entityPrincipal)) {
    need.push({ subject: 'entity_principal', kind: 'id_front', reason: '主体负责人已更换，请上传新负责人的身份证人像面' });
    need.push({ subject: 'entity_principal', kind: 'id_back', reason: '主体负责人已更换，请上传新负责人的身份证国徽面' });
  }
  if (diffChange(draft).length > 0) {
    need.push({ subject: 'website', kind: 'verification_form', reason: '网站信息有变更，需上传签字后的网站真实性核验单' });
  }
  return need.map((n) => ({ ...n, slot: materialSlot(n.subject, n.kind), provided: Boolean(draft.materials[materialSlot(n.subject, n.kind)]) }));
}

const STATE_PREFIX = /^(中国|中华|中央|国家|人民)/;

/** Checks that need no network: run before submit next to the network ones. */
export function offlinePrechecks(draft: Pick<ChangeDraft, 'base' | 'form'>, today = new Date()): PrecheckResult[] {
  const out: PrecheckResult[] = [];
  const { form, base } = draft;
  const changed = diffChange(draft);
  out.push({
    id: 'has_changes',
    title: '有变更内容',
    outcome: changed.length > 0 ? 'pass' : 'fail',
    field: changed.length > 0 ? null : 'name',
    message: changed.length > 0 ? `共 ${changed.length} 项变更` : '还没有修改任何信息，无需提交变更',
  });
  const name = form.name.trim();
  const nameProblem =
    (name.match(/[\u4e00-\u9fa5]/g) ?? []).length < 3
      ? '网站名称至少包含3个汉字'
      : STATE_PREFIX.test(name) && base.entityKind === 'personal'
        ? '个人网站名称不能以“中国、中华、中央、国家、人民”开头'
        : base.entityKind === 'personal' && /(博客|论坛|社区|在线|公司|商城)/.test(name)
          ? '个人网站名称不宜含“博客、论坛、社区、在线、公司、商城”等字样，容易被驳回'
          : null;
  out.push({ id: 'website_name', title: '网站名称', outcome: nameProblem ? 'warn' : 'pass', field: 'name', message: nameProblem ?? '网站名称符合常见要求' });
  const soon = new Date(today.getTime() + 90 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  for (const who of ['websitePrincipal', 'entityPrincipal'] as const) {
    if (who === 'entityPrincipal' && form.principalSameAsEntity) continue;
    const until = form[who].idValidUntil;
    const ok = until === null || until > soon;
    out.push({
      id: `${who}_id_validity`,
      title: who === 'websitePrincipal' ? '网站负责人证件有效期' : '主体负责人证件有效期',
      outcome: ok ? 'pass' : 'fail',
      field: `${who}.idValidUntil`,
      message: ok ? '证件有效期超过3个月' : '证件有效期不足3个月，请先换领证件后再办理',
    });
  }
  if (!form.principalSameAsEntity && !samePerson(form.websitePrincipal, form.entityPrincipal)) {
    const samePhone = canonicalMobile(form.websitePrincipal.mobile) === canonicalMobile(form.entityPrincipal.mobile);
    const sameMail = form.websitePrincipal.email.trim().toLowerCase() === form.entityPrincipal.email.trim().toLowerCase();
    out.push({
      id: 'principal_contacts_distinct',
      title: '负责人联系方式',
      outcome: samePhone || sameMail ? 'fail' : 'pass',
      field: samePhone ? 'websitePrincipal.mobile' : sameMail ? 'websitePrincipal.email' : null,
      message: samePhone || sameMail ? '网站负责人与主体负责人不是同一人时，手机号码和电子邮箱不能相同' : '负责人联系方式互不相同',
    });
  }
  return out;
}

/** After a rejection only the flagged targets are open: field paths (prefix match) and material slots. */
export function openTargetsAfterRejection(rejection: ChangeDraft['rejection']): { all: boolean; fields: string[]; materials: string[] } {
  if (!rejection) return { all: true, fields: [], materials: [] };
  if (rejection.reasons.length === 0 || rejection.reasons.some((r) => r.target.type === 'general')) return { all: true, fields: [], materials: [] };
  return {
    all: false,
    fields: rejection.reasons.filter((r) => r.target.type === 'field').map((r) => r.target.path),
    materials: rejection.reasons.filter((r) => r.target.type === 'material').map((r) => r.target.path),
  };
}
