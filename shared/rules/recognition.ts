// Where what OCR read from a material photo disagrees with the form or the filing: the mismatches the checklist and the
// capture screen show. Only confident reads of readable photos are compared; anything uncertain claims nothing.
import type { ChangeBase, WebsiteForm } from '../domain/change';
import type { MaterialSubject } from '../domain/filing';
import type { RecognisedField, Recognition, RecognitionMismatch } from '../domain/recognition';
import { maskResidentId } from '../validators/identity';
import { ROLE_LABELS, type PrincipalRole } from './labels';

/** A field read with less confidence than this is treated as not read (no mismatch is claimed from it). */
export const MIN_CLAIM_CONFIDENCE = 0.9;

const ROLE_OF_SUBJECT: Partial<Record<MaterialSubject, PrincipalRole>> = { website_principal: 'websitePrincipal', entity_principal: 'entityPrincipal' };

/** Names compared as written, ignoring spaces and the width of brackets and the middle dot (OCR and typing differ there). */
export function sameName(a: string, b: string): boolean {
  const canonical = (s: string) =>
    s
      .replace(/\s+/g, '')
      .replace(/[(（]/g, '（')
      .replace(/[)）]/g, '）')
      .replace(/[·•・.]/g, '·');
  return canonical(a) === canonical(b);
}

const validityText = (date: string | null) => date ?? '长期';

export interface RecognitionComparison {
  /** Whose document the photo is (the material slot's subject). */
  subject: MaterialSubject;
  recognition: Pick<Recognition, 'document' | 'status' | 'fields' | 'confidence'>;
  form: WebsiteForm;
  base: ChangeBase;
}

/** Mismatches between the photo and the form/filing, `fail` where a reviewer would refuse, `warn` where a typo is likely. */
export function recognitionMismatches({ subject, recognition, form, base }: RecognitionComparison): RecognitionMismatch[] {
  if (recognition.status !== 'read') return [];
  const { fields } = recognition;
  const confident = (field: RecognisedField) => fields[field] !== undefined && (recognition.confidence[field] ?? 0) >= MIN_CLAIM_CONFIDENCE;
  const mismatches: RecognitionMismatch[] = [];
  const role = ROLE_OF_SUBJECT[subject];

  if (role && (recognition.document === 'id_front' || recognition.document === 'id_back')) {
    const principal = form[role];
    const who = ROLE_LABELS[role];
    // Only a resident ID can be compared with a resident ID card; an empty field is filled from the photo, not flagged.
    const comparable = principal.idType === 'resident_id';
    if (recognition.document === 'id_front' && comparable) {
      const typedId = principal.idNumber.trim().toUpperCase();
      if (confident('idNumber') && typedId && fields.idNumber !== typedId) {
        mismatches.push({
          field: `${role}.idNumber`,
          onPhoto: maskResidentId(fields.idNumber as string),
          inForm: maskResidentId(typedId),
          message: `${who}身份证照片上的号码（${maskResidentId(fields.idNumber as string)}）与填写的${who}证件号码（${maskResidentId(typedId)}）不一致，请核对证件号码，或上传${who}本人的身份证`,
          severity: 'fail',
        });
      }
      const typedName = principal.name.trim();
      if (confident('name') && typedName && !sameName(fields.name as string, typedName)) {
        mismatches.push({
          field: `${role}.name`,
          onPhoto: fields.name as string,
          inForm: typedName,
          message: `${who}身份证照片上的姓名（${fields.name}）与填写的${who}姓名（${typedName}）不一致，请核对姓名，或上传${who}本人的身份证`,
          severity: 'fail',
        });
      }
    }
    if (recognition.document === 'id_back' && comparable && confident('validUntil') && fields.validUntil !== principal.idValidUntil) {
      const onPhoto = validityText(fields.validUntil ?? null);
      const inForm = validityText(principal.idValidUntil);
      mismatches.push({
        field: `${role}.idValidUntil`,
        onPhoto,
        inForm,
        message: `${who}身份证背面的有效期至（${onPhoto}）与填写的${who}证件有效期（${inForm}）不一致，请按身份证背面的“有效期限”填写`,
        severity: 'warn',
      });
    }
  }

  if (recognition.document === 'business_licence') {
    const filed = base.certificateNumber.trim().toUpperCase();
    if (confident('creditCode') && filed.length === 18 && fields.creditCode !== filed) {
      mismatches.push({
        field: 'certificateNumber',
        onPhoto: fields.creditCode as string,
        inForm: filed,
        message: `营业执照照片上的统一社会信用代码（${fields.creditCode}）与备案主体的证件号码（${filed}）不一致，请上传本主体（${base.entityName}）的营业执照`,
        severity: 'fail',
      });
    }
  }

  if (recognition.document === 'verification_form') {
    const websiteName = form.name.trim();
    if (confident('websiteName') && websiteName && !sameName(fields.websiteName as string, websiteName)) {
      mismatches.push({
        field: 'name',
        onPhoto: fields.websiteName as string,
        inForm: websiteName,
        message: `核验单上的网站名称（${fields.websiteName}）与本次填写的网站名称（${websiteName}）不一致，请按填写的网站名称重新打印、签字后上传核验单`,
        severity: 'fail',
      });
    }
    if (confident('entityName') && !sameName(fields.entityName as string, base.entityName)) {
      mismatches.push({
        field: 'entityName',
        onPhoto: fields.entityName as string,
        inForm: base.entityName,
        message: `核验单上的主办单位名称（${fields.entityName}）与备案主体（${base.entityName}）不一致，请上传本主体的核验单`,
        severity: 'fail',
      });
    }
  }
  return mismatches;
}
