// Reviewer's control endpoints (/control) behind the panel and the tests: list submissions, decide a stage, reset, outboxes.
import Router from '@koa/router';
import { rmSync, mkdirSync } from 'node:fs';
import { z } from 'zod';
import { reviewReason } from '../../shared/domain/change';
import { EVENT_LABELS, MATERIAL_SLOTS, SUBMISSION_STATUS_LABELS, deliveryErrorLabel } from '../labels';
import { FIELD_LABELS, fieldLabel, slotLabel } from '../../shared/rules/labels';
import { readJson } from '../http';
import { ReviewDesk } from '../reviewDesk';
import type { StoredSubmission } from '../store';
import { absoluteUrl, type SandboxDeps } from './context';

export const decideRequest = z
  .object({
    stage: z.enum(['initial', 'authority']),
    decision: z.enum(['pass', 'reject', 'start', 'auto']),
    reasons: z.array(reviewReason).max(50).default([]),
  })
  .strict();

export const refusalRequest = z.object({ openid: z.string().min(1), templateId: z.string().min(1).optional() }).strict();

/** What the panel shows of a submission. */
export function panelView(deps: SandboxDeps, submission: StoredSubmission) {
  const { filing, website } = deps.desk.websiteOf(submission);
  const applicant = deps.store.state.applicants.find((a) => a.applicantId === submission.applicantId);
  const stage = submission.status === 'received' ? 'initial' : submission.status === 'initial_passed' || submission.status === 'authority_started' ? 'authority' : 'done';
  return {
    ...ReviewDesk.view(submission),
    statusLabel: SUBMISSION_STATUS_LABELS[submission.status],
    stage,
    applicantName: applicant?.name ?? submission.applicantId,
    entityKind: filing.entity.kind,
    province: filing.entity.province,
    websiteName: website.name,
    websiteFilingNumber: website.websiteFilingNumber,
    form: submission.form,
    /** The identity verifications the submission names, each with the status the verification service holds. */
    verifications: (submission.verifications ?? []).map((v) => ({ ...v, status: deps.store.state.verificationTasks.find((t) => t.taskId === v.taskId)?.status ?? 'unknown' })),
    diff: submission.diff.map((d) => ({ ...d, label: fieldLabel(d.path) })),
    materials: submission.materials.map((m) => ({
      slot: m.slot,
      label: slotLabel(m.slot),
      width: m.width,
      height: m.height,
      bytes: m.bytes,
      imageUrl: absoluteUrl(deps, `/files/${m.imageId}.jpg`),
    })),
    /** What the automatic reviewer would reject for (initial stage only), to pre-fill a rejection. */
    findings: submission.status === 'received' ? deps.desk.findings(submission) : [],
    autoStepAt: deps.config.autoReview === 'on' ? submission.autoStepAt : null,
    deliveries: deps.store.state.deliveries
      .filter((d) => d.submissionId === submission.submissionId)
      .map((d, _i, all) => {
        const event = submission.events.find((e) => e.eventId === d.eventId);
        const queued = d.deliveredAt === null && all.some((e) => e.url === d.url && e.deliveredAt === null && e.sequence < d.sequence);
        return {
          eventId: d.eventId,
          sequence: d.sequence,
          eventLabel: event ? EVENT_LABELS[event.type] : '',
          url: d.url,
          attempts: d.attempts,
          lastStatus: d.lastStatus,
          lastError: deliveryErrorLabel(d.lastError),
          /** Waiting for an earlier event of the same submission to be delivered first. */
          queued,
          deliveredAt: d.deliveredAt,
          nextAttemptAt: d.nextAttemptAt,
        };
      }),
  };
}

/** Whether a mail went to `address`: an envelope recipient, or an address inside its To header. */
function mailedTo(mail: { envelopeTo: string[]; to: string }, address: string): boolean {
  const wanted = address.trim().toLowerCase();
  const inHeader = (mail.to.toLowerCase().match(/[^\s<>,;"]+@[^\s<>,;"]+/g) ?? ([] as string[])).includes(wanted);
  return mail.envelopeTo.includes(wanted) || inHeader;
}

export function controlRouter(deps: SandboxDeps, hostMap: () => string): Router {
  const router = new Router();

  router.get('/control/submissions', (ctx) => {
    const submissions = [...deps.store.state.submissions].reverse().map((s) => panelView(deps, s));
    ctx.body = { submissions };
  });

  router.get('/control/submissions/:submissionId', (ctx) => {
    ctx.body = panelView(deps, deps.desk.findSubmission(ctx.params.submissionId));
  });

  router.post('/control/submissions/:submissionId/decide', async (ctx) => {
    const { stage, decision, reasons } = await readJson(ctx, decideRequest);
    ctx.body = panelView(deps, deps.desk.decide(ctx.params.submissionId, stage, decision, reasons));
  });

  router.get('/control/deliveries', (ctx) => {
    ctx.body = { deliveries: deps.store.state.deliveries };
  });

  router.get('/control/targets', (ctx) => {
    ctx.body = {
      fields: Object.entries(FIELD_LABELS).map(([path, label]) => ({ path, label })),
      materials: MATERIAL_SLOTS.map((slot) => ({ path: slot, label: slotLabel(slot) })),
    };
  });

  router.post('/control/wechat/refusals', async (ctx) => {
    const { openid, templateId } = await readJson(ctx, refusalRequest);
    deps.store.update((state) => {
      state.wechat.refusals.push(templateId ? `${openid}:${templateId}` : openid);
    });
    ctx.body = { refusals: deps.store.state.wechat.refusals };
  });

  router.post('/control/reset', (ctx) => {
    rmSync(deps.store.filesDir, { recursive: true, force: true });
    mkdirSync(deps.store.filesDir, { recursive: true });
    deps.store.reset();
    ctx.body = { ok: true, seededAt: deps.store.state.seededAt };
  });

  router.get('/control/info', (ctx) => {
    const { config } = deps;
    ctx.body = {
      url: deps.publicUrl(),
      smtpPort: deps.smtpPort(),
      mode: config.mode,
      autoReview: config.autoReview,
      callbackUrl: config.callbackUrl ?? null,
      homepageHostMap: hostMap(),
      applicants: deps.store.state.applicants.map((a) => ({ ...a, demoCode: `demo-${a.applicantId}` })),
    };
  });

  // --- outboxes
  router.get('/outbox/sms', (ctx) => {
    const phone = typeof ctx.query.phone === 'string' ? ctx.query.phone : undefined;
    ctx.body = { messages: deps.store.state.outbox.sms.filter((m) => !phone || m.phone === phone) };
  });

  router.get('/outbox/mail', (ctx) => {
    const to = typeof ctx.query.to === 'string' ? ctx.query.to : undefined;
    ctx.body = { messages: deps.store.state.outbox.mail.filter((m) => !to || mailedTo(m, to)) };
  });

  router.get('/outbox/wechat', (ctx) => {
    const openid = typeof ctx.query.openid === 'string' ? ctx.query.openid : undefined;
    ctx.body = { messages: deps.store.state.outbox.wechat.filter((m) => !openid || m.touser === openid) };
  });

  return router;
}
