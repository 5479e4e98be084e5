// The BFF's HTTP API as one table: every route's method, path, path parameters, query, request and response schema.
// The mini-program builds every request from it; the BFF mounts exactly these routes (a test proves both ways).
import { z } from 'zod';
import { materialKind, materialSubject } from '../domain/filing';
import {
  changeListResponse,
  changeResponse,
  checksResponse,
  createChangeRequest,
  devApplicantsResponse,
  devSessionRequest,
  filingsResponse,
  healthResponse,
  materialUploadResponse,
  patchChangeRequest,
  patchChangeResponse,
  progressResponse,
  readyResponse,
  reviewEventAck,
  sessionRequest,
  sessionResponse,
  smsSendRequest,
  smsSendResponse,
  smsVerifyRequest,
  smsVerifyResponse,
  submitBody,
  submitResponse,
  subscriptionsRequest,
  subscriptionsResponse,
} from './api';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * How a route authenticates: `applicant` = bearer session token; `none` = public (login, health);
 * `signature` = the review system's HMAC headers; `signed_url` = an HMAC signature and expiry in the query (previews).
 */
export type RouteAuth = 'applicant' | 'none' | 'signature' | 'signed_url';

/** How the request body travels: JSON (parsed with `body`), multipart form data (photo uploads) or none. */
export type BodyEncoding = 'json' | 'multipart' | 'none';

export interface BffRoute<
  Params extends z.ZodType = z.ZodType,
  Query extends z.ZodType = z.ZodType,
  Body extends z.ZodType = z.ZodType,
  Response extends z.ZodType = z.ZodType,
  Encoding extends BodyEncoding = BodyEncoding,
  Method extends HttpMethod = HttpMethod,
  Auth extends RouteAuth = RouteAuth,
> {
  method: Method;
  /** Koa-style path, `:name` for parameters. */
  path: string;
  params: Params;
  query: Query;
  encoding: Encoding;
  /** The JSON body (`z.undefined()` when there is none; for multipart, the non-file form fields). */
  body: Body;
  /** Body of a success answer. */
  response: Response;
  /** Statuses whose body is `response` (every other status carries an `apiError` body). */
  success: readonly number[];
  auth: Auth;
}

/** Change ids are minted by the BFF (`chg_` + 12 alphanumerics); anything else cannot name a change (404). */
export const CHANGE_ID_PATTERN = /^chg_[A-Za-z0-9]{12}$/;
export const changeId = z.string().regex(CHANGE_ID_PATTERN);
/** Stored photo ids: 32 lowercase hex characters (random, never user input). */
export const FILE_ID_PATTERN = /^[0-9a-f]{32}$/;
export const fileId = z.string().regex(FILE_ID_PATTERN);

const noParams = z.object({}).strict();
const noQuery = z.object({}).passthrough();
const noBody = z.undefined();
const changeParams = z.object({ id: changeId }).strict();
const materialParams = z.object({ id: changeId, kind: z.enum(materialKind.options, { error: '材料类型不正确，应为身份证人像面、国徽面或网站真实性核验单等' }) }).strict();
const materialQuery = z.object({ subject: materialSubject.optional() }).passthrough();
const previewQuery = z.object({ exp: z.string(), sig: z.string() }).passthrough();
/** Multipart form fields of a photo upload besides the `file` part. */
const uploadFields = z.object({ subject: materialSubject.optional() }).passthrough();

function route<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType, E extends BodyEncoding, M extends HttpMethod, A extends RouteAuth>(
  def: Omit<BffRoute<P, Q, B, R, E, M, A>, 'query' | 'success'> & { query?: Q; success?: readonly number[] },
): BffRoute<P, Q, B, R, E, M, A> {
  return { ...def, query: (def.query ?? noQuery) as Q, success: def.success ?? [200] };
}

export const BFF_ROUTES = {
  // --- health (outside /api: load balancers probe these)
  healthz: route({ method: 'GET', path: '/healthz', params: noParams, encoding: 'none', body: noBody, response: healthResponse, auth: 'none' }),
  /** 503 (+ Retry-After) carries the same body, saying which dependency is down. */
  readyz: route({ method: 'GET', path: '/readyz', params: noParams, encoding: 'none', body: noBody, response: readyResponse, success: [200, 503], auth: 'none' }),

  // --- session
  login: route({ method: 'POST', path: '/api/session', params: noParams, encoding: 'json', body: sessionRequest, response: sessionResponse, auth: 'none' }),
  devApplicants: route({ method: 'GET', path: '/api/session/dev', params: noParams, encoding: 'none', body: noBody, response: devApplicantsResponse, auth: 'none' }),
  devLogin: route({ method: 'POST', path: '/api/session/dev', params: noParams, encoding: 'json', body: devSessionRequest, response: sessionResponse, auth: 'none' }),

  // --- the review system's signed callback: a `progressEvent` (shared/contracts/reviewSystem.ts), parsed by the BFF only
  // after the signature over its raw bytes checked out, hence `unknown` here
  reviewEvents: route({ method: 'POST', path: '/api/review-events', params: noParams, encoding: 'json', body: z.unknown(), response: reviewEventAck, auth: 'signature' }),

  // --- filings and changes
  listFilings: route({ method: 'GET', path: '/api/filings', params: noParams, encoding: 'none', body: noBody, response: filingsResponse, auth: 'applicant' }),
  listChanges: route({ method: 'GET', path: '/api/changes', params: noParams, encoding: 'none', body: noBody, response: changeListResponse, auth: 'applicant' }),
  createChange: route({
    method: 'POST',
    path: '/api/changes',
    params: noParams,
    encoding: 'json',
    body: createChangeRequest,
    response: changeResponse,
    success: [200, 201],
    auth: 'applicant',
  }),
  getChange: route({ method: 'GET', path: '/api/changes/:id', params: changeParams, encoding: 'none', body: noBody, response: changeResponse, auth: 'applicant' }),
  patchChange: route({ method: 'PATCH', path: '/api/changes/:id', params: changeParams, encoding: 'json', body: patchChangeRequest, response: patchChangeResponse, auth: 'applicant' }),
  sendSms: route({
    method: 'POST',
    path: '/api/changes/:id/sms',
    params: changeParams,
    encoding: 'json',
    body: smsSendRequest,
    response: smsSendResponse,
    success: [202],
    auth: 'applicant',
  }),
  verifySms: route({ method: 'POST', path: '/api/changes/:id/sms/verify', params: changeParams, encoding: 'json', body: smsVerifyRequest, response: smsVerifyResponse, auth: 'applicant' }),
  getChecks: route({ method: 'GET', path: '/api/changes/:id/checks', params: changeParams, encoding: 'none', body: noBody, response: checksResponse, auth: 'applicant' }),
  submit: route({ method: 'POST', path: '/api/changes/:id/submit', params: changeParams, encoding: 'json', body: submitBody, response: submitResponse, success: [202], auth: 'applicant' }),
  withdraw: route({ method: 'POST', path: '/api/changes/:id/withdraw', params: changeParams, encoding: 'none', body: noBody, response: changeResponse, auth: 'applicant' }),
  getProgress: route({ method: 'GET', path: '/api/changes/:id/progress', params: changeParams, encoding: 'none', body: noBody, response: progressResponse, auth: 'applicant' }),
  addSubscriptions: route({
    method: 'POST',
    path: '/api/changes/:id/subscriptions',
    params: changeParams,
    encoding: 'json',
    body: subscriptionsRequest,
    response: subscriptionsResponse,
    auth: 'applicant',
  }),
  /**
   * The change's pre-filled 《网站备案信息真实性核验单》 as a PDF (binary answer, `application/pdf`, `no-store`): to print,
   * sign (and press the fingerprint where the province wants it) and photograph for the materials step. Owner only.
   */
  verificationFormPdf: route({
    method: 'GET',
    path: '/api/changes/:id/verification-form.pdf',
    params: changeParams,
    encoding: 'none',
    body: noBody,
    response: z.instanceof(Uint8Array),
    auth: 'applicant',
  }),

  // --- materials: PUT is the contract; POST is the same upload because wx.uploadFile can only send POST
  uploadMaterial: route({
    method: 'PUT',
    path: '/api/changes/:id/materials/:kind',
    params: materialParams,
    query: materialQuery,
    encoding: 'multipart',
    body: uploadFields,
    response: materialUploadResponse,
    auth: 'applicant',
  }),
  uploadMaterialPost: route({
    method: 'POST',
    path: '/api/changes/:id/materials/:kind',
    params: materialParams,
    query: materialQuery,
    encoding: 'multipart',
    body: uploadFields,
    response: materialUploadResponse,
    auth: 'applicant',
  }),
  /**
   * What a good photo of a kind looks like (a generated sample document, marked 示例), for the capture screen: public,
   * cacheable, served by the BFF so the mini-program's packages do not carry the images.
   */
  materialExample: route({
    method: 'GET',
    path: '/api/material-examples/:kind',
    params: z.object({ kind: z.enum(materialKind.options) }).strict(),
    encoding: 'none',
    body: noBody,
    response: z.instanceof(Uint8Array),
    auth: 'none',
  }),
  /** The processed JPEG (binary answer, so no JSON schema); the signature in the query is the credential. */
  materialPreview: route({
    method: 'GET',
    path: '/api/materials/:fileId',
    params: z.object({ fileId }).strict(),
    query: previewQuery,
    encoding: 'none',
    body: noBody,
    response: z.instanceof(Uint8Array),
    auth: 'signed_url',
  }),
} as const;

export type BffRoutes = typeof BFF_ROUTES;
export type BffRouteName = keyof BffRoutes;
/** The routes a session token opens (`auth: 'applicant'`). */
export type ApplicantRouteName = { [N in BffRouteName]: BffRoutes[N]['auth'] extends 'applicant' ? N : never }[BffRouteName];
export type RouteParams<N extends BffRouteName> = z.input<BffRoutes[N]['params']>;
export type RouteQuery<N extends BffRouteName> = z.input<BffRoutes[N]['query']>;
export type RouteBody<N extends BffRouteName> = z.input<BffRoutes[N]['body']>;
export type RouteResponse<N extends BffRouteName> = z.output<BffRoutes[N]['response']>;

/** The path of a route with its parameters filled in (URI-encoded); a missing parameter is a programming error. */
export function bffPath<N extends BffRouteName>(name: N, params: RouteParams<N>, query?: Record<string, string | undefined>): string {
  const values = params as Record<string, string>;
  const path = BFF_ROUTES[name].path.replace(/:([A-Za-z]+)/g, (_m, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`bffPath(${name}): missing path parameter ${key}`);
    return encodeURIComponent(value);
  });
  const search = Object.entries(query ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return search.length === 0 ? path : `${path}?${new URLSearchParams(search).toString()}`;
}
