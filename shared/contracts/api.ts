// The BFF's HTTP contract (mini-program ⇄ BFF): request and response schemas per route, imported by both sides.
import { z } from 'zod';
import { changeDraft, replacedMaterial, reviewReason, websiteForm, wizardStep } from '../domain/change';
import { filing, materialKind, materialSubject } from '../domain/filing';
import { recognisedFields, recognitionMismatch } from '../domain/recognition';
import { changeStatus } from '../domain/statusSchema';
import { fieldError } from './fieldError';

/** Every error the BFF answers with. `message` is Chinese and may be shown to the applicant. */
export const apiError = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.array(fieldError).optional(),
  /** A refused photo (`photo_rejected`): what is wrong with it (`too_dark`, `glare`, `blurred`, `too_small`, `low_resolution`, …). */
  reason: z.string().optional(),
  /** A refused photo: true when only a new photo can fix it (sending the same bytes again cannot), so the client offers 重新拍摄. */
  retake: z.boolean().optional(),
});
export type ApiError = z.infer<typeof apiError>;

/** Stable error codes (the mini-program maps them to behaviour; the message is already Chinese). */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'not_found',
  'conflict',
  'not_editable',
  'change_in_review',
  'version_mismatch',
  'precondition_required',
  'rule_locked',
  'rate_limited',
  'payload_too_large',
  'upload_timeout',
  'unsupported_media_type',
  'photo_rejected',
  'submit_blocked',
  'upstream_unavailable',
  'service_unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

// --- session
export const sessionRequest = z.object({ code: z.string().min(1).max(128) }).strict();
export const sessionResponse = z.object({ token: z.string(), expiresAt: z.string() });
export const devApplicant = z.object({ applicantId: z.string(), name: z.string(), kind: z.enum(['personal', 'organisation']) });
export const devApplicantsResponse = z.array(devApplicant);
export const devSessionRequest = z.object({ applicantId: z.string().min(1).max(64) }).strict();
/** Logout: the token that made the request is revoked (every later request with it is 401). */
export const logoutResponse = z.object({ loggedOut: z.literal(true) });

// --- filings
export const filingsResponse = z.object({ filings: z.array(filing) });

// --- changes
export const createChangeRequest = z.object({ filingId: z.string().min(1).max(64), websiteId: z.string().min(1).max(64) }).strict();

export const changeSummary = z.object({
  id: z.string(),
  filingId: z.string(),
  websiteId: z.string(),
  websiteName: z.string(),
  status: changeStatus,
  version: z.number(),
  updatedAt: z.string(),
  expiresAt: z.string(),
});
export const changeListResponse = z.object({ changes: z.array(changeSummary) });
/**
 * A replaced material as the BFF answers it: with a preview link signed when the draft was read (the stored draft never
 * holds a signed URL), so the photo shows on every device, after a reload too.
 */
export const replacedMaterialView = replacedMaterial.extend({ previewUrl: z.string() });
export type ReplacedMaterialView = z.infer<typeof replacedMaterialView>;
/** A draft as every route answers it: the stored draft, each replaced material with its signed preview. */
export const changeView = changeDraft.extend({ materials: z.record(z.string(), replacedMaterialView) });
export type ChangeView = z.infer<typeof changeView>;
export const changeResponse = changeView;

/** Deep-partial of the form: what a PATCH may carry. Everything else in a draft is server-owned. */
const principalPatch = websiteForm.shape.websitePrincipal.partial().strict();
/** Every value is bounded by the form's own schema (shared/domain/limits), checked before any rule looks at it. */
export const websiteFormPatch = websiteForm.extend({ websitePrincipal: principalPatch, entityPrincipal: principalPatch }).partial().strict();
export type WebsiteFormPatch = z.infer<typeof websiteFormPatch>;

export const patchChangeRequest = z
  .object({
    form: websiteFormPatch,
    step: wizardStep,
    agreement: z.object({ agreed: z.boolean() }).strict(),
  })
  .partial()
  .strict();
export type PatchChangeRequest = z.infer<typeof patchChangeRequest>;

// --- SMS verification
export const smsSendRequest = z.object({ phone: z.string().min(1).max(20) }).strict();
export const smsSendResponse = z.object({ phone: z.string(), resendAfterSeconds: z.number(), expiresInSeconds: z.number() });
export const smsVerifyRequest = z.object({ phone: z.string().min(1).max(20), code: z.string().min(1).max(10) }).strict();
export const smsVerifyResponse = z.object({ phone: z.string(), verified: z.literal(true), verifiedPhones: z.array(z.string()) });

// --- checks
export const checkOutcome = z.enum(['pass', 'warn', 'fail']);
export type CheckOutcome = z.infer<typeof checkOutcome>;

/** What an applicant can do about a problem the form alone cannot solve (shared/rules/catalogue/blockers.ts). */
export const blockerKind = z.enum(['renew_domain', 'remove_domain', 'fix_domain_registration', 'fix_footer', 'renew_id']);
export type BlockerKindValue = z.infer<typeof blockerKind>;

/** One problem a rule found: `severity` is the rule's, `path` the field or material slot (null: the change as a whole). */
export const checkProblem = z.object({
  ruleId: z.string(),
  severity: z.enum(['fail', 'warn']),
  path: z.string().nullable(),
  message: z.string(),
  /** A one-tap fix: set `path` to `value` (e.g. an email domain slip). */
  fix: z.object({ path: z.string(), value: z.string(), label: z.string() }).optional(),
  /** Set when the fix lies outside the form: the screen offers that action instead of 去修改. */
  blocker: blockerKind.optional(),
});
export type CheckProblem = z.infer<typeof checkProblem>;

export const precheckResult = z.object({
  /** The checklist line (a group of rules in the catalogue): `website_name`, `domain_registration`, … */
  id: z.string(),
  title: z.string(),
  outcome: checkOutcome,
  /** Form field path or material slot to jump to (the first problem's). */
  field: z.string().nullable(),
  /** Every problem of the line joined (or what passed). */
  message: z.string(),
  /** Every problem of the line, each with its own path (a line never hides one behind “另有1项问题”). */
  problems: z.array(checkProblem),
});
export type PrecheckResult = z.infer<typeof precheckResult>;

/** A problem known before editing that blocks the change, with what to do about it. */
export const blocker = z.object({
  /** `${ruleId}:${path}`: stable while the problem lasts. */
  id: z.string(),
  ruleId: z.string(),
  kind: blockerKind,
  title: z.string(),
  message: z.string(),
  /** Where the applicant can act in the form, when they can (remove the domain, new ID validity); null otherwise. */
  field: z.string().nullable(),
  /** fix_footer: the exact HTML to paste into the homepage footer. */
  html: z.string().optional(),
});
export type Blocker = z.infer<typeof blocker>;

/** GET …/websites/:websiteId/blockers: what already blocks a change of this website, from its filed state and the live facts. */
export const websiteBlockersResponse = z.object({ blockers: z.array(blocker), checkedAt: z.string() });

export const requiredMaterial = z.object({
  slot: z.string(),
  kind: materialKind,
  subject: materialSubject,
  /** Why it must be (re)uploaded now, in Chinese. */
  reason: z.string(),
  provided: z.boolean(),
});
export type RequiredMaterial = z.infer<typeof requiredMaterial>;

export const checksResponse = z.object({
  materials: z.array(requiredMaterial),
  checks: z.array(precheckResult),
  /** Problems the form alone cannot solve, each with its action (shown up front on step 1 and the overview). */
  blockers: z.array(blocker),
  /** True when nothing fails (warnings allowed). */
  ready: z.boolean(),
});

// --- submit / withdraw / progress
/** What POST …/submit accepts. Lenient on purpose: `agreed: false` or missing is reported with every other unmet condition, not alone. */
export const submitBody = z.object({ agreed: z.boolean().optional() }).strict();
export const submitResponse = z.object({ changeId: z.string(), submissionId: z.string(), status: changeStatus, submittedAt: z.string() });

export const timelineEntry = z.object({
  id: z.string(),
  at: z.string(),
  status: changeStatus,
  title: z.string(),
  detail: z.string().nullable(),
  reasons: z.array(reviewReason),
});
export type TimelineEntry = z.infer<typeof timelineEntry>;
export const progressResponse = z.object({
  changeId: z.string(),
  status: changeStatus,
  timeline: z.array(timelineEntry),
  /** When the MIIT SMS check is pending: what the applicant must do and by when. */
  miitCheck: z.object({ deadline: z.string(), instructions: z.string() }).nullable(),
  subscriptionsLeft: z.number().int().nonnegative(),
});

export const subscriptionsRequest = z.object({ templateIds: z.array(z.string().min(1).max(128)).min(1).max(3) }).strict();
export const subscriptionsResponse = z.object({ subscriptionsLeft: z.number().int().nonnegative() });

// --- materials
export const materialUploadResponse = z.object({
  slot: z.string(),
  width: z.number(),
  height: z.number(),
  bytes: z.number(),
  /** Short-lived signed URL to show the processed image. */
  previewUrl: z.string(),
  warnings: z.array(z.string()),
});

/**
 * GET …/materials/:kind/recognition: what OCR read from the slot's photo. `pending` while a worker reads it, `failed`
 * when nothing could be read (no mismatch is then claimed). `fields` are canonical (ID upper-case, yyyy-mm-dd,
 * `validUntil` null for 长期); `mismatches` compare them with the form as saved now (ID numbers masked).
 */
export const recognitionResponse = z.object({
  status: z.enum(['pending', 'done', 'failed']),
  fields: recognisedFields.pick({ name: true, idNumber: true, validFrom: true, validUntil: true, creditCode: true, entityName: true, websiteName: true }),
  mismatches: z.array(recognitionMismatch.pick({ field: true, onPhoto: true, inForm: true, message: true })),
});
export type RecognitionResponse = z.infer<typeof recognitionResponse>;

/** PATCH /api/changes/:id answer: the saved draft, and the field problems it still has (saved anyway; they block submit). */
export const patchChangeResponse = z.object({
  draft: changeView,
  problems: z.array(fieldError),
});

// --- health and the review system's callback
export const healthResponse = z.object({ ok: z.literal(true) });
export const readyResponse = z.object({ ok: z.boolean(), redis: z.boolean(), reviewSystem: z.boolean() });
/** What the BFF did with a review event: applied it, recorded it (timeline only), or ignored a repeat or stale one. */
export const reviewEventOutcome = z.enum(['applied', 'recorded', 'duplicate', 'stale_sequence', 'unknown_change']);
export type ReviewEventOutcome = z.infer<typeof reviewEventOutcome>;
export const reviewEventAck = z.object({ ok: z.literal(true), outcome: reviewEventOutcome });

// --- identity verification (电子化核验, shared/contracts/verification.ts)
export const verificationRoleParam = z.enum(['websitePrincipal', 'entityPrincipal'], { error: '负责人角色不正确，应为 websitePrincipal 或 entityPrincipal' });
/** One person who must verify in this change, and where their verification stands. */
export const principalVerification = z.object({
  role: verificationRoleParam,
  /** 网站负责人 / 主体负责人. */
  who: z.string(),
  /** Masked name and mobile (the screen shows them; the person is not the applicant). */
  name: z.string(),
  mobile: z.string(),
  status: z.enum(['not_started', 'pending', 'passed', 'failed', 'expired']),
  /** Chinese: why it failed and what to do; null unless `failed`. */
  reason: z.string().nullable(),
  /** How to open the task (H5 link, or the verification mini-program); null without a live task. */
  entry: z.object({ h5Url: z.string(), appId: z.string(), path: z.string(), demo: z.boolean() }).nullable(),
  expiresAt: z.string().nullable(),
  /** True when the link went to the person by SMS (they are not the applicant). */
  smsSent: z.boolean(),
  /** True when 重新核验 / 发起核验 is possible now (no task, or it failed or expired). */
  canStart: z.boolean(),
});
export type PrincipalVerification = z.infer<typeof principalVerification>;
export const verificationsResponse = z.object({ verifications: z.array(principalVerification) });
export const verificationEventOutcome = z.enum(['applied', 'duplicate', 'stale', 'unknown_change']);
export const verificationEventAck = z.object({ ok: z.literal(true), outcome: verificationEventOutcome });
