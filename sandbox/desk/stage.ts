// What a review stage may do to a submission: the desk's own operations, handed to the stage modules beside this one
// (initial review, authority review, the MIIT SMS check, approval), which hold the decisions themselves.
import type { ProgressEvent, ProgressEventType } from '../../shared/contracts/reviewSystem';
import type { SmsTemplateId } from '../../shared/contracts/sms';
import type { ReviewReason } from '../../shared/domain/change';
import type { FiledWebsite, Filing } from '../../shared/domain/filing';
import type { StoredSubmission } from '../store';

/** Steps the automatic reviewer takes on its own, each after its delay. */
export type DeskStep = 'initialReview' | 'authorityStart' | 'authorityReview';

/** A reviewer's decision. initial: pass | reject | auto (the automatic rules); authority: start (MIIT SMS check) | pass | reject. */
export type ReviewDecision = 'pass' | 'reject' | 'start' | 'auto';

export interface StageDesk {
  now(): Date;
  /** Runs `change` and persists the state once it is done. */
  update(change: () => void): void;
  /** Records a progress event (moving the submission to it) and queues its callback; call inside `update`. */
  emit(submission: StoredSubmission, type: ProgressEventType, extra: Pick<ProgressEvent, 'reasons' | 'miitCheck'>): ProgressEvent;
  setWebsiteStatus(submission: StoredSubmission, status: FiledWebsite['status']): void;
  /** When the automatic reviewer takes `step` if it starts now. */
  dueAt(step: DeskStep): string;
  websiteOf(submission: StoredSubmission): { filing: Filing; website: FiledWebsite };
  /** What the automatic initial reviewer finds in the submission right now. */
  findings(submission: StoredSubmission): ReviewReason[];
  /** Puts an SMS into the sandbox's outbox (as the SMS gateway would send it). */
  sendSms(phone: string, templateId: SmsTemplateId, params: Record<string, string>): void;
}
