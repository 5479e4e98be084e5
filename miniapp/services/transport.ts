// How the mini-program talks HTTP to the BFF, knowing nothing of its routes: a cap of concurrent requests, timeouts,
// retries with backoff of idempotent calls, one session renewal on 401 and offline detection.
import Taro from '@tarojs/taro';
import type { HttpMethod } from '../../shared/contracts/bffRoutes';
import { bffBaseUrl, MAX_CONCURRENT_REQUESTS, MAX_RETRIES, MAX_SILENT_RETRY_AFTER_SECONDS, REQUEST_TIMEOUT_MS, RETRY_BASE_DELAY_MS } from './config';
import { ApiRequestError, errorFromNetworkFailure, errorFromResponse } from './errors';
import { takeEarlyResponse } from './earlyResponses';
import { clearToken, getToken } from './session';

export interface TransportRequest {
  method: HttpMethod;
  /** Path and query, starting with `/` (the base URL is the transport's). */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the session token and renew it on 401 (everything but the login calls). */
  auth: boolean;
  /** false: a 401 is the answer and no new session is made (logout). */
  renewSession?: boolean;
}

export interface TransportResponse {
  status: number;
  data: unknown;
  header: Record<string, string>;
}

/** What the transport needs from the platform; tests replace `sleep` so backoff does not cost real time. */
export interface TransportOptions {
  baseUrl?: () => string;
  timeoutMs?: number;
  maxConcurrent?: number;
  maxRetries?: number;
  retryBaseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Random 0..1 for backoff jitter. */
  random?: () => number;
}

/** A header by name, whatever its case (wx hands headers over as the server spelled them). */
export function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return String(value);
  return undefined;
}

/** GET/PUT/DELETE repeat safely; POST and PATCH only when the server can tell a repeat (If-Match / Idempotency-Key). */
export function isRetryable(method: HttpMethod, headers: Record<string, string>): boolean {
  if (method === 'GET' || method === 'PUT' || method === 'DELETE') return true;
  return headerValue(headers, 'If-Match') !== undefined || headerValue(headers, 'Idempotency-Key') !== undefined;
}

/** Statuses worth another attempt: the server was briefly unable, not the request wrong. */
function isTransientStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}

/** An idempotency key for one user action (random; no personal data). */
export function newIdempotencyKey(): string {
  const random = Array.from({ length: 4 }, () =>
    Math.floor(Math.random() * 0x100000000)
      .toString(16)
      .padStart(8, '0'),
  ).join('');
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

/** Whether the phone has no network at all (then a failure is "offline", not "the server is down"). */
async function isOffline(): Promise<boolean> {
  try {
    const network = await Taro.getNetworkType();
    return network.networkType === 'none';
  } catch {
    return false;
  }
}

export function createTransport(options: TransportOptions = {}) {
  const baseUrl = options.baseUrl ?? bffBaseUrl;
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const maxRetries = options.maxRetries ?? MAX_RETRIES;
  const retryBaseDelayMs = options.retryBaseDelayMs ?? RETRY_BASE_DELAY_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const limiter = createLimiter(options.maxConcurrent ?? MAX_CONCURRENT_REQUESTS);
  /** How to get a new session after a 401; set by whoever owns the login call (the endpoints). */
  let renewSession: () => Promise<void> = () => Promise.reject(errorFromResponse(401, { code: 'unauthenticated' }));
  /** One renewal at a time: parallel 401s wait for the same login. */
  let renewal: Promise<void> | null = null;

  /** One HTTP exchange inside a concurrency slot; network failures become ApiRequestError. */
  async function send(method: HttpMethod, path: string, body: unknown, headers: Record<string, string>): Promise<TransportResponse> {
    return limiter.run(async () => {
      // H5: the first page's data may already be on its way, asked for by index.html (never with a session token).
      if (process.env.TARO_ENV === 'h5' && method === 'GET' && !headerValue(headers, 'Authorization')) {
        const early = await takeEarlyResponse(path, timeoutMs);
        if (early) return early;
      }
      try {
        const response = await Taro.request<unknown>({
          url: `${baseUrl()}${path}`,
          method,
          data: body as Record<string, unknown> | undefined,
          header: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
          timeout: timeoutMs,
          dataType: 'json',
        });
        return { status: response.statusCode, data: response.data, header: response.header ?? {} };
      } catch (err) {
        const errMsg = err && typeof err === 'object' && 'errMsg' in err ? String(err.errMsg) : String(err);
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
  async function sendWithRetry(method: HttpMethod, path: string, body: unknown, headers: Record<string, string>): Promise<TransportResponse> {
    const retryable = isRetryable(method, headers);
    for (let attempt = 0; ; attempt += 1) {
      let failure: ApiRequestError;
      try {
        const response = await send(method, path, body, headers);
        if (response.status < 400) return response;
        failure = errorFromResponse(response.status, response.data, headerValue(response.header, 'Retry-After'));
        if (!isTransientStatus(response.status)) throw failure;
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

  function authHeader(): Record<string, string> {
    const token = getToken();
    return token ? { Authorization: `Bearer ${token}` } : {};
  }

  /** One call: retried when idempotent; on 401 the session is renewed once (shared by concurrent callers) and the call repeated once. */
  async function request({ method, path, body, headers = {}, auth, renewSession: renew = true }: TransportRequest): Promise<TransportResponse> {
    const attemptOnce = () => sendWithRetry(method, path, body, { ...headers, ...(auth ? authHeader() : {}) });
    const sentWith = auth ? getToken() : null;
    try {
      if (auth && !sentWith) throw errorFromResponse(401, { code: 'unauthenticated' });
      return await attemptOnce();
    } catch (err) {
      if (!(auth && renew && err instanceof ApiRequestError && err.status === 401)) throw err;
      // A 401 that comes back after another call already renewed the session must not throw the new token away.
      if (getToken() === sentWith) {
        clearToken();
        renewal ??= renewSession().finally(() => {
          renewal = null;
        });
      }
      if (renewal) await renewal;
      return attemptOnce();
    }
  }

  return {
    request,
    /** Who renews the session on 401 (the endpoints module, which owns the login routes). */
    onUnauthenticated(renew: () => Promise<void>): void {
      renewSession = renew;
    },
    /** For uploads (Taro.uploadFile) made elsewhere: the same concurrency cap as every request. */
    withRequestSlot<T>(task: () => Promise<T>): Promise<T> {
      return limiter.run(task);
    },
    baseUrl,
    authHeader,
    /** Requests running and waiting (diagnostics and tests). */
    get load() {
      return { active: limiter.active, waiting: limiter.waiting };
    },
  };
}

export type Transport = ReturnType<typeof createTransport>;
