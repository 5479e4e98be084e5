// Review-system API (/review/v1): applicants, filings, domain facts, submissions and withdrawal, behind a bearer key.
import Router from '@koa/router';
import { IDEMPOTENCY_KEY_HEADER, REVIEW_API_PREFIX, REVIEW_SUBMISSION_MAX_BODY_BYTES, idempotencyKey, submissionRequest } from '../../shared/contracts/reviewSystem';
import type { Filing } from '../../shared/domain/filing';
import { lookupDomain } from '../facts';
import { parseWith, readJson, requireBearer } from '../http';
import { DeskError, ReviewDesk } from '../reviewDesk';
import { absoluteUrl, type SandboxDeps } from './context';

/** A filing as the API shows it: material image paths made absolute. */
export function publicFiling(deps: SandboxDeps, filing: Filing): Filing {
  return {
    ...filing,
    websites: filing.websites.map((w) => ({ ...w, materials: w.materials.map((m) => ({ ...m, imageUrl: absoluteUrl(deps, m.imageUrl) })) })),
  };
}

export function reviewRouter(deps: SandboxDeps): Router {
  const router = new Router({ prefix: REVIEW_API_PREFIX });
  router.use(async (ctx, next) => {
    requireBearer(ctx, deps.config.reviewApiKey, '审核系统');
    await next();
  });

  router.get('/applicants', (ctx) => {
    ctx.body = { applicants: deps.store.state.applicants };
  });

  router.get('/applicants/:applicantId/filings', (ctx) => {
    const { applicantId } = ctx.params;
    if (!deps.store.state.applicants.some((a) => a.applicantId === applicantId)) {
      throw new DeskError(404, 'not_found', `未找到申请人“${applicantId}”，请确认申请人编号`);
    }
    ctx.body = deps.store.state.filings.filter((f) => f.applicantId === applicantId).map((f) => publicFiling(deps, f));
  });

  router.get('/domains/:domain', (ctx) => {
    const facts = lookupDomain(deps.store.state.domains, ctx.params.domain);
    if (!facts) throw new DeskError(404, 'not_found', `未找到域名“${ctx.params.domain}”的注册信息，请确认域名拼写`);
    ctx.body = facts;
  });

  router.post('/submissions', async (ctx) => {
    const key = ctx.get(IDEMPOTENCY_KEY_HEADER);
    if (!key) throw new DeskError(400, 'bad_request', '缺少 Idempotency-Key 请求头：同一次提交的每次重试都应携带同一个键');
    parseWith(idempotencyKey, key);
    const request = await readJson(ctx, submissionRequest, REVIEW_SUBMISSION_MAX_BODY_BYTES);
    const result = await deps.desk.accept(key, request);
    ctx.status = result.status;
    if (result.replayed) ctx.set('Idempotent-Replayed', 'true');
    ctx.body = result.body;
  });

  router.get('/submissions/:submissionId', (ctx) => {
    ctx.body = ReviewDesk.view(deps.desk.findSubmission(ctx.params.submissionId));
  });

  router.post('/submissions/:submissionId/withdraw', (ctx) => {
    ctx.body = deps.desk.withdraw(ctx.params.submissionId);
  });

  return router;
}
