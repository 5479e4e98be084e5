// After a rejection only what the reviewer flagged is open for editing: the flagged field paths and material slots.
import type { ChangeDraft } from '../domain/change';
import { mirroredPath } from './principals';

export interface OpenTargets {
  /** Form paths the applicant may edit (a flagged `websitePrincipal` opens all of `websitePrincipal.*`). */
  fields: string[];
  /** Material slots the applicant may replace, e.g. `website_principal.id_front`. */
  materials: string[];
  /** Reasons tied to no field (e.g. the website was unreachable): shown, nothing to edit for them. */
  generalReasons: string[];
}

/** What is open after the last rejection, or null when the change was never rejected (then the whole form is open). */
export function openTargetsAfterRejection(draft: Pick<ChangeDraft, 'rejection' | 'form'>): OpenTargets | null {
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
