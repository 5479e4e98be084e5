// What OCR read from a material photo (ID front/back, business licence, 核验单), and how it disagrees with the form.
import { z } from 'zod';
import { isoDate, type MaterialKind } from './filing';

/** The documents the recogniser understands. A business licence has no material kind yet (see docs/ocr.md). */
export const ocrDocumentKind = z.enum(['id_front', 'id_back', 'business_licence', 'verification_form']);
export type OcrDocumentKind = z.infer<typeof ocrDocumentKind>;

/** The document a material of `kind` is read as, or null when its kind is not recognised (letters, other). */
export function ocrDocumentOf(kind: MaterialKind): OcrDocumentKind | null {
  return kind === 'id_front' || kind === 'id_back' || kind === 'verification_form' ? kind : null;
}

/**
 * Fields read from the photo, canonical: ID and credit code upper-case and check-digit valid, dates yyyy-mm-dd,
 * `validUntil` null for 长期. A field is absent when it could not be read with certainty; it is never guessed.
 */
export const recognisedFields = z.object({
  name: z.string().optional(),
  gender: z.enum(['男', '女']).optional(),
  ethnicity: z.string().optional(),
  birthDate: isoDate.optional(),
  address: z.string().optional(),
  idNumber: z.string().optional(),
  issuingAuthority: z.string().optional(),
  validFrom: isoDate.optional(),
  validUntil: isoDate.nullable().optional(),
  creditCode: z.string().optional(),
  entityName: z.string().optional(),
  websiteName: z.string().optional(),
});
export type RecognisedFields = z.infer<typeof recognisedFields>;
export type RecognisedField = keyof RecognisedFields;
export const RECOGNISED_FIELDS = Object.keys(recognisedFields.shape) as RecognisedField[];

/** The fields each document can yield (what the bench scores and the parsers try). */
export const DOCUMENT_FIELDS: Record<OcrDocumentKind, readonly RecognisedField[]> = {
  id_front: ['name', 'gender', 'ethnicity', 'birthDate', 'address', 'idNumber'],
  id_back: ['issuingAuthority', 'validFrom', 'validUntil'],
  business_licence: ['creditCode', 'entityName'],
  verification_form: ['websiteName', 'entityName'],
};

export const recognition = z.object({
  document: ocrDocumentKind,
  /**
   * `read`: the document was found and at least one of its key fields was read. `unreadable`: nothing usable (wrong
   * document, too blurred, a failure or timeout): no mismatch may ever be claimed from it.
   */
  status: z.enum(['read', 'unreadable']),
  fields: recognisedFields,
  /** Per field present in `fields`: the recogniser's confidence, 0–1 (mean character probability of its line). */
  confidence: z.partialRecord(z.enum(RECOGNISED_FIELDS as [RecognisedField, ...RecognisedField[]]), z.number().min(0).max(1)),
  /** Why it is unreadable, for logs (never shown as is). */
  reason: z.string().optional(),
  /** Time spent in the worker (decode, detection, recognition, parsing), ms. */
  durationMs: z.number().nonnegative(),
});
export type Recognition = z.infer<typeof recognition>;

export const recognitionMismatch = z.object({
  /** Form field path (`websitePrincipal.idNumber`, `name`) or the change's filed value (`entityName`, `certificateNumber`). */
  field: z.string(),
  /** What the photo shows (masked where it is an ID number). */
  onPhoto: z.string(),
  /** What the form (or the filing) says (masked the same way). */
  inForm: z.string(),
  /** Chinese, naming the field and what to do. */
  message: z.string(),
  severity: z.enum(['fail', 'warn']),
});
export type RecognitionMismatch = z.infer<typeof recognitionMismatch>;
