// Contract of the identity verification service (电子化核验, run by the provider for MIIT): tasks per person, their status and signed completion callbacks; the BFF is its client.
import { z } from 'zod';
import { idDocumentType } from '../domain/filing';

/** Every route below lives under this prefix of the configured base URL (the provider hosts it beside the review system). */
export const VERIFICATION_API_PREFIX = '/verification/v1';

/** Paths relative to the base URL; all need `Authorization: Bearer <api key>` (the review system's key). */
export const VERIFICATION_ROUTES = {
  createTask: `${VERIFICATION_API_PREFIX}/tasks`,
  getTask: `${VERIFICATION_API_PREFIX}/tasks/:taskId`,
} as const;

export const VERIFICATION_TIMESTAMP_HEADER = 'x-verification-timestamp';
export const VERIFICATION_SIGNATURE_HEADER = 'x-verification-signature';

/** A task is valid this long after it was created; then it is `expired` and a new one must be started. */
export const VERIFICATION_TASK_TTL_HOURS = 24;

/** Which principal of the change a task is for (shared/rules/labels.ts `PrincipalRole`). */
export const verificationRole = z.enum(['websitePrincipal', 'entityPrincipal']);
export type VerificationRole = z.infer<typeof verificationRole>;

/** Why a liveness check failed, as the verification service reports it. */
export const VERIFICATION_FAILURE_REASONS = {
  poor_lighting: '光线不足：人脸识别时光线太暗或逆光，请到光线充足处正对镜头重新核验',
  face_mismatch: '人脸与证件不一致：请由证件上的本人持本人身份证重新核验',
  id_expired: '证件已过期：请先换领新证件，修改证件有效期并上传新证件照片后重新核验',
} as const;
export type VerificationFailureReason = keyof typeof VERIFICATION_FAILURE_REASONS;
export const verificationFailureReason = z.enum(Object.keys(VERIFICATION_FAILURE_REASONS) as [VerificationFailureReason, ...VerificationFailureReason[]]);

export const verificationTaskStatus = z.enum(['pending', 'passed', 'failed', 'expired']);
export type VerificationTaskStatus = z.infer<typeof verificationTaskStatus>;

/** POST createTask body. `idNumber` and `mobile` are canonical (no spaces; mobile 11 digits). */
export const createVerificationTaskRequest = z
  .object({
    changeId: z.string().min(1).max(64),
    filingId: z.string().min(1).max(64),
    role: verificationRole,
    name: z.string().min(1).max(64),
    idType: idDocumentType,
    idNumber: z.string().min(1).max(64),
    mobile: z.string().regex(/^1\d{10}$/, { message: '手机号码应为11位中国大陆手机号' }),
    /** Where the completion callback goes; when absent, the service's configured callback URL. */
    callbackUrl: z.url().optional(),
  })
  .strict();
export type CreateVerificationTaskRequest = z.infer<typeof createVerificationTaskRequest>;

/** How the person opens the task: a link (H5, SMS) or, in WeChat, `Taro.navigateToMiniProgram({ appId, path })`. */
export const verificationEntry = z.object({
  h5Url: z.url(),
  appId: z.string(),
  path: z.string(),
  /** True for the sandbox: no real verification mini-program exists, so a WeChat client opens `h5Url` instead. */
  demo: z.boolean(),
});
export type VerificationEntry = z.infer<typeof verificationEntry>;

/** A task as GET getTask (and the 201 of createTask) returns it. */
export const verificationTask = z.object({
  taskId: z.string(),
  changeId: z.string(),
  role: verificationRole,
  status: verificationTaskStatus,
  /** Present when `failed`. */
  reason: verificationFailureReason.nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  completedAt: z.string().nullable(),
  entry: verificationEntry,
});
export type VerificationTask = z.infer<typeof verificationTask>;

/**
 * Body of `POST {callbackUrl}` when a task ends (passed, failed or expired), signed like the review system's callbacks
 * (signature.ts, headers X-Verification-Timestamp / X-Verification-Signature, same shared secret). Delivered at least
 * once, retried with backoff until 2xx; receivers dedupe by `eventId` and ignore a `sequence` not above the last one
 * applied for the task (a task ends once, so today every task has one event with sequence 1).
 */
export const verificationEvent = z.object({
  eventId: z.string(),
  taskId: z.string(),
  changeId: z.string(),
  role: verificationRole,
  type: z.enum(['passed', 'failed', 'expired']),
  reason: verificationFailureReason.optional(),
  at: z.string(),
  sequence: z.number().int().positive(),
});
export type VerificationEvent = z.infer<typeof verificationEvent>;

export const VERIFICATION_ERROR_CODES = ['unauthorized', 'bad_request', 'not_found', 'task_closed'] as const;
export const verificationError = z.object({ code: z.enum(VERIFICATION_ERROR_CODES), message: z.string() });

/** What the submission tells the review system about one principal's verification (reviewSystem.ts `verifications`). */
export const submittedVerification = z.object({
  role: verificationRole,
  taskId: z.string().min(1).max(64),
  status: verificationTaskStatus,
  completedAt: z.string().nullable(),
});
export type SubmittedVerification = z.infer<typeof submittedVerification>;

/** The getTask path of a task (its id URI-encoded). */
export function verificationTaskPath(taskId: string): string {
  return VERIFICATION_ROUTES.getTask.replace(':taskId', encodeURIComponent(taskId));
}
