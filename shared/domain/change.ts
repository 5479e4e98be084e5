// A change of one filed website (ChangeDraft): the filed snapshot it started from, the edited form, and its progress.
import { z } from 'zod';
import { changeStatus } from './statusSchema';
import { MAX_ITEMS, MAX_LENGTH } from './limits';
import { boundedText, certificateType, entityKind, filedWebsite, isoDate, materialKind, materialSubject, preApproval, principal, province, type Filing, type FiledWebsite } from './filing';

export const wizardStep = z.enum(['website', 'materials', 'confirm']);
export type WizardStep = z.infer<typeof wizardStep>;

/**
 * What the applicant edits in step 1. It starts as a copy of the filed values; the change is the difference
 * between it and `base`. Values are kept as typed (validated on save, canonicalised on submit).
 */
export const websiteForm = z.object({
  name: boundedText('网站名称', MAX_LENGTH.websiteName),
  domains: z.array(boundedText('网站域名', MAX_LENGTH.domainInput)).max(MAX_ITEMS.domains),
  homepageUrl: boundedText('网站首页地址', MAX_LENGTH.url),
  serviceContent: z.array(boundedText('网站服务内容', MAX_LENGTH.serviceContentItem)).max(MAX_ITEMS.serviceContent),
  /** The approval number per service content that needs a 前置审批 (shared/data/serviceContent.ts); absent = none. */
  preApprovals: z.array(preApproval).max(MAX_ITEMS.preApprovals).optional(),
  notes: boundedText('备注', MAX_LENGTH.notes),
  principalSameAsEntity: z.boolean(),
  websitePrincipal: principal,
  entityPrincipal: principal,
});
export type WebsiteForm = z.infer<typeof websiteForm>;

/** The filed values a change started from (so the diff and the rules never depend on a later filing). */
export const changeBase = z.object({
  filingRevision: z.number().int().nonnegative(),
  entityKind: entityKind,
  /** The entity's certificate (营业执照, 事业单位法人证书 …): absent in drafts created before it was recorded. */
  certificateType: certificateType.optional(),
  entityName: z.string(),
  province: province,
  certificateNumber: z.string(),
  entityFilingNumber: z.string(),
  entityPrincipal: principal,
  website: filedWebsite,
});
export type ChangeBase = z.infer<typeof changeBase>;

/** The filed snapshot a change of one of the filing's websites starts from. */
export function changeBaseOf(filing: Filing, website: FiledWebsite): ChangeBase {
  return {
    filingRevision: filing.revision,
    entityKind: filing.entity.kind,
    certificateType: filing.entity.certificateType,
    entityName: filing.entity.name,
    province: filing.entity.province,
    certificateNumber: filing.entity.certificateNumber,
    entityFilingNumber: filing.entity.entityFilingNumber,
    entityPrincipal: filing.entity.principal,
    website,
  };
}

/** A material uploaded for this change (replacing or adding to what is on file). */
export const replacedMaterial = z.object({
  kind: materialKind,
  subject: materialSubject,
  /** Storage id of the processed JPEG (random, never user input). */
  fileId: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export type ReplacedMaterial = z.infer<typeof replacedMaterial>;

// The slot key lives in materialSlot.ts (plain data, usable without zod); re-exported for the modules that read it here.
export { isMaterialSlot, materialSlot, parseMaterialSlot, type MaterialSlot } from './materialSlot';

/** A reason a reviewer gave, tied to a form field path (e.g. `websitePrincipal.mobile`) or a material slot. */
export const reviewReason = z.object({
  target: z.object({ type: z.enum(['field', 'material', 'general']), path: z.string() }),
  message: z.string(),
  /** The rule catalogue's rule behind the reason (the automatic reviewer sets it; a reviewer's own reason has none). */
  rule: z.string().optional(),
});
export type ReviewReason = z.infer<typeof reviewReason>;

export const agreement = z.object({
  agreed: z.boolean(),
  /** Which wording of the terms was agreed (configurable text, versioned). */
  termsVersion: z.string().nullable(),
  agreedAt: z.string().nullable(),
});

export const changeDraft = z.object({
  id: z.string(),
  applicantId: z.string(),
  filingId: z.string(),
  websiteId: z.string(),
  status: changeStatus,
  /** Increases by one on every saved write; the ETag. */
  version: z.number().int().positive(),
  step: wizardStep,
  base: changeBase,
  form: websiteForm,
  /** Mobiles (11 digits) verified by SMS code for this change. */
  verifiedPhones: z.array(z.string()),
  materials: z.record(z.string(), replacedMaterial),
  agreement: agreement,
  /** Reasons of the last rejection; after a rejection only these targets are open for editing. */
  rejection: z
    .object({
      at: z.string(),
      stage: z.enum(['initial', 'authority']),
      reasons: z.array(reviewReason),
      /** The form as the reviewer saw it: a flagged field counts as fixed once it differs from this (absent in older rejections). */
      form: websiteForm.optional(),
    })
    .nullable(),
  /** How many times this change was submitted (a resubmission after rejection is a new submission). */
  submissionCount: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** After this, an untouched draft or rejection expires (45 days). */
  expiresAt: z.string(),
});
export type ChangeDraft = z.infer<typeof changeDraft>;

export { isoDate };
