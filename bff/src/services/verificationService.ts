// Identity verification (电子化核验) of a change's new principals: who must verify (shared rule), starting and restarting
// tasks with the verification service, the SMS with the link for a person other than the applicant, the signed
// completion callbacks (verified, deduped, in sequence) and the facts the checklist and the submission need.
import type { Logger } from 'pino';
import type { Verifier } from '../adapters/verifier';
import type { SmsGateway } from '../adapters/sms';
import { AppError, callbackNotJson, callbackOffContract, callbackSignatureInvalid, concurrentWrite, eventOutOfSequence, notEditable } from '../errors';
import { zodFields } from '../middleware/validate';
import type { VerificationRecord, VerificationStore } from '../stores/verificationStore';
import { verifySignature } from '../../../shared/contracts/signature';
import { verificationEvent, type SubmittedVerification, type VerificationRole } from '../../../shared/contracts/verification';
import type { PrincipalVerification } from '../../../shared/contracts/api';
import type { ChangeDraft } from '../../../shared/domain/change';
import { STATUS_LABELS } from '../../../shared/domain/status';
import { canonicalIdNumber, canonicalMobile } from '../../../shared/rules/canonical';
import { beijingDateTime } from '../../../shared/rules/dates';
import { ROLE_LABELS } from '../../../shared/rules/labels';
import {
  failureMessage,
  identityOf,
  requiredVerifications,
  verificationStateOf,
  type RequiredVerification,
  type VerificationFact,
  type VerificationState,
} from '../../../shared/rules/verification';
import { maskMobile } from '../../../shared/validators/contact';
import { maskName } from '../../../shared/validators/identity';

export interface VerificationServiceDeps {
  store: VerificationStore;
  verifier: Verifier;
  sms: SmsGateway;
  /** Where the verification service posts completions (absent: its configured URL). */
  callbackUrl?: string;
  /** HMAC secret of the callbacks (the provider signs them like its review events). */
  secret: string;
  logger: Logger;
  now?: () => Date;
}

export type VerificationEventOutcome = 'applied' | 'duplicate' | 'stale' | 'unknown_change';

export const verificationNotRequired = (who: string) => new AppError(422, 'validation_failed', `本次变更没有更换${who}（姓名、证件类型、证件号码均未修改），${who}无需电子化核验`);

/** A record whose 24 h passed without a callback reads as expired (the callback may still be on its way). */
function effectiveRecord(record: VerificationRecord | undefined, now: Date): VerificationRecord | undefined {
  if (record && record.status === 'pending' && new Date(record.expiresAt).getTime() <= now.getTime()) return { ...record, status: 'expired' };
  return record;
}

function factOf(record: VerificationRecord): VerificationFact {
  return { status: record.status, reason: record.reason, identity: record.identity };
}

/** The applicant is the person who filed (the filed entity principal): a different person gets the link by SMS. */
function isApplicant(draft: ChangeDraft, person: RequiredVerification): boolean {
  return identityOf(draft.base.entityPrincipal) === person.identity;
}

export function createVerificationService(deps: VerificationServiceDeps) {
  const { store, verifier, logger, now = () => new Date() } = deps;

  async function records(draft: ChangeDraft) {
    const stored = await store.all(draft.applicantId, draft.id);
    const at = now();
    return { at, get: (role: VerificationRole) => effectiveRecord(stored[role], at), raw: stored };
  }

  function itemOf(person: RequiredVerification, record: VerificationRecord | undefined): PrincipalVerification {
    const status: VerificationState = verificationStateOf(person, record && factOf(record));
    const live = status === 'pending' || status === 'passed';
    return {
      role: person.role,
      who: person.who,
      name: maskName(person.principal.name.trim()),
      mobile: maskMobile(canonicalMobile(person.principal.mobile)),
      status,
      reason: status === 'failed' ? failureMessage(record?.reason ?? null) : null,
      entry: status === 'pending' && record ? record.entry : null,
      expiresAt: live && record ? record.expiresAt : null,
      smsSent: live && record ? record.smsSent : false,
      canStart: status === 'not_started' || status === 'failed' || status === 'expired',
    };
  }

  return {
    /** Every person this change must verify, with where each stands. */
    async list(draft: ChangeDraft): Promise<PrincipalVerification[]> {
      const { get } = await records(draft);
      return requiredVerifications(draft.base, draft.form).map((person) => itemOf(person, get(person.role)));
    },

    /** Verification facts for the rule catalogue, by role. */
    async facts(draft: Pick<ChangeDraft, 'applicantId' | 'id'>): Promise<Partial<Record<VerificationRole, VerificationFact>>> {
      const stored = await store.all(draft.applicantId, draft.id);
      const at = now();
      const facts: Partial<Record<VerificationRole, VerificationFact>> = {};
      for (const [role, record] of Object.entries(stored) as [VerificationRole, VerificationRecord][]) facts[role] = factOf(effectiveRecord(record, at)!);
      return facts;
    },

    /** What the submission tells the review system: the task of each person who must verify (the reviewer looks them up). */
    async submitted(draft: ChangeDraft): Promise<SubmittedVerification[]> {
      const { get } = await records(draft);
      return requiredVerifications(draft.base, draft.form).flatMap((person) => {
        const record = get(person.role);
        if (!record || record.identity !== person.identity) return [];
        return [{ role: person.role, taskId: record.taskId, status: record.status, completedAt: record.completedAt }];
      });
    },

    /**
     * Starts the person's verification, or restarts it after a failure or expiry (or after the person was edited). A
     * pending or passed task is returned as it is (`created: false`): tapping twice never makes two tasks.
     */
    async start(draft: ChangeDraft, role: VerificationRole): Promise<{ created: boolean; verification: PrincipalVerification }> {
      if (draft.status !== 'draft') throw notEditable(STATUS_LABELS[draft.status]);
      const person = requiredVerifications(draft.base, draft.form).find((p) => p.role === role);
      if (!person) throw verificationNotRequired(ROLE_LABELS[role]);
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const { get, raw } = await records(draft);
        const current = get(role);
        const item = itemOf(person, current);
        if (!item.canStart) return { created: false, verification: item };
        const task = await verifier.createTask({
          changeId: draft.id,
          filingId: draft.filingId,
          role,
          name: person.principal.name.trim(),
          idType: person.principal.idType,
          idNumber: canonicalIdNumber(person.principal.idNumber),
          mobile: canonicalMobile(person.principal.mobile),
          ...(deps.callbackUrl ? { callbackUrl: deps.callbackUrl } : {}),
        });
        const record: VerificationRecord = {
          taskId: task.taskId,
          identity: person.identity,
          status: task.status,
          reason: task.reason,
          createdAt: task.createdAt,
          expiresAt: task.expiresAt,
          completedAt: task.completedAt,
          entry: task.entry,
          lastSequence: 0,
          smsSent: !isApplicant(draft, person),
        };
        const stored = raw[role];
        const outcome = await store.compareAndSet(draft.applicantId, draft.id, role, stored ? { taskId: stored.taskId, lastSequence: stored.lastSequence } : null, record);
        if (outcome !== 'ok') continue; // a concurrent start won: the task just created is left to expire unused
        if (record.smsSent) {
          const params = {
            name: maskName(person.principal.name.trim()),
            website: draft.form.name || draft.base.website.name,
            deadline: beijingDateTime(task.expiresAt),
            link: task.entry.h5Url,
          };
          await deps.sms.send(canonicalMobile(person.principal.mobile), 'identity_verification', params).catch((err: unknown) => {
            // The applicant still has the link on screen; the SMS is a convenience.
            logger.warn({ err, changeId: draft.id, role }, 'verification SMS not sent');
          });
        }
        logger.info({ changeId: draft.id, role, taskId: task.taskId }, 'verification task started');
        return { created: true, verification: itemOf(person, record) };
      }
      throw concurrentWrite();
    },

    /** The signed completion callback: 401 bad signature or stale timestamp, 400 off-contract, 409 an early sequence. */
    async handle(rawBody: string, timestamp: string | undefined, signature: string | undefined, ownerOf: (changeId: string) => Promise<string | null>): Promise<VerificationEventOutcome> {
      if (!verifySignature(deps.secret, timestamp, rawBody, signature, { nowSeconds: Math.floor(now().getTime() / 1000) })) throw callbackSignatureInvalid();
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        throw callbackNotJson();
      }
      const parsed = verificationEvent.safeParse(json);
      if (!parsed.success) throw callbackOffContract(zodFields(parsed.error));
      const event = parsed.data;
      const log = logger.child({ changeId: event.changeId, taskId: event.taskId, eventId: event.eventId, type: event.type });
      const applicantId = await ownerOf(event.changeId);
      if (!applicantId) {
        log.warn('verification event for an unknown change ignored');
        return 'unknown_change';
      }
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const stored = (await store.all(applicantId, event.changeId))[event.role];
        const expected = stored ? { taskId: stored.taskId, lastSequence: stored.lastSequence } : null;
        // Another task's event (the person restarted, or was edited) or one already passed in sequence: acknowledged, ignored.
        const stale = !stored || stored.taskId !== event.taskId || event.sequence <= stored.lastSequence;
        if (!stale && event.sequence > stored.lastSequence + 1) throw eventOutOfSequence();
        const next: VerificationRecord | null = stale
          ? null
          : { ...stored, status: event.type, reason: event.type === 'failed' ? (event.reason ?? null) : null, completedAt: event.at, lastSequence: event.sequence };
        const outcome = await store.compareAndSet(applicantId, event.changeId, event.role, expected, next, event.eventId);
        if (outcome === 'retry') continue;
        if (outcome === 'duplicate') return 'duplicate';
        log.info({ outcome: stale ? 'stale' : 'applied' }, 'verification event');
        return stale ? 'stale' : 'applied';
      }
      throw concurrentWrite();
    },
  };
}
export type VerificationService = ReturnType<typeof createVerificationService>;
