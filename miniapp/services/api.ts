// The mini-program's one door to the BFF: typed from shared/contracts, with timeouts, retries of idempotent calls,
// a cap of concurrent requests, transparent session renewal on 401 and offline detection.
import Taro from '@tarojs/taro';
import { z } from 'zod';
import {
  changeListResponse,
  changeResponse,
  checksResponse,
  devApplicantsResponse,
  filingsResponse,
  patchChangeResponse as patchChangeResponseSchema,
  progressResponse,
  sessionResponse,
  smsSendResponse,
  smsVerifyResponse,
  submitResponse,
  subscriptionsResponse,
  type PatchChangeRequest,
} from '../../shared/contracts/api';
import type { ChangeDraft } from '../../shared/domain/change';
import {
  bffBaseUrl,
  MAX_CONCURRENT_REQUESTS,
  MAX_RETRIES,
  MAX_SILENT_RETRY_AFTER_SECONDS,
  REQUEST_TIMEOUT_MS,
  RETRY_BASE_DELAY_MS,
} from './config';
import { ApiRequestError, errorFromBadResponse, errorFromNetworkFailure, errorFromResponse } from './errors';
import type { FieldError } from '../../shared/contracts/fieldError';
import { clearToken, getToken, setToken } from './session';

export { ApiRequestError } from './errors';

/** Every route the mini-program calls (method + path), in one table so the BFF side can be checked against it. */
export const ROUTES = {
  devApplicants: { method: 'GET', path: () => '/api/session/dev' },
  devLogin: { method: 'POST', path: () => '/api/session/dev' },
  login: { method: 'POST', path: () => '/api/session' },
  listFilings: { method: 'GET', path: () => '/api/filings' },
  listChanges: { method: 'GET', path: () => '/api/changes' },
  createChange: { method: 'POST', path: () => '/api/changes' },
  getChange: { method: 'GET', path: (id: string) => `/api/changes/${encodeURIComponent(id)}` },
  patchChange: { method: 'PATCH', path: (id: string) => `/api/changes/${encodeURIComponent(id)}` },
  sendSms: { method: 'POST', path: (id: string) => `/api/changes/${encodeURIComponent(id)}/sms` },
  verifySms: { method: 'POST', path: (id: string) => `/api/changes/${encodeURIComponent(id)}/sms/verify` },
  getChecks: { method: 'GET', path: (id: string) => `/api/changes/${encodeURIComponent(id)}/checks` },
  submit: { method: 'POST', path: (id: string) => `/api/changes/${encodeURIComponent(id)}/submit` },
  withdraw: { method: 'POST', path: (id: string) => `/api/changes/${encodeURIComponent(id)}/withdraw` },
  getProgress: { method: 'GET', path: (id: string) => `/api/changes/${encodeURIComponent(id)}/progress` },
  addSubscriptions: { method: 'POST', path: (id: string) => `/api/changes/${encodeURIComponent(id)}/subscriptions` },
  uploadMaterial: { method: 'POST', path: (id: string, slot: string) => `/api/changes/${encodeURIComponent(id)}/materials/${encodeURIComponent(slot)}` },
} as const;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a PATCH may answer: the saved draft, with the problems the BFF found in it (saved anyway). */
const patchChangeResponse = z.union([
  patchChangeResponseSchema,
  changeResponse.transform((draft) => ({ draft, problems: [] as FieldError[] })),
]);

export type DevApplicant = z.infer<typeof devApplicantsResponse>[number];
export type Filing = z.infer<typeof filingsResponse>['filings'][number];
export type ChangeSummary = z.infer<typeof changeListResponse>['changes'][number];
export type ChecksResult = z.infer<typeof checksResponse>;
export type Progress = z.infer<typeof progressResponse>;
export type SubmitResult = z.infer<typeof submitResponse>;
export type SmsSendResult = z.infer<typeof smsSendResponse>;
export type SmsVerifyResult = z.infer<typeof smsVerifyResponse>;

export interface DraftWithEtag {
  draft: ChangeDraft;
  etag: string;
}

interface RawResponse {
  statusCode: number;
  data: unknown;
  header: Record<string, string>;
}

/** What the api module needs from the platform; tests replace `sleep` so backoff does not cost real time. */
export interface ApiOptions {
  baseUrl?: () => string;
  timeoutMs?: number;
  maxConcurrent?: number;
  maxRetries?: number;
  retryBaseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Random 0..1 for backoff jitter. */
  random?: () => number;
}

interface CallOptions<T> {
  method: Method;
  path: string;
  body?: unknown;
  schema: z.ZodType<T>;
  /** Send the session token and renew it on 401 (everything but the login calls). */
  auth?: boolean;
  headers?: Record<string, string>;
}

function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return String(value);
  return undefined;
}

/** GET/PUT/DELETE repeat safely; POST and PATCH only when the server can tell a repeat (If-Match / Idempotency-Key). */
export function isRetryable(method: Method, headers: Record<string, string>): boolean {
  if (method === 'GET' || method === 'PUT' || method === 'DELETE') return true;
  return headerValue(headers, 'If-Match') !== undefined || headerValue(headers, 'Idempotency-Key') !== undefined;
}

/** Statuses worth another attempt: the server was briefly unable, not the request wrong. */
function isTransientStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}

/** An idempotency key for one user action (random; no personal data). */
export function newIdempotencyKey(): string {
  const random = Array.from({ length: 4 }, () => Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0')).join('');
  return `${Date.now().toString(36)}-${random}`;
}

/** A counting semaphore: at most `limit` tasks run, the rest wait in arrival order. */
export function createLimiter(limit: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  const acquire = (): Promise<void> =>
    new Promise((resolve) => {
      if (active < limit) {
        active += 1;
        resolve();
      } else {
        waiting.push(() => {
          active += 1;
          resolve();
        });
      }
    });
  const release = () => {
    active -= 1;
    waiting.shift()?.();
  };
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
    get active() {
      return active;
    },
    get waiting() {
      return waiting.length;
    },
  };
}

export function createApi(options: ApiOptions = {}) {
  const baseUrl = options.baseUrl ?? bffBaseUrl;
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const maxRetries = options.maxRetries ?? MAX_RETRIES;
  const retryBaseDelayMs = options.retryBaseDelayMs ?? RETRY_BASE_DELAY_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const limiter = createLimiter(options.maxConcurrent ?? MAX_CONCURRENT_REQUESTS);
  /** One renewal at a time: parallel 401s wait for the same login. */
  let renewal: Promise<void> | null = null;

  async function isOffline(): Promise<boolean> {
    try {
      const network = await Taro.getNetworkType();
      return network.networkType === 'none';
    } catch {
      return false;
    }
  }

  /** One HTTP exchange inside a concurrency slot; network failures become ApiRequestError. */
  async function send(method: Method, path: string, body: unknown, headers: Record<string, string>): Promise<RawResponse> {
    return limiter.run(async () => {
      try {
        const response = await Taro.request({
          url: `${baseUrl()}${path}`,
          method,
          data: body as Record<string, unknown> | undefined,
          header: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
          timeout: timeoutMs,
          dataType: 'json',
        });
        return { statusCode: response.statusCode, data: response.data, header: (response.header ?? {}) as Record<string, string> };
      } catch (err) {
        const errMsg = err && typeof err === 'object' && 'errMsg' in err ? String((err as { errMsg: unknown }).errMsg) : String(err);
        throw errorFromNetworkFailure(errMsg, await isOffline());
      }
    });
  }

  /** Backoff before attempt `attempt + 1`: exponential with jitter, or the server's Retry-After when short. */
  function backoffMs(attempt: number, error: ApiRequestError): number | null {
    if (error.retryAfterSeconds !== undefined) {
      if (error.retryAfterSeconds > MAX_SILENT_RETRY_AFTER_SECONDS) return null;
      return error.retryAfterSeconds * 1000;
    }
    const base = retryBaseDelayMs * 2 ** attempt;
    return Math.round(base * (0.5 + random()));
  }

  /** Send with retries (idempotent calls only); answers ≥ 400 become ApiRequestError. */
  async function sendWithRetry(method: Method, path: string, body: unknown, headers: Record<string, string>): Promise<RawResponse> {
    const retryable = isRetryable(method, headers);
    for (let attempt = 0; ; attempt += 1) {
      let failure: ApiRequestError;
      try {
        const response = await send(method, path, body, headers);
        if (response.statusCode < 400) return response;
        failure = errorFromResponse(response.statusCode, response.data, headerValue(response.header, 'Retry-After'));
        if (!isTransientStatus(response.statusCode)) throw failure;
      } catch (err) {
        if (!(err instanceof ApiRequestError)) throw err;
        failure = err;
        // Only answers that say "try again" and failures without an answer are retried; offline waits for the user.
        if (failure.status !== 0 && !isTransientStatus(failure.status)) throw failure;
        if (failure.offline) throw failure;
      }
      if (!retryable || attempt >= maxRetries) throw failure;
      const delay = backoffMs(attempt, failure);
      if (delay === null) throw failure;
      await sleep(delay);
    }
  }

  async function renewSession(): Promise<void> {
    if (process.env.TARO_ENV === 'h5') {
      // The H5 demo has no WeChat login to fall back on: the applicant picks an account again.
      clearToken();
      void Taro.reLaunch({ url: '/pages/login/index' }).catch(() => undefined);
      throw new ApiRequestError({ status: 401, code: 'unauthenticated', message: '登录已失效，请重新选择账号登录' });
    }
    await weappLogin();
  }

  async function call<T>({ method, path, body, schema, auth = true, headers = {} }: CallOptions<T>): Promise<{ data: T; header: Record<string, string>; status: number }> {
    const attemptOnce = async () => {
      const token = auth ? getToken() : null;
      const authHeader: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
      return sendWithRetry(method, path, body, { ...headers, ...authHeader });
    };

    let response: RawResponse;
    try {
      if (auth && !getToken()) throw errorFromResponse(401, { code: 'unauthenticated' });
      response = await attemptOnce();
    } catch (err) {
      if (!(auth && err instanceof ApiRequestError && err.status === 401)) throw err;
      // Renew once (shared by concurrent callers), then retry the call once.
      clearToken();
      renewal ??= renewSession().finally(() => {
        renewal = null;
      });
      await renewal;
      response = await attemptOnce();
    }

    const parsed = schema.safeParse(response.data);
    if (!parsed.success) throw errorFromBadResponse(response.statusCode, response.data);
    return { data: parsed.data, header: response.header, status: response.statusCode };
  }

  function etagOf(header: Record<string, string>, draft: ChangeDraft): string {
    return headerValue(header, 'ETag') ?? `"${draft.version}"`;
  }

  async function weappLogin(): Promise<void> {
    let code: string;
    try {
      ({ code } = await Taro.login());
    } catch {
      throw new ApiRequestError({ status: 0, code: 'login_failed', message: '微信登录失败，请检查网络后重试' });
    }
    const { data } = await call({ method: 'POST', path: ROUTES.login.path(), body: { code }, schema: sessionResponse, auth: false });
    setToken(data.token, data.expiresAt);
  }

  const ok = z.unknown();

  return {
    /** H5 demo: the applicants one may log in as. */
    async devApplicants(): Promise<DevApplicant[]> {
      return (await call({ method: 'GET', path: ROUTES.devApplicants.path(), schema: devApplicantsResponse, auth: false })).data;
    },
    /** H5 demo: log in as one applicant; keeps the token. */
    async devLogin(applicantId: string): Promise<void> {
      const { data } = await call({ method: 'POST', path: ROUTES.devLogin.path(), body: { applicantId }, schema: sessionResponse, auth: false });
      setToken(data.token, data.expiresAt);
    },
    /** weapp: Taro.login → POST /api/session; keeps the token. */
    login: weappLogin,
    async listFilings(): Promise<Filing[]> {
      return (await call({ method: 'GET', path: ROUTES.listFilings.path(), schema: filingsResponse })).data.filings;
    },
    async listChanges(): Promise<ChangeSummary[]> {
      return (await call({ method: 'GET', path: ROUTES.listChanges.path(), schema: changeListResponse })).data.changes;
    },
    /** Creates the website's change, or answers the existing open one (`created: false`). */
    async createChange(input: { filingId: string; websiteId: string }): Promise<DraftWithEtag & { created: boolean }> {
      const { data, header, status } = await call({
        method: 'POST',
        path: ROUTES.createChange.path(),
        body: input,
        schema: changeResponse,
        // The server answers the same change for a repeat, and the key lets a lost answer be retried.
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      });
      return { draft: data, etag: etagOf(header, data), created: status === 201 };
    },
    async getChange(id: string): Promise<DraftWithEtag> {
      const { data, header } = await call({ method: 'GET', path: ROUTES.getChange.path(id), schema: changeResponse });
      return { draft: data, etag: etagOf(header, data) };
    },
    async patchChange(id: string, patch: PatchChangeRequest, etag: string): Promise<DraftWithEtag & { problems: FieldError[] }> {
      const { data, header } = await call({
        method: 'PATCH',
        path: ROUTES.patchChange.path(id),
        body: patch,
        schema: patchChangeResponse,
        headers: { 'If-Match': etag },
      });
      return { draft: data.draft, etag: etagOf(header, data.draft), problems: data.problems };
    },
    /** Not retried: a repeat would send a second SMS. */
    async sendSms(id: string, phone: string): Promise<SmsSendResult> {
      return (await call({ method: 'POST', path: ROUTES.sendSms.path(id), body: { phone }, schema: smsSendResponse })).data;
    },
    async verifySms(id: string, phone: string, code: string): Promise<SmsVerifyResult> {
      return (await call({ method: 'POST', path: ROUTES.verifySms.path(id), body: { phone, code }, schema: smsVerifyResponse })).data;
    },
    async getChecks(id: string): Promise<ChecksResult> {
      return (await call({ method: 'GET', path: ROUTES.getChecks.path(id), schema: checksResponse })).data;
    },
    /** The same key for every attempt of one submit, so a repeat is answered, never submitted twice. */
    async submit(id: string, idempotencyKey: string): Promise<SubmitResult> {
      return (
        await call({
          method: 'POST',
          path: ROUTES.submit.path(id),
          body: { agreed: true },
          schema: submitResponse,
          headers: { 'Idempotency-Key': idempotencyKey },
        })
      ).data;
    },
    async withdraw(id: string): Promise<void> {
      await call({ method: 'POST', path: ROUTES.withdraw.path(id), schema: ok, headers: { 'Idempotency-Key': newIdempotencyKey() } });
    },
    async getProgress(id: string): Promise<Progress> {
      return (await call({ method: 'GET', path: ROUTES.getProgress.path(id), schema: progressResponse })).data;
    },
    async addSubscriptions(id: string, templateIds: string[]): Promise<{ subscriptionsLeft: number }> {
      return (await call({ method: 'POST', path: ROUTES.addSubscriptions.path(id), body: { templateIds }, schema: subscriptionsResponse })).data;
    },
    /** For uploads (Taro.uploadFile) made elsewhere: the same concurrency cap, base URL and token. */
    withRequestSlot<T>(task: () => Promise<T>): Promise<T> {
      return limiter.run(task);
    },
    baseUrl,
    authHeader(): Record<string, string> {
      const token = getToken();
      return token ? { Authorization: `Bearer ${token}` } : {};
    },
    /** Requests running and waiting (diagnostics and tests). */
    get load() {
      return { active: limiter.active, waiting: limiter.waiting };
    },
  };
}

export type Api = ReturnType<typeof createApi>;

export const api: Api = createApi();
