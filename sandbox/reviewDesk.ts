// The review system's desk: accepting submissions, withdrawals, and driving each submission through the review stages
// (desk/initialReview.ts, desk/authorityReview.ts with the MIIT SMS check and the approval), by hand or automatically.
import { createHash, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FINAL_SUBMISSION_STATUSES,
  WITHDRAWABLE_SUBMISSION_STATUSES,
  type ProgressEvent,
  type ProgressEventType,
  type SubmissionAccepted,
  type SubmissionRequest,
  type SubmissionState,
} from '../shared/contracts/reviewSystem';
import { renderSms } from '../shared/contracts/sms';
import type { ReviewReason } from '../shared/domain/change';
import type { FiledWebsite, Filing } from '../shared/domain/filing';
import { beijingWeekday } from '../shared/rules/dates';
import { DEMO_DELAYS_MS, REALISTIC_WORKING_DAYS, type SandboxConfig } from './env';
import { inspectImage } from './images';
import { initialReviewFindings } from './reviewRules';
import type { SandboxState, StateStore, StoredMaterial, StoredSubmission } from './store';
import { DeskError } from './deskError';
import { decideAuthorityReview } from './desk/authorityReview';
import { decideInitialReview } from './desk/initialReview';
import type { DeskStep, ReviewDecision, StageDesk } from './desk/stage';

export { DeskError };
export type { DeskStep, ReviewDecision };

const STEP_DELAY_OPTION: Record<DeskStep, 'initialReviewDelayMs' | 'authorityStartDelayMs' | 'authorityReviewDelayMs'> = {
  initialReview: 'initialReviewDelayMs',
  authorityStart: 'authorityStartDelayMs',
  authorityReview: 'authorityReviewDelayMs',
};

/** `days` working days (Mon–Fri, Beijing time) after `from`, at the same time of day. */
export function addWorkingDays(from: Date, days: number): Date {
  let at = from.getTime();
  let left = days;
  while (left > 0) {
    at += 24 * 60 * 60 * 1000;
    const weekday = beijingWeekday(new Date(at));
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return new Date(at);
}

/** Key order must not change the hash: clients may serialise the same body differently. */
function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface AcceptResult {
  status: number;
  body: SubmissionAccepted;
  replayed: boolean;
}

export class ReviewDesk {
  /** Submissions being created, by idempotency key: a concurrent retry waits for the first and replays it. */
  private readonly creating = new Map<string, Promise<AcceptResult>>();

  constructor(
    private readonly store: StateStore,
    private readonly config: SandboxConfig,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get state(): SandboxState {
    return this.store.state;
  }

  /** The desk as the stage modules see it. */
  private readonly stages: StageDesk = {
    now: () => this.now(),
    update: (change) => this.store.update(change),
    emit: (submission, type, extra) => this.emit(submission, type, extra),
    setWebsiteStatus: (submission, status) => this.setWebsiteStatus(submission, status),
    dueAt: (step) => this.dueAt(step),
    websiteOf: (submission) => this.websiteOf(submission),
    findings: (submission) => this.findings(submission),
    sendSms: (phone, templateId, params) => {
      this.state.outbox.sms.push({
        messageId: `sms_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
        phone,
        templateId,
        params,
        text: renderSms(templateId, params),
        sentAt: this.now().toISOString(),
      });
    },
  };

  /** When the automatic reviewer takes `step` if it starts now. */
  dueAt(step: DeskStep): string {
    const explicit = this.config[STEP_DELAY_OPTION[step]];
    const now = this.now();
    if (explicit !== undefined) return new Date(now.getTime() + explicit).toISOString();
    if (this.config.mode === 'realistic') return addWorkingDays(now, REALISTIC_WORKING_DAYS[step]).toISOString();
    return new Date(now.getTime() + DEMO_DELAYS_MS[step]).toISOString();
  }

  findFiling(filingId: string): Filing | undefined {
    return this.state.filings.find((f) => f.id === filingId);
  }

  findSubmission(submissionId: string): StoredSubmission {
    const submission = this.state.submissions.find((s) => s.submissionId === submissionId);
    if (!submission) throw new DeskError(404, 'not_found', `未找到提交“${submissionId}”，请确认提交编号`);
    return submission;
  }

  websiteOf(submission: Pick<StoredSubmission, 'filingId' | 'websiteId'>): { filing: Filing; website: FiledWebsite } {
    const filing = this.findFiling(submission.filingId);
    const website = filing?.websites.find((w) => w.id === submission.websiteId);
    if (!filing || !website) throw new DeskError(404, 'not_found', `未找到网站“${submission.websiteId}”`);
    return { filing, website };
  }

  static view(submission: StoredSubmission): SubmissionState {
    const { submissionId, changeId, applicantId, filingId, websiteId, filingRevision, status, receivedAt, updatedAt, reasons, miitCheck, events } = submission;
    return { submissionId, changeId, applicantId, filingId, websiteId, filingRevision, status, receivedAt, updatedAt, reasons, miitCheck, events };
  }

  /** POST /submissions: once per idempotency key; the same key with another body is a conflict. */
  async accept(key: string, request: SubmissionRequest): Promise<AcceptResult> {
    const hash = createHash('sha256').update(stableStringify(request)).digest('hex');
    const pending = this.creating.get(key);
    if (pending) {
      await pending.catch(() => undefined);
    }
    const known = this.state.idempotency[key];
    if (known) {
      if (known.requestHash !== hash) {
        throw new DeskError(409, 'idempotency_conflict', 'Idempotency-Key 已用于另一份不同的提交内容；重新提交不同内容时请使用新的 Idempotency-Key');
      }
      return { status: known.status, body: known.body as SubmissionAccepted, replayed: true };
    }
    const work = this.create(key, hash, request);
    this.creating.set(key, work);
    try {
      return await work;
    } finally {
      this.creating.delete(key);
    }
  }

  private checkTarget(request: SubmissionRequest): void {
    const filing = this.findFiling(request.filingId);
    if (!filing || filing.applicantId !== request.applicantId) {
      throw new DeskError(404, 'not_found', `申请人“${request.applicantId}”名下未找到备案“${request.filingId}”`);
    }
    if (!filing.websites.some((w) => w.id === request.websiteId)) {
      throw new DeskError(404, 'not_found', `备案“${request.filingId}”下未找到网站“${request.websiteId}”`);
    }
    if (filing.revision !== request.filingRevision) {
      throw new DeskError(409, 'revision_mismatch', `备案信息已更新（当前版本 ${filing.revision}，提交基于版本 ${request.filingRevision}），请基于最新备案信息重新填写后提交`);
    }
    const busy = this.state.submissions.find((s) => s.websiteId === request.websiteId && !FINAL_SUBMISSION_STATUSES.includes(s.status));
    if (busy) {
      throw new DeskError(409, 'website_busy', `该网站已有一笔变更正在审核（提交编号 ${busy.submissionId}），请等待审核结束或撤回后再提交`);
    }
  }

  private async create(key: string, hash: string, request: SubmissionRequest): Promise<AcceptResult> {
    this.checkTarget(request);
    const submissionId = `sub_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    const materials: StoredMaterial[] = [];
    for (const material of request.materials) {
      const bytes = Buffer.from(material.dataBase64, 'base64');
      const facts = await inspectImage(bytes);
      const imageId = `up-${submissionId}-${material.slot.replace(/[^A-Za-z0-9_-]/g, '-')}`;
      writeFileSync(join(this.store.filesDir, `${imageId}.jpg`), bytes);
      const decodable = facts.format === 'jpeg';
      materials.push({
        slot: material.slot,
        kind: material.kind,
        subject: material.subject,
        imageId,
        bytes: bytes.length,
        width: decodable ? facts.width : null,
        height: decodable ? facts.height : null,
      });
    }
    // state may have moved while the images were inspected: check again before committing
    this.checkTarget(request);
    const receivedAt = this.now().toISOString();
    const body: SubmissionAccepted = { submissionId, status: 'received', receivedAt };
    this.store.update((state) => {
      const submission: StoredSubmission = {
        submissionId,
        changeId: request.changeId,
        applicantId: request.applicantId,
        filingId: request.filingId,
        websiteId: request.websiteId,
        filingRevision: request.filingRevision,
        status: 'received',
        receivedAt,
        updatedAt: receivedAt,
        reasons: [],
        miitCheck: null,
        events: [],
        form: request.form,
        diff: request.diff,
        materials,
        callbackUrl: request.callbackUrl ?? null,
        verifications: request.verifications ?? [],
        autoStepAt: null,
      };
      state.submissions.push(submission);
      state.idempotency[key] = { requestHash: hash, status: 201, body, createdAt: receivedAt };
      this.setWebsiteStatus(submission, 'change_in_review');
      this.emit(submission, 'received', {});
      submission.autoStepAt = this.dueAt('initialReview');
    });
    return { status: 201, body, replayed: false };
  }

  private setWebsiteStatus(submission: StoredSubmission, status: FiledWebsite['status']): void {
    this.websiteOf(submission).website.status = status;
  }

  /** Record a progress event and queue its callback; call inside store.update. */
  private emit(submission: StoredSubmission, type: ProgressEventType, extra: Pick<ProgressEvent, 'reasons' | 'miitCheck'>): ProgressEvent {
    const at = this.now().toISOString();
    const event: ProgressEvent = {
      eventId: `evt_${randomUUID().replace(/-/g, '')}`,
      submissionId: submission.submissionId,
      changeId: submission.changeId,
      type,
      at,
      sequence: submission.events.length + 1,
      ...extra,
    };
    submission.events.push(event);
    submission.status = type;
    submission.updatedAt = at;
    const url = submission.callbackUrl ?? this.config.callbackUrl;
    if (url) {
      this.state.deliveries.push({
        id: `dlv_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
        eventId: event.eventId,
        submissionId: submission.submissionId,
        sequence: event.sequence,
        url,
        body: JSON.stringify(event),
        attempts: 0,
        nextAttemptAt: at,
        lastStatus: null,
        lastError: null,
        deliveredAt: null,
      });
    }
    return event;
  }

  /** POST /submissions/:id/withdraw: only while initial review has not finished; repeating it is harmless. */
  withdraw(submissionId: string): SubmissionState {
    const submission = this.findSubmission(submissionId);
    if (submission.status === 'withdrawn') return ReviewDesk.view(submission);
    if (!WITHDRAWABLE_SUBMISSION_STATUSES.includes(submission.status)) {
      throw new DeskError(409, 'not_withdrawable', '初审已完成，无法撤回该提交；管局审核期间不能撤回，审核结束后可重新发起变更');
    }
    this.store.update(() => {
      this.emit(submission, 'withdrawn', {});
      submission.autoStepAt = null;
      this.setWebsiteStatus(submission, 'filed');
    });
    return ReviewDesk.view(submission);
  }

  /** What the automatic initial reviewer finds in a submission right now. */
  findings(submission: StoredSubmission): ReviewReason[] {
    const { filing, website } = this.websiteOf(submission);
    return initialReviewFindings(submission, {
      filing,
      website,
      domains: this.state.domains,
      sites: this.state.sites,
      filings: this.state.filings,
      verificationTasks: this.state.verificationTasks,
      now: this.now(),
    });
  }

  /** A reviewer's decision on a submission's current stage (rules per stage in desk/). */
  decide(submissionId: string, stage: 'initial' | 'authority', decision: ReviewDecision, reasons: ReviewReason[]): StoredSubmission {
    const submission = this.findSubmission(submissionId);
    if (stage === 'initial') decideInitialReview(this.stages, submission, decision, reasons);
    else decideAuthorityReview(this.stages, submission, decision, reasons);
    return submission;
  }

  /** The automatic reviewer's due steps (only while SANDBOX_AUTO_REVIEW is on). */
  runDueSteps(): void {
    if (this.config.autoReview !== 'on') return;
    const now = this.now().getTime();
    for (const submission of this.state.submissions) {
      if (!submission.autoStepAt || new Date(submission.autoStepAt).getTime() > now) continue;
      try {
        switch (submission.status) {
          case 'received':
            this.decide(submission.submissionId, 'initial', 'auto', []);
            break;
          case 'initial_passed':
            this.decide(submission.submissionId, 'authority', 'start', []);
            break;
          case 'authority_started':
            this.decide(submission.submissionId, 'authority', 'pass', []);
            break;
          default:
            this.store.update(() => {
              submission.autoStepAt = null;
            });
        }
      } catch (e) {
        // one broken submission must not stop the others; it is not retried until a reviewer decides
        this.store.update(() => {
          submission.autoStepAt = null;
        });
        console.error(`[sandbox] automatic review of ${submission.submissionId} failed`, e);
      }
    }
  }
}
