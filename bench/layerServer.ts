// One layer of the autosave for `BENCH_LAYERS=1 npm run bench` (bench/layers.ts): a Koa server answering every PATCH
// with a real autosave reply, doing the autosave's work up to layer LAYER and nothing above it, so that the CPU each
// layer adds over bare Koa can be read in one run. The layers, each including those before it:
//   0 bare Koa (the bench's baseline)        1 the BFF's JSON body reader
//   2 one Redis SET of the draft's text       3 the BFF's security headers and request log line (to /dev/null)
//   4 the form checked (zod), merged into the draft and serialised, the reply built from that text
//   5 the form rules (validateForm)         6 the write through the store's commit script (changeStore.commit:
//                                            EVALSHA compare-and-set, the draft copy) instead of a plain SET
// The rest of the BFF's autosave (session, ownership, the hot route, the error handler, the change service's own
// checks) is what separates layer 6 from the autosave row of the same run.
import { readFileSync } from 'node:fs';
import Koa from 'koa';
import Redis from 'ioredis';
import { jsonBody } from '../bff/src/middleware/jsonBody';
import { securityHeaders } from '../bff/src/middleware/securityHeaders';
import { requestContext } from '../bff/src/middleware/requestContext';
import { createLogger } from '../bff/src/logger';
import { REQUEST_REDIS_OPTIONS, whenReady } from '../bff/src/redis';
import { mergeForm } from '../bff/src/services/changeService';
import { draftJson, serializeDraft } from '../bff/src/stores/draftJson';
import { createChangeStore } from '../bff/src/stores/changeStore';
import { keys, TTL } from '../bff/src/stores/keys';
import { patchChangeRequest } from '../shared/contracts/api';
import { validateForm } from '../shared/rules/catalogue';
import type { ChangeDraft } from '../shared/domain/change';

const layer = Number(process.env.LAYER ?? 0);
const reply = readFileSync(process.env.BARE_BODY_FILE ?? '', 'utf8');
const stored = (JSON.parse(reply) as { draft: ChangeDraft }).draft;
const redis = layer >= 2 ? new Redis(process.env.REDIS_URL ?? '', REQUEST_REDIS_OPTIONS) : null;
const KEYS = 1000;
/** Layer 6 writes KEYS drafts of the reply's applicant in turn, each at the version it was last written at. */
const store = layer >= 6 && redis ? createChangeStore(redis) : null;
const idOf = (k: number) => `chg_layer${String(k).padStart(6, '0')}`;
const versions = new Array<number>(KEYS).fill(stored.version);
async function seed(): Promise<void> {
  if (!redis || !store) return;
  // The request connection does not queue commands while it connects (REQUEST_REDIS_OPTIONS).
  if (!(await whenReady(redis, 5000))) throw new Error('layer 6: Redis is not reachable');
  const pipe = redis.pipeline();
  for (let k = 0; k < KEYS; k += 1) pipe.set(keys.change(stored.applicantId, idOf(k)), serializeDraft({ ...stored, id: idOf(k) }), 'EX', TTL.change);
  const failed = (await pipe.exec())?.find(([err]) => err);
  if (failed) throw failed[0] as Error;
}

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
    const problems = layer >= 5 ? validateForm(stored.base, form, new Date()) : [];
    let json: string;
    if (store) {
      const k = saves % KEYS;
      const expected = versions[k];
      versions[k] = expected + 1;
      // Same updatedAt as the stored draft: the day's later saves, which do not refresh the sibling keys' TTL.
      const result = await store.commit({ ...stored, id: idOf(k), form, version: expected + 1 }, { version: expected, updatedAt: stored.updatedAt });
      if (result.outcome !== 'ok') throw new Error(`layer 6: commit ${result.outcome}`);
      json = result.json;
    } else {
      json = draftJson({ ...stored, form, version: stored.version + saves });
      await redis?.set(`layer:${saves % KEYS}`, json);
    }
    body = `{"draft":${json},"problems":${JSON.stringify(problems)}}`;
  } else if (redis) {
    await redis.set(`layer:${saves % KEYS}`, JSON.stringify(stored));
  }
  ctx.set('ETag', '"1"');
  ctx.type = 'application/json; charset=utf-8';
  ctx.body = body;
});
void seed().then(() => app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1'));
// A normal exit on SIGTERM (a profile asked for with --cpu-prof is written then).
process.once('SIGTERM', () => process.exit(0));
