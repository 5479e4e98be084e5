// Every Chinese name the product shows for a domain thing: form fields, roles, ID types, entity kinds, materials.
// The phone, the BFF's messages and the reviewer's panel all read them from here, so they always say the same word.
import type { CertificateType, EntityKind, IdDocumentType, MaterialKind, MaterialSubject, Principal } from '../domain/filing';
import { parseMaterialSlot } from '../domain/materialSlot';

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
  emergencyPhone: '应急联系电话',
  officePhone: '办公室电话',
};

export const ID_TYPE_LABELS: Record<IdDocumentType, string> = {
  resident_id: '居民身份证',
  passport: '护照',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
};

export const ENTITY_KIND_LABELS: Record<EntityKind, string> = { personal: '个人', organisation: '单位' };

export const CERTIFICATE_TYPE_LABELS: Record<CertificateType, string> = {
  resident_id: '居民身份证',
  business_licence: '营业执照',
  institution_certificate: '事业单位法人证书',
  social_org_certificate: '社会团体法人登记证书',
  other: '其他证件',
};

/** Chinese name of every form field path, for diffs, checklists and error lists. */
export const FIELD_LABELS: Record<string, string> = {
  name: '网站名称',
  domains: '网站域名',
  homepageUrl: '网站首页地址',
  serviceContent: '网站服务内容',
  preApprovals: '前置审批',
  notes: '备注',
  principalSameAsEntity: '同主体负责人',
  ...Object.fromEntries(
    (['websitePrincipal', 'entityPrincipal'] as const).flatMap((role) =>
      (Object.keys(PRINCIPAL_FIELD_LABELS) as PrincipalField[]).map((f) => [`${role}.${f}`, `${ROLE_LABELS[role]}${PRINCIPAL_FIELD_LABELS[f]}`]),
    ),
  ),
};

/** Name of a field path; an item of a list (`domains.1`) is named by its list. Unknown paths are shown as they are. */
export function fieldLabel(path: string): string {
  return FIELD_LABELS[path] ?? FIELD_LABELS[path.replace(/\.\d+$/, '')] ?? path;
}

export const MATERIAL_KIND_LABELS: Record<MaterialKind, string> = {
  id_front: '证件正面照片',
  id_back: '证件反面照片',
  verification_form: '网站真实性核验单',
  authorization_letter: '授权书',
  change_letter: '备案信息变更说明',
  pre_approval: '前置审批文件',
  other: '其他资料',
};

export const MATERIAL_SUBJECT_LABELS: Record<MaterialSubject, string> = {
  website_principal: '网站负责人',
  entity_principal: '主体负责人',
  website: '网站',
};

/** Chinese name of a material slot: `网站负责人证件正面照片`, or a document's title in 《》 for the website's own. */
export function materialSlotLabel(subject: MaterialSubject, kind: MaterialKind): string {
  return subject === 'website' ? `《${MATERIAL_KIND_LABELS[kind]}》` : `${MATERIAL_SUBJECT_LABELS[subject]}${MATERIAL_KIND_LABELS[kind]}`;
}

/** `website_principal.id_front` → 网站负责人证件正面照片; a string that is not a slot is shown as it is. */
export function slotLabel(slot: string): string {
  const parsed = parseMaterialSlot(slot);
  return parsed ? materialSlotLabel(parsed.subject, parsed.kind) : slot;
}

/** Name of a reviewer's target: a field path or a material slot. */
export function targetLabel(target: { type: 'field' | 'material' | 'general'; path: string }): string {
  if (target.type === 'material') return slotLabel(target.path);
  if (target.type === 'field') return fieldLabel(target.path);
  return '';
}
