// Material slots of a change as the materials step lists them: what is on file, what must be replaced now, labels.
import { materialSlot, type ChangeDraft, type MaterialSlot } from '../../../shared/domain/change';
import type { MaterialKind, MaterialOnFile, MaterialSubject } from '../../../shared/domain/filing';
import type { RequiredMaterial } from '../../../shared/contracts/api';
import { materialSlotLabel } from '../../../shared/rules/labels';
import { rejectionMark } from '../../../shared/rules/rejection';

export interface MaterialRow {
  slot: MaterialSlot;
  kind: MaterialKind;
  subject: MaterialSubject;
  label: string;
  onFile: MaterialOnFile | null;
  /** Uploaded for this change already. */
  replaced: boolean;
  /** Required now, with the reason (from the BFF's checks). */
  required: RequiredMaterial | null;
}

/** One row per slot, required-and-missing first, then the rest in filed order. */
export function materialRows(draft: ChangeDraft, required: RequiredMaterial[]): MaterialRow[] {
  const rows = new Map<string, MaterialRow>();
  const add = (kind: MaterialKind, subject: MaterialSubject): MaterialRow => {
    const slot = materialSlot(subject, kind);
    let row = rows.get(slot);
    if (!row) {
      // A photo the reviewer refused does not count as replaced until it is uploaded again after the rejection.
      const replaced = Boolean(draft.materials[slot]) && rejectionMark(draft, slot) !== 'failed';
      row = { slot, kind, subject, label: materialSlotLabel(subject, kind), onFile: null, replaced, required: null };
      rows.set(slot, row);
    }
    return row;
  };
  for (const m of draft.base.website.materials) add(m.kind, m.subject).onFile = m;
  for (const r of required) {
    const row = add(r.kind, r.subject);
    row.required = r;
    // `provided`: the BFF already holds an upload for this slot in this change.
    if (r.provided) row.replaced = true;
  }
  const missing = (r: MaterialRow) => (r.required && !r.required.provided && !r.replaced ? 0 : 1);
  return [...rows.values()].sort((a, b) => missing(a) - missing(b));
}

/** Event the capture page sends back to the wizard about one slot's upload. */
export const MATERIAL_EVENT = 'wizard:material';
export interface MaterialEvent {
  changeId: string;
  slot: string;
  state: 'uploading' | 'done' | 'failed';
  /** 0–100 while uploading. */
  progress?: number;
  previewUrl?: string;
  /** Chinese reason when failed (e.g. the photo was rejected). */
  message?: string;
}
