// The wizard's one form-state hook: a draft engine per change (draftEngine.ts), started while the page lives, its
// state read with useSyncExternalStore; leaving or hiding the page saves at once.
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { useDidHide, useUnload } from '@tarojs/taro';
import type { PatchChangeRequest } from '../../../shared/contracts/api';
import type { ChangeDraft, WebsiteForm } from '../../../shared/domain/change';
import { fieldLabel } from '../../../shared/rules/labels';
import type { ConflictChoice } from './conflicts';
import { createDraftEngine, type DraftConflict, type DraftEngineOptions, type SaveState } from './draftEngine';
import type { FieldPath, FieldValue, FormEdits } from './fields';

export { AUTOSAVE_DEBOUNCE_MS, OFFLINE_RETRY_MS, type DraftConflict, type DraftClient, type SaveState } from './draftEngine';

/** The wizard's save line per state. */
export const SAVE_STATE_TEXT: Record<SaveState, string> = {
  saved: '已保存',
  pending: '待保存',
  saving: '保存中',
  offline: '离线，已暂存本机',
  conflict: '与已保存的版本不一致，请选择保留哪一份',
  invalid: '未保存：请按提示修改标红的项',
  error: '保存失败，请稍后重试',
};

export type ChangeDraftOptions = DraftEngineOptions;

export interface ChangeDraftHandle {
  loading: boolean;
  loadError: string | null;
  /** The last version the server confirmed. */
  draft: ChangeDraft | null;
  /** The form as shown when the fields were last (re)mounted; live keystrokes live in the fields, not here. */
  form: WebsiteForm | null;
  /** Changes whenever the form was replaced from outside (load, merge, toggle): fields re-read their initial value. */
  formRevision: number;
  saveState: SaveState;
  /** The save state right now (for code that awaited a flush and must not read a stale render). */
  currentSaveState(): SaveState;
  saveMessage: string | null;
  /** Field errors the server reported for saved values (path → message). */
  problems: Record<string, string>;
  conflict: DraftConflict | null;
  /** Labels of ID numbers typed offline that were not kept on the phone and must be entered again. */
  idNumbersToReenter: string[];
  /** The current form including unsaved keystrokes. */
  getForm(): WebsiteForm | null;
  /** Record one edit (no re-render of the page); it is saved ≈1 s after typing stops. */
  edit(path: FieldPath, value: FieldValue): void;
  /** Replace several fields at once and re-mount the fields (toggle, domain removal). */
  editMany(edits: FormEdits): void;
  /** Tick/untick 同主体负责人; unticking restores the website principal as it was before the tick. */
  setSameAsEntity(next: boolean): void;
  /** Save what is pending now (also moves the server-side step when given). Resolves true when nothing is left unsaved. */
  flush(extra?: Omit<PatchChangeRequest, 'form'>): Promise<boolean>;
  resolveConflict(choices: Partial<Record<FieldPath, ConflictChoice>>): Promise<boolean>;
  /** Load again after a failed first load. */
  reload(): Promise<void>;
  /** Reload the draft from the server (after a material upload, an SMS verification, a step change elsewhere). */
  refresh(): Promise<void>;
  /** Adopt what another call changed on the server (verifiedPhones after an SMS check). */
  adoptVerifiedPhones(verifiedPhones: string[]): void;
  /** Drop unsaved edits and stop saving (the change is being discarded). */
  abandon(): void;
}

export function useChangeDraft(changeId: string, options: ChangeDraftOptions = {}): ChangeDraftHandle {
  // One engine per change; its options are read when it is made.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const engine = useMemo(() => createDraftEngine(changeId, options), [changeId]);

  useEffect(() => {
    engine.start();
    return () => engine.stop();
  }, [engine]);
  useDidHide(() => engine.leave());
  useUnload(() => engine.leave());

  const state = useSyncExternalStore(engine.subscribe, engine.getState, engine.getState);
  const reenter = state.idNumbersToReenter;
  const idNumbersToReenter = useMemo(() => reenter.map(fieldLabel), [reenter]);
  const currentSaveState = useCallback(() => engine.getState().saveState, [engine]);

  return useMemo(
    () => ({
      ...state,
      idNumbersToReenter,
      currentSaveState,
      getForm: engine.getForm,
      edit: engine.edit,
      editMany: engine.editMany,
      setSameAsEntity: engine.setSameAsEntity,
      flush: engine.flush,
      resolveConflict: engine.resolveConflict,
      reload: engine.reload,
      refresh: engine.refresh,
      adoptVerifiedPhones: engine.adoptVerifiedPhones,
      abandon: engine.abandon,
    }),
    [engine, state, idNumbersToReenter, currentSaveState],
  );
}
