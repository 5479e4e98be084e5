// Verification service (电子化核验): the API under /verification/v1 (bearer key), the page a person completes a task on
// (/v/:token, the link's token as credential) and the control routes tests use to pick the outcome or expire a task.
import Router from '@koa/router';
import { z } from 'zod';
import { VERIFICATION_API_PREFIX, createVerificationTaskRequest, verificationFailureReason } from '../../shared/contracts/verification';
import { readJson, requireBearer } from '../http';
import { verificationPage } from '../verificationPage';
import type { SandboxDeps } from './context';

const outcome = z.union([z.literal('pass'), verificationFailureReason]);
const completeRequest = z.object({ outcome }).strict();

export function verificationRouter(deps: SandboxDeps): Router {
  const desk = deps.verification;
  const router = new Router();

  const api = new Router({ prefix: VERIFICATION_API_PREFIX });
  api.use(async (ctx, next) => {
    requireBearer(ctx, deps.config.reviewApiKey, '核验服务');
    await next();
  });
  api.post('/tasks', async (ctx) => {
    const request = await readJson(ctx, createVerificationTaskRequest);
    ctx.status = 201;
    ctx.body = desk.create(request, null);
  });
  api.get('/tasks/:taskId', (ctx) => {
    desk.expireDue();
    ctx.body = desk.view(desk.find(ctx.params.taskId));
  });
  router.use(api.routes(), api.allowedMethods());

  // The page: what the verification mini-program shows, in a browser.
  router.get('/v/:token', (ctx) => {
    desk.expireDue();
    const task = desk.findByToken(ctx.params.token);
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = verificationPage(task);
  });
  router.post('/v/:token/complete', async (ctx) => {
    const body = await readJson(ctx, completeRequest, 4096);
    ctx.body = desk.complete(desk.findByToken(ctx.params.token), body.outcome);
  });

  // Control (tests, panel): list, pick the outcome, expire.
  router.get('/control/verification', (ctx) => {
    const changeId = typeof ctx.query.changeId === 'string' ? ctx.query.changeId : null;
    ctx.body = {
      tasks: deps.store.state.verificationTasks.filter((t) => !changeId || t.changeId === changeId).map((t) => ({ ...desk.view(t), mobile: t.mobile, name: t.name, idNumber: t.idNumber })),
    };
  });
  router.post('/control/verification/:taskId/complete', async (ctx) => {
    const body = await readJson(ctx, completeRequest, 4096);
    ctx.body = desk.complete(desk.find(ctx.params.taskId), body.outcome);
  });
  router.post('/control/verification/:taskId/expire', (ctx) => {
    ctx.body = desk.expire(desk.find(ctx.params.taskId));
  });
  return router;
}
