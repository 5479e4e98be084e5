// Material photo upload: compress, Taro.uploadFile with progress and retry, in a registry that outlives the page.
import Taro from '@tarojs/taro';
import { BFF_ROUTES, bffPath } from '../../../shared/contracts/bffRoutes';
import type { MaterialKind, MaterialSubject } from '../../../shared/domain/filing';
import { MATERIAL_EVENT, type MaterialEvent } from '../wizard/materials';
import { api, type MaterialUploadResult } from '../../services/api';
import { ApiRequestError, errorFromBadResponse, errorFromNetworkFailure, errorFromResponse } from '../../services/errors';

export type { MaterialUploadResult };

/** The contract's upload route for wx.uploadFile, which can only POST (upload.test.ts holds the contract to that). */
const UPLOAD_ROUTE = BFF_ROUTES.uploadMaterialPost;

export interface UploadRequest {
  changeId: string;
  kind: MaterialKind;
  subject: MaterialSubject;
  /** Local temp path from the camera or the album. */
  filePath: string;
}

export type UploadState =
  | { phase: 'preparing' }
  | { phase: 'uploading'; progress: number; attempt: number }
  | { phase: 'waiting_retry'; attempt: number; message: string }
  | { phase: 'done'; result: MaterialUploadResult }
  | { phase: 'failed'; error: ApiRequestError };

export interface MaterialUpload {
  readonly key: string;
  readonly request: UploadRequest;
  readonly state: UploadState;
  /** Called with the current state at once and on every change; returns the unsubscribe function. */
  subscribe(listener: (state: UploadState) => void): () => void;
  /** Settles with the result, or rejects with an ApiRequestError (also when aborted). */
  readonly done: Promise<MaterialUploadResult>;
  abort(): void;
}

export interface UploadOptions {
  /** Retries after a network failure or a 429/502/503/504 (so up to 1 + maxRetries attempts). */
  maxRetries?: number;
  retryBaseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export const UPLOAD_DEFAULTS = { maxRetries: 3, retryBaseDelayMs: 1000 } as const;
/** What the server needs is ≥ 1200 px; ~2000 px at quality 80 keeps uploads around 0.5–1 MB on mobile networks. */
export const COMPRESS_LONG_EDGE = 2000;
export const COMPRESS_QUALITY = 80;

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const ABORTED_MESSAGE = '上传已取消';

/** In-flight and finished uploads by change + slot: leaving the page does not cancel or forget them. */
const registry = new Map<string, MaterialUpload>();

export function uploadKey(changeId: string, subject: MaterialSubject, kind: MaterialKind): string {
  return `${changeId}/${subject}.${kind}`;
}

/** The upload of this slot (running or finished) if there is one: a page re-entering subscribes to it. */
export function findUpload(changeId: string, subject: MaterialSubject, kind: MaterialKind): MaterialUpload | undefined {
  return registry.get(uploadKey(changeId, subject, kind));
}

/** Forget a finished upload once its result was used (a running one is left alone). */
export function forgetUpload(upload: MaterialUpload): void {
  const phase = upload.state.phase;
  if ((phase === 'done' || phase === 'failed') && registry.get(upload.key) === upload) registry.delete(upload.key);
}

/** Downscale to ~2000 px long edge at quality 80 where the platform can (not on H5: the file goes as picked). */
export async function compressForUpload(filePath: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5' || typeof Taro.compressImage !== 'function') return filePath;
  try {
    const info = await Taro.getImageInfo({ src: filePath });
    const longEdge = Math.max(info.width, info.height);
    const size = longEdge > COMPRESS_LONG_EDGE ? (info.width >= info.height ? { compressedWidth: COMPRESS_LONG_EDGE } : { compressedHeight: COMPRESS_LONG_EDGE }) : {};
    const compressed = await Taro.compressImage({ src: filePath, quality: COMPRESS_QUALITY, ...size });
    return compressed.tempFilePath || filePath;
  } catch {
    // Compression is an optimisation: the server re-encodes anyway, so the original is still a valid upload.
    return filePath;
  }
}

function absolute(url: string): string {
  return url.startsWith('/') ? `${api.baseUrl()}${url}` : url;
}

function emit(request: UploadRequest, state: UploadState): void {
  const slot = `${request.subject}.${request.kind}`;
  const base = { changeId: request.changeId, slot };
  let event: MaterialEvent | null;
  if (state.phase === 'uploading') event = { ...base, state: 'uploading', progress: state.progress };
  else if (state.phase === 'preparing' || state.phase === 'waiting_retry') event = { ...base, state: 'uploading', progress: 0 };
  else if (state.phase === 'done') {
    const warnings = state.result.warnings.join('；');
    event = { ...base, state: 'done', progress: 100, previewUrl: state.result.previewUrl, ...(warnings ? { message: warnings } : {}) };
  } else event = { ...base, state: 'failed', message: state.error.message };
  Taro.eventCenter.trigger(MATERIAL_EVENT, event);
}

type Attempt = { result: MaterialUploadResult } | { error: ApiRequestError; retryable: boolean };

/**
 * Starts uploading a photo into a slot of a change. A new upload for the same slot replaces (and aborts) the
 * previous one: the last photo the applicant chose is the one that counts.
 */
export function uploadMaterial(request: UploadRequest, options: UploadOptions = {}): MaterialUpload {
  const maxRetries = options.maxRetries ?? UPLOAD_DEFAULTS.maxRetries;
  const retryBaseDelayMs = options.retryBaseDelayMs ?? UPLOAD_DEFAULTS.retryBaseDelayMs;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const key = uploadKey(request.changeId, request.subject, request.kind);
  registry.get(key)?.abort();

  const listeners = new Set<(state: UploadState) => void>();
  let state: UploadState = { phase: 'preparing' };
  let aborted = false;
  let current: { abort(): void } | null = null;
  const set = (next: UploadState) => {
    if (aborted && next.phase !== 'failed') return;
    state = next;
    for (const listener of [...listeners]) listener(next);
    emit(request, next);
  };

  const attempt = (filePath: string, n: number): Promise<Attempt> =>
    api.withRequestSlot(
      () =>
        new Promise<Attempt>((resolve) => {
          if (aborted) return resolve({ error: abortedError(), retryable: false });
          set({ phase: 'uploading', progress: 0, attempt: n });
          const path = bffPath('uploadMaterialPost', { id: request.changeId, kind: request.kind }, { subject: request.subject });
          const task = Taro.uploadFile({
            url: `${api.baseUrl()}${path}`,
            filePath,
            name: 'file',
            header: api.authHeader(),
            formData: { subject: request.subject },
            success: (res) => resolve(interpret(res.statusCode, res.data)),
            fail: (err: { errMsg?: string }) => {
              const errMsg = err?.errMsg ?? '';
              if (aborted || /abort/i.test(errMsg)) return resolve({ error: abortedError(), retryable: false });
              resolve({ error: errorFromNetworkFailure(errMsg, false), retryable: true });
            },
          }) as unknown as Partial<Taro.UploadTask> | undefined;
          current = task && typeof task.abort === 'function' ? { abort: () => task.abort!() } : null;
          task?.onProgressUpdate?.((p) => {
            if (state.phase === 'uploading') set({ phase: 'uploading', progress: Math.min(100, Math.max(0, p.progress)), attempt: n });
          });
        }),
    );

  const run = async (): Promise<MaterialUploadResult> => {
    const filePath = await compressForUpload(request.filePath);
    for (let n = 1; ; n++) {
      const outcome = await attempt(filePath, n);
      if ('result' in outcome) {
        set({ phase: 'done', result: outcome.result });
        return outcome.result;
      }
      if (aborted) throw outcome.error; // abort() already reported the state
      if (!outcome.retryable || n > maxRetries) {
        set({ phase: 'failed', error: outcome.error });
        throw outcome.error;
      }
      set({ phase: 'waiting_retry', attempt: n + 1, message: `网络不稳定，正在重新上传（第${n + 1}次）…` });
      await sleep(retryBaseDelayMs * 2 ** (n - 1));
    }
  };

  const done = run();
  // Nobody may be awaiting (the page was left): the state carries the failure, so do not report it as unhandled.
  done.catch(() => undefined);
  const upload: MaterialUpload = {
    key,
    request,
    get state() {
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      listener(state);
      return () => listeners.delete(listener);
    },
    done,
    abort() {
      if (state.phase === 'done' || state.phase === 'failed') return;
      aborted = true;
      current?.abort();
      set({ phase: 'failed', error: abortedError() });
    },
  };
  registry.set(key, upload);
  return upload;
}

function abortedError(): ApiRequestError {
  return new ApiRequestError({ status: 0, code: 'aborted', message: ABORTED_MESSAGE });
}

function interpret(statusCode: number, data: unknown): Attempt {
  let body: unknown = data;
  if (typeof data === 'string') {
    try {
      body = JSON.parse(data);
    } catch {
      body = data;
    }
  }
  if (statusCode >= 200 && statusCode < 300) {
    const parsed = UPLOAD_ROUTE.response.safeParse(body);
    if (!parsed.success) return { error: errorFromBadResponse(statusCode, body), retryable: false };
    return { result: { ...parsed.data, previewUrl: absolute(parsed.data.previewUrl) } };
  }
  return { error: errorFromResponse(statusCode, body), retryable: RETRYABLE_STATUS.has(statusCode) };
}
