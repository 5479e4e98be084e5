// The 412 merge: which local edits collide with what another device saved, and the edits after a per-field choice.
import type { WebsiteForm } from '../../../shared/domain/change';
import { fieldLabel } from '../../../shared/rules/labels';
import { getField, sameValue, type FieldPath, type FieldValue, type FormEdits } from './fields';

export interface FieldConflict {
  path: FieldPath;
  label: string;
  /** What this phone has (the unsaved edit). */
  local: FieldValue;
  /** What the server holds now. */
  saved: FieldValue;
}

export type ConflictChoice = 'local' | 'saved';

export interface ConflictAnalysis {
  /** Edits the server also changed, to something else: the user must pick. */
  conflicts: FieldConflict[];
  /** Edits that still apply cleanly on top of the saved version (the server did not touch those fields). */
  carryOver: FormEdits;
}

/**
 * Compare the unsaved edits with the server's newer form. `editedFrom` is the form the edits were made on:
 * a field the server left as it was there is not a conflict, the edit simply carries over; a field the server
 * changed to exactly our value needs nothing more.
 */
export function analyseConflict(edits: FormEdits, editedFrom: WebsiteForm, saved: WebsiteForm): ConflictAnalysis {
  const conflicts: FieldConflict[] = [];
  const carryOver: FormEdits = {};
  for (const [path, local] of Object.entries(edits) as [FieldPath, FieldValue][]) {
    const savedValue = getField(saved, path);
    if (sameValue(savedValue, local)) continue;
    if (sameValue(savedValue, getField(editedFrom, path))) {
      carryOver[path] = local;
      continue;
    }
    conflicts.push({ path, label: fieldLabel(path), local, saved: savedValue });
  }
  return { conflicts, carryOver };
}

/** The edits to PATCH after the user chose per field; a conflict without a choice keeps the local value (never dropped silently). */
export function resolveConflict(analysis: ConflictAnalysis, choices: Partial<Record<FieldPath, ConflictChoice>>): FormEdits {
  const edits: FormEdits = { ...analysis.carryOver };
  for (const c of analysis.conflicts) {
    if ((choices[c.path] ?? 'local') === 'local') edits[c.path] = c.local;
  }
  return edits;
}
