// GET /api/filings: the applicant's filed entity and websites.
import Router from '@koa/router';
import { BFF_ROUTES } from '../../../shared/contracts/bffRoutes';
import type { BffState } from '../middleware/state';
import type { FilingService } from '../services/filingService';

export function filingRoutes(filings: FilingService): Router<BffState> {
  const router = new Router<BffState>();
  router.get(BFF_ROUTES.listFilings.path, async (ctx) => {
    ctx.body = { filings: await filings.list(ctx.state.applicantId) };
  });
  return router;
}
