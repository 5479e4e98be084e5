// Ownership of the change a path names, decided once per request: the draft is loaded under the session's applicant
// and put on ctx.state.change for the service; another applicant's id, or one that cannot exist, is 404 — before
// anything about the body is looked at, so a stranger learns nothing from a 422 or 428.
import type { Middleware } from 'koa';
import type { z } from 'zod';
import type { ChangeDraft } from '../../../shared/domain/change';
import { notFound } from '../errors';
import { parseIfMatch } from '../services/changeService';
import type { BffState } from './state';

export type ChangeState = BffState & { change: ChangeDraft };

/**
 * `route` is the contract route (its `params` schema says what an id looks like); `S` is the handler's full state.
 * `load` gets the request's If-Match version too (null when absent or malformed): a write that names the version it
 * edits may start from the BFF's in-process copy of the draft (changeService's load).
 */
export function ownedChange(load: (applicantId: string, changeId: string, ifMatch: number | null) => Promise<ChangeDraft>) {
  return <S extends ChangeState = ChangeState>(route: { params: z.ZodType<{ id: string }> }): Middleware<S, { params: Record<string, string> }> =>
    async (ctx, next) => {
      const params = route.params.safeParse(ctx.params);
      if (!params.success) throw notFound('变更');
      ctx.state.change = await load(ctx.state.applicantId, params.data.id, parseIfMatch(ctx.get('if-match') || undefined));
      await next();
    };
}
