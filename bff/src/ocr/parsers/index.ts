// From the text boxes of a photo to the recognised fields of its document, and whether it could be read at all.
import type { OcrDocumentKind, RecognisedField } from '../../../../shared/domain/recognition';
import type { OcrBox } from '../types';
import type { Parsed } from './fields';
import { parseIdBack } from './idBack';
import { parseIdFront } from './idFront';
import { parseLicence } from './licence';
import { toRows } from './rows';
import { parseVerificationForm } from './verificationForm';

/** A document counts as read when at least one of these was read; otherwise it is unreadable and no claim is made. */
export const KEY_FIELDS: Record<OcrDocumentKind, readonly RecognisedField[]> = {
  id_front: ['idNumber', 'name'],
  id_back: ['validFrom', 'issuingAuthority'],
  business_licence: ['creditCode', 'entityName'],
  verification_form: ['websiteName', 'entityName'],
};

export function parseDocument(document: OcrDocumentKind, boxes: readonly OcrBox[], today: Date = new Date()): Parsed & { readable: boolean } {
  const rows = toRows(boxes);
  let parsed: Parsed;
  switch (document) {
    case 'id_front':
      parsed = parseIdFront(rows, today);
      break;
    case 'id_back':
      parsed = parseIdBack(rows);
      break;
    case 'business_licence':
      parsed = parseLicence(rows);
      break;
    case 'verification_form':
      parsed = parseVerificationForm(rows);
      break;
  }
  return { ...parsed, readable: KEY_FIELDS[document].some((field) => parsed.fields[field] !== undefined) };
}
