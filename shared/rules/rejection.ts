// After a rejection: only what the reviewer flagged is open, a flagged field must change and a flagged material must be
// replaced before resubmitting, and changing what the 核验单 certifies re-opens (and requires) a new 核验单.
import { materialSlot, parseMaterialSlot, type ChangeDraft, type MaterialSlot, type ReviewReason } from '../domain/change';
import { formChangedPaths } from './diff';
import { mirroredPath } from './principals';

export interface OpenTargets {
  /** Form paths the applicant may edit (a flagged `websitePrincipal` opens all of `websitePrincipal.*`). */
  fields: string[];
  /** Material slots the applicant may replace, e.g. `website_principal.id_front`. */
  materials: string[];
  /** Reasons tied to no field (e.g. the website was unreachable): shown, nothing to edit for them. */
  generalReasons: string[];
}

type RejectionView = Pick<ChangeDraft, 'rejection' | 'form'>;

/** Uploads by slot; only when each was made matters here. */
export type UploadedMaterials = Readonly<Record<string, { uploadedAt?: string }>>;

/** The 核验单 (网站真实性核验单) prints these: changing one makes the signed form on file untrue. Notes are not on it. */
export const VERIFICATION_FORM_CERTIFIES: readonly string[] = [
  'name',
  'domains',
  'homepageUrl',
  'serviceContent',
  'preApprovals',
  'principalSameAsEntity',
  'websitePrincipal',
  'entityPrincipal',
];
export const VERIFICATION_FORM_SLOT: MaterialSlot = materialSlot('website', 'verification_form');

/** Rules whose fix lies outside the form (renew the domain, fix the site): their flag is cleared by a passing check, not by an edit. */
export const RULES_FIXED_OUTSIDE_THE_FORM: readonly string[] = [
  'domain_expiry',
  'domain_real_name',
  'domain_registrar_domestic',
  'domain_registrant',
  'domain_registered',
  'homepage_reachable',
  'footer_filing_number',
];

/** The form field a reason's path is about (`domains.1` → `domains`): list items change with their list. */
function fieldOf(path: string): string {
  return path.replace(/\.\d+$/, '');
}

function certifies(path: string): boolean {
  return VERIFICATION_FORM_CERTIFIES.some((c) => path === c || path.startsWith(`${c}.`));
}

/** Paths changed since the form the reviewer saw; null when that form was not recorded (older rejections). */
export function changedSinceRejection(draft: RejectionView): string[] | null {
  if (!draft.rejection?.form) return null;
  return formChangedPaths(draft.rejection.form, draft.form);
}

/** True when a field the 核验单 certifies changed after the rejection: the signed 核验单 must be redone. */
export function verificationFormReopened(draft: RejectionView): boolean {
  return (changedSinceRejection(draft) ?? []).some(certifies);
}

/** What is open after the last rejection, or null when the change was never rejected (then the whole form is open). */
export function openTargetsAfterRejection(draft: RejectionView): OpenTargets | null {
  if (!draft.rejection) return null;
  const fields = new Set<string>();
  const materials = new Set<string>();
  const generalReasons: string[] = [];
  for (const reason of draft.rejection.reasons) {
    const { type, path } = reason.target;
    if (type === 'field') {
      fields.add(path);
      // With 同主体负责人 ticked one principal is edited through the other, so a flag on either opens both.
      const mirror = mirroredPath(draft.form, path);
      if (mirror) fields.add(mirror);
    } else if (type === 'material') {
      materials.add(path);
    } else {
      generalReasons.push(reason.message);
    }
  }
  if (verificationFormReopened(draft)) materials.add(VERIFICATION_FORM_SLOT);
  return { fields: [...fields], materials: [...materials], generalReasons };
}

/** True when `path` may be edited: no rejection, or it is flagged, inside a flagged object, or holds a flagged item. */
export function isFieldOpen(targets: OpenTargets | null, path: string): boolean {
  if (!targets) return true;
  return targets.fields.some((f) => f === path || path.startsWith(`${f}.`) || f.startsWith(`${path}.`));
}

export function isMaterialOpen(targets: OpenTargets | null, slot: string): boolean {
  return !targets || targets.materials.includes(slot);
}

/**
 * Flagged fields still holding the value the reviewer refused. A flag from a rule whose fix lies outside the form
 * (an expiring domain, a footer) is left to that rule's own check; a flag whose form was not recorded cannot be judged.
 */
export function flaggedFieldsUnchanged(draft: RejectionView): ReviewReason[] {
  const changed = changedSinceRejection(draft);
  if (!draft.rejection || changed === null) return [];
  return draft.rejection.reasons.filter(
    (r) => r.target.type === 'field' && !(r.rule !== undefined && RULES_FIXED_OUTSIDE_THE_FORM.includes(r.rule)) && !pathChanged(draft, changed, r.target.path),
  );
}

/** True when the field of `path` (or its 同主体负责人 mirror) is among the changed paths. */
function pathChanged(draft: RejectionView, changed: readonly string[], path: string): boolean {
  const field = fieldOf(path);
  const mirror = mirroredPath(draft.form, field);
  return changed.some((c) => c === field || c.startsWith(`${field}.`) || (mirror !== null && (c === mirror || c.startsWith(`${mirror}.`))));
}

/** True when the slot holds an upload made after the rejection (a flagged material stays 未通过 until then). */
export function replacedAfterRejection(draft: Pick<ChangeDraft, 'rejection'> & { materials: UploadedMaterials }, slot: string): boolean {
  const upload = draft.materials[slot] as { uploadedAt?: string } | undefined;
  if (!upload) return false;
  if (!draft.rejection) return true;
  return upload.uploadedAt !== undefined && Date.parse(upload.uploadedAt) > Date.parse(draft.rejection.at);
}

/** Materials that must be uploaded again after the rejection: each flagged one, and the 核验单 when what it certifies changed. */
export function reuploadsAfterRejection(draft: RejectionView): { slot: MaterialSlot; reason: string }[] {
  if (!draft.rejection) return [];
  const out = new Map<MaterialSlot, string>();
  for (const r of draft.rejection.reasons) {
    const parsed = r.target.type === 'material' ? parseMaterialSlot(r.target.path) : null;
    if (parsed) out.set(parsed.slot, `审核未通过：${r.message}`);
  }
  if (verificationFormReopened(draft) && !out.has(VERIFICATION_FORM_SLOT)) {
    out.set(VERIFICATION_FORM_SLOT, '驳回后修改了核验单上的信息，需按修改后的信息重新打印、签字并上传《网站真实性核验单》');
  }
  return [...out].map(([slot, reason]) => ({ slot, reason }));
}

/** How a flagged field or material reads on screen: 未通过 until changed or replaced, then fixed; null when not flagged. */
export function rejectionMark(draft: RejectionView & { materials: UploadedMaterials }, pathOrSlot: string): 'failed' | 'fixed' | null {
  if (!draft.rejection) return null;
  const slot = parseMaterialSlot(pathOrSlot);
  if (slot) {
    const needed = reuploadsAfterRejection(draft).some((r) => r.slot === slot.slot);
    if (!needed) return null;
    return replacedAfterRejection(draft, slot.slot) ? 'fixed' : 'failed';
  }
  const flagged = draft.rejection.reasons.filter((r) => r.target.type === 'field' && (r.target.path === pathOrSlot || fieldOf(r.target.path) === pathOrSlot));
  if (flagged.length === 0) return null;
  const changed = changedSinceRejection(draft);
  return changed !== null && flagged.every((r) => pathChanged(draft, changed, r.target.path)) ? 'fixed' : 'failed';
}
