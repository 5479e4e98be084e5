// Change drafts: create (one open per website), read, autosave with If-Match, materials, SMS-verified phones, withdraw.
// Routes hand in the draft their ownership check loaded (one load per request); only the compare-and-set retries of a
// write read it again.
// Decision: a rejected change is reopened (`edit` → draft) by the BFF on the applicant's first write (PATCH or upload),
// not on a GET, so reading stays side-effect free and the rejection stays visible until the applicant acts on it.
import { randomBytes } from 'node:crypto';
import {
  alreadyProcessed,
  changeInReview,
  concurrentWrite,
  illegalTransition,
  notEditable,
  notFound,
  notSubmittedYet,
  preconditionRequired,
  ruleLocked,
  versionMismatch,
  withdrawTooLate,
  notDiscardable,
  type FieldError,
} from '../errors';
import type { ChangeStore, CommitOptions } from '../stores/changeStore';
import type { FilingService } from './filingService';
import type { ReviewSystem } from '../adapters/reviewSystem';
import type { RetentionService } from './retentionService';
import { UpstreamError } from '../adapters/http';
import type { Principal } from '../../../shared/domain/filing';
import { changeBaseOf, type ChangeDraft, type ReplacedMaterial, type WebsiteForm } from '../../../shared/domain/change';
import type { PatchChangeRequest, TimelineEntry } from '../../../shared/contracts/api';
import { canTransition, isOpenForEditing, ORDER_STEP_TTL_DAYS, REOPENABLE_STATUSES, STATUS_LABELS, transition, type ChangeEvent, type ChangeStatus } from '../../../shared/domain/status';
import { filedForm, syncSamePrincipal } from '../../../shared/rules/principals';
import { TERMS_VERSION } from '../../../shared/data/terms';
import { lockedFieldViolations } from '../../../shared/rules/locked';
import { validateForm } from '../../../shared/rules/catalogue';
import { isFieldOpen, isMaterialOpen, openTargetsAfterRejection } from '../../../shared/rules/rejection';

const MAX_CAS_ATTEMPTS = 10;

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`;
}

export function timelineEntry(status: ChangeStatus, title: string, detail: string | null = null, reasons: TimelineEntry['reasons'] = [], at = new Date().toISOString()): TimelineEntry {
  return { id: newId('ev'), at, status, title, detail, reasons };
}

/** The version a request's If-Match names (`"7"`, `W/"7"` or `7`), or null when absent / unreadable. */
export function parseIfMatch(header: string | undefined): number | null {
  if (!header) return null;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  return m ? Number(m[1]) : null;
}
export const etagOf = (draft: ChangeDraft) => `"${draft.version}"`;

/** Paths (dotted) that differ between two forms, at field granularity. */
function changedPaths(before: WebsiteForm, after: WebsiteForm): string[] {
  const out: string[] = [];
  for (const key of Object.keys(after) as (keyof WebsiteForm)[]) {
    if (key === 'websitePrincipal' || key === 'entityPrincipal') {
      const a = before[key];
      const b = after[key];
      for (const f of Object.keys(b) as (keyof Principal)[]) {
        if (a[f] !== b[f]) out.push(`${key}.${f}`);
      }
    } else if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out.push(key);
  }
  return out;
}

export interface ChangeServiceDeps {
  store: ChangeStore;
  filings: FilingService;
  reviewSystem: ReviewSystem;
  /** Photo retention (retentionService.ts): photos are indexed when attached and deleted when the change is withdrawn. */
  retention?: Pick<RetentionService, 'track' | 'purge'>;
  now?: () => Date;
}

export function createChangeService({ store, filings, reviewSystem, retention, now = () => new Date() }: ChangeServiceDeps) {
  function stamp(draft: ChangeDraft, previousVersion: number): ChangeDraft {
    const at = now();
    return {
      ...draft,
      version: previousVersion + 1,
      updatedAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + ORDER_STEP_TTL_DAYS * 24 * 3600 * 1000).toISOString(),
    };
  }

  /**
   * The change under this applicant. `version` (a write's If-Match) lets the store answer from its in-process copy
   * when that copy is at the version the write names (store.getAt).
   */
  async function load(applicantId: string, changeId: string, version: number | null = null): Promise<ChangeDraft> {
    const draft = version === null ? await store.get(applicantId, changeId) : await store.getAt(applicantId, changeId, version);
    // Another applicant's change id simply does not exist under this applicant's keys: 404, never 403.
    if (!draft || draft.applicantId !== applicantId) throw notFound('变更');
    return draft;
  }

  function assertEditable(draft: ChangeDraft): void {
    if (!isOpenForEditing(draft.status)) throw notEditable(STATUS_LABELS[draft.status]);
  }

  /** Reopens a rejected change as part of the applicant's first write after the rejection. */
  function reopenIfRejected(draft: ChangeDraft): { draft: ChangeDraft; timeline?: TimelineEntry } {
    if (!REOPENABLE_STATUSES.includes(draft.status)) return { draft };
    const status = transition(draft.status, 'edit');
    return {
      draft: { ...draft, status, agreement: { agreed: false, termsVersion: null, agreedAt: null } },
      timeline: timelineEntry(status, '重新修改', '已根据审核意见重新打开修改'),
    };
  }

  /**
   * A server-side read-modify-write (no client version involved): retried on a concurrent write, so it never loses
   * the other writer's change nor its own. `loaded` (the draft the request already read) saves the first read.
   */
  async function mutate(
    applicantId: string,
    changeId: string,
    change: (current: ChangeDraft) => { draft: ChangeDraft; timeline?: TimelineEntry } | Promise<{ draft: ChangeDraft; timeline?: TimelineEntry }>,
    options: Omit<CommitOptions, 'timeline'> = {},
    loaded?: ChangeDraft,
  ): Promise<{ before: ChangeDraft; draft: ChangeDraft }> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt += 1) {
      const current = attempt === 0 && loaded ? loaded : await load(applicantId, changeId);
      const { draft, timeline } = await change(current);
      const next = stamp(draft, current.version);
      const result = await store.commit(next, current, { ...options, timeline });
      if (result.outcome === 'ok') return { before: current, draft: result.draft };
      if (result.outcome === 'missing') throw notFound('变更');
      if (result.outcome === 'idempotent') throw alreadyProcessed();
    }
    throw concurrentWrite();
  }

  /** Applies a status event (e.g. `withdraw`) to a loaded draft, with a timeline entry. */
  async function applyEvent(draft: ChangeDraft, event: ChangeEvent, title: string, detail: string | null = null) {
    return mutate(
      draft.applicantId,
      draft.id,
      (current) => {
        if (!canTransition(current.status, event)) throw illegalTransition(STATUS_LABELS[current.status]);
        const status = transition(current.status, event);
        return { draft: { ...current, status }, timeline: timelineEntry(status, title, detail) };
      },
      {},
      draft,
    );
  }

  return {
    load,
    mutate,
    applyEvent,
    assertEditable,

    async create(applicantId: string, filingId: string, websiteId: string): Promise<{ created: boolean; draft: ChangeDraft }> {
      const { filing, website } = await filings.website(applicantId, filingId, websiteId);
      const at = now();
      const base = changeBaseOf(filing, website);
      const draft: ChangeDraft = {
        id: newId('chg'),
        applicantId,
        filingId,
        websiteId,
        status: 'draft',
        version: 1,
        step: 'website',
        base,
        form: filedForm(base),
        verifiedPhones: [],
        materials: {},
        agreement: { agreed: false, termsVersion: null, agreedAt: null },
        rejection: null,
        submissionCount: 0,
        createdAt: at.toISOString(),
        updatedAt: at.toISOString(),
        expiresAt: new Date(at.getTime() + ORDER_STEP_TTL_DAYS * 24 * 3600 * 1000).toISOString(),
      };
      const result = await store.create(draft, timelineEntry('draft', '创建变更', `开始变更网站“${website.name}”`));
      if (result.outcome === 'in_review') throw changeInReview();
      return { created: result.outcome === 'created', draft: result.draft };
    },

    async list(applicantId: string): Promise<ChangeDraft[]> {
      const all = await store.list(applicantId);
      return all.filter((d) => d.applicantId === applicantId).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },

    /**
     * Autosave. Design: what is syntactically acceptable is saved even when a field is invalid (an autosave must not
     * lose typing) and field problems come back as `problems`; only rule violations (locked fields, added domains,
     * fields closed after a rejection) and schema-invalid bodies are refused with 422.
     */
    async patch(stored: ChangeDraft, ifMatch: number | null, patch: PatchChangeRequest): Promise<{ draft: ChangeDraft; json: string; problems: FieldError[] }> {
      if (ifMatch === null) throw preconditionRequired();
      if (ifMatch !== stored.version) throw versionMismatch(stored);
      assertEditable(stored);
      const { draft: reopened, timeline } = reopenIfRejected(stored);

      const form = mergeForm(reopened, patch.form ?? {});
      const violations = lockedFieldViolations(reopened.base, form);
      if (violations.length > 0) {
        throw ruleLocked(
          violations.map(({ path, message }) => ({ path, message })),
          violations[0].message,
        ).withExtra({ rules: [...new Set(violations.map((v) => v.code))] });
      }
      const open = openTargetsAfterRejection(stored);
      if (open) {
        const closed = changedPaths(reopened.form, form).filter((p) => !isFieldOpen(open, p));
        if (closed.length > 0) {
          throw ruleLocked(
            closed.map((path) => ({ path, message: '审核未对此项提出意见，本次只需修改审核意见中列出的内容' })),
            '审核驳回后只能修改审核意见中列出的内容',
          ).withExtra({ rules: ['rejection_scope'] });
        }
      }
      const next: ChangeDraft = {
        ...reopened,
        form,
        step: patch.step ?? reopened.step,
        agreement: patch.agreement
          ? patch.agreement.agreed
            ? { agreed: true, termsVersion: TERMS_VERSION, agreedAt: now().toISOString() }
            : { agreed: false, termsVersion: null, agreedAt: null }
          : reopened.agreement,
      };
      const result = await store.commit(stamp(next, stored.version), stored, { timeline });
      if (result.outcome === 'stale') throw versionMismatch(result.current);
      if (result.outcome !== 'ok') throw notFound('变更');
      return { draft: result.draft, json: result.json, problems: validateForm(result.draft.base, result.draft.form, now()) };
    },

    /** For the materials router: the change, owned by this applicant and editable (same errors as PATCH). */
    async loadEditableChange(applicantId: string, changeId: string): Promise<ChangeDraft> {
      const draft = await load(applicantId, changeId);
      assertEditable(draft);
      return draft;
    },

    /** For the materials router: puts a processed material into a slot, atomically, bumping the version. */
    async attachMaterial(applicantId: string, changeId: string, slot: string, material: ReplacedMaterial) {
      // Indexed first: whatever happens next, the retention sweep can find and delete this photo.
      await retention?.track(applicantId, changeId, material.fileId);
      let previous: ReplacedMaterial | null = null;
      const { draft } = await mutate(applicantId, changeId, (current) => {
        assertEditable(current);
        if (!isMaterialOpen(openTargetsAfterRejection(current), slot)) {
          throw ruleLocked([{ path: `materials.${slot}`, message: '审核未对此材料提出意见，无需重新上传' }], '审核驳回后只能重新上传审核意见中列出的材料').withExtra({
            rules: ['rejection_scope'],
          });
        }
        const reopened = reopenIfRejected(current);
        previous = current.materials[slot] ?? null;
        return { draft: { ...reopened.draft, materials: { ...reopened.draft.materials, [slot]: material } }, timeline: reopened.timeline };
      });
      return { previous: previous as ReplacedMaterial | null, draft };
    },

    async markPhoneVerified(loaded: ChangeDraft, phone: string): Promise<ChangeDraft> {
      const { draft } = await mutate(
        loaded.applicantId,
        loaded.id,
        (current) => {
          assertEditable(current);
          const verifiedPhones = current.verifiedPhones.includes(phone) ? current.verifiedPhones : [...current.verifiedPhones, phone];
          return { draft: { ...current, verifiedPhones } };
        },
        {},
        loaded,
      );
      return draft;
    },

    /**
     * Withdraw: only while initial review has not finished. The submission this change is on, once relayed, is
     * withdrawn at the review system first (an earlier submission of the change ended with its rejection).
     */
    async withdraw(draft: ChangeDraft): Promise<ChangeDraft> {
      if (!canTransition(draft.status, 'withdraw')) throw draft.status === 'draft' ? notSubmittedYet() : withdrawTooLate(STATUS_LABELS[draft.status]);
      const relayed = await store.relayedSubmission(draft.applicantId, draft.id);
      if (relayed && relayed.submissionNo === draft.submissionCount) {
        try {
          await reviewSystem.withdrawSubmission(relayed.reviewSubmissionId);
        } catch (err) {
          if (err instanceof UpstreamError && err.code === 'not_withdrawable') throw withdrawTooLate();
          throw err;
        }
      }
      const { draft: after } = await applyEvent(draft, 'withdraw', '已撤回', '申请人撤回了本次变更');
      await retention?.purge(after);
      return after;
    },

    /** 放弃本次变更: a draft or rejected change ends (status withdrawn) and its photos are deleted; the website is free. */
    async discard(draft: ChangeDraft): Promise<ChangeDraft> {
      if (!canTransition(draft.status, 'discard')) throw notDiscardable(STATUS_LABELS[draft.status]);
      const { draft: after } = await applyEvent(draft, 'discard', '已放弃', '申请人放弃了本次变更，草稿和照片已删除');
      await retention?.purge(after);
      return after;
    },
  };
}
export type ChangeService = ReturnType<typeof createChangeService>;

/** Deep-merges a PATCH into the form; "同主体负责人" keeps the two principals one person. */
export function mergeForm(draft: ChangeDraft, patch: NonNullable<PatchChangeRequest['form']>): WebsiteForm {
  const { websitePrincipal, entityPrincipal, ...flat } = patch;
  const form: WebsiteForm = {
    ...draft.form,
    ...flat,
    websitePrincipal: { ...draft.form.websitePrincipal, ...(websitePrincipal ?? {}) },
    entityPrincipal: { ...draft.form.entityPrincipal, ...(entityPrincipal ?? {}) },
  };
  // 同主体负责人: one person, edited through either side; the entity principal is authoritative (shared rules).
  if (form.principalSameAsEntity && websitePrincipal && !entityPrincipal) form.entityPrincipal = { ...form.websitePrincipal };
  return syncSamePrincipal(form);
}
