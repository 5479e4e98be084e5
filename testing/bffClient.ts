// A typed HTTP client of the BFF built from its contract (shared/contracts/bffRoutes.ts): requests name a route, and
// every answer is parsed with that route's response schema (or as an `apiError`), so a test fails when the BFF and the
// contract part ways.
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { apiError, type ApiError, type ErrorCode } from '../shared/contracts/api';
import {
  BFF_ROUTES,
  bffPath,
  type BffRouteName,
  type BffRoutes,
  type HttpMethod,
  type RouteBody,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
} from '../shared/contracts/bffRoutes';

/** An error answer: the contract's `apiError` plus the keys some errors add (`current` on 412, `rules`, `retryAfterSeconds`). */
export type ApiErrorBody = ApiError & Record<string, unknown>;
const errorBody = apiError.loose();

// `{}` (not `object`): a route without parameters has `Record<string, never>`, which only the empty type extends.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type ParamsPart<N extends BffRouteName> = {} extends RouteParams<N> ? { params?: RouteParams<N> } : { params: RouteParams<N> };
type BodyPart<N extends BffRouteName> = BffRoutes[N]['encoding'] extends 'none'
  ? { body?: undefined }
  : BffRoutes[N]['encoding'] extends 'multipart'
    ? { body?: RouteBody<N>; /** The photo, sent as the form field `file` (image/jpeg). */ file: Uint8Array }
    : { body: RouteBody<N> };

/** What a call sends besides the route: path parameters, query, body (and file), extra headers; `signal` aborts it. */
export type BffRequest<N extends BffRouteName> = ParamsPart<N> & BodyPart<N> & { query?: RouteQuery<N>; headers?: Record<string, string>; signal?: AbortSignal };
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the same `{}` test as ParamsPart
type CallArgs<N extends BffRouteName> = {} extends BffRequest<N> ? [request?: BffRequest<N>] : [request: BffRequest<N>];

export interface BffSuccess<N extends BffRouteName> {
  ok: true;
  status: number;
  headers: Headers;
  body: RouteResponse<N>;
}
export interface BffFailure {
  ok: false;
  status: number;
  headers: Headers;
  body: ApiErrorBody;
}
export type BffResult<N extends BffRouteName> = BffSuccess<N> | BffFailure;

/** The answer to a request sent off the contract on purpose (broken JSON, forged headers): not parsed by any schema. */
export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The body as JSON, or null when it is not JSON. */
  json: unknown;
  /** The body as an error answer, or null when it is not one. */
  error: ApiErrorBody | null;
}

export interface RawRequest {
  /** Sent as is (a string or bytes), or JSON-encoded when it is anything else. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface BffClient {
  readonly baseUrl: string;
  /** The session token sent as `Authorization: Bearer …` (null: none). */
  readonly token: string | null;
  /** One request to a contract route; success bodies parsed with the route's response schema, errors as `apiError`. */
  call<N extends BffRouteName>(name: N, ...args: CallArgs<N>): Promise<BffResult<N>>;
  /** Like `call`, but an error answer throws (for the steps a test builds on, not the ones it checks). */
  ok<N extends BffRouteName>(name: N, ...args: CallArgs<N>): Promise<BffSuccess<N>>;
  /** A request off the contract, for tests that send malformed input on purpose. */
  raw(method: HttpMethod, path: string, request?: RawRequest): Promise<RawAnswer>;
  /** The same client sending these headers on every request (e.g. a forged `authorization`). */
  withHeaders(headers: Record<string, string>): BffClient;
}

/** The BFF answered something its contract does not allow (a bug in the BFF or in the contract, never in the test). */
export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

async function readBody(res: Response): Promise<{ text: string; json: unknown; bytes: Uint8Array | null }> {
  if (!/json/.test(res.headers.get('content-type') ?? '')) {
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { text: Buffer.from(bytes).toString('utf8'), json: null, bytes };
  }
  const text = await res.text();
  try {
    return { text, json: JSON.parse(text), bytes: null };
  } catch {
    return { text, json: null, bytes: null };
  }
}

/** A query or form value as text; objects are sent as JSON (a test sending one on purpose sees exactly what went out). */
function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

function queryOf(query: Record<string, unknown> | undefined): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(query ?? {}).map(([k, v]) => [k, v === undefined ? undefined : scalarText(v)]));
}

interface UntypedRequest {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
  file?: Uint8Array;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export function createBffClient(baseUrl: string, options: { token?: string | null; headers?: Record<string, string> } = {}): BffClient {
  const token = options.token ?? null;
  const base = baseUrl.replace(/\/$/, '');
  const defaults: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers };

  async function send(name: BffRouteName, request: UntypedRequest): Promise<BffResult<BffRouteName>> {
    const route = BFF_ROUTES[name];
    const path = bffPath(name, (request.params ?? {}) as never, queryOf(request.query));
    const headers: Record<string, string> = { ...defaults, ...request.headers };
    let body: string | FormData | undefined;
    if (route.encoding === 'json') {
      body = JSON.stringify(request.body);
      headers['content-type'] ??= 'application/json';
    } else if (route.encoding === 'multipart') {
      const form = new FormData();
      for (const [k, v] of Object.entries((request.body ?? {}) as Record<string, unknown>)) if (v !== undefined) form.append(k, scalarText(v));
      form.append('file', new Blob([new Uint8Array(request.file ?? new Uint8Array())], { type: 'image/jpeg' }), 'photo.jpg');
      body = form;
    }
    const res = await fetch(`${base}${path}`, { method: route.method, headers, body, signal: request.signal });
    const { text, json, bytes } = await readBody(res);
    const answer = bytes ?? json;
    if (route.success.includes(res.status)) {
      const parsed = route.response.safeParse(answer);
      if (!parsed.success) {
        throw new ContractViolation(`${name}: HTTP ${res.status} answer does not match the contract:\n${z.prettifyError(parsed.error)}\n${text.slice(0, 500)}`);
      }
      // The schemas strip unknown keys: an answer carrying more than the contract describes must not pass unnoticed.
      if (!bytes && !isDeepStrictEqual(parsed.data, json)) {
        throw new ContractViolation(`${name}: HTTP ${res.status} answer has fields the contract does not describe: ${text.slice(0, 500)}`);
      }
      return { ok: true, status: res.status, headers: res.headers, body: parsed.data as RouteResponse<BffRouteName> };
    }
    const error = errorBody.safeParse(json);
    if (!error.success || res.status < 400) {
      throw new ContractViolation(`${name}: HTTP ${res.status} is neither a success of the route (${route.success.join(', ')}) nor an error answer: ${text.slice(0, 500)}`);
    }
    return { ok: false, status: res.status, headers: res.headers, body: error.data };
  }

  const client: BffClient = {
    baseUrl: base,
    token,
    call: (name, ...args) => send(name, (args[0] ?? {}) as UntypedRequest),
    async ok(name, ...args) {
      const res = await send(name, (args[0] ?? {}) as UntypedRequest);
      if (!res.ok) throw new Error(`${name}: expected success, got HTTP ${res.status} ${res.body.code}: ${res.body.message}`);
      return res;
    },
    async raw(method, path, request = {}) {
      const headers: Record<string, string> = { ...defaults, ...request.headers };
      let body: string | Uint8Array<ArrayBuffer> | undefined;
      if (typeof request.body === 'string') body = request.body;
      else if (request.body instanceof Uint8Array) body = new Uint8Array(request.body);
      else if (request.body !== undefined) body = JSON.stringify(request.body);
      if (body !== undefined) headers['content-type'] ??= 'application/json';
      const res = await fetch(`${base}${path}`, { method, headers, body, signal: request.signal });
      const { text, json } = await readBody(res);
      const error = res.status >= 400 ? errorBody.safeParse(json) : null;
      return { status: res.status, headers: res.headers, text, json, error: error?.success ? error.data : null };
    },
    withHeaders: (headers) => createBffClient(base, { token, headers: { ...options.headers, ...headers } }),
  };
  return client;
}

/** Asserts a success (of `status`, when given) and narrows the answer to it. */
export function expectOk<N extends BffRouteName>(res: BffResult<N>, status?: number): asserts res is BffSuccess<N> {
  if (!res.ok || (status !== undefined && res.status !== status)) {
    throw new Error(`expected HTTP ${status ?? 'success'}, got ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`);
  }
}

/** Asserts an error answer with this status (and code, when given) and narrows the answer to it. */
export function expectError<R extends BffResult<BffRouteName>>(res: R, status: number, code?: ErrorCode): asserts res is Extract<R, { ok: false }> {
  if (res.ok || res.status !== status || (code !== undefined && res.body.code !== code)) {
    throw new Error(`expected HTTP ${status}${code ? ` ${code}` : ''}, got ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`);
  }
}
