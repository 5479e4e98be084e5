// The typed per-request state every BFF middleware and route shares.
import type { Logger } from 'pino';

export interface BffState {
  requestId: string;
  /** The BFF's logger (one for all requests, no per-request child): a line about the request passes `requestId`. */
  log: Logger;
  /** Set by the auth middleware; every /api route below it may rely on it. */
  applicantId: string;
  /** The bearer token of that session (logout revokes it). */
  sessionToken?: string;
}
