// One layer of the autosave for `BENCH_LAYERS=1 npm run bench` (bench/layers.ts): a Koa server answering every PATCH
// with a real autosave reply, doing the autosave's work up to layer LAYER and nothing above it, so that the CPU each
// layer adds over bare Koa can be read in one run. The layers, each including those before it:
//   0 bare Koa (the bench's baseline)        1 the BFF's JSON body reader
//   2 one Redis SET of the draft's text       3 the BFF's security headers and request log line (to /dev/null)
//   4 the form checked (zod), merged into the draft and serialised, the reply built from that text
//   5 the form rules (validateForm)
// The rest of the BFF's autosave (session, ownership, the commit script, the draft copy, the error handler, the hot
// route) is what separates layer 5 from the autosave row of the same run.
import { readFileSync } from 'node:fs';
import Koa from 'koa';
import Redis from 'ioredis';
import { jsonBody } from '../bff/src/middleware/jsonBody';
import { securityHeaders } from '../bff/src/middleware/securityHeaders';
import { requestContext } from '../bff/src/middleware/requestContext';
import { createLogger } from '../bff/src/logger';
import { REQUEST_REDIS_OPTIONS } from '../bff/src/redis';
import { mergeForm } from '../bff/src/services/changeService';
import { draftJson } from '../bff/src/stores/draftJson';
import { patchChangeRequest } from '../shared/contracts/api';
import { validateForm } from '../shared/rules/catalogue';
import type { ChangeDraft } from '../shared/domain/change';

const layer = Number(process.env.LAYER ?? 0);
const reply = readFileSync(process.env.BARE_BODY_FILE ?? '', 'utf8');
const stored = (JSON.parse(reply) as { draft: ChangeDraft }).draft;
const redis = layer >= 2 ? new Redis(process.env.REDIS_URL ?? '', REQUEST_REDIS_OPTIONS) : null;
const KEYS = 1000;

const app = new Koa();
app.use(async (ctx, next) => {
  if (ctx.path === '/healthz') ctx.body = { ok: true };
  else await next();
});
if (layer >= 3) {
  app.use(securityHeaders());
  app.use(requestContext(createLogger('info')));
}
if (layer >= 1) app.use(jsonBody({ limit: 256 * 1024 }));
let saves = 0;
app.use(async (ctx) => {
  saves += 1;
  let body = reply;
  if (layer >= 4) {
    const patch = patchChangeRequest.parse((ctx.request as { body?: unknown }).body);
    const form = mergeForm(stored, patch.form ?? {});
    const json = draftJson({ ...stored, form, version: stored.version + saves });
    const problems = layer >= 5 ? validateForm(stored.base, form, new Date()) : [];
    await redis?.set(`layer:${saves % KEYS}`, json);
    body = `{"draft":${json},"problems":${JSON.stringify(problems)}}`;
  } else if (redis) {
    await redis.set(`layer:${saves % KEYS}`, JSON.stringify(stored));
  }
  ctx.set('ETag', '"1"');
  ctx.type = 'application/json; charset=utf-8';
  ctx.body = body;
});
app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
// A normal exit on SIGTERM (a profile asked for with --cpu-prof is written then).
process.once('SIGTERM', () => process.exit(0));
