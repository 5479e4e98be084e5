// Chinese labels of form field paths, material slots and submission states, for the reviewer's panel.
import type { SubmissionStatus } from '../shared/contracts/reviewSystem';
import { materialKind, materialSubject } from '../shared/domain/filing';
import { FIELD_LABELS } from '../shared/rules/changeRules';
import { materialSlotLabel } from '../shared/rules/materials';

/** Field and material names come from the shared rules, so the panel speaks like the applicant's phone. */
export { FIELD_LABELS };

export function slotLabel(slot: string): string {
  const [subject, kind] = slot.split('.');
  const s = materialSubject.safeParse(subject);
  const k = materialKind.safeParse(kind);
  return s.success && k.success ? materialSlotLabel(s.data, k.data) : slot;
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
