// The wizard's draft sync, free of React: loads the change, keeps edits local, autosaves them with If-Match, queues them
// on the phone while offline, and turns a 412 into a per-field choice. Screens read it through subscribe()/getState().
import type { PatchChangeRequest } from '../../../shared/contracts/api';
import type { ChangeDraft, WebsiteForm } from '../../../shared/domain/change';
import type { Principal } from '../../../shared/domain/filing';
import { filedWebsitePrincipal } from '../../../shared/rules/principals';
import { api, ApiRequestError } from '../../services/api';
import { listenForNetwork } from '../../services/network';
import { analyseConflict, resolveConflict as resolveEdits, type ConflictAnalysis, type ConflictChoice } from './conflicts';
import { applyEdits, editsToPatch, PRINCIPAL_KEYS, setField, type FieldPath, type FieldValue, type FormEdits } from './fields';
import { clearPendingEdits, loadPendingEdits, savePendingEdits } from './pendingEdits';
import { editsBeyond, isEmpty, isRetryable, problemsOf, withMirroredPrincipal } from './draftHelpers';

/** Autosave waits this long after the last keystroke. */
export const AUTOSAVE_DEBOUNCE_MS = 1000;
/** While offline or the BFF is unreachable, try again this often (besides reacting to the network coming back). */
export const OFFLINE_RETRY_MS = 15000;

export type SaveState = 'saved' | 'pending' | 'saving' | 'offline' | 'conflict' | 'invalid' | 'error';

export interface DraftConflict extends ConflictAnalysis {
  /** The version now saved on the server and its ETag (the merge is PATCHed against it). */
  saved: ChangeDraft;
  etag: string;
  /** The unsaved edits the analysis was made from (anything typed later is kept on top of the choice). */
  edits: FormEdits;
}

/** What the screens show; a new object whenever something in it changed (keystrokes alone change nothing here). */
export interface DraftState {
  loading: boolean;
  loadError: string | null;
  /** The last version the server confirmed. */
  draft: ChangeDraft | null;
  /** The form as shown when the fields were last (re)mounted; live keystrokes live in the fields, not here. */
  form: WebsiteForm | null;
  /** Changes whenever the form was replaced from outside (load, merge, toggle): fields re-read their initial value. */
  formRevision: number;
  saveState: SaveState;
  saveMessage: string | null;
  /** Field errors the server reported for saved values (path → message). */
  problems: Record<string, string>;
  conflict: DraftConflict | null;
  /** ID numbers typed offline that were not kept on the phone and must be entered again. */
  idNumbersToReenter: FieldPath[];
}

export type DraftClient = Pick<typeof api, 'getChange' | 'patchChange'>;

export interface DraftEngineOptions {
  debounceMs?: number;
  retryMs?: number;
  client?: DraftClient;
}

const INITIAL_STATE: DraftState = {
  loading: true,
  loadError: null,
  draft: null,
  form: null,
  formRevision: 0,
  saveState: 'saved',
  saveMessage: null,
  problems: {},
  conflict: null,
  idNumbersToReenter: [],
};

export function createDraftEngine(changeId: string, options: DraftEngineOptions = {}) {
  const debounceMs = options.debounceMs ?? AUTOSAVE_DEBOUNCE_MS;
  const retryMs = options.retryMs ?? OFFLINE_RETRY_MS;
  const client = options.client ?? api;

  let state = INITIAL_STATE;
  const listeners = new Set<() => void>();
  /** Between start() and stop(): a stopped engine (page gone) keeps unsent edits in storage instead of retrying. */
  let active = false;
  let stopListening: () => void = () => undefined;

  // Live values: keystrokes change these and never the state (no page render per keystroke).
  let liveForm: WebsiteForm | null = null;
  let pending: FormEdits = {};
  /** The saved form the pending edits were made on (decides what is a real conflict on 412). */
  let editedFrom: WebsiteForm | null = null;
  let etag = '';
  let version = 0;
  let debounce: ReturnType<typeof setTimeout> | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<boolean> | null = null;
  /** The website principal as it was before 同主体负责人 was ticked: unticking restores it. */
  let beforeTick: Principal | null = null;

  /** Merge into the state and tell the listeners, unless nothing actually changed. */
  function update(patch: Partial<DraftState>): void {
    const keys = Object.keys(patch) as (keyof DraftState)[];
    if (keys.every((key) => Object.is(state[key], patch[key]))) return;
    state = { ...state, ...patch };
    for (const listener of [...listeners]) listener();
  }

  function persistLocally(): void {
    if (isEmpty(pending)) clearPendingEdits(changeId);
    else savePendingEdits(changeId, version, pending, editedFrom);
  }

  function replaceForm(next: WebsiteForm): void {
    liveForm = next;
    update({ form: next, formRevision: state.formRevision + 1 });
  }

  function adoptSaved(saved: ChangeDraft, savedEtag: string): void {
    etag = savedEtag;
    version = saved.version;
    editedFrom = saved.form;
    update({ draft: saved });
  }

  function clearRetry(): void {
    if (retry) clearTimeout(retry);
    retry = null;
  }

  function clearDebounce(): void {
    if (debounce) clearTimeout(debounce);
    debounce = null;
  }

  /**
   * Bring pending edits onto a newer saved version: carry over what does not collide, ask about the rest. Answers
   * 'conflict' when the user must choose, else 'merged' (the caller then saves the carried-over edits).
   */
  function reconcile(saved: ChangeDraft, savedEtag: string): 'conflict' | 'merged' {
    const analysis = analyseConflict(pending, editedFrom ?? saved.form, saved.form);
    if (analysis.conflicts.length > 0) {
      update({ conflict: { ...analysis, saved, etag: savedEtag, edits: { ...pending } }, saveState: 'conflict' });
      return 'conflict';
    }
    pending = analysis.carryOver;
    adoptSaved(saved, savedEtag);
    replaceForm(applyEdits(saved.form, analysis.carryOver));
    return 'merged';
  }

  /** One PATCH of what was pending when it started; answers whether nothing is left unsaved. */
  async function send(sending: FormEdits, extra: Omit<PatchChangeRequest, 'form'> | undefined, merged: () => void): Promise<boolean> {
    update({ saveState: 'saving' });
    persistLocally();
    try {
      const body: PatchChangeRequest = { ...(isEmpty(sending) ? {} : editsToPatch(sending)), ...(extra ?? {}) };
      const res = await client.patchChange(changeId, body, etag);
      // Drop only what was sent and not typed over meanwhile.
      pending = editsBeyond(pending, sending);
      adoptSaved(res.draft, res.etag);
      clearRetry();
      persistLocally();
      update({ problems: problemsOf(res.problems), saveMessage: null, saveState: isEmpty(pending) ? 'saved' : 'pending' });
      return isEmpty(pending);
    } catch (caught) {
      let err = caught;
      if (err instanceof ApiRequestError && err.status === 412) {
        // The 412 body carries the saved draft, but not its ETag: fetch both together so the merge PATCH matches.
        const latest = await client.getChange(changeId).catch((e: unknown) => ({ failed: e }));
        if ('failed' in latest) err = latest.failed;
        else {
          if (reconcile(latest.draft, latest.etag) === 'merged') merged();
          return false;
        }
      }
      if (err instanceof ApiRequestError && err.status === 422) {
        update({ problems: { ...state.problems, ...problemsOf(err.fields) }, saveMessage: err.message, saveState: 'invalid' });
        return false;
      }
      if (isRetryable(err)) {
        persistLocally();
        update({ saveState: 'offline', saveMessage: null });
        const wait = err instanceof ApiRequestError && err.retryAfterSeconds ? err.retryAfterSeconds * 1000 : retryMs;
        clearRetry();
        // A page that is gone keeps its edits in storage; the next visit replays them.
        if (!active) return false;
        retry = setTimeout(
          () => {
            retry = null;
            void flush();
          },
          Math.max(wait, 1000),
        );
        return false;
      }
      if (err instanceof ApiRequestError && err.status === 409) {
        // Not editable any more (e.g. submitted from another device): show the current status; the edits stay in memory.
        const latest = await client.getChange(changeId).catch(() => null);
        if (latest) adoptSaved(latest.draft, latest.etag);
      }
      update({ saveState: 'error', saveMessage: err instanceof Error ? err.message : '保存失败，请稍后重试' });
      return false;
    }
  }

  /** Save what is pending now (also moves the server-side step when given). Resolves true when nothing is left unsaved. */
  async function flush(extra?: Omit<PatchChangeRequest, 'form'>): Promise<boolean> {
    clearDebounce();
    if (state.conflict) return false;
    if (inFlight) {
      // One request at a time: the next one must carry the ETag the current one returns.
      await inFlight;
      return flush(extra);
    }
    const sending = { ...pending };
    if (isEmpty(sending) && !extra) {
      if (state.saveState === 'offline' || state.saveState === 'pending') update({ saveState: 'saved' });
      clearRetry();
      return true;
    }
    if (!etag) return false;

    /** Set when a 412 merged cleanly: the carried-over edits go out in a second round, after this one ends. */
    let sendAgain = false;
    const round = send(sending, extra, () => (sendAgain = true));
    inFlight = round;
    let result: boolean;
    try {
      result = await round;
    } finally {
      if (inFlight === round) inFlight = null;
    }
    return sendAgain ? flush(extra) : result;
  }

  function scheduleSave(): void {
    clearDebounce();
    debounce = setTimeout(() => {
      debounce = null;
      void flush();
    }, debounceMs);
  }

  async function load(): Promise<void> {
    update({ loading: true, loadError: null });
    try {
      const { draft: saved, etag: savedEtag } = await client.getChange(changeId);
      const stored = loadPendingEdits(changeId);
      if (stored) {
        // Edits left from an earlier session (app killed or offline): replay them on top of the saved version.
        pending = { ...stored.edits, ...pending };
        editedFrom = applyEdits(saved.form, stored.original);
        update({ idNumbersToReenter: stored.omittedIdNumbers });
        liveForm = applyEdits(saved.form, pending);
        if (reconcile(saved, savedEtag) === 'merged') void flush();
      } else {
        adoptSaved(saved, savedEtag);
        replaceForm(applyEdits(saved.form, pending));
      }
    } catch (err) {
      update({ loadError: err instanceof Error && err.message ? err.message : '变更信息加载失败，请检查网络后重试' });
    } finally {
      update({ loading: false });
    }
  }

  function editMany(edits: FormEdits): void {
    const current = liveForm;
    if (!current) return;
    pending = { ...pending, ...edits };
    replaceForm(applyEdits(current, edits));
    if (state.conflict) return;
    if (state.saveState !== 'offline') update({ saveState: 'pending' });
    scheduleSave();
  }

  return {
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    getState(): DraftState {
      return state;
    },
    /** Load the change and start listening for the network (the page is shown). */
    start(): void {
      active = true;
      void load();
      stopListening = listenForNetwork((res) => {
        if (res.isConnected && !isEmpty(pending)) void flush();
      });
    },
    /** The page is gone: stop timers and listening; unsent edits stay in storage for the next visit. */
    stop(): void {
      active = false;
      stopListening();
      clearDebounce();
      clearRetry();
    },
    /** The current form including unsaved keystrokes. */
    getForm(): WebsiteForm | null {
      return liveForm;
    },
    /** Record one edit (no state change beyond the save line); it is saved ≈1 s after typing stops. */
    edit(path: FieldPath, value: FieldValue): void {
      const current = liveForm;
      if (!current) return;
      const edits = withMirroredPrincipal(current, path, value);
      let next = current;
      for (const [p, v] of Object.entries(edits) as [FieldPath, FieldValue][]) {
        next = setField(next, p, v);
        pending = { ...pending, [p]: v };
      }
      liveForm = next;
      const reenter = state.idNumbersToReenter;
      if (reenter.some((p) => p in edits)) update({ idNumbersToReenter: reenter.filter((p) => !(p in edits)) });
      // A server problem about this field is stale once the user changes it.
      if (state.problems[path]) {
        const { [path]: _gone, ...rest } = state.problems;
        update({ problems: rest });
      }
      if (state.conflict) return;
      if (state.saveState !== 'offline') update({ saveState: 'pending' });
      scheduleSave();
    },
    /** Replace several fields at once and re-mount the fields (toggle, domain removal). */
    editMany,
    /**
     * Tick or untick 同主体负责人. Ticking copies the entity principal into the website principal and remembers what was
     * there; unticking puts that back (or, after a reload, the filed website principal), never the entity's data.
     */
    setSameAsEntity(next: boolean): void {
      const current = liveForm;
      const saved = state.draft;
      if (!current || !saved || current.principalSameAsEntity === next) return;
      const edits: FormEdits = { principalSameAsEntity: next };
      if (next) {
        beforeTick = { ...current.websitePrincipal };
        for (const k of PRINCIPAL_KEYS) edits[`websitePrincipal.${k}`] = current.entityPrincipal[k];
      } else {
        // Without a tick in this session (reloaded, or filed as 同主体), the website principal as filed: for a website
        // filed as 同主体 that is the entity principal, the starting point for naming someone else.
        const restored = beforeTick ?? filedWebsitePrincipal(saved.base);
        beforeTick = null;
        // null is 长期 (idValidUntil) and stays null; only absent optional phones become ''.
        for (const k of PRINCIPAL_KEYS) edits[`websitePrincipal.${k}`] = restored[k] === undefined ? '' : restored[k];
      }
      editMany(edits);
    },
    flush,
    async resolveConflict(choices: Partial<Record<FieldPath, ConflictChoice>>): Promise<boolean> {
      const c = state.conflict;
      if (!c) return true;
      const edits = { ...resolveEdits(c, choices), ...editsBeyond(pending, c.edits) };
      update({ conflict: null });
      pending = edits;
      adoptSaved(c.saved, c.etag);
      replaceForm(applyEdits(c.saved.form, edits));
      return flush();
    },
    /** Load again after a failed first load. */
    reload: load,
    /** Reload the draft from the server (after a material upload, an SMS verification, a step change elsewhere). */
    async refresh(): Promise<void> {
      try {
        const { draft: saved, etag: savedEtag } = await client.getChange(changeId);
        if (!isEmpty(pending)) {
          if (saved.version !== version && reconcile(saved, savedEtag) === 'merged') await flush();
        } else {
          adoptSaved(saved, savedEtag);
          if (liveForm && JSON.stringify(liveForm) !== JSON.stringify(saved.form)) replaceForm(saved.form);
        }
      } catch {
        // A failed refresh leaves the screen as it was; the next save or re-show tries again.
      }
    },
    /** Adopt what another call changed on the server (verifiedPhones after an SMS check). */
    adoptVerifiedPhones(verifiedPhones: string[]): void {
      if (state.draft) update({ draft: { ...state.draft, verifiedPhones } });
    },
    /** The change is being discarded: drop unsaved edits (memory and phone storage) and stop saving. */
    abandon(): void {
      clearDebounce();
      clearRetry();
      pending = {};
      clearPendingEdits(changeId);
      update({ saveState: 'saved', saveMessage: null });
    },
    /** Leaving the page (hidden or closed) saves at once; whatever cannot be sent stays on the phone. */
    leave(): void {
      if (isEmpty(pending)) return;
      persistLocally();
      void flush();
    },
  };
}

export type DraftEngine = ReturnType<typeof createDraftEngine>;
