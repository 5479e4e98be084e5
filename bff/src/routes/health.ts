// /healthz: the process is up. /readyz: Redis and the review system answer (503 otherwise).
import Router from '@koa/router';
import type Redis from 'ioredis';
import { BFF_ROUTES } from '../../../shared/contracts/bffRoutes';
import type { ReviewSystem } from '../adapters/reviewSystem';
import type { BffState } from '../middleware/state';

export function healthRoutes(redis: Redis, reviewSystem: ReviewSystem): Router<BffState> {
  const router = new Router<BffState>();
  router.get(BFF_ROUTES.healthz.path, (ctx) => {
    ctx.body = { ok: true };
  });
  router.get(BFF_ROUTES.readyz.path, async (ctx) => {
    const [redisOk, reviewOk] = await Promise.all([
      redis.ping().then(
        () => true,
        () => false,
      ),
      reviewSystem.ping(),
    ]);
    ctx.status = redisOk && reviewOk ? 200 : 503;
    if (!redisOk || !reviewOk) ctx.set('Retry-After', '5');
    ctx.body = { ok: redisOk && reviewOk, redis: redisOk, reviewSystem: reviewOk };
  });
  return router;
}
