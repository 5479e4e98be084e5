// Client of the provider's review system (filings, domain facts, submissions), typed by shared/contracts/reviewSystem.
import {
  domainFacts,
  IDEMPOTENCY_KEY_HEADER,
  listApplicantsResponse,
  listFilingsResponse,
  REVIEW_ROUTES,
  reviewPath,
  submissionAccepted,
  submissionState,
  type DomainFacts,
  type ReviewApplicant,
  type SubmissionAccepted,
  type SubmissionRequest,
  type SubmissionState,
} from '../../../shared/contracts/reviewSystem';
import type { Filing } from '../../../shared/domain/filing';
import { requestJson, UpstreamError } from './http';

export interface ReviewSystem {
  listApplicants(): Promise<ReviewApplicant[]>;
  listFilings(applicantId: string): Promise<Filing[]>;
  /** null when the review system does not know the domain. */
  domainFacts(domain: string): Promise<DomainFacts | null>;
  createSubmission(request: SubmissionRequest, idempotencyKey: string): Promise<SubmissionAccepted>;
  getSubmission(submissionId: string): Promise<SubmissionState>;
  withdrawSubmission(submissionId: string): Promise<SubmissionState>;
  ping(): Promise<boolean>;
}

export function createReviewSystem(baseUrl: string, apiKey: string): ReviewSystem {
  const base = baseUrl.replace(/\/$/, '');
  const auth = { authorization: `Bearer ${apiKey}` };
  const call = (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {}) =>
    requestJson('review system', `${base}${path}`, { ...init, headers: { ...auth, ...init.headers } });

  return {
    async listApplicants() {
      const { body } = await call(REVIEW_ROUTES.listApplicants);
      return listApplicantsResponse.parse(body).applicants;
    },
    async listFilings(applicantId) {
      try {
        const { body } = await call(reviewPath(REVIEW_ROUTES.listFilings, { applicantId }));
        return listFilingsResponse.parse(body);
      } catch (err) {
        if (err instanceof UpstreamError && err.status === 404) return [];
        throw err;
      }
    },
    async domainFacts(domain) {
      try {
        const { body } = await call(reviewPath(REVIEW_ROUTES.domainFacts, { domain }));
        return domainFacts.parse(body);
      } catch (err) {
        if (err instanceof UpstreamError && err.status === 404) return null;
        throw err;
      }
    },
    async createSubmission(request, idempotencyKey) {
      const { body } = await call(REVIEW_ROUTES.createSubmission, {
        method: 'POST',
        body: request,
        headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
        timeoutMs: 30000,
      });
      return submissionAccepted.parse(body);
    },
    async getSubmission(submissionId) {
      const { body } = await call(reviewPath(REVIEW_ROUTES.getSubmission, { submissionId }));
      return submissionState.parse(body);
    },
    async withdrawSubmission(submissionId) {
      const { body } = await call(reviewPath(REVIEW_ROUTES.withdrawSubmission, { submissionId }), { method: 'POST', body: {} });
      return submissionState.parse(body);
    },
    async ping() {
      try {
        await call(REVIEW_ROUTES.listApplicants, { timeoutMs: 2000 });
        return true;
      } catch {
        return false;
      }
    },
  };
}
