// Identity verification routes: a change's 负责人核验 list and (re)start under the applicant's session, and the
// verification service's signed completion callback (verified on the exact raw bytes, like review events).
import Router from '@koa/router';
import { BFF_ROUTES as R } from '../../../shared/contracts/bffRoutes';
import { VERIFICATION_SIGNATURE_HEADER, VERIFICATION_TIMESTAMP_HEADER } from '../../../shared/contracts/verification';
import { ownedChange, type ChangeState } from '../middleware/ownedChange';
import type { BffState } from '../middleware/state';
import { notFound } from '../errors';
import type { ChangeService } from '../services/changeService';
import type { VerificationService } from '../services/verificationService';

export function verificationRoutes(changes: ChangeService, verifications: VerificationService): Router<BffState> {
  const router = new Router<BffState>();
  const owned = ownedChange((applicantId, id) => changes.load(applicantId, id));

  router.get(R.listVerifications.path, owned(R.listVerifications), async (ctx) => {
    ctx.body = { verifications: await verifications.list(ctx.state.change) };
  });

  router.post(R.startVerification.path, owned<ChangeState>(R.startVerification), async (ctx) => {
    const role = R.startVerification.params.safeParse(ctx.params);
    if (!role.success) throw notFound('负责人');
    const { created, verification } = await verifications.start(ctx.state.change, role.data.role);
    ctx.status = created ? 201 : 200;
    ctx.body = verification;
  });
  return router;
}

/** The callback route: no session; the signature over the raw body is the credential. */
export function verificationEventRoutes(verifications: VerificationService, ownerOf: (changeId: string) => Promise<string | null>): Router<BffState> {
  const router = new Router<BffState>();
  router.post(R.verificationEvents.path, async (ctx) => {
    const raw = (ctx.request as unknown as { rawBody?: string }).rawBody ?? '';
    const outcome = await verifications.handle(raw, ctx.get(VERIFICATION_TIMESTAMP_HEADER) || undefined, ctx.get(VERIFICATION_SIGNATURE_HEADER) || undefined, ownerOf);
    ctx.body = { ok: true, outcome };
  });
  return router;
}
