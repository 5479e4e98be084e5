// Chinese labels of submission states and delivery errors for the reviewer's panel. Field and material names come
// from shared/rules/labels, so the panel speaks like the applicant's phone.
import type { SubmissionStatus } from '../shared/contracts/reviewSystem';
import { materialKind, materialSubject } from '../shared/domain/filing';
import { materialSlot } from '../shared/domain/change';

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
  ...(['website_principal', 'entity_principal'] as const).flatMap((subject) => (['id_front', 'id_back'] as const).map((kind) => materialSlot(subject, kind))),
  ...materialKind.options.filter((kind) => kind !== 'id_front' && kind !== 'id_back').map((kind) => materialSlot(materialSubject.enum.website, kind)),
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
