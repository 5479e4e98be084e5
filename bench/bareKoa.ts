// Baseline for `npm run bench`: a bare Koa handler answering every request with the bytes of a real autosave reply
// (no auth, no parsing, no validation, no Redis) — what Node + Koa alone cost on this machine.
import { readFileSync } from 'node:fs';
import Koa from 'koa';

const body = readFileSync(process.env.BARE_BODY_FILE ?? '', 'utf8');
const app = new Koa();
app.use(async (ctx) => {
  if (ctx.path === '/healthz') {
    ctx.body = { ok: true };
    return;
  }
  ctx.set('ETag', '"1"');
  ctx.type = 'application/json; charset=utf-8';
  ctx.body = body;
});
app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
// A normal exit on SIGTERM, so that a profile asked for with BENCH_BARE_NODE_ARGS="--cpu-prof …" is written.
process.once('SIGTERM', () => process.exit(0));
