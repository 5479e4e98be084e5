// `npm run bench`: the autosave path and the progress read under autocannon (50 and 200 connections) beside a bare Koa
// handler and a raw ioredis SET measured in the same run, the photo pipeline, the weapp main package, and memory
// (BFF RSS after 100 000 saves across 10 000 drafts, Redis bytes per draft). Prints one table; ratios are the point.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon, { type AutocannonResult } from 'autocannon';
import Redis from 'ioredis';
import { freePort, startRedis } from '../testing/redis';
import { bffEnvForSandbox, startTestSandbox } from '../sandbox/testSupport';
import { startBffProcess } from '../bff/test/fault/bffProcess';
import { makeClient } from '../bff/test/harness';
import { keys, TTL } from '../bff/src/stores/keys';
import { benchPhoto } from '../scripts/bench-photo';
import { autosaveBesideRecognitions } from './ocrPhase';
import type { ChangeDraft } from '../shared/domain/change';

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const DRAFTS = Number(process.env.BENCH_DRAFTS ?? 10_000);
const SAVES = Number(process.env.BENCH_SAVES ?? 100_000);
const CONNECTIONS = [50, 200];

interface Row {
  name: string;
  connections: number | string;
  rps: number;
  p50: number;
  p99: number;
  p999: number;
  errors: number;
  note?: string;
}

const rows: Row[] = [];
const log = (line: string) => process.stdout.write(`${line}\n`);

function machine(): string {
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const nproc = spawnSync('nproc', { encoding: 'utf8' }).stdout.trim();
  const gib = (b: number) => `${(b / 1024 ** 3).toFixed(1)} GiB`;
  return `machine: ${nproc} cores (nproc), ${cpu}; memory ${gib(totalmem())} total, ${gib(freemem())} free; Node ${process.version}`;
}

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;

function fromAutocannon(name: string, connections: number, r: AutocannonResult, note?: string): Row {
  // 412s and other non-2xx answers are errors here: the bench is built so that every save should succeed.
  return { name, connections, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, p999: r.latency.p99_9, errors: r.errors + r.timeouts + r.non2xx, note };
}

/** Raw ioredis SET of the same draft JSON with `concurrency` commands in flight, for `seconds`. */
async function rawSet(url: string, json: string, concurrency: number, seconds: number): Promise<Row> {
  const redis = new Redis(url);
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const started = process.hrtime.bigint();
        n += 1;
        try {
          await redis.set(`bench:raw:${n % DRAFTS}`, json, 'EX', 3600);
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  redis.disconnect();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { name: 'raw ioredis SET (same JSON)', connections: concurrency, rps: latencies.length / seconds, p50: at(50), p99: at(99), p999: at(99.9), errors };
}

function table(): string {
  const header = ['path', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'p99.9 ms', 'errors', 'note'];
  const body = rows.map((r) => [
    r.name,
    String(r.connections),
    r.rps ? r.rps.toFixed(0) : '',
    r.p50 ? r.p50.toFixed(1) : '',
    r.p99 ? r.p99.toFixed(1) : '',
    r.p999 ? r.p999.toFixed(1) : '',
    r.rps ? String(r.errors) : '',
    r.note ?? '',
  ]);
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

async function main() {
  const started = Date.now();
  log(machine());
  const redis = await startRedis();
  const bffPort = await freePort();
  const sandbox = await startTestSandbox({ callbackUrl: `http://127.0.0.1:${bffPort}/api/review-events` });
  const dataDir = mkdtempSync(join(tmpdir(), 'bff-bench-'));
  const bff = await startBffProcess(
    {
      ...bffEnvForSandbox(sandbox),
      REDIS_URL: redis.url,
      REVIEW_SYSTEM_URL: sandbox.url,
      DATA_DIR: dataDir,
      STATIC_DIR: join(dataDir, 'none'),
      // Production logging: one JSON line per request (to /dev/null here).
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      // The bench's BFF receives no photos: its OCR workers would only add their models to the RSS figure below.
      OCR_ENABLED: 'false',
    },
    bffPort,
    // e.g. BENCH_BFF_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/bff-prof" to profile the BFF under load.
    { quiet: true, nodeArgs: (process.env.BENCH_BFF_NODE_ARGS ?? '').split(' ').filter(Boolean) },
  );
  const barePort = await freePort();
  const cleanup: (() => Promise<void>)[] = [async () => bff.kill('SIGTERM'), () => sandbox.dispose(), () => redis.stop(), async () => rmSync(dataDir, { recursive: true, force: true })];
  try {
    // One applicant session and one real draft through the API; then DRAFTS copies of it written straight to Redis
    // (the sandbox seeds 3 applicants, the PATCH path only needs drafts to exist under the session's applicant).
    const login = await makeClient(bff.url, null).post('/api/session', { code: 'demo-hangzhou-yunqi.bench' });
    const token = login.body.token as string;
    const client = makeClient(bff.url, token);
    const created = await client.post('/api/changes', { filingId: 'filing-zhe-yunqi', websiteId: 'site-yq-main' });
    const template = created.body as ChangeDraft;
    const timeline = (await client.get(`/api/changes/${template.id}/progress`)).body.timeline;
    const r = redis.client;
    const memBefore = Number(/used_memory:(\d+)/.exec(await r.info('memory'))?.[1]);
    const ids: string[] = [];
    for (let i = 0; i < DRAFTS; i += 500) {
      const pipe = r.pipeline();
      for (let j = i; j < Math.min(DRAFTS, i + 500); j += 1) {
        const id = `chg_bench${String(j).padStart(7, '0')}`;
        ids.push(id);
        pipe.set(keys.change(template.applicantId, id), JSON.stringify({ ...template, id }), 'EX', TTL.change);
        pipe.sadd(keys.changeIndex(template.applicantId), id);
        pipe.rpush(keys.timeline(template.applicantId, id), ...timeline.map((e: unknown) => JSON.stringify(e)));
        pipe.set(keys.changeOwner(id), template.applicantId, 'EX', TTL.change);
      }
      await pipe.exec();
    }
    const memSeeded = Number(/used_memory:(\d+)/.exec(await r.info('memory'))?.[1]);
    const oneDraftKey = keys.change(template.applicantId, ids[0]);

    // A realistic autosave body: the whole website form with a long note (~2 KB of JSON).
    const notes = '本网站为企业官网，提供公司介绍、产品与服务说明、新闻动态、招聘信息与联系方式等内容，不涉及前置审批类业务。'.repeat(12);
    const bodyFor = (n: number) => JSON.stringify({ form: { ...template.form, notes: `${notes}${n}` }, step: 'website' });
    const bodyBytes = Buffer.byteLength(bodyFor(0));
    const versions = new Map<string, number>(ids.map((id) => [id, template.version]));
    let saves = 0;
    /** Non-200 answers of the autosave runs by status (a 412 would mean the bench lost track of a version). */
    const refusals = new Map<number, number>();
    const refusalNote = () => {
      const parts = [...refusals].filter(([, n]) => n > 0).map(([status, n]) => `${n}×${status}`);
      refusals.clear();
      return parts.length ? `; refused: ${parts.join(', ')}` : '';
    };

    /**
     * Re-reads every draft's version from Redis: requests still in flight when autocannon stops a run land on the
     * server but their answers are never seen, so the next run would start from stale versions (412s).
     */
    const syncVersions = async () => {
      // autocannon resolves at the deadline, not when the server has finished what was sent: let that land first.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      for (let i = 0; i < ids.length; i += 500) {
        const batch = ids.slice(i, i + 500);
        const raws = await r.mget(...batch.map((id) => keys.change(template.applicantId, id)));
        raws.forEach((raw, j) => versions.set(batch[j], Number(/"version":(\d+)/.exec(raw ?? '')?.[1] ?? 0)));
      }
    };

    /**
     * Autosaves walk all drafts in turn, each with its current version: a draft comes round again only after DRAFTS
     * requests, far more than are ever in flight, so two saves of one draft never race. (autocannon resets the
     * per-connection context after every request, so the cursor is global.)
     */
    let cursor = 0;
    const autosave = () => ({
      method: 'PATCH',
      setupRequest(req: Record<string, unknown>, context: Record<string, unknown>) {
        const n = cursor++;
        const id = ids[n % ids.length];
        // Kept until this request's answer arrives (onResponse sees the same context).
        context.id = id;
        return {
          ...req,
          path: `/api/changes/${id}`,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': `"${versions.get(id)}"` },
          body: bodyFor(n),
        };
      },
      onResponse(status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) {
        const id = context.id as string;
        refusals.set(status, (refusals.get(status) ?? 0) + (status === 200 ? 0 : 1));
        if (status === 200) {
          saves += 1;
          // Raw header names: Koa sends "ETag".
          const etag = Object.entries(headers).find(([k]) => k.toLowerCase() === 'etag')?.[1] ?? '';
          versions.set(id, Number(String(etag).replace(/\D/g, '')));
        } else if (status === 412) {
          versions.set(id, Number(JSON.parse(body).current.version));
        }
      },
    });

    // The bytes a real autosave answers with, for the bare Koa baseline.
    const sample = await client.patch(`/api/changes/${template.id}`, JSON.parse(bodyFor(0)), { 'if-match': `"${template.version}"` });
    const bareFile = join(dataDir, 'bare-body.json');
    writeFileSync(bareFile, JSON.stringify(sample.body));
    const bare = await startBffProcess({ BARE_BODY_FILE: bareFile }, barePort, { quiet: true, entry: join('bench', 'bareKoa.ts') });
    cleanup.unshift(async () => bare.kill('SIGTERM'));
    const progressPaths = ids.slice(0, 1000).map((id) => `/api/changes/${id}/progress`);

    // Warm-up (JIT, connection pools) on every target.
    await autocannon({ url: bff.url, connections: 10, duration: 2, requests: [autosave()] });
    refusalNote();
    await autocannon({ url: bare.url, connections: 10, duration: 1, method: 'PATCH', body: bodyFor(0), headers: { 'content-type': 'application/json' } });

    for (const connections of CONNECTIONS) {
      await syncVersions();
      refusalNote();
      const patch = await autocannon({ url: bff.url, connections, duration: DURATION, timeout: 20, requests: [autosave()] });
      const bareRun = await autocannon({ url: bare.url, connections, duration: DURATION, method: 'PATCH', body: bodyFor(0), headers: { 'content-type': 'application/json' } });
      let p = 0;
      const progress = await autocannon({
        url: bff.url,
        connections,
        duration: DURATION,
        timeout: 20,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: progressPaths[p++ % progressPaths.length], headers: { authorization: `Bearer ${token}` } }) }],
      });
      const raw = await rawSet(redis.url, JSON.stringify(sample.body.draft), connections, DURATION);
      rows.push(
        fromAutocannon(
          'BFF PATCH /api/changes/:id (autosave)',
          connections,
          patch,
          `${bodyBytes} B body; ${((patch.requests.average / bareRun.requests.average) * 100).toFixed(0)}% of bare Koa${refusalNote()}`,
        ),
      );
      rows.push(fromAutocannon('bare Koa, same reply bytes', connections, bareRun));
      rows.push(fromAutocannon('BFF GET /api/changes/:id/progress', connections, progress, `${((progress.requests.average / bareRun.requests.average) * 100).toFixed(0)}% of bare Koa`));
      rows.push({ ...raw, note: `BFF autosave = ${((patch.requests.average / raw.rps) * 100).toFixed(0)}% of raw SET` });
    }

    // OCR (issue 17): autosave p99 alone and while 4 recognitions run, same connections and duration, one after the other.
    const ocr = await autosaveBesideRecognitions(async () => {
      await syncVersions();
      refusalNote();
      return autocannon({ url: bff.url, connections: 50, duration: DURATION, timeout: 20, requests: [autosave()] });
    });
    const read = `${ocr.recognitions.completed} photos read meanwhile (${ocr.recognitions.unreadable} unreadable), engine ${ocr.recognitions.workers} worker(s)`;
    rows.push(fromAutocannon('BFF autosave, OCR engine idle', 50, ocr.alone, 'same run as the next line'));
    rows.push(fromAutocannon('BFF autosave, 4 recognitions running', 50, ocr.withOcr, `p99 ${(ocr.withOcr.latency.p99 / Math.max(1, ocr.alone.latency.p99)).toFixed(2)}× idle; ${read}`));

    // Memory: keep saving until SAVES saves have landed across the DRAFTS drafts, then read the BFF's RSS.
    const rssIdle = rssOf(bff.pid);
    while (saves < SAVES) {
      const before = saves;
      await syncVersions();
      await autocannon({ url: bff.url, connections: 50, amount: Math.max(50, Math.min(SAVES - saves, 50_000)), timeout: 20, requests: [autosave()] });
      if (saves === before) throw new Error(`no autosave succeeded in a whole round (${refusalNote()}): is the BFF healthy?`);
    }
    const rssAfter = rssOf(bff.pid);
    await syncVersions();
    const touched = [...versions.values()].filter((v) => v > template.version).length;
    const memAfter = Number(/used_memory:(\d+)/.exec(await r.info('memory'))?.[1]);
    const draftBytes = Number(await r.call('MEMORY', 'USAGE', oneDraftKey));
    const timelineBytes = Number(await r.call('MEMORY', 'USAGE', keys.timeline(template.applicantId, ids[0])));
    rows.push({
      name: `BFF RSS after ${saves} saves / ${DRAFTS} drafts`,
      connections: '',
      rps: 0,
      p50: 0,
      p99: 0,
      p999: 0,
      errors: 0,
      note: `${mb(rssAfter)} (${mb(rssIdle)} after the timed runs); ${touched} drafts saved at least once`,
    });
    rows.push({
      name: 'Redis memory per draft',
      connections: '',
      rps: 0,
      p50: 0,
      p99: 0,
      p999: 0,
      errors: 0,
      note: `${((memSeeded - memBefore) / DRAFTS / 1024).toFixed(1)} KB as created, ${((memAfter - memBefore) / DRAFTS / 1024).toFixed(1)} KB after saves (INFO delta); MEMORY USAGE draft ${(draftBytes / 1024).toFixed(1)} KB + timeline ${(timelineBytes / 1024).toFixed(1)} KB`,
    });

    // Photo pipeline (scripts/bench-photo.ts) and the weapp main package (scripts/size-weapp.ts).
    const photo = await benchPhoto(5, () => undefined);
    rows.push({
      name: 'photo pipeline, 12 MP ID-card photo',
      connections: '',
      rps: 0,
      p50: 0,
      p99: 0,
      p999: 0,
      errors: 0,
      note: `median ${photo.medianTotalMs.toFixed(0)} ms (${((photo.medianSharpMs / photo.medianTotalMs) * 100).toFixed(0)}% in sharp), ${(photo.bytesIn / 1024).toFixed(0)} KB → ${(photo.bytesOut / 1024).toFixed(0)} KB`,
    });
    const size = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/size-weapp.ts'], { encoding: 'utf8' });
    const main = /main package : (.+)/.exec(size.stdout)?.[1] ?? `not measured: ${(size.stderr || size.stdout).trim().split('\n')[0]}`;
    rows.push({ name: 'weapp main package', connections: '', rps: 0, p50: 0, p99: 0, p999: 0, errors: 0, note: main });

    log('');
    log(table());
    log('');
    log(`Redis: AOF with appendfsync always (as in the tests). BFF: one process, LOG_LEVEL=info to /dev/null. Load generator: autocannon in this process, ${DURATION} s per run.`);
    log(`bench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    for (const step of cleanup) await step().catch(() => undefined);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
