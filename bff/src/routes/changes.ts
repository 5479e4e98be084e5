// Change routes at the contract's paths, each read top-down: validate → authorize (the owned change, loaded once) →
// call a service → shape the reply. Bodies are validated with the contract's schemas.
import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { z } from 'zod';
import type { changeSummary } from '../../../shared/contracts/api';
import { BFF_ROUTES as R, bffPath } from '../../../shared/contracts/bffRoutes';
import { IDEMPOTENCY_KEY_HEADER } from '../../../shared/contracts/reviewSystem';
import type { ChangeDraft } from '../../../shared/domain/change';
import { validate } from '../middleware/validate';
import { ownedChange, type ChangeState } from '../middleware/ownedChange';
import type { BffState } from '../middleware/state';
import { etagOf, parseIfMatch, type ChangeService } from '../services/changeService';
import type { SmsService } from '../services/smsService';
import type { ChecksService } from '../services/checksService';
import type { SubmitService } from '../services/submitService';
import type { ProgressService } from '../services/progressService';
import type { DraftPresenter } from '../materials/previews';
import { AppError } from '../errors';

export interface ChangeRouteDeps {
  changes: ChangeService;
  sms: SmsService;
  checks: ChecksService;
  submit: SubmitService;
  progress: ProgressService;
  /** Every draft answered (the 412's `current` too) carries its replaced materials' previews, signed now. */
  present: DraftPresenter;
}

/** The state of a route that names a change and carries a body of schema `S`. */
type WithBody<S extends z.ZodType> = ChangeState & { body: z.infer<S> };

function summary(d: ChangeDraft): z.infer<typeof changeSummary> {
  return {
    id: d.id,
    filingId: d.filingId,
    websiteId: d.websiteId,
    websiteName: d.form.name || d.base.website.name,
    status: d.status,
    version: d.version,
    updatedAt: d.updatedAt,
    expiresAt: d.expiresAt,
  };
}

/**
 * The autosave (PATCH of a change) after the session: ownership at the If-Match version, the body, the save. Exported
 * for app.ts, which serves this hottest route ahead of the routers (middleware/hotRoute.ts) with the same chain.
 */
export function autosaveHandlers({ changes, present }: Pick<ChangeRouteDeps, 'changes' | 'present'>): Middleware<BffState>[] {
  // Autosave names the version it edits (If-Match): it may start from the in-process copy at that version, so a save
  // is one round trip (the commit script checks the version before writing; see stores/recentDrafts.ts).
  const ownedAtIfMatch = ownedChange(changes.load);
  const handle: Middleware<WithBody<typeof R.patchChange.body>> = async (ctx) => {
    try {
      const { draft, json, problems } = await changes.patch(ctx.state.change, parseIfMatch(ctx.get('if-match') || undefined), ctx.state.body);
      ctx.set('ETag', etagOf(draft));
      if (Object.keys(draft.materials).length === 0) {
        // `{ draft, problems }` around the draft's text as it was stored (serialised once per save).
        ctx.type = 'application/json';
        ctx.body = `{"draft":${json},"problems":${JSON.stringify(problems)}}`;
      } else {
        // Uploaded photos get preview links signed for this answer, which the stored bytes cannot carry.
        ctx.body = { draft: present(draft), problems };
      }
    } catch (err) {
      // A 412 carries the saved draft: its ETag lets the client retry on top of it.
      const current = (err as { extra?: { current?: ChangeDraft } }).extra?.current;
      if (!current || !(err instanceof AppError)) throw err;
      ctx.set('ETag', etagOf(current));
      throw err.withExtra({ current: present(current) });
    }
  };
  return [ownedAtIfMatch<WithBody<typeof R.patchChange.body>>(R.patchChange), validate(R.patchChange.body), handle] as Middleware<BffState>[];
}

/** The progress read after the session (served ahead of the routers too: the progress page polls it). */
export function progressHandlers({ changes, progress }: Pick<ChangeRouteDeps, 'changes' | 'progress'>): Middleware<BffState>[] {
  const owned = ownedChange((applicantId, id) => changes.load(applicantId, id));
  const handle: Middleware<ChangeState> = async (ctx) => {
    ctx.body = await progress.progress(ctx.state.change);
  };
  return [owned(R.getProgress), handle] as Middleware<BffState>[];
}

export function changeRoutes({ changes, sms, checks, submit, progress, present }: ChangeRouteDeps): Router<BffState> {
  const router = new Router<BffState>();
  const owned = ownedChange((applicantId, id) => changes.load(applicantId, id));

  router.post(R.createChange.path, validate(R.createChange.body), async (ctx) => {
    const { created, draft } = await changes.create(ctx.state.applicantId, ctx.state.body.filingId, ctx.state.body.websiteId);
    ctx.status = created ? 201 : 200;
    ctx.set('ETag', etagOf(draft));
    if (created) ctx.set('Location', bffPath('getChange', { id: draft.id }));
    ctx.body = present(draft);
  });

  router.get(R.listChanges.path, async (ctx) => {
    ctx.body = { changes: (await changes.list(ctx.state.applicantId)).map(summary) };
  });

  router.get(R.getChange.path, owned(R.getChange), (ctx) => {
    ctx.set('ETag', etagOf(ctx.state.change));
    ctx.body = present(ctx.state.change);
  });

  router.patch(R.patchChange.path, ...autosaveHandlers({ changes, present }));

  router.post(R.sendSms.path, owned<WithBody<typeof R.sendSms.body>>(R.sendSms), validate(R.sendSms.body), async (ctx) => {
    ctx.status = 202;
    ctx.body = await sms.send(ctx.state.change, ctx.state.body.phone, ctx.ip);
  });

  router.post(R.verifySms.path, owned<WithBody<typeof R.verifySms.body>>(R.verifySms), validate(R.verifySms.body), async (ctx) => {
    const { draft, body } = await sms.verify(ctx.state.change, ctx.state.body.phone, ctx.state.body.code);
    // Verifying a phone writes the draft: hand back the new ETag so the next autosave is not refused as stale.
    ctx.set('ETag', etagOf(draft));
    ctx.body = body;
  });

  router.get(R.getChecks.path, owned(R.getChecks), async (ctx) => {
    ctx.body = await checks.run(ctx.state.change);
  });

  router.post(R.submit.path, owned<WithBody<typeof R.submit.body>>(R.submit), validate(R.submit.body), async (ctx) => {
    ctx.status = 202;
    ctx.body = await submit.submit(ctx.state.change, ctx.get(IDEMPOTENCY_KEY_HEADER) || undefined, ctx.state.body);
  });

  router.post(R.withdraw.path, owned(R.withdraw), async (ctx) => {
    const draft = await changes.withdraw(ctx.state.change);
    ctx.set('ETag', etagOf(draft));
    ctx.body = present(draft);
  });

  router.post(R.discardChange.path, owned(R.discardChange), async (ctx) => {
    const draft = await changes.discard(ctx.state.change);
    ctx.set('ETag', etagOf(draft));
    ctx.body = draft;
  });

  router.get(R.getProgress.path, ...progressHandlers({ changes, progress }));

  router.post(R.addSubscriptions.path, owned<WithBody<typeof R.addSubscriptions.body>>(R.addSubscriptions), validate(R.addSubscriptions.body), async (ctx) => {
    ctx.body = await progress.subscribe(ctx.state.change, ctx.state.body.templateIds);
  });

  return router;
}
