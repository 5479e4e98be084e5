// Unsaved edits kept on the phone while offline (Taro storage), with ID numbers left out on purpose.
//
// Why omit instead of encrypt: the key would have to live on the same phone as the ciphertext, which protects
// nothing against someone reading the storage. ID numbers therefore stay in memory only; if the app is killed
// before they reach the server, the wizard tells the applicant which ID numbers to type again.
import Taro from '@tarojs/taro';
import type { WebsiteForm } from '../../../shared/domain/change';
import { getField, isPrincipalPath, type FieldPath, type FormEdits } from './fields';

export interface StoredPendingEdits {
  /** Draft version the edits were made on (for the If-Match of the replay). */
  basedOnVersion: number;
  edits: FormEdits;
  /** The saved values those fields had when they were edited (to tell a real conflict from a carry-over later). */
  original: FormEdits;
  /** Paths of ID numbers that were edited but deliberately not stored. */
  omittedIdNumbers: FieldPath[];
  savedAt: string;
}

const storageKey = (changeId: string) => `wizard.pendingEdits.${changeId}`;

function isIdNumberPath(path: string): boolean {
  return isPrincipalPath(path) && path.endsWith('.idNumber');
}

/** What may be written to client storage: everything but ID numbers. */
export function storableEdits(edits: FormEdits): { edits: FormEdits; omittedIdNumbers: FieldPath[] } {
  const kept: FormEdits = {};
  const omitted: FieldPath[] = [];
  for (const [path, value] of Object.entries(edits) as [FieldPath, FormEdits[FieldPath]][]) {
    if (isIdNumberPath(path)) omitted.push(path);
    else kept[path] = value;
  }
  return { edits: kept, omittedIdNumbers: omitted };
}

export function savePendingEdits(changeId: string, basedOnVersion: number, edits: FormEdits, editedFrom: WebsiteForm | null): void {
  const { edits: kept, omittedIdNumbers } = storableEdits(edits);
  const original: FormEdits = {};
  if (editedFrom) for (const path of Object.keys(kept) as FieldPath[]) original[path] = getField(editedFrom, path);
  const record: StoredPendingEdits = { basedOnVersion, edits: kept, original, omittedIdNumbers, savedAt: new Date().toISOString() };
  try {
    Taro.setStorageSync(storageKey(changeId), record);
  } catch {
    // Storage full or unavailable: the edits are still in memory and the status line says they are not saved.
  }
}

export function loadPendingEdits(changeId: string): StoredPendingEdits | null {
  try {
    const raw = Taro.getStorageSync<StoredPendingEdits | '' | undefined>(storageKey(changeId));
    if (!raw || typeof raw !== 'object' || typeof raw.edits !== 'object') return null;
    return {
      ...raw,
      edits: storableEdits(raw.edits).edits,
      original: storableEdits(raw.original ?? {}).edits,
      omittedIdNumbers: raw.omittedIdNumbers ?? [],
    };
  } catch {
    return null;
  }
}

export function clearPendingEdits(changeId: string): void {
  try {
    Taro.removeStorageSync(storageKey(changeId));
  } catch {
    // Nothing to clear.
  }
}
