// Submit (idempotent per Idempotency-Key, every unmet condition listed) and the relay job that hands the submission to
// the review system exactly once (BullMQ job id per change+submission; the review system dedupes on our submission id).
import { createHash } from 'node:crypto';
import { draftChangedDuringSubmit, idempotencyKeyMissing, idempotencyKeyReused, notEditable, notFound, submitBlocked, type FieldError } from '../errors';
import type { ReviewSystem } from '../adapters/reviewSystem';
import { UpstreamError } from '../adapters/http';
import type { ChangeStore } from '../stores/changeStore';
import type { ChangeService } from './changeService';
import { timelineEntry } from './changeService';
import type { ChecksService } from './checksService';
import { canonicalForm } from '../../../shared/rules/canonical';
import { TERMS_VERSION } from '../../../shared/data/terms';
import { diffChange } from '../../../shared/rules/diff';
import type { ChangeDraft } from '../../../shared/domain/change';
import { idempotencyKey as idempotencyKeySchema, type SubmissionRequest } from '../../../shared/contracts/reviewSystem';
import { STATUS_LABELS, transition } from '../../../shared/domain/status';
import type { Logger } from 'pino';

export interface SubmitResponse {
  changeId: string;
  submissionId: string;
  status: ChangeDraft['status'];
  submittedAt: string;
}

export interface RelayJob {
  applicantId: string;
  changeId: string;
  submissionNo: number;
}

export interface MaterialReader {
  read(fileId: string): Promise<Buffer>;
}

export interface SubmitServiceDeps {
  store: ChangeStore;
  changes: ChangeService;
  checks: ChecksService;
  reviewSystem: ReviewSystem;
  materials: MaterialReader | null;
  callbackUrl?: string;
  /** The identity verifications (电子化核验) the submission carries (shared/contracts/verification.ts). */
  verifications?: (draft: ChangeDraft) => Promise<SubmissionRequest['verifications']>;
  enqueueRelay(job: RelayJob): Promise<void>;
  /** Called after the change moved to a new status (notifications). */
  onStatusChanged(draft: ChangeDraft): Promise<void>;
  logger: Logger;
  now?: () => Date;
}

export const submissionIdOf = (changeId: string, submissionNo: number) => `${changeId}-s${submissionNo}`;

/** The validated submit body, as the idempotency record remembers it (a hash of its canonical JSON). */
export interface SubmitBody {
  agreed?: boolean;
}

/** What is stored under an Idempotency-Key: the body it was first used with, and the answer that body got. */
interface IdempotencyRecord {
  bodyHash: string;
  response: SubmitResponse;
}

function bodyHashOf(body: SubmitBody): string {
  const canonical = JSON.stringify(Object.fromEntries(Object.entries(body).sort(([a], [b]) => a.localeCompare(b))));
  return createHash('sha256').update(canonical).digest('hex');
}

/** The stored answer for a key, or a 422 when the key came with another body. Records from before the hash replay as they are. */
function replay(stored: string, bodyHash: string): SubmitResponse {
  const record = JSON.parse(stored) as IdempotencyRecord | SubmitResponse;
  if (!('bodyHash' in record)) return record;
  if (record.bodyHash !== bodyHash) throw idempotencyKeyReused();
  return record.response;
}

export function createSubmitService(deps: SubmitServiceDeps) {
  const { store, changes, checks, reviewSystem, logger, now = () => new Date() } = deps;

  return {
    /**
     * Submits the draft the request loaded; `body.agreed` is the agreement ticked in this request. A repeat with the
     * same Idempotency-Key and body gets the first answer; the same key with another body is refused (422).
     */
    async submit(draft: ChangeDraft, rawKey: string | undefined, body: SubmitBody): Promise<SubmitResponse> {
      const { applicantId, id: changeId } = draft;
      const agreed = body.agreed === true;
      const key = idempotencyKeySchema.safeParse(rawKey ?? '');
      if (!key.success) throw idempotencyKeyMissing();
      const bodyHash = bodyHashOf(body);
      const prior = await store.idempotentResult(applicantId, changeId, key.data);
      if (prior) {
        const response = replay(prior, bodyHash);
        // The job id dedupes: re-adding is how a relay lost between commit and enqueue gets another chance.
        await deps.enqueueRelay({ applicantId, changeId, submissionNo: Number(response.submissionId.split('-s').pop()) });
        return response;
      }
      if (draft.status !== 'draft') throw notEditable(STATUS_LABELS[draft.status]);

      // The agreement ticked in this request counts; every failing check (agreement included) is listed at once.
      const report = await checks.run(draft, agreed);
      const unmet: FieldError[] = report.checks.filter((c) => c.outcome === 'fail').map((c) => ({ path: c.field ?? c.id, message: c.message }));
      if (unmet.length > 0) throw submitBlocked(unmet);

      const submissionNo = draft.submissionCount + 1;
      const submittedAt = now().toISOString();
      const response: SubmitResponse = { changeId, submissionId: submissionIdOf(changeId, submissionNo), status: 'submitted', submittedAt };
      const status = transition(draft.status, 'submit');
      const next: ChangeDraft = {
        ...draft,
        status,
        step: 'confirm',
        submissionCount: submissionNo,
        agreement: { agreed: true, termsVersion: TERMS_VERSION, agreedAt: submittedAt },
        version: draft.version + 1,
        updatedAt: submittedAt,
      };
      // Marked first: if the process dies after the commit but before the enqueue, the sweep finds it.
      await store.markRelayPending(applicantId, changeId, submissionNo);
      const result = await store.commit(next, draft.version, {
        timeline: timelineEntry(status, submissionNo > 1 ? '重新提交' : '提交变更', '已提交，正在转交服务商初审', [], submittedAt),
        idempotency: { key: key.data, value: JSON.stringify({ bodyHash, response } satisfies IdempotencyRecord) },
      });
      if (result.outcome === 'idempotent') return replay(result.stored, bodyHash);
      if (result.outcome === 'stale') throw draftChangedDuringSubmit();
      if (result.outcome === 'missing') throw notFound('变更');
      await deps.enqueueRelay({ applicantId, changeId, submissionNo });
      return response;
    },

    /** The relay job: throws to be retried (review system down); returns when done or when nothing is left to do. */
    async relay(job: RelayJob): Promise<'relayed' | 'skipped'> {
      const log = logger.child({ changeId: job.changeId, submissionNo: job.submissionNo });
      const draft = await store.get(job.applicantId, job.changeId);
      if (!draft || draft.submissionCount !== job.submissionNo || draft.status !== 'submitted') {
        log.info({ status: draft?.status }, 'relay skipped: submission no longer waiting');
        await store.clearRelayPending(job.applicantId, job.changeId, job.submissionNo);
        return 'skipped';
      }
      const materials: SubmissionRequest['materials'] = [];
      for (const [slot, m] of Object.entries(draft.materials)) {
        if (!deps.materials) throw new Error('materials storage is not configured');
        const bytes = await deps.materials.read(m.fileId);
        materials.push({ slot, kind: m.kind, subject: m.subject, contentType: 'image/jpeg', dataBase64: bytes.toString('base64') });
      }
      const request: SubmissionRequest = {
        changeId: draft.id,
        applicantId: draft.applicantId,
        filingId: draft.filingId,
        websiteId: draft.websiteId,
        filingRevision: draft.base.filingRevision,
        form: canonicalForm(draft.form),
        diff: diffChange(draft.base, draft.form).map(({ path, before, after }) => ({ path, before, after })),
        materials,
        ...(deps.callbackUrl ? { callbackUrl: deps.callbackUrl } : {}),
        ...(deps.verifications ? { verifications: await deps.verifications(draft) } : {}),
      };
      let accepted;
      try {
        accepted = await reviewSystem.createSubmission(request, submissionIdOf(draft.id, job.submissionNo));
      } catch (err) {
        if (err instanceof UpstreamError && !err.retryable) {
          // Refused for good (e.g. a stale filing revision): retrying cannot help; say so on the timeline.
          log.error({ err, upstream: err.body }, 'relay refused by the review system');
          const message = (err.body as { message?: string } | null)?.message ?? '服务商系统拒绝了本次提交';
          await changes.mutate(job.applicantId, job.changeId, (current) => ({
            draft: current,
            timeline: timelineEntry(current.status, '转交失败', `${message}。请撤回本次变更后重新办理，或联系客服`),
          }));
          await store.clearRelayPending(job.applicantId, job.changeId, job.submissionNo);
          return 'skipped';
        }
        throw err;
      }
      await store.recordRelay(job.applicantId, job.changeId, accepted.submissionId, job.submissionNo);
      const { draft: after, before } = await changes.mutate(job.applicantId, job.changeId, (current) => {
        if (current.status !== 'submitted' || current.submissionCount !== job.submissionNo) return { draft: current };
        const status = transition(current.status, 'relayed');
        return { draft: { ...current, status }, timeline: timelineEntry(status, '已转交初审', '服务商已收到，初审一般在1个工作日内完成') };
      });
      if (after.status === 'withdrawn' && before.status === 'withdrawn') {
        // Withdrawn while we were relaying: take it back upstream too.
        await reviewSystem.withdrawSubmission(accepted.submissionId).catch((err: unknown) => log.warn({ err }, 'withdraw after relay failed'));
      }
      if (before.status !== after.status) await deps.onStatusChanged(after);
      await store.clearRelayPending(job.applicantId, job.changeId, job.submissionNo);
      log.info({ reviewSubmissionId: accepted.submissionId }, 'relayed');
      return 'relayed';
    },

    /**
     * Re-enqueues relays a crash may have left unqueued (accepted, committed, never enqueued). The job id dedupes, so
     * enqueueing one that exists is harmless. A mark whose submit never committed is dropped after a grace period.
     */
    async sweep(graceMs = 60_000): Promise<number> {
      let enqueued = 0;
      for (const p of await store.pendingRelays()) {
        const draft = await store.get(p.applicantId, p.changeId);
        if (draft && draft.status === 'submitted' && draft.submissionCount === p.submissionNo) {
          await deps.enqueueRelay({ applicantId: p.applicantId, changeId: p.changeId, submissionNo: p.submissionNo });
          enqueued += 1;
        } else if (!draft || draft.submissionCount >= p.submissionNo || Date.now() - p.markedAt > graceMs) {
          await store.clearRelayPending(p.applicantId, p.changeId, p.submissionNo);
        }
      }
      return enqueued;
    },
  };
}
export type SubmitService = ReturnType<typeof createSubmitService>;
