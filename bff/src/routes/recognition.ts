// The recognition route: what OCR read from a material slot's photo and where it disagrees with the form
// (GET …/materials/:kind/recognition?subject=…). A change that is not the applicant's is 404, like every change route.
import Router from '@koa/router';
import { BFF_ROUTES as R } from '../../../shared/contracts/bffRoutes';
import { recognitionResponse } from '../../../shared/contracts/api';
import type { MaterialKind, MaterialSubject } from '../../../shared/domain/filing';
import { notFound, validationFailed } from '../errors';
import { SUBJECTS_BY_KIND } from '../materials/router';
import { ownedChange } from '../middleware/ownedChange';
import type { BffState } from '../middleware/state';
import type { ChangeService } from '../services/changeService';
import type { RecognitionService } from '../services/recognitionService';

/** Whose photo: `subject` as given, or the kind's only subject (the 核验单 is always the website's). */
function subjectOf(kind: MaterialKind, given: unknown): MaterialSubject {
  const allowed = SUBJECTS_BY_KIND[kind];
  const match = allowed.find((s) => s === given);
  if (match) return match;
  if (given === undefined && allowed.length === 1) return allowed[0];
  throw validationFailed([{ path: 'subject', message: `请指明这份材料属于谁：应为${allowed.join('或')}` }], '材料归属（subject）不正确');
}

export function recognitionRoutes(changes: ChangeService, recognitions: RecognitionService): Router<BffState> {
  const router = new Router<BffState>();
  const owned = ownedChange((applicantId, id) => changes.load(applicantId, id));
  router.get(R.materialRecognition.path, owned(R.materialRecognition), async (ctx) => {
    const params = R.materialRecognition.params.safeParse(ctx.params);
    if (!params.success) throw notFound('这份材料');
    const subject = subjectOf(params.data.kind, ctx.query.subject);
    // A poll: never cached, so the phone sees `pending` turn into the result.
    ctx.set('Cache-Control', 'no-store');
    ctx.body = recognitionResponse.parse(await recognitions.get(ctx.state.change, params.data.kind, subject));
  });
  return router;
}
