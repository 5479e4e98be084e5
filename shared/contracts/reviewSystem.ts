// Contract of the hosting provider's review system (filings, domain facts, submissions, progress callbacks); the BFF is its client.
import { z } from 'zod';
import { reviewReason, websiteForm } from '../domain/change';
import { entityKind, filing, materialKind, materialSubject } from '../domain/filing';
import type { ChangeEvent } from '../domain/status';
import { fieldError } from './fieldError';
import { submittedVerification } from './verification';

/** Every route below lives under this prefix of the configured base URL. */
export const REVIEW_API_PREFIX = '/review/v1';

/** Paths relative to the base URL; `:name` are path parameters. All need `Authorization: Bearer <api key>`. */
export const REVIEW_ROUTES = {
  listApplicants: `${REVIEW_API_PREFIX}/applicants`,
  listFilings: `${REVIEW_API_PREFIX}/applicants/:applicantId/filings`,
  domainFacts: `${REVIEW_API_PREFIX}/domains/:domain`,
  createSubmission: `${REVIEW_API_PREFIX}/submissions`,
  getSubmission: `${REVIEW_API_PREFIX}/submissions/:submissionId`,
  withdrawSubmission: `${REVIEW_API_PREFIX}/submissions/:submissionId/withdraw`,
} as const;

/** Fill a route's path parameters (values are URI-encoded). */
export function reviewPath(route: string, params: Record<string, string> = {}): string {
  return route.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${route}`);
    return encodeURIComponent(value);
  });
}

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const REVIEW_TIMESTAMP_HEADER = 'x-review-timestamp';
export const REVIEW_SIGNATURE_HEADER = 'x-review-signature';
/** A receiver should refuse callbacks whose timestamp is further than this from its clock (replay guard). */
export const REVIEW_SIGNATURE_TOLERANCE_SECONDS = 300;

/** Upstream limits on materials: per image (decoded bytes) and per submission. */
export const REVIEW_MATERIAL_MAX_BYTES = 2 * 1024 * 1024;
export const REVIEW_SUBMISSION_MAX_MATERIAL_BYTES = 12 * 1024 * 1024;
export const REVIEW_SUBMISSION_MAX_MATERIALS = 8;
/** JSON body limit the review system enforces (base64 adds a third). */
export const REVIEW_SUBMISSION_MAX_BODY_BYTES = 17 * 1024 * 1024;

// --- errors

/** Stable error codes of the review system. `message` is Chinese and explains what to change. */
export const REVIEW_ERROR_CODES = [
  'unauthorized', // 401: missing or wrong bearer key
  'bad_request', // 400: body or header does not match this contract (`fields` says where)
  'not_found', // 404: applicant, filing, website, domain or submission unknown
  'idempotency_conflict', // 409: same Idempotency-Key, different body
  'revision_mismatch', // 409: filingRevision is not the filing's current revision
  'website_busy', // 409: another submission for this website is still in review
  'not_withdrawable', // 409: initial review already finished
  'payload_too_large', // 413
] as const;
export const reviewErrorCode = z.enum(REVIEW_ERROR_CODES);
export type ReviewErrorCode = z.infer<typeof reviewErrorCode>;

export const reviewError = z.object({
  code: reviewErrorCode,
  message: z.string(),
  fields: z.array(fieldError).optional(),
});
export type ReviewError = z.infer<typeof reviewError>;

// --- applicants and filings

/** GET listApplicants → { applicants }. The demo picker uses it; `openid` is what `demo-<applicantId>` logs in as. */
export const reviewApplicant = z.object({
  applicantId: z.string(),
  name: z.string(),
  kind: entityKind,
  openid: z.string(),
});
export type ReviewApplicant = z.infer<typeof reviewApplicant>;
export const listApplicantsResponse = z.object({ applicants: z.array(reviewApplicant) });

/** GET listFilings → Filing[] (material `imageUrl`s are absolute URLs served by the review system). 404 for an unknown applicant. */
export const listFilingsResponse = z.array(filing);

// --- domain facts

/** GET domainFacts (domain in Unicode or punycode, lowercase) → registrar facts for the pre-checks. 404 when unknown. */
export const domainFacts = z.object({
  domain: z.string(),
  registrar: z.string(),
  /** Registrar accredited in mainland China (境内注册商). */
  registrarDomestic: z.boolean(),
  /** ISO timestamp the registration expires. */
  expiresAt: z.string(),
  realNameVerified: z.boolean(),
  registrantName: z.string(),
});
export type DomainFacts = z.infer<typeof domainFacts>;

// --- submissions

/** One changed field: dotted path into `websiteForm` (e.g. `websitePrincipal.mobile`) with old and new values. */
export const submissionDiffEntry = z.object({
  path: z.string().min(1).max(200),
  before: z.unknown(),
  after: z.unknown(),
});
export type SubmissionDiffEntry = z.infer<typeof submissionDiffEntry>;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A material delivered with the submission: JPEG as base64 (no data: prefix), replacing the slot's material on file. */
export const submissionMaterial = z.object({
  /** `${subject}.${kind}`, e.g. `website_principal.id_front`. */
  slot: z.string().min(1).max(64),
  kind: materialKind,
  subject: materialSubject,
  contentType: z.literal('image/jpeg'),
  dataBase64: z
    .string()
    .min(4)
    .regex(BASE64, { message: '材料图片应为 base64 编码的 JPEG（不含 data: 前缀）' })
    .refine((s) => base64DecodedBytes(s) <= REVIEW_MATERIAL_MAX_BYTES, { message: '单张材料图片不能超过 2 MB' }),
});
export type SubmissionMaterial = z.infer<typeof submissionMaterial>;

/** Bytes a base64 string decodes to (no decoding needed). */
export function base64DecodedBytes(b64: string): number {
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return Math.floor((b64.length * 3) / 4) - padding;
}

/** POST createSubmission body, with header `Idempotency-Key` (1–128 visible ASCII characters). */
export const submissionRequest = z
  .object({
    changeId: z.string().min(1).max(64),
    applicantId: z.string().min(1).max(64),
    filingId: z.string().min(1).max(64),
    websiteId: z.string().min(1).max(64),
    /** The filing revision the change was made against; a stale one is refused with `revision_mismatch`. */
    filingRevision: z.number().int().nonnegative(),
    /** The complete new website form (canonical values), not only the changed parts. */
    form: websiteForm,
    diff: z.array(submissionDiffEntry).max(100),
    materials: z
      .array(submissionMaterial)
      .max(REVIEW_SUBMISSION_MAX_MATERIALS)
      .refine((list) => list.reduce((n, m) => n + base64DecodedBytes(m.dataBase64), 0) <= REVIEW_SUBMISSION_MAX_MATERIAL_BYTES, {
        message: '材料图片合计不能超过 12 MB',
      }),
    /** Where progress events of this submission go; when absent, the review system's configured callback URL. */
    callbackUrl: z.url().optional(),
    /**
     * The identity verifications (电子化核验, verification.ts) of the principals whose identity changed: one per person,
     * naming the task the review system looks up with its verification service. Absent or empty: nobody verified.
     */
    verifications: z.array(submittedVerification).max(2).optional(),
  })
  .strict();
export type SubmissionRequest = z.infer<typeof submissionRequest>;

export const idempotencyKey = z.string().regex(/^[\x21-\x7e]{1,128}$/, { message: 'Idempotency-Key 应为 1–128 个可见 ASCII 字符' });

/**
 * 201 on the first call. The same key with the same body replays the first answer (same status and body) with header
 * `Idempotent-Replayed: true`; a different body → 409 `idempotency_conflict`. Only successes are remembered: after an
 * error the same key may be retried.
 */
export const submissionAccepted = z.object({
  submissionId: z.string(),
  status: z.literal('received'),
  receivedAt: z.string(),
});
export type SubmissionAccepted = z.infer<typeof submissionAccepted>;

// --- progress events (callbacks)

export const progressEventType = z.enum(['received', 'initial_passed', 'initial_rejected', 'authority_started', 'authority_approved', 'authority_rejected', 'withdrawn']);
export type ProgressEventType = z.infer<typeof progressEventType>;

/** The state-machine event (shared/domain/status.ts) each progress event drives. */
export const PROGRESS_EVENT_TO_CHANGE_EVENT: Readonly<Record<ProgressEventType, ChangeEvent>> = {
  received: 'relayed',
  initial_passed: 'initial_passed',
  initial_rejected: 'initial_rejected',
  authority_started: 'authority_started',
  authority_approved: 'authority_approved',
  authority_rejected: 'authority_rejected',
  withdrawn: 'withdraw',
};

/** MIIT SMS check: the principal must reply to MIIT's SMS (code + mobile + last 6 ID digits) before `deadline`. */
export const miitCheck = z.object({ deadline: z.string() });

/**
 * Body of `POST {callbackUrl}`, signed with headers X-Review-Timestamp / X-Review-Signature (see signature.ts).
 * Delivered at least once, retried with exponential backoff until a 2xx answer: receivers dedupe by `eventId` and
 * ignore a `sequence` not above the last one they applied for the submission.
 */
export const progressEvent = z.object({
  eventId: z.string(),
  submissionId: z.string(),
  changeId: z.string(),
  type: progressEventType,
  at: z.string(),
  /** 1, 2, 3… per submission, in the order the events happened. */
  sequence: z.number().int().positive(),
  /** Present on `initial_rejected` / `authority_rejected`. */
  reasons: z.array(reviewReason).optional(),
  /** Present on `authority_started`. */
  miitCheck: miitCheck.optional(),
});
export type ProgressEvent = z.infer<typeof progressEvent>;

// --- submission state

/** Where a submission is; each value is the type of the last progress event. */
export const submissionStatus = progressEventType;
export type SubmissionStatus = ProgressEventType;

/** GET getSubmission → this; POST withdrawSubmission → this (status `withdrawn`), 409 `not_withdrawable` after initial review. */
export const submissionState = z.object({
  submissionId: z.string(),
  changeId: z.string(),
  applicantId: z.string(),
  filingId: z.string(),
  websiteId: z.string(),
  filingRevision: z.number().int().nonnegative(),
  status: submissionStatus,
  receivedAt: z.string(),
  updatedAt: z.string(),
  /** Reasons of the rejection, empty otherwise. */
  reasons: z.array(reviewReason),
  miitCheck: miitCheck.nullable(),
  /** Every progress event so far, oldest first (the same bodies the callbacks carry). */
  events: z.array(progressEvent),
});
export type SubmissionState = z.infer<typeof submissionState>;

/** Statuses in which the submission may still be withdrawn (initial review not finished). */
export const WITHDRAWABLE_SUBMISSION_STATUSES: readonly SubmissionStatus[] = ['received'];
/** Statuses after which nothing more happens to a submission. */
export const FINAL_SUBMISSION_STATUSES: readonly SubmissionStatus[] = ['initial_rejected', 'authority_approved', 'authority_rejected', 'withdrawn'];
