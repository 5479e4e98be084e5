// The change's pre-filled 《网站备案信息真实性核验单》 as a PDF: owner only (another applicant's id is 404 like every
// change route), never cached (it carries names, phones and the masked ID numbers of the principals).
import Router from '@koa/router';
import { BFF_ROUTES as R } from '../../../shared/contracts/bffRoutes';
import { chinaDate } from '../../../shared/rules/dates';
import type { ChangeDraft } from '../../../shared/domain/change';
import { VERIFICATION_FORM_TITLE } from '../documents/verificationForm';
import type { VerificationFormRenderer } from '../documents/verificationFormPdf';
import { ownedChange } from '../middleware/ownedChange';
import type { BffState } from '../middleware/state';

export interface VerificationFormRouteDeps {
  load: (applicantId: string, changeId: string) => Promise<ChangeDraft>;
  renderer: VerificationFormRenderer;
  now: () => Date;
}

/** `attachment` with an ASCII name for old clients and the Chinese one (RFC 6266 `filename*`) for the rest. */
export const VERIFICATION_FORM_DISPOSITION = `attachment; filename="verification-form.pdf"; filename*=UTF-8''${encodeURIComponent(`${VERIFICATION_FORM_TITLE}.pdf`)}`;

export function verificationFormRoutes({ load, renderer, now }: VerificationFormRouteDeps): Router<BffState> {
  const router = new Router<BffState>();
  const owned = ownedChange((applicantId, id) => load(applicantId, id));
  router.get(R.verificationFormPdf.path, owned(R.verificationFormPdf), async (ctx) => {
    // Dated the day it is printed (Beijing calendar), with the change's values as they are now.
    const pdf = await renderer.render(ctx.state.change, chinaDate(now()));
    ctx.set('Cache-Control', 'private, no-store');
    ctx.set('Content-Disposition', VERIFICATION_FORM_DISPOSITION);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.type = 'application/pdf';
    ctx.body = pdf;
  });
  return router;
}
