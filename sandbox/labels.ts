// Chinese labels of form field paths, material slots and submission states, for the reviewer's panel.
import type { SubmissionStatus } from '../shared/contracts/reviewSystem';

const PRINCIPAL_FIELDS: Record<string, string> = {
  name: '姓名',
  idType: '证件类型',
  idNumber: '证件号码',
  idValidUntil: '证件有效期',
  mobile: '手机号码',
  email: '电子邮箱',
};

export const FIELD_LABELS: Record<string, string> = {
  name: '网站名称',
  domains: '网站域名',
  homepageUrl: '网站首页地址',
  serviceContent: '网站服务内容',
  notes: '备注',
  principalSameAsEntity: '同主体负责人',
  ...Object.fromEntries(Object.entries(PRINCIPAL_FIELDS).map(([k, v]) => [`websitePrincipal.${k}`, `网站负责人${v}`])),
  ...Object.fromEntries(Object.entries(PRINCIPAL_FIELDS).map(([k, v]) => [`entityPrincipal.${k}`, `主体负责人${v}`])),
};

const KIND_LABELS: Record<string, string> = {
  id_front: '身份证人像面',
  id_back: '身份证国徽面',
  verification_form: '网站真实性核验单',
  authorization_letter: '授权书',
  change_letter: '变更说明',
  other: '其他材料',
};
const SUBJECT_LABELS: Record<string, string> = { website_principal: '网站负责人', entity_principal: '主体负责人', website: '' };

export function slotLabel(slot: string): string {
  const [subject, kind] = slot.split('.');
  return `${SUBJECT_LABELS[subject] ?? ''}${KIND_LABELS[kind] ?? slot}`;
}

export function fieldLabel(path: string): string {
  return FIELD_LABELS[path] ?? FIELD_LABELS[path.replace(/\.\d+$/, '')] ?? path;
}

export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  received: '待初审',
  initial_passed: '初审通过，待管局审核',
  initial_rejected: '初审驳回',
  authority_started: '管局审核中（短信核验已发送）',
  authority_approved: '管局审核通过',
  authority_rejected: '管局审核驳回',
  withdrawn: '已撤回',
};

/** Field paths and material slots a reviewer can name in a rejection. */
export const MATERIAL_SLOTS = [
  'website_principal.id_front',
  'website_principal.id_back',
  'entity_principal.id_front',
  'entity_principal.id_back',
  'website.verification_form',
  'website.authorization_letter',
  'website.change_letter',
  'website.other',
];

/** Progress event types as the panel's callback table shows them. */
export const EVENT_LABELS: Record<SubmissionStatus, string> = {
  received: '已收到',
  initial_passed: '初审通过',
  initial_rejected: '初审驳回',
  authority_started: '管局审核开始',
  authority_approved: '管局审核通过',
  authority_rejected: '管局审核驳回',
  withdrawn: '已撤回',
};

/** A delivery failure in words a reviewer understands. */
export function deliveryErrorLabel(error: string | null): string | null {
  if (!error) return null;
  if (/fetch failed|ECONNREFUSED/i.test(error)) return '无法连接回调地址';
  if (/timeout|aborted/i.test(error)) return '回调地址响应超时';
  return error.replace(/^HTTP (\d+)$/, '回调地址返回 HTTP $1');
}
