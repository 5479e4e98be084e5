// Whether the filing's entity may be a state body (党政机关、国家机构), decided from what its certificate says: the kind
// of filing, the certificate type, the registration authority and category of its credit code, and its legal form.
import type { CertificateType, EntityKind } from '../domain/filing';
import { CERTIFICATE_TYPE_LABELS } from './labels';

/** `no`: plainly not a state body; `unknown`: the certificate does not tell (a 机关 or 事业单位 may or may not be one). */
export type StateBodyVerdict = { kind: 'no'; basis: string } | { kind: 'unknown'; basis: string };

export interface EntityIdentity {
  entityKind: EntityKind;
  /** Absent in drafts created before the certificate type was recorded: the credit code then decides. */
  certificateType?: CertificateType;
  certificateNumber: string;
  entityName: string;
}

/**
 * GB 32100-2015: the credit code's first character is the registration authority, the second the organisation's
 * category. Authorities other than 机构编制 (1), the military (A) and 其他 (Y) register bodies that are never organs
 * of state: enterprises and sole traders (9), social organisations (5), law firms (3), religious venues (7), unions (8) …
 */
const NON_STATE_AUTHORITIES: Readonly<Record<string, string>> = {
  '2': '外交部门登记的机构',
  '3': '司法行政部门登记的机构',
  '4': '文化部门登记的机构',
  '5': '民政部门登记的社会组织',
  '6': '旅游部门登记的机构',
  '7': '宗教事务部门登记的机构',
  '8': '工会组织',
  '9': '市场监管部门登记的企业或个体工商户',
  N: '农业部门登记的机构',
};

/** Categories under 机构编制 (first character 1) the reviewer cannot tell apart from a state body by the code alone. */
const STATE_CATEGORY_LABELS: Readonly<Record<string, string>> = { '1': '机关', '2': '事业单位', '3': '群众团体', '9': '其他机构编制单位' };

/** Legal forms only companies have: a 有限公司 is never an organ of state, whatever its certificate reads. */
const COMPANY_NAME = /(有限责任公司|股份有限公司|有限公司|公司)$/;

/** What the entity's certificate says about it being a state body. */
export function stateBodyVerdict(entity: EntityIdentity): StateBodyVerdict {
  if (entity.entityKind === 'personal') return { kind: 'no', basis: '个人备案' };
  const code = entity.certificateNumber.trim().toUpperCase();
  const nonState = code.length === 18 ? NON_STATE_AUTHORITIES[code[0]] : undefined;
  if (nonState) return { kind: 'no', basis: `${nonState}，统一社会信用代码 ${code.slice(0, 2)}…` };
  if (entity.certificateType === 'business_licence') return { kind: 'no', basis: `证件为${CERTIFICATE_TYPE_LABELS.business_licence}` };
  if (entity.certificateType === 'social_org_certificate') return { kind: 'no', basis: `证件为${CERTIFICATE_TYPE_LABELS.social_org_certificate}` };
  if (COMPANY_NAME.test(entity.entityName.trim())) return { kind: 'no', basis: `主体“${entity.entityName.trim()}”为公司` };
  if (code.length === 18 && code[0] === '1') {
    return { kind: 'unknown', basis: `统一社会信用代码 ${code.slice(0, 2)}…，${STATE_CATEGORY_LABELS[code[1]] ?? '机构编制单位'}` };
  }
  return { kind: 'unknown', basis: entity.certificateType ? `证件为${CERTIFICATE_TYPE_LABELS[entity.certificateType]}` : '证件类型未知' };
}
