// Material photo upload: shrink, Taro.uploadFile with progress, a stall watchdog instead of a total timeout, retries
// with backoff that say what happened and which retry it is, in a registry that outlives the page.
import Taro from '@tarojs/taro';
import { BFF_ROUTES, bffPath } from '../../../shared/contracts/bffRoutes';
import type { MaterialKind, MaterialSubject } from '../../../shared/domain/filing';
import { absoluteUrl, MATERIAL_EVENT, type MaterialEvent } from '../wizard/materials';
import { api, type MaterialUploadResult } from '../../services/api';
import { ApiRequestError, errorFromBadResponse, errorFromResponse } from '../../services/errors';
import { shrinkInBrowser } from './shrink';

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
  /** `retry`: 0 on the first try, then which automatic retry this is. */
  | { phase: 'uploading'; progress: number; attempt: number; retry: number }
  | { phase: 'waiting_retry'; attempt: number; retry: number; message: string }
  | { phase: 'done'; result: MaterialUploadResult }
  /** `resendable`: sending the same photo again can help (network, timeout, busy server); a refusal needs a new photo. */
  | { phase: 'failed'; error: ApiRequestError; resendable: boolean };

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
  /** Automatic retries after a network failure, a stall or a busy server (so up to 1 + maxRetries attempts). */
  maxRetries?: number;
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** No progress for this long while sending: the upload is stalled (上传超时) and is retried. */
  stallTimeoutMs?: number;
  /** Everything handed to the network and no answer for this long (a slow link drains its buffers, then the BFF checks the photo). */
  answerTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export const UPLOAD_DEFAULTS = {
  maxRetries: 5,
  retryBaseDelayMs: 1000,
  retryMaxDelayMs: 15_000,
  stallTimeoutMs: 20_000,
  answerTimeoutMs: 60_000,
} as const;
/**
 * The platform's own total timeout (wx defaults to 60 s, Taro's H5 XHR to 60 s): set far beyond any upload that is
 * still moving, so only the stall watchdog ends one — a slow upload that progresses is never cut.
 */
export const PLATFORM_TIMEOUT_MS = 30 * 60_000;
/** What the server needs is ≥ 1200 px; ~2000 px at quality 80 keeps uploads around 0.3–0.6 MB on mobile networks. */
export const COMPRESS_LONG_EDGE = 2000;
export const COMPRESS_QUALITY = 80;
/** A Retry-After longer than this is capped: the applicant is watching the screen. */
const MAX_RETRY_AFTER_MS = 30_000;

/** Answers worth sending the same photo again for: a stalled upload dropped by the BFF, too many requests, a busy or restarting server. */
const RETRYABLE_STATUS = new Set([408, 429, 502, 503, 504]);

export const UPLOAD_MESSAGES = {
  aborted: '上传已取消',
  network: '网络中断',
  timeout: '上传超时',
  busy: '服务器繁忙',
  retrying: (cause: string, seconds: number, retry: number) => `${cause}，${seconds}秒后第${retry}次重试…`,
  networkFailed: (retries: number) => `网络中断，照片没有传完（已自动重试${retries}次）。请到信号好的地方，点“重新上传这张”`,
  timeoutFailed: (retries: number) => `上传超时：网络太慢，照片没有传完（已自动重试${retries}次）。请到信号好的地方，点“重新上传这张”`,
  busyFailed: (retries: number) => `服务器繁忙，照片暂未上传（已自动重试${retries}次），请稍后点“重新上传这张”`,
  refused: (reason: string) => `服务器拒收：${reason}`,
} as const;

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

/** weapp: Taro.compressImage to a 2000 px long edge at quality 80; H5: the same in the browser (shrink.ts). */
export async function compressForUpload(filePath: string): Promise<string> {
  try {
    if (process.env.TARO_ENV === 'h5') return await shrinkInBrowser(filePath);
    if (typeof Taro.compressImage !== 'function') return filePath;
    const info = await Taro.getImageInfo({ src: filePath });
    const longEdge = Math.max(info.width, info.height);
    const size = longEdge > COMPRESS_LONG_EDGE ? (info.width >= info.height ? { compressedWidth: COMPRESS_LONG_EDGE } : { compressedHeight: COMPRESS_LONG_EDGE }) : {};
    const compressed = await Taro.compressImage({ src: filePath, quality: COMPRESS_QUALITY, ...size });
    return compressed.tempFilePath || filePath;
  } catch {
    // Shrinking is an optimisation: the server re-encodes anyway, so the original is still a valid upload.
    return filePath;
  }
}

function emit(request: UploadRequest, state: UploadState): void {
  const slot = `${request.subject}.${request.kind}`;
  const base = { changeId: request.changeId, slot };
  let event: MaterialEvent;
  if (state.phase === 'uploading') event = { ...base, state: 'uploading', progress: state.progress, ...(state.retry > 0 ? { message: `第${state.retry}次重试` } : {}) };
  else if (state.phase === 'preparing') event = { ...base, state: 'uploading', progress: 0 };
  else if (state.phase === 'waiting_retry') event = { ...base, state: 'uploading', progress: 0, message: state.message };
  else if (state.phase === 'done') {
    const warnings = state.result.warnings.join('；');
    event = { ...base, state: 'done', progress: 100, previewUrl: state.result.previewUrl, ...(warnings ? { message: warnings } : {}) };
  } else event = { ...base, state: 'failed', message: state.error.message };
  Taro.eventCenter.trigger(MATERIAL_EVENT, event);
}

/** Why an attempt ended without a result: the kinds a retry can help with, and the final answers. */
type Failure = { kind: 'network' } | { kind: 'timeout' } | { kind: 'busy'; error: ApiRequestError } | { kind: 'refused'; error: ApiRequestError } | { kind: 'aborted' };

type Attempt = { result: MaterialUploadResult } | { failure: Failure };

function abortedError(): ApiRequestError {
  return new ApiRequestError({ status: 0, code: 'aborted', message: UPLOAD_MESSAGES.aborted });
}

/** The error the applicant finally sees for a failure, after `retries` automatic retries. */
function finalError(failure: Exclude<Failure, { kind: 'aborted' }>, retries: number): ApiRequestError {
  switch (failure.kind) {
    case 'network':
      return new ApiRequestError({ status: 0, code: 'network', message: UPLOAD_MESSAGES.networkFailed(retries) });
    case 'timeout':
      return new ApiRequestError({ status: 0, code: 'upload_timeout', message: UPLOAD_MESSAGES.timeoutFailed(retries) });
    case 'busy':
      return new ApiRequestError({ status: failure.error.status, code: failure.error.code, message: UPLOAD_MESSAGES.busyFailed(retries), body: failure.error.body });
    case 'refused':
      return failure.error;
  }
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
    if (!parsed.success) return { failure: { kind: 'refused', error: errorFromBadResponse(statusCode, body) } };
    return { result: { ...parsed.data, previewUrl: absoluteUrl(parsed.data.previewUrl) } };
  }
  const error = errorFromResponse(statusCode, body);
  if (RETRYABLE_STATUS.has(statusCode)) return { failure: { kind: statusCode === 408 ? 'timeout' : 'busy', error } };
  const refusal = new ApiRequestError({ status: error.status, code: error.code, message: UPLOAD_MESSAGES.refused(error.message), fields: error.fields, body: error.body });
  return { failure: { kind: 'refused', error: refusal } };
}

/**
 * Starts uploading a photo into a slot of a change. A new upload for the same slot replaces (and aborts) the
 * previous one: the last photo the applicant chose is the one that counts.
 */
export function uploadMaterial(request: UploadRequest, options: UploadOptions = {}): MaterialUpload {
  const settings = { ...UPLOAD_DEFAULTS, ...options };
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
          if (aborted) return resolve({ failure: { kind: 'aborted' } });
          const retry = n - 1;
          let settled = false;
          let watchdog: ReturnType<typeof setTimeout> | undefined;
          const finish = (outcome: Attempt) => {
            if (settled) return;
            settled = true;
            clearTimeout(watchdog);
            current = null;
            resolve(outcome);
          };
          // No total timeout: the upload is given up only when nothing moves for a while.
          const arm = (progress: number) => {
            clearTimeout(watchdog);
            watchdog = setTimeout(
              () => {
                // Settle first: aborting makes the platform report `fail abort`, which must not count as the user's cancel.
                finish({ failure: { kind: 'timeout' } });
                task?.abort?.();
              },
              progress >= 100 ? settings.answerTimeoutMs : settings.stallTimeoutMs,
            );
          };
          set({ phase: 'uploading', progress: 0, attempt: n, retry });
          const path = bffPath('uploadMaterialPost', { id: request.changeId, kind: request.kind }, { subject: request.subject });
          const task = Taro.uploadFile({
            url: `${api.baseUrl()}${path}`,
            filePath,
            name: 'file',
            header: api.authHeader(),
            formData: { subject: request.subject },
            timeout: PLATFORM_TIMEOUT_MS,
            success: (res) => finish(interpret(res.statusCode, res.data)),
            fail: (err: { errMsg?: string }) => {
              const errMsg = err?.errMsg ?? '';
              if (aborted || /abort/i.test(errMsg)) return finish({ failure: { kind: 'aborted' } });
              finish({ failure: { kind: /timeout|timed out/i.test(errMsg) ? 'timeout' : 'network' } });
            },
          }) as unknown as (Partial<Taro.UploadTask> & Partial<Promise<unknown>>) | undefined;
          // The platform's promise rejects as well as calling fail: handled there, so not an uncaught rejection here.
          task?.catch?.(() => undefined);
          current = task && typeof task.abort === 'function' ? { abort: () => task.abort!() } : null;
          arm(0);
          task?.onProgressUpdate?.((p) => {
            if (settled || state.phase !== 'uploading') return;
            const progress = Math.min(100, Math.max(0, p.progress));
            arm(progress);
            set({ phase: 'uploading', progress, attempt: n, retry });
          });
        }),
    );

  const delayBefore = (retry: number, failure: Failure): number => {
    const backoff = Math.min(settings.retryMaxDelayMs, settings.retryBaseDelayMs * 2 ** (retry - 1));
    const retryAfter = failure.kind === 'busy' && failure.error.retryAfterSeconds !== undefined ? Math.min(MAX_RETRY_AFTER_MS, failure.error.retryAfterSeconds * 1000) : 0;
    return Math.max(backoff, retryAfter);
  };

  const run = async (): Promise<MaterialUploadResult> => {
    const filePath = await compressForUpload(request.filePath);
    for (let n = 1; ; n++) {
      const outcome = await attempt(filePath, n);
      if ('result' in outcome) {
        set({ phase: 'done', result: outcome.result });
        return outcome.result;
      }
      const { failure } = outcome;
      if (aborted) throw abortedError(); // abort() already reported the state
      if (failure.kind === 'aborted') {
        // The platform cancelled it (the page's task was torn down): nothing to retry on its own.
        set({ phase: 'failed', error: abortedError(), resendable: true });
        throw abortedError();
      }
      if (failure.kind === 'refused' || n > settings.maxRetries) {
        const error = finalError(failure, n - 1);
        set({ phase: 'failed', error, resendable: failure.kind !== 'refused' });
        throw error;
      }
      const cause = failure.kind === 'network' ? UPLOAD_MESSAGES.network : failure.kind === 'timeout' ? UPLOAD_MESSAGES.timeout : UPLOAD_MESSAGES.busy;
      const delay = delayBefore(n, failure);
      set({ phase: 'waiting_retry', attempt: n + 1, retry: n, message: UPLOAD_MESSAGES.retrying(cause, Math.ceil(delay / 1000), n) });
      await sleep(delay);
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
      set({ phase: 'failed', error: abortedError(), resendable: true });
    },
  };
  registry.set(key, upload);
  return upload;
}
