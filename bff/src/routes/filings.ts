// GET /api/filings: the applicant's filed entity and websites; GET …/websites/:websiteId/blockers: what already blocks
// a change of one of them (domain expiry, non-fileable suffix, footer, ID expiring), before any change exists.
import Router from '@koa/router';
import { BFF_ROUTES } from '../../../shared/contracts/bffRoutes';
import { notFound } from '../errors';
import type { BffState } from '../middleware/state';
import type { ChecksService } from '../services/checksService';
import type { FilingService } from '../services/filingService';

export function filingRoutes(filings: FilingService, checks: ChecksService): Router<BffState> {
  const router = new Router<BffState>();
  router.get(BFF_ROUTES.listFilings.path, async (ctx) => {
    ctx.body = { filings: await filings.list(ctx.state.applicantId) };
  });
  router.get(BFF_ROUTES.websiteBlockers.path, async (ctx) => {
    const params = BFF_ROUTES.websiteBlockers.params.safeParse(ctx.params);
    if (!params.success) throw notFound('备案网站');
    const { filing, website } = await filings.website(ctx.state.applicantId, params.data.filingId, params.data.websiteId);
    ctx.body = { blockers: await checks.websiteBlockers(filing, website), checkedAt: new Date().toISOString() };
  });
  return router;
}
