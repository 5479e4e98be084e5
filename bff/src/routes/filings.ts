// GET /api/filings: the applicant's filed entity and websites.
import Router from '@koa/router';
import type { BffState } from '../middleware/state';
import type { FilingService } from '../services/filingService';

export function filingRoutes(filings: FilingService): Router<BffState> {
  const router = new Router<BffState>({ prefix: '/filings' });
  router.get('/', async (ctx) => {
    ctx.body = { filings: await filings.list(ctx.state.applicantId) };
  });
  return router;
}
