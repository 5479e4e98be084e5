// Where each BFF route lives: method, path, body encoding, success statuses and how it authenticates — plain data
// without zod, so the mini-program's main package can call the BFF without carrying the schemas. bffRoutes.ts adds each
// route's schemas to its entry here; that table is the contract both sides import.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * How a route authenticates: `applicant` = bearer session token; `none` = public (login, health);
 * `signature` = the review system's HMAC headers; `signed_url` = an HMAC signature and expiry in the query (previews).
 */
export type RouteAuth = 'applicant' | 'none' | 'signature' | 'signed_url';

/** How the request body travels: JSON (parsed with `body`), multipart form data (photo uploads) or none. */
export type BodyEncoding = 'json' | 'multipart' | 'none';

export interface BffEndpoint {
  method: HttpMethod;
  /** Koa-style path, `:name` for parameters. */
  path: string;
  encoding: BodyEncoding;
  /** Statuses whose body is the route's response (every other status carries an `apiError` body). */
  success: readonly number[];
  auth: RouteAuth;
}

export const BFF_ENDPOINTS = {
  // --- health (outside /api: load balancers probe these)
  healthz: { method: 'GET', path: '/healthz', encoding: 'none', success: [200], auth: 'none' },
  /** 503 (+ Retry-After) carries the same body, saying which dependency is down. */
  readyz: { method: 'GET', path: '/readyz', encoding: 'none', success: [200, 503], auth: 'none' },

  // --- session
  login: { method: 'POST', path: '/api/session', encoding: 'json', success: [200], auth: 'none' },
  logout: { method: 'DELETE', path: '/api/session', encoding: 'none', success: [200], auth: 'applicant' },
  devApplicants: { method: 'GET', path: '/api/session/dev', encoding: 'none', success: [200], auth: 'none' },
  devLogin: { method: 'POST', path: '/api/session/dev', encoding: 'json', success: [200], auth: 'none' },

  // --- the review system's signed callback
  reviewEvents: { method: 'POST', path: '/api/review-events', encoding: 'json', success: [200], auth: 'signature' },
  /** The verification service's signed completion callback (电子化核验). */
  verificationEvents: { method: 'POST', path: '/api/verification-events', encoding: 'json', success: [200], auth: 'signature' },

  // --- filings and changes
  listFilings: { method: 'GET', path: '/api/filings', encoding: 'none', success: [200], auth: 'applicant' },
  websiteBlockers: { method: 'GET', path: '/api/filings/:filingId/websites/:websiteId/blockers', encoding: 'none', success: [200], auth: 'applicant' },
  /** 通知设置: which channels carry status notifications, and whether a replaced website principal is told too. */
  getNotificationSettings: { method: 'GET', path: '/api/settings/notifications', encoding: 'none', success: [200], auth: 'applicant' },
  putNotificationSettings: { method: 'PUT', path: '/api/settings/notifications', encoding: 'json', success: [200], auth: 'applicant' },
  listChanges: { method: 'GET', path: '/api/changes', encoding: 'none', success: [200], auth: 'applicant' },
  createChange: { method: 'POST', path: '/api/changes', encoding: 'json', success: [200, 201], auth: 'applicant' },
  getChange: { method: 'GET', path: '/api/changes/:id', encoding: 'none', success: [200], auth: 'applicant' },
  patchChange: { method: 'PATCH', path: '/api/changes/:id', encoding: 'json', success: [200], auth: 'applicant' },
  sendSms: { method: 'POST', path: '/api/changes/:id/sms', encoding: 'json', success: [202], auth: 'applicant' },
  verifySms: { method: 'POST', path: '/api/changes/:id/sms/verify', encoding: 'json', success: [200], auth: 'applicant' },
  getChecks: { method: 'GET', path: '/api/changes/:id/checks', encoding: 'none', success: [200], auth: 'applicant' },
  submit: { method: 'POST', path: '/api/changes/:id/submit', encoding: 'json', success: [202], auth: 'applicant' },
  withdraw: { method: 'POST', path: '/api/changes/:id/withdraw', encoding: 'none', success: [200], auth: 'applicant' },
  /** 放弃本次变更: a change not in review (draft or rejected) ends as withdrawn, its photos deleted; the website is free again. */
  discardChange: { method: 'POST', path: '/api/changes/:id/discard', encoding: 'none', success: [200], auth: 'applicant' },
  getProgress: { method: 'GET', path: '/api/changes/:id/progress', encoding: 'none', success: [200], auth: 'applicant' },
  addSubscriptions: { method: 'POST', path: '/api/changes/:id/subscriptions', encoding: 'json', success: [200], auth: 'applicant' },
  /** Who must verify their identity in this change, and where each stands. */
  listVerifications: { method: 'GET', path: '/api/changes/:id/verifications', encoding: 'none', success: [200], auth: 'applicant' },
  /** Starts (or, after a failure or expiry, restarts) one principal's verification; 200 with the live task when one is pending. */
  startVerification: { method: 'POST', path: '/api/changes/:id/verifications/:role', encoding: 'none', success: [200, 201], auth: 'applicant' },

  /** The change's pre-filled 核验单 (binary answer, application/pdf). */
  verificationFormPdf: { method: 'GET', path: '/api/changes/:id/verification-form.pdf', encoding: 'none', success: [200], auth: 'applicant' },

  // --- materials: PUT is the contract; POST is the same upload because wx.uploadFile can only send POST
  uploadMaterial: { method: 'PUT', path: '/api/changes/:id/materials/:kind', encoding: 'multipart', success: [200], auth: 'applicant' },
  uploadMaterialPost: { method: 'POST', path: '/api/changes/:id/materials/:kind', encoding: 'multipart', success: [200], auth: 'applicant' },
  /** A sample photo of a kind (binary answer, public and cacheable). */
  materialExample: { method: 'GET', path: '/api/material-examples/:kind', encoding: 'none', success: [200], auth: 'none' },
  /** What OCR read from the slot's photo (`?subject=` names whose; optional where the kind has one subject). */
  materialRecognition: { method: 'GET', path: '/api/changes/:id/materials/:kind/recognition', encoding: 'none', success: [200], auth: 'applicant' },
  /** The processed JPEG (binary answer); the signature in the query is the credential. */
  materialPreview: { method: 'GET', path: '/api/materials/:fileId', encoding: 'none', success: [200], auth: 'signed_url' },
} as const satisfies Record<string, BffEndpoint>;

export type BffEndpointName = keyof typeof BFF_ENDPOINTS;

/** A route's path with its parameters filled in (URI-encoded) and an optional query; a missing parameter is a programming error. */
export function fillPath(name: BffEndpointName, params: Record<string, string>, query?: Record<string, string | undefined>): string {
  const path = BFF_ENDPOINTS[name].path.replace(/:([A-Za-z]+)/g, (_m, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`bffPath(${name}): missing path parameter ${key}`);
    return encodeURIComponent(value);
  });
  const search = Object.entries(query ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return search.length === 0 ? path : `${path}?${new URLSearchParams(search).toString()}`;
}
