// The review system's signed progress callbacks: verify, dedupe by event id, apply in sequence order, record the
// timeline, then fan the notification out. An event that arrives early (a gap in the sequence) is refused with 409
// so the sender retries it after the missing one; an old or repeated one is acknowledged and ignored.
import type { Logger } from 'pino';
import { callbackNotJson, callbackOffContract, callbackSignatureInvalid, concurrentWrite, eventOutOfSequence } from '../errors';
import type { ChangeStore } from '../stores/changeStore';
import type { FilingService } from './filingService';
import { timelineEntry } from './changeService';
import { zodFields } from '../middleware/validate';
import { verifySignature } from '../../../shared/contracts/signature';
import { PROGRESS_EVENT_TO_CHANGE_EVENT, progressEvent, type ProgressEvent } from '../../../shared/contracts/reviewSystem';
import { canTransition, ORDER_STEP_TTL_DAYS, STATUS_LABELS, transition } from '../../../shared/domain/status';
import type { ChangeDraft } from '../../../shared/domain/change';
import { beijingDateTime } from '../../../shared/rules/dates';

export interface ReviewEventServiceDeps {
  store: ChangeStore;
  filings: FilingService;
  secret: string;
  onStatusChanged(draft: ChangeDraft): Promise<void>;
  logger: Logger;
  now?: () => Date;
}

export type EventOutcome = 'applied' | 'recorded' | 'duplicate' | 'stale_sequence' | 'unknown_change';

const TITLES: Partial<Record<ProgressEvent['type'], string>> = {
  received: '服务商已接收',
  initial_passed: '初审通过',
  initial_rejected: '初审未通过',
  authority_started: '管局审核中',
  authority_approved: '管局审核通过，变更完成',
  authority_rejected: '管局审核未通过',
  withdrawn: '已撤回',
};

function detailOf(event: ProgressEvent): string | null {
  switch (event.type) {
    case 'initial_passed':
      return '已提交至管局审核，一般需要不超过20个工作日';
    case 'initial_rejected':
    case 'authority_rejected':
      return '请按审核意见修改后重新提交';
    case 'authority_started':
      return event.miitCheck ? `请在 ${beijingDateTime(event.miitCheck.deadline)}（北京时间）前登录 beian.miit.gov.cn 的“短信核验”页面，输入验证码、负责人手机号和证件号后6位` : null;
    case 'authority_approved':
      return '网站备案信息已更新';
    default:
      return null;
  }
}

/** The status each progress event leads to (to redo the side effects of an event seen before). */
const RESULTING_STATUS: Record<ProgressEvent['type'], ChangeDraft['status']> = {
  received: 'initial_review',
  initial_passed: 'authority_pending',
  initial_rejected: 'initial_rejected',
  authority_started: 'authority_review',
  authority_approved: 'approved',
  authority_rejected: 'authority_rejected',
  withdrawn: 'withdrawn',
};

export function createReviewEventService(deps: ReviewEventServiceDeps) {
  const { store, logger, now = () => new Date() } = deps;

  return {
    /** Throws 401 for a bad signature or stale timestamp, 400 for a body off-contract, 409 for an early event. */
    async handle(rawBody: string, timestamp: string | undefined, signature: string | undefined): Promise<EventOutcome> {
      if (!verifySignature(deps.secret, timestamp, rawBody, signature, { nowSeconds: Math.floor(now().getTime() / 1000) })) {
        throw callbackSignatureInvalid();
      }
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        throw callbackNotJson();
      }
      const parsed = progressEvent.safeParse(json);
      if (!parsed.success) throw callbackOffContract(zodFields(parsed.error));
      const event = parsed.data;
      const log = logger.child({ changeId: event.changeId, eventId: event.eventId, type: event.type, sequence: event.sequence });

      const applicantId = await store.ownerOf(event.changeId);
      if (!applicantId) {
        log.warn('review event for an unknown change ignored');
        return 'unknown_change';
      }

      for (let attempt = 0; attempt < 10; attempt += 1) {
        const current = await store.get(applicantId, event.changeId);
        if (!current) return 'unknown_change';
        const relayed = await store.relayedSubmission(applicantId, event.changeId);
        const isCurrentSubmission = relayed ? relayed.reviewSubmissionId === event.submissionId : current.status === 'submitted';
        if (!relayed && isCurrentSubmission) {
          // The callback beat our relay job to recording the review system's id for this submission.
          await store.recordRelay(applicantId, event.changeId, event.submissionId, current.submissionCount);
        }

        const changeEvent = PROGRESS_EVENT_TO_CHANGE_EVENT[event.type];
        let next: ChangeDraft | null = null;
        if (isCurrentSubmission && canTransition(current.status, changeEvent)) {
          const status = transition(current.status, changeEvent);
          const at = now();
          next = {
            ...current,
            status,
            version: current.version + 1,
            updatedAt: at.toISOString(),
            expiresAt: new Date(at.getTime() + ORDER_STEP_TTL_DAYS * 24 * 3600 * 1000).toISOString(),
            rejection:
              event.type === 'initial_rejected' || event.type === 'authority_rejected'
                ? // The form as the reviewer saw it: a flagged field counts as fixed once it differs from this (shared/rules/rejection.ts).
                  { at: event.at, stage: event.type === 'initial_rejected' ? 'initial' : 'authority', reasons: event.reasons ?? [], form: current.form }
                : current.rejection,
          };
        }
        const entry = next ? timelineEntry(next.status, TITLES[event.type] ?? STATUS_LABELS[next.status], detailOf(event), event.reasons ?? [], event.at) : null;
        const outcome = await store.applyEvent({ current, next, eventId: event.eventId, submissionId: event.submissionId, sequence: event.sequence, timeline: entry });
        switch (outcome) {
          case 'retry':
            continue;
          case 'early':
            throw eventOutOfSequence();
          case 'missing':
            return 'unknown_change';
          case 'duplicate':
          case 'stale_sequence':
            log.info({ outcome }, 'review event ignored');
            if (outcome === 'duplicate' && isCurrentSubmission && current.status === RESULTING_STATUS[event.type]) {
              // A redelivery may follow a crash between applying and fanning out: the job ids make this a no-op otherwise.
              if (current.status === 'approved') await deps.filings.invalidate(applicantId);
              await deps.onStatusChanged(current);
            }
            return outcome;
          case 'applied':
            if (!next) {
              log.info({ status: current.status }, 'review event recorded without a status change');
              return 'recorded';
            }
            if (event.type === 'authority_started' && event.miitCheck) {
              await store.setMiitDeadline(applicantId, event.changeId, event.miitCheck.deadline);
            }
            if (next.status === 'approved') await deps.filings.invalidate(applicantId);
            await deps.onStatusChanged(next);
            log.info({ from: current.status, to: next.status }, 'review event applied');
            return 'applied';
        }
      }
      throw concurrentWrite();
    },
  };
}
export type ReviewEventService = ReturnType<typeof createReviewEventService>;
