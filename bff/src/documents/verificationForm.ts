// What the pre-filled 《网站备案信息真实性核验单》 of a change says: entity, website, principals, the changed values,
// the date and which boxes the province wants signed — as data, so the PDF layout only draws it.
import type { ChangeDraft } from '../../../shared/domain/change';
import type { Principal } from '../../../shared/domain/filing';
import { provinceRules } from '../../../shared/data/provinceRules';
import { uniqueDomains } from '../../../shared/rules/canonical';
import { diffChange } from '../../../shared/rules/diff';
import { ENTITY_KIND_LABELS, ID_TYPE_LABELS, ROLE_LABELS } from '../../../shared/rules/labels';
import { effectiveWebsitePrincipal } from '../../../shared/rules/principals';
import { PROVINCES } from '../../../shared/rules/provinces';
import { maskResidentId } from '../../../shared/validators/identity';

export const VERIFICATION_FORM_TITLE = '网站备案信息真实性核验单';

export interface FormRow {
  label: string;
  value: string;
  /** Takes the table's full width (long values); other rows are set two per line. */
  wide?: boolean;
}

export interface FormSection {
  title: string;
  rows: FormRow[];
}

export interface ChangedValue {
  label: string;
  before: string;
  after: string;
}

export interface VerificationFormContent {
  title: string;
  /** Under the title: which change this form belongs to. */
  subtitle: string;
  sections: FormSection[];
  changes: ChangedValue[];
  /** The applicant's declaration above the signature. */
  declaration: string;
  /** Who signs: the website principal (the person the reviewer checks against the ID photos). */
  signer: string;
  /** The province wants the signer's fingerprint over the signature (`verificationFormNeedsFingerprint`). */
  needsFingerprint: boolean;
  /** The form's date, `2025年06月15日`. */
  date: string;
  /** Printed under the boxes: how to fill in and photograph the form. */
  instructions: string[];
}

/** The change a form is generated for: its filed snapshot and its edited form. */
export type VerificationFormDraft = Pick<ChangeDraft, 'id' | 'base' | 'form'>;

/**
 * ID numbers are masked (`4403**********123X`) like everywhere else in the product: the printed form goes through
 * print shops and phone albums, the reviewer matches the signer by name against the ID photos uploaded with it, and
 * MIIT checks the person by SMS + ID digits — the full number on paper adds exposure (PIPL art. 28) and no check.
 */
function idDisplay(p: Principal): string {
  return maskResidentId(p.idNumber.trim().toUpperCase());
}

function principalRows(p: Principal): FormRow[] {
  return [
    { label: '姓名', value: p.name.trim() },
    { label: '证件类型', value: ID_TYPE_LABELS[p.idType] },
    { label: '证件号码', value: idDisplay(p) },
    { label: '证件有效期至', value: p.idValidUntil ?? '长期' },
    { label: '手机号码', value: p.mobile.trim() },
    { label: '电子邮箱', value: p.email.trim() },
  ];
}

/** `2025-06-15` → `2025年06月15日`. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${m}月${d}日`;
}

/** The content of the form for a change on `date` (YYYY-MM-DD, the Beijing calendar day it is generated). */
export function verificationFormContent(draft: VerificationFormDraft, date: string): VerificationFormContent {
  const { base, form } = draft;
  const provinceName = PROVINCES.find((p) => p.code === base.province)?.name ?? base.province;
  const websitePrincipal = effectiveWebsitePrincipal(form);
  const sections: FormSection[] = [
    {
      title: '主办者信息',
      rows: [
        { label: '主办者名称', value: base.entityName, wide: true },
        { label: '主办者性质', value: ENTITY_KIND_LABELS[base.entityKind] },
        {
          label: base.entityKind === 'personal' ? '主办者证件号码' : '统一社会信用代码',
          value: base.entityKind === 'personal' ? maskResidentId(base.certificateNumber) : base.certificateNumber,
        },
        { label: '所在省份', value: provinceName },
        { label: '主体备案号', value: base.entityFilingNumber },
      ],
    },
    {
      title: '网站信息',
      rows: [
        { label: '网站名称', value: form.name.trim(), wide: true },
        { label: '网站备案号', value: base.website.websiteFilingNumber },
        { label: '网站服务内容', value: form.serviceContent.join('、') },
        { label: '网站域名', value: uniqueDomains(form.domains).join('；'), wide: true },
        { label: '网站首页地址', value: form.homepageUrl.trim(), wide: true },
      ],
    },
    { title: `${ROLE_LABELS.websitePrincipal}信息${form.principalSameAsEntity ? '（同主体负责人）' : ''}`, rows: principalRows(websitePrincipal) },
  ];
  if (!form.principalSameAsEntity) sections.push({ title: `${ROLE_LABELS.entityPrincipal}信息`, rows: principalRows(form.entityPrincipal) });

  const changes = diffChange(base, form).map((entry) => ({
    label: entry.kind === 'removed' ? `${entry.label}（删除）` : entry.label,
    before: entry.before,
    after: entry.kind === 'removed' ? '（删除）' : entry.after,
  }));
  const needsFingerprint = provinceRules(base.province).verificationFormNeedsFingerprint;
  const signer = websitePrincipal.name.trim();
  return {
    title: VERIFICATION_FORM_TITLE,
    subtitle: `网站变更 · 变更单号 ${draft.id}`,
    sections,
    changes,
    declaration: `本人（${signer}）作为网站负责人，已核对本单所列备案信息及变更内容，确认真实、准确、完整，网站内容与备案信息一致；` + '如有虚假，愿承担由此产生的一切后果和法律责任。',
    signer,
    needsFingerprint,
    date: chineseDate(date),
    instructions: [
      '请用A4纸打印本单，不要缩放、不要修改内容。',
      needsFingerprint
        ? `由网站负责人${signer}本人用黑色签字笔在签字框内签名，并在指纹框内按压右手食指指纹（指纹需压在签名上方或框内，清晰完整）。`
        : `由网站负责人${signer}本人用黑色签字笔在签字框内签名，不得代签、不得涂改。`,
      '将签好的核验单平放在光线充足处，拍摄完整、清晰、无反光的照片，在“备案变更助手”材料页上传“网站真实性核验单”。',
    ],
  };
}
