// The BFF's HTTP API as one table: every route's method, path, path parameters, query, request and response schema
// (where a route lives comes from bffEndpoints.ts, plain data the mini-program's main package reads without zod).
// The BFF mounts exactly these routes and answers with these schemas (tests prove both).
import { z } from 'zod';
import { BFF_ENDPOINTS, fillPath, type BffEndpointName, type BodyEncoding, type HttpMethod, type RouteAuth } from './bffEndpoints';
import { materialKind, materialSubject } from '../domain/filing';
import { notificationSettings, notificationSettingsResponse } from './notificationSettings';
import {
  changeListResponse,
  changeResponse,
  checksResponse,
  createChangeRequest,
  devApplicantsResponse,
  devSessionRequest,
  filingsResponse,
  healthResponse,
  logoutResponse,
  materialUploadResponse,
  patchChangeRequest,
  patchChangeResponse,
  progressResponse,
  readyResponse,
  recognitionResponse,
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
  websiteBlockersResponse,
  verificationEventAck,
  verificationRoleParam,
  verificationsResponse,
  principalVerification,
} from './api';

export type { BodyEncoding, HttpMethod, RouteAuth } from './bffEndpoints';

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

/** A route of the contract: where it lives (its BFF_ENDPOINTS entry) plus its schemas. */
function route<N extends BffEndpointName, P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  name: N,
  schemas: { params: P; query?: Q; body: B; response: R },
): BffRoute<P, Q, B, R, (typeof BFF_ENDPOINTS)[N]['encoding'], (typeof BFF_ENDPOINTS)[N]['method'], (typeof BFF_ENDPOINTS)[N]['auth']> {
  return { ...BFF_ENDPOINTS[name], ...schemas, query: (schemas.query ?? noQuery) as Q };
}

export const BFF_ROUTES = {
  // --- health
  healthz: route('healthz', { params: noParams, body: noBody, response: healthResponse }),
  readyz: route('readyz', { params: noParams, body: noBody, response: readyResponse }),

  // --- session
  login: route('login', { params: noParams, body: sessionRequest, response: sessionResponse }),
  logout: route('logout', { params: noParams, body: noBody, response: logoutResponse }),
  devApplicants: route('devApplicants', { params: noParams, body: noBody, response: devApplicantsResponse }),
  devLogin: route('devLogin', { params: noParams, body: devSessionRequest, response: sessionResponse }),

  // --- the review system's signed callback: a `progressEvent` (shared/contracts/reviewSystem.ts), parsed by the BFF only
  // after the signature over its raw bytes checked out, hence `unknown` here
  reviewEvents: route('reviewEvents', { params: noParams, body: z.unknown(), response: reviewEventAck }),
  // --- the verification service's signed callback: a `verificationEvent` (shared/contracts/verification.ts), parsed after the signature
  verificationEvents: route('verificationEvents', { params: noParams, body: z.unknown(), response: verificationEventAck }),

  // --- filings and changes
  listFilings: route('listFilings', { params: noParams, body: noBody, response: filingsResponse }),
  /** Blockers of a filed website before any change exists (overview card): domain expiry, non-fileable suffix, footer, ID expiring. */
  websiteBlockers: route('websiteBlockers', {
    params: z.object({ filingId: z.string().min(1).max(64), websiteId: z.string().min(1).max(64) }).strict(),
    body: noBody,
    response: websiteBlockersResponse,
  }),
  getNotificationSettings: route('getNotificationSettings', { params: noParams, body: noBody, response: notificationSettingsResponse }),
  /** The whole settings object (every switch); 422 names the switch in Chinese when one is missing or not a boolean. */
  putNotificationSettings: route('putNotificationSettings', { params: noParams, body: notificationSettings, response: notificationSettingsResponse }),
  listChanges: route('listChanges', { params: noParams, body: noBody, response: changeListResponse }),
  createChange: route('createChange', { params: noParams, body: createChangeRequest, response: changeResponse }),
  getChange: route('getChange', { params: changeParams, body: noBody, response: changeResponse }),
  patchChange: route('patchChange', { params: changeParams, body: patchChangeRequest, response: patchChangeResponse }),
  sendSms: route('sendSms', { params: changeParams, body: smsSendRequest, response: smsSendResponse }),
  verifySms: route('verifySms', { params: changeParams, body: smsVerifyRequest, response: smsVerifyResponse }),
  getChecks: route('getChecks', { params: changeParams, body: noBody, response: checksResponse }),
  submit: route('submit', { params: changeParams, body: submitBody, response: submitResponse }),
  withdraw: route('withdraw', { params: changeParams, body: noBody, response: changeResponse }),
  discardChange: route('discardChange', { params: changeParams, body: noBody, response: changeResponse }),
  getProgress: route('getProgress', { params: changeParams, body: noBody, response: progressResponse }),
  addSubscriptions: route('addSubscriptions', { params: changeParams, body: subscriptionsRequest, response: subscriptionsResponse }),
  listVerifications: route('listVerifications', { params: changeParams, body: noBody, response: verificationsResponse }),
  startVerification: route('startVerification', { params: z.object({ id: changeId, role: verificationRoleParam }).strict(), body: noBody, response: principalVerification }),

  // --- materials
  /**
   * The change's pre-filled 《网站备案信息真实性核验单》 as a PDF (binary answer, `application/pdf`, `no-store`): to print,
   * sign (and press the fingerprint where the province wants it) and photograph for the materials step. Owner only.
   */
  verificationFormPdf: route('verificationFormPdf', { params: changeParams, body: noBody, response: z.instanceof(Uint8Array) }),

  uploadMaterial: route('uploadMaterial', { params: materialParams, query: materialQuery, body: uploadFields, response: materialUploadResponse }),
  uploadMaterialPost: route('uploadMaterialPost', { params: materialParams, query: materialQuery, body: uploadFields, response: materialUploadResponse }),
  /**
   * What a good photo of a kind looks like (a generated sample document, marked 示例), for the capture screen: public,
   * cacheable, served by the BFF so the mini-program's packages do not carry the images.
   */
  materialExample: route('materialExample', { params: z.object({ kind: z.enum(materialKind.options) }).strict(), body: noBody, response: z.instanceof(Uint8Array) }),
  materialRecognition: route('materialRecognition', { params: materialParams, query: materialQuery, body: noBody, response: recognitionResponse }),
  materialPreview: route('materialPreview', { params: z.object({ fileId }).strict(), query: previewQuery, body: noBody, response: z.instanceof(Uint8Array) }),
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
  return fillPath(name, params, query);
}
