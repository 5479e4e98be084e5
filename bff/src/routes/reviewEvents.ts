// POST /api/review-events: the review system's signed callback (verified on the exact raw bytes).
import Router from '@koa/router';
import { BFF_ROUTES } from '../../../shared/contracts/bffRoutes';
import type { BffState } from '../middleware/state';
import type { ReviewEventService } from '../services/reviewEventService';
import { REVIEW_SIGNATURE_HEADER, REVIEW_TIMESTAMP_HEADER } from '../../../shared/contracts/reviewSystem';

export function reviewEventRoutes(events: ReviewEventService): Router<BffState> {
  const router = new Router<BffState>();
  // The body is not validated here: the signature covers the raw bytes, so the service checks it before parsing.
  router.post(BFF_ROUTES.reviewEvents.path, async (ctx) => {
    const raw = (ctx.request as unknown as { rawBody?: string }).rawBody ?? '';
    const outcome = await events.handle(raw, ctx.get(REVIEW_TIMESTAMP_HEADER) || undefined, ctx.get(REVIEW_SIGNATURE_HEADER) || undefined);
    ctx.body = { ok: true, outcome };
  });
  return router;
}
