// Province-specific filing rules (各省管局要求) as data: one default row plus per-province overrides; code reads, never branches on a province.
import type { EntityKind, MaterialKind, MaterialSubject } from '../domain/filing';
import { PROVINCE_CODES, type ProvinceCode } from '../rules/provinces';

/** A material a province asks for on top of the common ones, for the entity kinds listed. */
export interface ProvinceExtraMaterial {
  kind: MaterialKind;
  subject: MaterialSubject;
  entityKinds: readonly EntityKind[];
  /** Why it is required, shown to the applicant (Chinese). */
  reason: string;
}

export interface ProvinceRules {
  /** Minimum number of Chinese characters in a website name. */
  websiteNameMinChineseChars: number;
  /** The signed verification form (网站真实性核验单) also needs the principal's fingerprint over the signature. */
  verificationFormNeedsFingerprint: boolean;
  /** Materials required on top of ID photos and the verification form. */
  extraMaterials: readonly ProvinceExtraMaterial[];
  /** The website footer shows the entity filing number (no `-N`) instead of the website filing number. */
  footerShowsEntityNumber: boolean;
  /** An authorization letter is accepted when the website principal is not the legal representative. */
  authorizationLetterAllowed: boolean;
  /** The domain registration must stay valid at least this many months after submission. */
  domainMinValidityMonths: number;
  /** The principals' 应急联系电话 (a second number, not the mobile) is required. */
  emergencyPhoneRequired: boolean;
  /** Organisation filings: whether the principals' form has 办公室电话, and whether it must be filled. */
  officePhoneField: 'none' | 'optional' | 'required';
}

/** The common rule set (docs/domain-rules.md "Checks" and "Materials"). */
export const DEFAULT_PROVINCE_RULES: ProvinceRules = {
  websiteNameMinChineseChars: 3,
  verificationFormNeedsFingerprint: false,
  extraMaterials: [],
  footerShowsEntityNumber: false,
  authorizationLetterAllowed: true,
  domainMinValidityMonths: 3,
  emergencyPhoneRequired: false,
  officePhoneField: 'none',
};

/** An override row; `source` records where the rule comes from so it can be re-checked when a province changes it. */
export type ProvinceRuleOverride = Partial<ProvinceRules> & { source: string; confirmed: boolean };

/**
 * Only what differs from the defaults. `confirmed: false` marks rows taken from the examples that still need
 * checking against the provider's published 各省管局要求 before they are relied on in production.
 */
export const PROVINCE_RULE_OVERRIDES: Partial<Record<ProvinceCode, ProvinceRuleOverride>> = {
  粤: { footerShowsEntityNumber: true, source: 'docs/domain-rules.md "Checks": 广东 shows the entity number in the footer', confirmed: true },
  沪: {
    extraMaterials: [
      {
        kind: 'change_letter',
        subject: 'website',
        entityKinds: ['organisation'],
        reason: '上海管局要求单位备案变更时提供加盖公章的《备案信息变更说明》',
      },
    ],
    source: 'issue 2 example: "some province wants change_letter for organisation filings"',
    confirmed: false,
  },
  浙: {
    emergencyPhoneRequired: true,
    officePhoneField: 'optional',
    source: 'issue 13 item 5: 应急联系方式 where the province requires it, 办公室电话 where the form has it',
    confirmed: false,
  },
  苏: {
    verificationFormNeedsFingerprint: true,
    source: 'issue 2 example: "whether the verification form needs a fingerprint"',
    confirmed: false,
  },
  京: {
    websiteNameMinChineseChars: 4,
    authorizationLetterAllowed: false,
    // Providers' notes for 北京: organisations give an office landline (a mobile where the office has none).
    officePhoneField: 'required',
    source: 'issue 2 example: province-variable name length and authorization letter',
    confirmed: false,
  },
};

/** The effective rules of one province: defaults with its override applied. */
export function provinceRules(province: ProvinceCode): ProvinceRules {
  const override = PROVINCE_RULE_OVERRIDES[province];
  if (!override) return DEFAULT_PROVINCE_RULES;
  const { source: _source, confirmed: _confirmed, ...rules } = override;
  return { ...DEFAULT_PROVINCE_RULES, ...rules };
}

/** Every province's effective rules (for a rules screen or an export to the BFF). */
export function allProvinceRules(): Record<ProvinceCode, ProvinceRules> {
  return Object.fromEntries(PROVINCE_CODES.map((code) => [code, provinceRules(code)])) as Record<ProvinceCode, ProvinceRules>;
}
