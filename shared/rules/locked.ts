// Locked rules: what a website change may not do whatever the values are (docs/domain-rules.md "What a website change may and
// may not do"); each violation names the field and the way out.
import type { ChangeBase, WebsiteForm } from '../domain/change';
import type { Principal } from '../domain/filing';
import { canonicalDomain, canonicalIdNumber, uniqueDomains } from './canonical';
import { PRINCIPAL_FIELD_LABELS, type PrincipalField, type PrincipalRole } from './labels';
import { filedWebsitePrincipal, IDENTITY_FIELDS, isPrincipalLocked, samePrincipalField } from './principals';

export type LockedRuleCode = 'personal_principal_locked' | 'entity_principal_locked' | 'domain_not_removable_only' | 'domains_empty' | 'province_fixed' | 'certificate_number_fixed';

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

const USE_FILING_CHANGE = '如需更换负责人，请在服务商的备案控制台新建“变更备案”订单';

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
