// The review state machine of a change, as data, and the one function that moves it. Plain data without zod, so the
// main package's pages can read statuses and labels without carrying zod (the schemas are in statusSchema.ts).

export const CHANGE_STATUSES = [
  'draft',
  'submitted', // accepted by the BFF, being relayed to the provider
  'initial_review',
  'initial_rejected',
  'authority_pending', // initial review passed, waiting to be taken up by the authority (管局)
  'authority_review',
  'authority_rejected',
  'approved',
  'withdrawn',
  'expired',
] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

export const CHANGE_EVENTS = [
  'submit', // applicant submits (draft → submitted)
  'relayed', // the review system accepted the submission
  'initial_passed',
  'initial_rejected',
  'authority_started',
  'authority_approved',
  'authority_rejected',
  'edit', // applicant reopens a rejected change for editing
  'withdraw',
  'discard', // applicant gives up a change that is not in review (放弃本次变更)
  'expire', // 45 days untouched
] as const;
export type ChangeEvent = (typeof CHANGE_EVENTS)[number];

/** Every legal move. Anything not listed is illegal. */
export const TRANSITIONS: Readonly<Record<ChangeStatus, Partial<Record<ChangeEvent, ChangeStatus>>>> = {
  draft: { submit: 'submitted', discard: 'withdrawn', expire: 'expired' },
  submitted: { relayed: 'initial_review', withdraw: 'withdrawn' },
  initial_review: { initial_passed: 'authority_pending', initial_rejected: 'initial_rejected', withdraw: 'withdrawn' },
  initial_rejected: { edit: 'draft', discard: 'withdrawn', expire: 'expired' },
  authority_pending: { authority_started: 'authority_review', authority_approved: 'approved', authority_rejected: 'authority_rejected' },
  authority_review: { authority_approved: 'approved', authority_rejected: 'authority_rejected' },
  authority_rejected: { edit: 'draft', discard: 'withdrawn', expire: 'expired' },
  approved: {},
  withdrawn: {},
  expired: {},
};

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: ChangeStatus,
    readonly event: ChangeEvent,
  ) {
    super(`illegal transition: ${event} in ${from}`);
    this.name = 'IllegalTransitionError';
  }
}

/** The status after `event`, or an IllegalTransitionError. */
export function transition(from: ChangeStatus, event: ChangeEvent): ChangeStatus {
  const to = TRANSITIONS[from][event];
  if (!to) throw new IllegalTransitionError(from, event);
  return to;
}

export function canTransition(from: ChangeStatus, event: ChangeEvent): boolean {
  return TRANSITIONS[from][event] !== undefined;
}

// Status groups: every rule about "which statuses" names one of these (the BFF's Lua scripts get them as arguments).

/** Final: nothing more happens to the change, and the website is free for a new one. */
export const FINAL_STATUSES: readonly ChangeStatus[] = ['approved', 'withdrawn', 'expired'];
/** The applicant may edit only these. */
export const EDITABLE_STATUSES: readonly ChangeStatus[] = ['draft'];
/** A rejected change is reopened for editing (back to `draft`) by the applicant's first write after the rejection. */
export const REOPENABLE_STATUSES: readonly ChangeStatus[] = ['initial_rejected', 'authority_rejected'];
/** A change in one of these blocks other changes of the same entity. */
export const IN_REVIEW_STATUSES: readonly ChangeStatus[] = ['submitted', 'initial_review', 'authority_pending', 'authority_review'];
/** Moves into these are told to the applicant (SMS, mail, WeChat); `submitted` and `expired` are not news to them. */
export const NOTIFIED_STATUSES: readonly ChangeStatus[] = ['initial_review', 'initial_rejected', 'authority_pending', 'authority_review', 'authority_rejected', 'approved', 'withdrawn'];

export const isFinalStatus = (status: ChangeStatus): boolean => FINAL_STATUSES.includes(status);
export const isInReviewStatus = (status: ChangeStatus): boolean => IN_REVIEW_STATUSES.includes(status);
/** Editable now, or editable after the reopening write (the wizard treats a rejected change as open). */
export const isOpenForEditing = (status: ChangeStatus): boolean => EDITABLE_STATUSES.includes(status) || REOPENABLE_STATUSES.includes(status);

/** Chinese label for status chips and the timeline. */
export const STATUS_LABELS: Record<ChangeStatus, string> = {
  draft: '待提交',
  submitted: '已提交，等待转交',
  initial_review: '初审中',
  initial_rejected: '初审未通过',
  authority_pending: '初审通过，待管局审核',
  authority_review: '管局审核中',
  authority_rejected: '管局审核未通过',
  approved: '已备案',
  withdrawn: '已撤回',
  expired: '已过期',
};

/** Every step of an order is valid for 45 days. */
export const ORDER_STEP_TTL_DAYS = 45;
