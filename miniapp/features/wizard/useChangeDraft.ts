// The wizard's one form-state hook: loads the change, keeps edits local, autosaves them with If-Match, queues them
// on the phone while offline, and turns a 412 into a per-field choice.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Taro, { useDidHide, useUnload } from '@tarojs/taro';
import type { ChangeDraft, WebsiteForm } from '../../../shared/domain/change';
import type { PatchChangeRequest } from '../../../shared/contracts/api';
import type { FieldError } from '../../../shared/contracts/fieldError';
import { api, ApiRequestError } from '../../services/api';
import { analyseConflict, resolveConflict as resolveEdits, type ConflictAnalysis, type ConflictChoice } from './conflicts';
import { fieldLabel } from '../../../shared/rules/labels';
import { mirroredPath } from '../../../shared/rules/principals';
import { applyEdits, editsToPatch, setField, type FieldPath, type FieldValue, type FormEdits } from './fields';
import { clearPendingEdits, loadPendingEdits, savePendingEdits } from './pendingEdits';

/** Autosave waits this long after the last keystroke. */
export const AUTOSAVE_DEBOUNCE_MS = 1000;
/** While offline or the BFF is unreachable, try again this often (besides reacting to the network coming back). */
export const OFFLINE_RETRY_MS = 15000;

export type SaveState = 'saved' | 'pending' | 'saving' | 'offline' | 'conflict' | 'invalid' | 'error';

export const SAVE_STATE_TEXT: Record<SaveState, string> = {
  saved: '已保存',
  pending: '待保存',
  saving: '保存中',
  offline: '离线，已暂存本机',
  conflict: '与已保存的版本不一致，请选择保留哪一份',
  invalid: '未保存：请按提示修改标红的项',
  error: '保存失败，请稍后重试',
};

export interface DraftConflict extends ConflictAnalysis {
  /** The version now saved on the server and its ETag (the merge is PATCHed against it). */
  saved: ChangeDraft;
  etag: string;
  /** The unsaved edits the analysis was made from (anything typed later is kept on top of the choice). */
  edits: FormEdits;
}

export type DraftClient = Pick<typeof api, 'getChange' | 'patchChange'>;

export interface ChangeDraftOptions {
  debounceMs?: number;
  retryMs?: number;
  client?: DraftClient;
}

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
  /** Save what is pending now (also moves the server-side step when given). Resolves true when nothing is left unsaved. */
  flush(extra?: Omit<PatchChangeRequest, 'form'>): Promise<boolean>;
  resolveConflict(choices: Partial<Record<FieldPath, ConflictChoice>>): Promise<boolean>;
  /** Load again after a failed first load. */
  reload(): Promise<void>;
  /** Reload the draft from the server (after a material upload, an SMS verification, a step change elsewhere). */
  refresh(): Promise<void>;
  /** Adopt a draft the server returned from another call (e.g. verifiedPhones after an SMS check). */
  adoptVerifiedPhones(verifiedPhones: string[]): void;
}

function problemsOf(list: FieldError[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of list ?? []) if (!out[p.path]) out[p.path] = p.message;
  return out;
}

/** Offline, or the BFF did not answer properly: keep the edits and try again later. */
function isRetryable(err: unknown): boolean {
  if (err instanceof ApiRequestError) return err.offline || err.status === 0 || err.status >= 500 || err.status === 429;
  return true;
}

/** With 同主体负责人 ticked, an edit of the website principal is also an edit of the entity principal. */
function withMirroredPrincipal(form: WebsiteForm, path: FieldPath, value: FieldValue): FormEdits {
  const edits: FormEdits = { [path]: value };
  const mirror = mirroredPath(form, path);
  if (mirror) edits[mirror as FieldPath] = value;
  return edits;
}

/** Subscribe to connectivity changes; platforms (and test doubles) that lack the API just never call back. */
function listenForNetwork(callback: (res: { isConnected: boolean }) => void): () => void {
  const quiet = (r: unknown) => void (r as Promise<unknown> | undefined)?.catch?.(() => undefined);
  try {
    quiet(Taro.onNetworkStatusChange(callback));
  } catch {
    return () => undefined;
  }
  return () => {
    try {
      quiet(Taro.offNetworkStatusChange(callback));
    } catch {
      // Nothing to unsubscribe.
    }
  };
}

export function useChangeDraft(changeId: string, options: ChangeDraftOptions = {}): ChangeDraftHandle {
  const debounceMs = options.debounceMs ?? AUTOSAVE_DEBOUNCE_MS;
  const retryMs = options.retryMs ?? OFFLINE_RETRY_MS;
  const client = options.client ?? api;

  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<ChangeDraft | null>(null);
  const [form, setForm] = useState<WebsiteForm | null>(null);
  const [formRevision, setFormRevision] = useState(0);
  const [saveState, setSaveStateRaw] = useState<SaveState>('saved');
  const saveStateRef = useRef<SaveState>('saved');
  const setSaveState = useCallback((next: SaveState | ((prev: SaveState) => SaveState)) => {
    const value = typeof next === 'function' ? next(saveStateRef.current) : next;
    saveStateRef.current = value;
    setSaveStateRaw(value);
  }, []);
  const [saveMessage, setSaveMessage] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<DraftConflict | null>(null);
  const [idNumbersToReenter, setIdNumbersToReenter] = useState<FieldPath[]>([]);

  // Refs carry the live values so keystrokes never cause a page render.
  const formRef = useRef<WebsiteForm | null>(null);
  const pendingRef = useRef<FormEdits>({});
  /** The saved form the pending edits were made on (decides what is a real conflict on 412). */
  const editedFromRef = useRef<WebsiteForm | null>(null);
  const etagRef = useRef<string>('');
  const versionRef = useRef<number>(0);
  const debounceRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const retryRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlightRef = useRef<Promise<boolean> | null>(null);
  const conflictRef = useRef<DraftConflict | null>(null);
  const problemsRef = useRef<Record<string, string>>({});
  const mountedRef = useRef(true);

  const setProblemsBoth = useCallback((next: Record<string, string>) => {
    problemsRef.current = next;
    if (mountedRef.current) setProblems(next);
  }, []);

  const persistLocally = useCallback(() => {
    const pending = pendingRef.current;
    if (Object.keys(pending).length === 0) clearPendingEdits(changeId);
    else savePendingEdits(changeId, versionRef.current, pending, editedFromRef.current);
  }, [changeId]);

  const replaceForm = useCallback((next: WebsiteForm) => {
    formRef.current = next;
    if (!mountedRef.current) return;
    setForm(next);
    setFormRevision((r) => r + 1);
  }, []);

  const adoptSaved = useCallback((saved: ChangeDraft, etag: string) => {
    etagRef.current = etag;
    versionRef.current = saved.version;
    editedFromRef.current = saved.form;
    if (mountedRef.current) setDraft(saved);
  }, []);

  const clearRetry = () => {
    if (retryRef.current) clearTimeout(retryRef.current);
    retryRef.current = null;
  };

  // `flushRef` lets timers and listeners call the latest flush without re-subscribing.
  const flushRef = useRef<(extra?: Omit<PatchChangeRequest, 'form'>) => Promise<boolean>>(async () => true);

  /**
   * Bring pending edits onto a newer saved version: carry over what does not collide, ask about the rest. Answers
   * 'conflict' when the user must choose, else 'merged' (the caller then saves the carried-over edits).
   */
  const reconcile = useCallback(
    (saved: ChangeDraft, etag: string): 'conflict' | 'merged' => {
      const analysis = analyseConflict(pendingRef.current, editedFromRef.current ?? saved.form, saved.form);
      if (analysis.conflicts.length > 0) {
        const next: DraftConflict = { ...analysis, saved, etag, edits: { ...pendingRef.current } };
        conflictRef.current = next;
        if (mountedRef.current) {
          setConflict(next);
          setSaveState('conflict');
        }
        return 'conflict';
      }
      pendingRef.current = analysis.carryOver;
      adoptSaved(saved, etag);
      replaceForm(applyEdits(saved.form, analysis.carryOver));
      return 'merged';
    },
    [adoptSaved, replaceForm],
  );

  const flush = useCallback(
    async (extra?: Omit<PatchChangeRequest, 'form'>): Promise<boolean> => {
      if (debounceRef.current) {
        clearTimeout(debounceRef.current);
        debounceRef.current = null;
      }
      if (conflictRef.current) return false;
      if (inFlightRef.current) {
        // One request at a time: the next one must carry the ETag the current one returns.
        await inFlightRef.current;
        return flushRef.current(extra);
      }
      const sending = { ...pendingRef.current };
      const hasEdits = Object.keys(sending).length > 0;
      if (!hasEdits && !extra) {
        if (saveStateRef.current === 'offline' || saveStateRef.current === 'pending') setSaveState('saved');
        clearRetry();
        return true;
      }
      if (!etagRef.current) return false;

      /** Set when a 412 merged cleanly: the carried-over edits go out in a second round, after this one ends. */
      let sendAgain = false;
      const run = async (): Promise<boolean> => {
        if (mountedRef.current) setSaveState('saving');
        persistLocally();
        try {
          const body: PatchChangeRequest = { ...(hasEdits ? editsToPatch(sending) : {}), ...(extra ?? {}) };
          const res = await client.patchChange(changeId, body, etagRef.current);
          // Drop only what was sent and not typed over meanwhile.
          const left: FormEdits = {};
          for (const [path, value] of Object.entries(pendingRef.current) as [FieldPath, FieldValue][]) {
            if (!(path in sending) || sending[path] !== value) left[path] = value;
          }
          pendingRef.current = left;
          adoptSaved(res.draft, res.etag);
          setProblemsBoth(problemsOf(res.problems));
          clearRetry();
          persistLocally();
          if (mountedRef.current) {
            setSaveMessage(null);
            setSaveState(Object.keys(left).length > 0 ? 'pending' : 'saved');
          }
          return Object.keys(left).length === 0;
        } catch (err) {
          if (err instanceof ApiRequestError && err.status === 412) {
            // The 412 body carries the saved draft, but not its ETag: fetch both together so the merge PATCH matches.
            const latest = await client.getChange(changeId).catch((e: unknown) => ({ failed: e }));
            if ('failed' in latest) err = latest.failed;
            else {
              sendAgain = reconcile(latest.draft, latest.etag) === 'merged';
              return false;
            }
          }
          if (err instanceof ApiRequestError && err.status === 422) {
            setProblemsBoth({ ...problemsRef.current, ...problemsOf(err.fields) });
            if (mountedRef.current) {
              setSaveMessage(err.message);
              setSaveState('invalid');
            }
            return false;
          }
          if (isRetryable(err)) {
            persistLocally();
            if (mountedRef.current) {
              setSaveState('offline');
              setSaveMessage(null);
            }
            const wait = err instanceof ApiRequestError && err.retryAfterSeconds ? err.retryAfterSeconds * 1000 : retryMs;
            clearRetry();
            // A page that is gone keeps its edits in storage; the next visit replays them.
            if (!mountedRef.current) return false;
            retryRef.current = setTimeout(() => {
              retryRef.current = null;
              void flushRef.current();
            }, Math.max(wait, 1000));
            return false;
          }
          if (err instanceof ApiRequestError && err.status === 409) {
            // Not editable any more (e.g. submitted from another device): show the current status; the edits stay in memory.
            const latest = await client.getChange(changeId).catch(() => null);
            if (latest) adoptSaved(latest.draft, latest.etag);
          }
          if (mountedRef.current) {
            setSaveState('error');
            setSaveMessage(err instanceof Error ? err.message : '保存失败，请稍后重试');
          }
          return false;
        }
      };
      const p = run();
      inFlightRef.current = p;
      let result: boolean;
      try {
        result = await p;
      } finally {
        if (inFlightRef.current === p) inFlightRef.current = null;
      }
      return sendAgain ? flushRef.current(extra) : result;
    },
    [adoptSaved, changeId, client, persistLocally, reconcile, retryMs, setProblemsBoth],
  );
  flushRef.current = flush;

  const scheduleSave = useCallback(() => {
    if (debounceRef.current) clearTimeout(debounceRef.current);
    debounceRef.current = setTimeout(() => {
      debounceRef.current = null;
      void flushRef.current();
    }, debounceMs);
  }, [debounceMs]);

  const edit = useCallback(
    (path: FieldPath, value: FieldValue) => {
      const current = formRef.current;
      if (!current) return;
      const edits = withMirroredPrincipal(current, path, value);
      let next = current;
      for (const [p, v] of Object.entries(edits) as [FieldPath, FieldValue][]) {
        next = setField(next, p, v);
        pendingRef.current = { ...pendingRef.current, [p]: v };
      }
      formRef.current = next;
      setIdNumbersToReenter((list) => (list.some((p) => p in edits) ? list.filter((p) => !(p in edits)) : list));
      // A server problem about this field is stale once the user changes it.
      if (problemsRef.current[path]) {
        const { [path]: _gone, ...rest } = problemsRef.current;
        setProblemsBoth(rest);
      }
      if (conflictRef.current) return;
      setSaveState((s) => (s === 'offline' ? s : 'pending'));
      scheduleSave();
    },
    [scheduleSave, setProblemsBoth],
  );

  const editMany = useCallback(
    (edits: FormEdits) => {
      const current = formRef.current;
      if (!current) return;
      pendingRef.current = { ...pendingRef.current, ...edits };
      replaceForm(applyEdits(current, edits));
      if (conflictRef.current) return;
      setSaveState((s) => (s === 'offline' ? s : 'pending'));
      scheduleSave();
    },
    [replaceForm, scheduleSave],
  );

  const resolveConflict = useCallback(
    async (choices: Partial<Record<FieldPath, ConflictChoice>>) => {
      const c = conflictRef.current;
      if (!c) return true;
      const later: FormEdits = {};
      for (const [path, value] of Object.entries(pendingRef.current) as [FieldPath, FieldValue][]) {
        if (!(path in c.edits) || c.edits[path] !== value) later[path] = value;
      }
      const edits = { ...resolveEdits(c, choices), ...later };
      conflictRef.current = null;
      setConflict(null);
      pendingRef.current = edits;
      adoptSaved(c.saved, c.etag);
      replaceForm(applyEdits(c.saved.form, edits));
      return flushRef.current();
    },
    [adoptSaved, replaceForm],
  );

  const load = useCallback(async () => {
    setLoading(true);
    setLoadError(null);
    try {
      const { draft: saved, etag } = await client.getChange(changeId);
      const stored = loadPendingEdits(changeId);
      if (stored) {
        // Edits left from an earlier session (app killed or offline): replay them on top of the saved version.
        pendingRef.current = { ...stored.edits, ...pendingRef.current };
        editedFromRef.current = applyEdits(saved.form, stored.original);
        setIdNumbersToReenter(stored.omittedIdNumbers);
        formRef.current = applyEdits(saved.form, pendingRef.current);
        if (reconcile(saved, etag) === 'merged') void flushRef.current();
      } else {
        adoptSaved(saved, etag);
        replaceForm(applyEdits(saved.form, pendingRef.current));
      }
    } catch (err) {
      if (mountedRef.current) setLoadError(err instanceof Error && err.message ? err.message : '变更信息加载失败，请检查网络后重试');
    } finally {
      if (mountedRef.current) setLoading(false);
    }
  }, [adoptSaved, changeId, client, reconcile, replaceForm]);

  useEffect(() => {
    mountedRef.current = true;
    void load();
    const onNetwork = (res: { isConnected: boolean }) => {
      if (res.isConnected && Object.keys(pendingRef.current).length > 0) void flushRef.current();
    };
    const stopListening = listenForNetwork(onNetwork);
    return () => {
      mountedRef.current = false;
      stopListening();
      if (debounceRef.current) clearTimeout(debounceRef.current);
      clearRetry();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [changeId]);

  // Leaving the page (hidden or closed) saves at once; whatever cannot be sent stays on the phone.
  const leave = useCallback(() => {
    if (Object.keys(pendingRef.current).length === 0) return;
    persistLocally();
    void flushRef.current();
  }, [persistLocally]);
  useDidHide(leave);
  useUnload(leave);

  const refresh = useCallback(async () => {
    try {
      const { draft: saved, etag } = await client.getChange(changeId);
      if (Object.keys(pendingRef.current).length > 0) {
        if (saved.version !== versionRef.current && reconcile(saved, etag) === 'merged') await flushRef.current();
      } else {
        adoptSaved(saved, etag);
        if (formRef.current && JSON.stringify(formRef.current) !== JSON.stringify(saved.form)) replaceForm(saved.form);
      }
    } catch {
      // A failed refresh leaves the screen as it was; the next save or re-show tries again.
    }
  }, [adoptSaved, changeId, client, reconcile, replaceForm]);

  const adoptVerifiedPhones = useCallback((verifiedPhones: string[]) => {
    setDraft((d) => (d ? { ...d, verifiedPhones } : d));
  }, []);

  const getForm = useCallback(() => formRef.current, []);
  const currentSaveState = useCallback(() => saveStateRef.current, []);

  return useMemo(
    () => ({
      loading,
      loadError,
      draft,
      form,
      formRevision,
      saveState,
      currentSaveState,
      saveMessage,
      problems,
      conflict,
      idNumbersToReenter: idNumbersToReenter.map(fieldLabel),
      getForm,
      edit,
      editMany,
      flush,
      resolveConflict,
      reload: load,
      refresh,
      adoptVerifiedPhones,
    }),
    [loading, loadError, draft, form, formRevision, saveState, currentSaveState, saveMessage, problems, conflict, idNumbersToReenter, getForm, edit, editMany, flush, resolveConflict, load, refresh, adoptVerifiedPhones],
  );
}
