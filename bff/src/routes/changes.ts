// Change routes: thin handlers (validate → call a service → shape the reply); ownership is enforced by the services,
// which only ever look under the session's applicant (anything else is 404).
import Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import {
  createChangeRequest,
  patchChangeRequest,
  smsSendRequest,
  smsVerifyRequest,
  subscriptionsRequest,
  type changeSummary,
} from '../../../shared/contracts/api';
import type { ChangeDraft } from '../../../shared/domain/change';
import { validate } from '../middleware/validate';
import type { BffState } from '../middleware/state';
import { etagOf, parseIfMatch, type ChangeService } from '../services/changeService';
import type { SmsService } from '../services/smsService';
import type { ChecksService } from '../services/checksService';
import type { SubmitService } from '../services/submitService';
import type { ChangeStore } from '../stores/changeStore';
import type { NotificationStore } from '../stores/notificationStore';
import { IDEMPOTENCY_KEY_HEADER } from '../../../shared/contracts/reviewSystem';

export interface ChangeRouteDeps {
  changes: ChangeService;
  sms: SmsService;
  checks: ChecksService;
  submit: SubmitService;
  store: ChangeStore;
  notifications: NotificationStore;
}

const MIIT_INSTRUCTIONS = '工信部将向网站负责人发送核验短信，请在截止时间前按短信提示回复验证码、手机号码和证件号码后6位；超时或输错5次将退回备案。';

/** Lenient on purpose: `agreed: false` or missing is reported with every other unmet condition, not alone. */
const submitBody = z.object({ agreed: z.boolean().optional() }).strict();

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

export function changeRoutes(deps: ChangeRouteDeps): Router<BffState> {
  const { changes } = deps;
  const router = new Router<BffState>({ prefix: '/changes' });

  /**
   * Ownership (404) before anything about the body: a stranger learns nothing from a 422 or 428. Typed for any state
   * so it can sit in front of validate(), which widens the state with the parsed body.
   */
  const ownedChange = <T extends BffState>(): Middleware<T, { params: Record<string, string> }> => async (ctx, next) => {
    await changes.load(ctx.state.applicantId, ctx.params.id);
    await next();
  };

  router.post('/', validate(createChangeRequest), async (ctx) => {
    const { created, draft } = await changes.create(ctx.state.applicantId, ctx.state.body.filingId, ctx.state.body.websiteId);
    ctx.status = created ? 201 : 200;
    ctx.set('ETag', etagOf(draft));
    if (created) ctx.set('Location', `/api/changes/${draft.id}`);
    ctx.body = draft;
  });

  router.get('/', async (ctx) => {
    ctx.body = { changes: (await changes.list(ctx.state.applicantId)).map(summary) };
  });

  router.get('/:id', async (ctx) => {
    const draft = await changes.load(ctx.state.applicantId, ctx.params.id);
    ctx.set('ETag', etagOf(draft));
    ctx.body = draft;
  });

  router.patch('/:id', ownedChange<BffState & { body: z.infer<typeof patchChangeRequest> }>(), validate(patchChangeRequest), async (ctx) => {
    try {
      const { draft, problems } = await changes.patch(ctx.state.applicantId, ctx.params.id, parseIfMatch(ctx.get('if-match') || undefined), ctx.state.body);
      ctx.set('ETag', etagOf(draft));
      ctx.body = { draft, problems };
    } catch (err) {
      const current = (err as { extra?: { current?: ChangeDraft } }).extra?.current;
      if (current) ctx.set('ETag', etagOf(current));
      throw err;
    }
  });

  router.post('/:id/sms', ownedChange<BffState & { body: z.infer<typeof smsSendRequest> }>(), validate(smsSendRequest), async (ctx) => {
    ctx.status = 202;
    ctx.body = await deps.sms.send(ctx.state.applicantId, ctx.params.id, ctx.state.body.phone);
  });

  router.post('/:id/sms/verify', ownedChange<BffState & { body: z.infer<typeof smsVerifyRequest> }>(), validate(smsVerifyRequest), async (ctx) => {
    const { draft, body } = await deps.sms.verify(ctx.state.applicantId, ctx.params.id, ctx.state.body.phone, ctx.state.body.code);
    // Verifying a phone writes the draft: hand back the new ETag so the next autosave is not refused as stale.
    ctx.set('ETag', etagOf(draft));
    ctx.body = body;
  });

  router.get('/:id/checks', async (ctx) => {
    const draft = await changes.load(ctx.state.applicantId, ctx.params.id);
    ctx.body = await deps.checks.run(draft);
  });

  router.post('/:id/submit', ownedChange<BffState & { body: z.infer<typeof submitBody> }>(), validate(submitBody), async (ctx) => {
    ctx.status = 202;
    ctx.body = await deps.submit.submit(ctx.state.applicantId, ctx.params.id, ctx.get(IDEMPOTENCY_KEY_HEADER) || undefined, ctx.state.body.agreed === true);
  });

  router.post('/:id/withdraw', async (ctx) => {
    const relayed = await deps.store.relayedSubmission(ctx.state.applicantId, ctx.params.id);
    const draft = await changes.load(ctx.state.applicantId, ctx.params.id);
    const current = relayed && relayed.submissionNo === draft.submissionCount ? relayed.reviewSubmissionId : null;
    const after = await changes.withdraw(ctx.state.applicantId, ctx.params.id, current);
    ctx.set('ETag', etagOf(after));
    ctx.body = after;
  });

  router.get('/:id/progress', async (ctx) => {
    const draft = await changes.load(ctx.state.applicantId, ctx.params.id);
    const [timeline, deadline, subscriptionsLeft] = await Promise.all([
      deps.store.timeline(draft.applicantId, draft.id),
      deps.store.miitDeadline(draft.applicantId, draft.id),
      deps.notifications.grantsLeft(draft.applicantId, draft.id),
    ]);
    const miitPending = draft.status === 'authority_review' || draft.status === 'authority_pending';
    ctx.body = {
      changeId: draft.id,
      status: draft.status,
      timeline,
      miitCheck: miitPending && deadline ? { deadline, instructions: MIIT_INSTRUCTIONS } : null,
      subscriptionsLeft,
    };
  });

  router.post('/:id/subscriptions', ownedChange<BffState & { body: z.infer<typeof subscriptionsRequest> }>(), validate(subscriptionsRequest), async (ctx) => {
    const draft = await changes.load(ctx.state.applicantId, ctx.params.id);
    const subscriptionsLeft = await deps.notifications.addGrants(draft.applicantId, draft.id, ctx.state.body.templateIds);
    ctx.body = { subscriptionsLeft };
  });

  return router;
}
