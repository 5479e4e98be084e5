// Material slots of a change as the materials step lists them: what is on file, what was uploaded (with its signed
// preview from the draft), what a reviewer refused, what must be replaced now, labels.
import { replacedMaterialView, type RequiredMaterial } from '../../../shared/contracts/api';
import { materialSlot, parseMaterialSlot, type ChangeDraft, type MaterialSlot, type ReplacedMaterial } from '../../../shared/domain/change';
import type { MaterialKind, MaterialOnFile, MaterialSubject } from '../../../shared/domain/filing';
import { materialSlotLabel } from '../../../shared/rules/labels';
import { replacedAfterRejection, reuploadsAfterRejection } from '../../../shared/rules/rejection';
import { api } from '../../services/api';

/**
 * What the row says about its material, one of:
 * - `refused`: the reviewer refused it (未通过), or it certifies what changed after the rejection, and no new photo was
 *   uploaded since;
 * - `needed`: required now and not uploaded yet (需重新上传);
 * - `replaced`: uploaded for this change (已重新上传);
 * - `on_file`: the filed material stays (沿用已备案的资料).
 */
export type MaterialRowStatus = 'refused' | 'needed' | 'replaced' | 'on_file';

export interface MaterialRow {
  slot: MaterialSlot;
  kind: MaterialKind;
  subject: MaterialSubject;
  label: string;
  onFile: MaterialOnFile | null;
  /** Uploaded for this change already (the BFF holds a photo in this slot). */
  replaced: boolean;
  /** The uploaded photo's preview, signed when the draft was read (absolute, ready for an <Image>). */
  previewUrl: string | null;
  /** The reviewer refused this material in the last rejection and nothing was uploaded since. */
  refused: boolean;
  /** Required now, with the reason (from the BFF's checks). */
  required: RequiredMaterial | null;
  status: MaterialRowStatus;
}

/** A path the BFF answers (`/api/…`) as a URL an <Image> or a download can use (weapp has no origin of its own). */
export function absoluteUrl(url: string): string {
  return url.startsWith('/') ? `${api.baseUrl()}${url}` : url;
}

/** The preview link the draft answer carries for an uploaded material (the stored draft has none: it is signed per read). */
function previewOf(material: ReplacedMaterial | undefined): string | null {
  const parsed = replacedMaterialView.safeParse(material);
  return parsed.success ? absoluteUrl(parsed.data.previewUrl) : null;
}

/**
 * Slots the applicant must upload again after the last rejection and has not yet (the shared rejection scope: each
 * refused material, and the 核验单 once what it certifies changed); an upload from before the rejection is the refused one.
 */
function refusedSlots(draft: ChangeDraft): Set<string> {
  return new Set(
    reuploadsAfterRejection(draft)
      .filter((r) => !replacedAfterRejection(draft, r.slot))
      .map((r) => r.slot),
  );
}

/** One row per slot: refused first, then required-and-missing, then the rest in filed order. */
export function materialRows(draft: ChangeDraft, required: RequiredMaterial[]): MaterialRow[] {
  const refused = refusedSlots(draft);
  const rows = new Map<string, MaterialRow>();
  const add = (kind: MaterialKind, subject: MaterialSubject): MaterialRow => {
    const slot = materialSlot(subject, kind);
    let row = rows.get(slot);
    if (!row) {
      const uploaded = draft.materials[slot];
      row = {
        slot,
        kind,
        subject,
        label: materialSlotLabel(subject, kind),
        onFile: null,
        replaced: Boolean(uploaded),
        previewUrl: previewOf(uploaded),
        refused: refused.has(slot),
        required: null,
        status: 'on_file',
      };
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
  for (const slot of refused) {
    const parsed = parseMaterialSlot(slot);
    if (parsed) add(parsed.kind, parsed.subject);
  }
  for (const row of rows.values()) {
    if (row.refused) row.status = 'refused';
    else if (row.required && !row.replaced) row.status = 'needed';
    else row.status = row.replaced ? 'replaced' : 'on_file';
  }
  const order: Record<MaterialRowStatus, number> = { refused: 0, needed: 1, replaced: 2, on_file: 2 };
  return [...rows.values()].sort((a, b) => order[a.status] - order[b.status]);
}

/** Rows the applicant must (re)upload before going on: refused by the reviewer, or required and missing. */
export function rowsToUpload(rows: MaterialRow[]): MaterialRow[] {
  return rows.filter((r) => r.status === 'refused' || r.status === 'needed');
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
  /** Chinese reason when failed (e.g. the photo was rejected), or what is happening (第1次重试…) while uploading. */
  message?: string;
}
