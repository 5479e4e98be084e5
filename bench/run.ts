// `npm run bench`: the autosave and the progress read under autocannon beside bare Koa and raw ioredis SETs in one run
// (req/s, the server's own CPU µs per request via bench/probe.ts, both as shares of bare Koa's; Redis commands and round
// trips per request; p50/p99, event-loop delay, RSS); p99 at a fixed 1 000 saves/s; memory; photo pipeline; weapp size.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { paced, type LoadResult } from './paced';
import { freePort, startRedis } from '../testing/redis';
import { bffEnvForSandbox, startTestSandbox } from '../sandbox/testSupport';
import { startBffProcess } from '../bff/test/fault/bffProcess';
import { BFF_NODE_ARGS } from '../bff/src/mallocEnv';
import { roundTripsPerRequest } from './roundTrips';
import { layerRows } from './layers';
import { pairedRounds } from './rounds';
import { makeClient } from '../bff/test/harness';
import { keys, TTL } from '../bff/src/stores/keys';
import { benchPhoto } from '../scripts/bench-photo';
import { autosaveBesideRecognitions, ocrPhaseRows } from './ocrPhase';
import type { ChangeDraft } from '../shared/domain/change';
import { machine, mb, redisStalls, watchRedisStalls, otherLoad, pct, probeAt, rawSet, rssOf, table, type Probe, type Row } from './measure';
import { errorsOf, latency, measurePhase, serverNote, versusBare, type Measured } from './phase';

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const DRAFTS = Number(process.env.BENCH_DRAFTS ?? 10_000);
const SAVES = Number(process.env.BENCH_SAVES ?? 100_000);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '50,200').split(',').map(Number);
const FIXED_RATE = Number(process.env.BENCH_RATE ?? 1000);
/** The fixed-rate run's length: its p99 is its 300th worst save at 1 000/s, not one stall of the host's 10 s. */
const FIXED_SECONDS = Number(process.env.BENCH_FIXED_SECONDS ?? 30);
/** The OCR phase's fixed rate: busy typing on one instance, below the saturation the 50-connection run shows. */
const OCR_RATE = Number(process.env.BENCH_OCR_RATE ?? 200);
/** Idle and beside-OCR runs of the fixed rate alternate this many times (pooled: one 10 s run's p99 is its 20th worst save). */
const OCR_ROUNDS = Number(process.env.BENCH_OCR_ROUNDS ?? 3);
/** BENCH_EXTRAS=0 skips the photo pipeline and the weapp size (they do not depend on the BFF). */
const EXTRAS = process.env.BENCH_EXTRAS !== '0';
/** BENCH_LAYERS=1 adds what each layer of the autosave costs over bare Koa (bench/layers.ts), at the first connection count. */
const LAYERS = process.env.BENCH_LAYERS === '1';
/** Rounds of bare Koa, the BFF with its draft copies and one without, each pair side by side (bench/rounds.ts); 1 skips them. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const rows: Row[] = [];
const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PROBE_ARGS = ['--import', 'tsx', '--import', './bench/probe.ts'];
/** Extra node flags from an environment variable, space-separated (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"). */
const nodeArgsFrom = (name: string) => (process.env[name] ?? '').split(' ').filter(Boolean);
/** The BFF is started with the V8 flags `npm start` gives it (bff/src/mallocEnv.ts); bare Koa keeps Node's defaults. */
const BFF_ARGS = [...BFF_NODE_ARGS, ...PROBE_ARGS];

async function main() {
  const started = Date.now();
  log(machine());
  const redis = await startRedis();
  const r = redis.client;
  await watchRedisStalls(r);
  const bffPort = await freePort();
  const sandbox = await startTestSandbox({ callbackUrl: `http://127.0.0.1:${bffPort}/api/review-events` });
  const dataDir = mkdtempSync(join(tmpdir(), 'bff-bench-'));
  const bffEnv = {
    ...bffEnvForSandbox(sandbox),
    REDIS_URL: redis.url,
    REVIEW_SYSTEM_URL: sandbox.url,
    DATA_DIR: dataDir,
    STATIC_DIR: join(dataDir, 'none'),
    // Production logging: one JSON line per request (to /dev/null here). An API instance: the job workers (which
    // poll Redis and would blur the command counts) run elsewhere, as Deploying in the README allows.
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    RUN_WORKERS: 'false',
    // The bench's BFF receives no photos: its OCR workers would only add their models to the RSS figure.
    OCR_ENABLED: 'false',
  };
  const [bffProbeFile, bareProbeFile, coldProbeFile] = ['bff', 'bare', 'cold'].map((name) => join(dataDir, `probe-${name}`));
  // e.g. BENCH_BFF_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/bff-prof" to profile the BFF under load.
  const extraArgs = nodeArgsFrom('BENCH_BFF_NODE_ARGS');
  const bff = await startBffProcess({ ...bffEnv, PROBE_FILE: bffProbeFile }, bffPort, { quiet: true, nodeArgs: [...BFF_NODE_ARGS, ...extraArgs, ...PROBE_ARGS] });
  const cleanup: (() => Promise<void>)[] = [() => bff.kill('SIGTERM'), () => sandbox.dispose(), () => redis.stop(), async () => rmSync(dataDir, { recursive: true, force: true })];
  try {
    // One applicant session and one real draft through the API; then DRAFTS copies of it written straight to Redis
    // (the sandbox seeds 3 applicants, the PATCH path only needs drafts to exist under the session's applicant).
    const login = await makeClient(bff.url, null).post('/api/session', { code: 'demo-hangzhou-yunqi.bench' });
    const token = login.body.token as string;
    const client = makeClient(bff.url, token);
    const created = await client.post('/api/changes', { filingId: 'filing-zhe-yunqi', websiteId: 'site-yq-main' });
    const template = created.body as ChangeDraft;
    const timeline = (await client.get(`/api/changes/${template.id}/progress`)).body.timeline;
    const templateJson = await r.get(keys.change(template.applicantId, template.id));
    const memBefore = Number(/used_memory:(\d+)/.exec(await r.info('memory'))?.[1]);
    const ids: string[] = [];
    for (let i = 0; i < DRAFTS; i += 500) {
      const pipe = r.pipeline();
      for (let j = i; j < Math.min(DRAFTS, i + 500); j += 1) {
        const id = `chg_bench${String(j).padStart(7, '0')}`;
        ids.push(id);
        // The stored text of the real draft with its id replaced: the layout the BFF writes (version first).
        pipe.set(keys.change(template.applicantId, id), (templateJson ?? '').replace(`"id":"${template.id}"`, `"id":"${id}"`), 'EX', TTL.change);
        pipe.sadd(keys.changeIndex(template.applicantId), id);
        pipe.rpush(keys.timeline(template.applicantId, id), ...timeline.map((e: unknown) => JSON.stringify(e)));
        pipe.set(keys.changeOwner(id), template.applicantId, 'EX', TTL.changeKeys);
      }
      await pipe.exec();
    }
    const memSeeded = Number(/used_memory:(\d+)/.exec(await r.info('memory'))?.[1]);

    // A realistic autosave body: the whole website form with a long note (~2.4 KB of JSON).
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
      return parts.length ? `refused: ${parts.join(', ')}` : '';
    };

    /** Re-reads every draft's version from Redis: answers to requests in flight when a run stops are never seen. */
    const syncVersions = async () => {
      // autocannon resolves at the deadline, not when the server has finished what was sent: let that land first.
      await sleep(1000);
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
    const autosave = (drafts: readonly string[] = ids) => ({
      method: 'PATCH',
      setupRequest(req: Record<string, unknown>, context: Record<string, unknown>) {
        const n = cursor++;
        const id = drafts[n % drafts.length];
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
          const etag = Object.entries(headers).find(([k]) => k.toLowerCase() === 'etag')?.[1] ?? '';
          versions.set(id, Number(String(etag).replace(/\D/g, '')));
        } else if (status === 412) {
          versions.set(id, Number((JSON.parse(body) as { current: { version: number } }).current.version));
        }
      },
    });

    // The bytes a real autosave answers with, for the bare Koa baseline.
    const sample = await client.patch(`/api/changes/${template.id}`, JSON.parse(bodyFor(0)), { 'if-match': `"${template.version}"` });
    const bareFile = join(dataDir, 'bare-body.json');
    writeFileSync(bareFile, JSON.stringify(sample.body));
    const bare = await startBffProcess({ BARE_BODY_FILE: bareFile, PROBE_FILE: bareProbeFile }, await freePort(), {
      quiet: true,
      entry: join('bench', 'bareKoa.ts'),
      // e.g. BENCH_BARE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/bare-prof" to profile the baseline beside the BFF.
      nodeArgs: [...nodeArgsFrom('BENCH_BARE_NODE_ARGS'), ...PROBE_ARGS],
    });
    cleanup.unshift(() => bare.kill('SIGTERM'));
    const progressPaths = ids.slice(0, 1000).map((id) => `/api/changes/${id}/progress`);
    /** Bare Koa under the autosave's body and connections. */
    const bareLoad = (connections: number, duration = DURATION) =>
      autocannon({ url: bare.url, connections, duration, method: 'PATCH', body: bodyFor(0), headers: { 'content-type': 'application/json' } });
    const [bffProbe, bareProbe] = [probeAt({ pid: bff.pid, file: bffProbeFile }), probeAt({ pid: bare.pid, file: bareProbeFile })];

    const measured = (probe: Probe, run: () => Promise<LoadResult>) => measurePhase(probe, r, run);

    // Warm-up (JIT, connection pools, the session copy) on every target; one save of every draft, so the BFF holds the
    // copy of each (stores/recentDrafts.ts) as it would of the drafts its applicants are typing into. Those saves all
    // read their draft (no copy yet): the saves after them start from the copies, a path V8 has not optimised yet (its
    // first seconds deoptimise and recompile ≈ 100 functions, seen with --log-deopt --log-code), so a few seconds
    // of those too before anything is measured.
    await autocannon({ url: bff.url, connections: 10, amount: DRAFTS, timeout: 20, requests: [autosave()] });
    await syncVersions();
    await autocannon({ url: bff.url, connections: CONNECTIONS[0], duration: 3, timeout: 20, requests: [autosave()] });
    refusalNote();
    await bareLoad(CONNECTIONS[0], 3);
    log(`while measuring: ${otherLoad([process.pid, bff.pid, bare.pid])}`);

    const autosaveRows: Row[] = [];
    const progressRows: Row[] = [];
    const bareAt = new Map<number, Measured>();
    for (const connections of CONNECTIONS) {
      await syncVersions();
      refusalNote();
      const patch = await measured(bffProbe, () => autocannon({ url: bff.url, connections, duration: DURATION, timeout: 20, requests: [autosave()] }));
      const patchRefusals = refusalNote();
      const bareRun = await measured(bareProbe, () => bareLoad(connections));
      let p = 0;
      const progress = await measured(bffProbe, () =>
        autocannon({
          url: bff.url,
          connections,
          duration: DURATION,
          timeout: 20,
          requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: progressPaths[p++ % progressPaths.length], headers: { authorization: `Bearer ${token}` } }) }],
        }),
      );
      const raw = await rawSet(redis.url, sample.body.draft as ChangeDraft, connections, DURATION, DRAFTS);
      bareAt.set(connections, bareRun);
      const bareRps = bareRun.result.requests.average;
      const vsBare = (m: Measured) => versusBare(m, bareRun);
      const saveRow: Row = {
        path: 'BFF PATCH /api/changes/:id (autosave)',
        conns: connections,
        ...vsBare(patch),
        note: [`${bodyBytes} B body`, serverNote(patch), patchRefusals].filter(Boolean).join('; '),
      };
      const progressRow: Row = { path: 'BFF GET /api/changes/:id/progress', conns: connections, ...vsBare(progress), note: serverNote(progress) };
      autosaveRows.push(saveRow);
      progressRows.push(progressRow);
      rows.push(
        saveRow,
        {
          path: 'bare Koa, same reply bytes',
          conns: connections,
          rps: bareRps,
          cpuUs: bareRun.cpuUs,
          loopP99: bareRun.loopP99,
          rss: bareRun.rss,
          errors: errorsOf(bareRun.result),
          ...latency(bareRun.result),
          note: serverNote(bareRun),
        },
        progressRow,
        { ...raw, ofBareRps: (raw.rps ?? 0) / bareRps, note: `autosave = ${(((patch.result.requests.average ?? 0) / (raw.rps ?? 1)) * 100).toFixed(0)}% of raw SET req/s` },
      );
    }

    if (LAYERS)
      rows.push(...(await layerRows({ replyFile: bareFile, body: bodyFor(0), redisUrl: redis.url, connections: CONNECTIONS[0], duration: DURATION, probeArgs: PROBE_ARGS, dataDir })));

    // A fixed rate, evenly spaced (bench/paced.ts), over up to 50 sockets; latency counts from each save's due moment.
    await syncVersions();
    refusalNote();
    await r.call('LATENCY', 'RESET');
    const fixed = await measured(bffProbe, () => paced({ url: bff.url, rate: FIXED_RATE, seconds: FIXED_SECONDS, connections: 50, request: autosave() }));
    const fixedRow: Row = {
      path: `BFF autosave at a fixed ${FIXED_RATE}/s (evenly spaced)`,
      conns: 50,
      rps: fixed.result.requests.average,
      cpuUs: fixed.cpuUs,
      redisCmds: fixed.redisCmds,
      loopP99: fixed.loopP99,
      rss: fixed.rss,
      errors: errorsOf(fixed.result),
      ...latency(fixed.result),
      note: [
        `p99.9 ${fixed.result.latency.p99_9} ms, max ${fixed.result.latency.max} ms; longest event-loop stall ${fixed.loopMax.toFixed(0)} ms, longest GC pause ${fixed.gcMaxMs.toFixed(0)} ms, CPU steal ${fixed.stealMsPerS.toFixed(0)} ms/s`,
        await redisStalls(r),
        refusalNote(),
      ]
        .filter(Boolean)
        .join('; '),
    };
    rows.push(fixedRow);
    // The floor under that p99: the same JSON SET straight to Redis at the same rate (every write fsync'd).
    await r.call('LATENCY', 'RESET');
    const rawFixed = await rawSet(redis.url, sample.body.draft as ChangeDraft, 50, FIXED_SECONDS, DRAFTS, FIXED_RATE);
    rows.push({ ...rawFixed, note: `the floor of the fixed-rate autosave: p99 ${((fixedRow.p99 ?? 0) / Math.max(0.1, rawFixed.p99 ?? 0)).toFixed(1)}× this; ${await redisStalls(r)}` });

    // Round trips: a second BFF process whose Redis connection goes through a counting proxy, one request at a time.
    const trips = await roundTripsPerRequest(bffEnv, token, template.id, bodyFor);
    for (const row of autosaveRows) row.roundTrips = trips.autosave;
    for (const row of progressRows) row.roundTrips = trips.progress;
    fixedRow.roundTrips = trips.autosave;
    // OCR (issue 17): autosave p99 alone and while 4 recognitions run, same connections and duration, alternating.
    const ocr = await autosaveBesideRecognitions([
      {
        label: 'at 50 connections',
        run: async () => {
          await syncVersions();
          refusalNote();
          return autocannon({ url: bff.url, connections: 50, duration: DURATION, timeout: 20, requests: [autosave()] });
        },
      },
      {
        label: `at a fixed ${OCR_RATE}/s`,
        run: async () => {
          await syncVersions();
          refusalNote();
          return paced({ url: bff.url, rate: OCR_RATE, seconds: Math.max(DURATION, 10), connections: 50, request: autosave() });
        },
        rounds: OCR_ROUNDS,
      },
    ]);
    rows.push(...ocrPhaseRows(ocr));

    // The same autosave on a BFF that keeps no draft copies (DRAFT_CACHE_ENTRIES=0): every save reads its draft first,
    // as on an instance that did not serve the applicant's previous save (no sticky routing, a restart).
    const cold = await startBffProcess({ ...bffEnv, DRAFT_CACHE_ENTRIES: '0', PROBE_FILE: coldProbeFile }, await freePort(), { quiet: true, nodeArgs: BFF_ARGS });
    let coldRow: Row | null = null;
    let roundRows: Row[] = [];
    // The two BFFs save disjoint halves of the drafts, so neither makes the other's copies stale.
    const [hotIds, coldIds] = [ids.slice(0, ids.length / 2), ids.slice(ids.length / 2)];
    try {
      await autocannon({ url: cold.url, connections: 10, duration: 2, timeout: 20, requests: [autosave(coldIds)] });
      await syncVersions();
      refusalNote();
      const conns = CONNECTIONS[0];
      const coldProbe = probeAt({ pid: cold.pid, file: coldProbeFile });
      const saveOn = (url: string, probe: Probe, drafts: readonly string[]) => async () => {
        await syncVersions();
        return measured(probe, () => autocannon({ url, connections: conns, duration: DURATION, timeout: 20, requests: [autosave(drafts)] }));
      };
      const run = await saveOn(cold.url, coldProbe, coldIds)();
      const coldTrips = await roundTripsPerRequest({ ...bffEnv, DRAFT_CACHE_ENTRIES: '0' }, token, template.id, bodyFor);
      coldRow = {
        path: 'BFF autosave, no draft copy (DRAFT_CACHE_ENTRIES=0)',
        conns,
        ...versusBare(run, bareAt.get(conns) as Measured),
        roundTrips: coldTrips.autosave,
        note: [`every save reads its draft; ${serverNote(run)}`, refusalNote()].filter(Boolean).join('; '),
      };
      rows.push(coldRow);
      if (ROUNDS > 1) {
        roundRows = await pairedRounds(ROUNDS, conns, () => measured(bareProbe, () => bareLoad(conns)), [
          { label: 'BFF autosave with its draft copies', run: saveOn(bff.url, bffProbe, hotIds) },
          { label: 'BFF autosave, no draft copy', run: saveOn(cold.url, coldProbe, coldIds) },
        ]);
        const refused = refusalNote();
        for (const row of roundRows) row.note = [row.note, refused && `${refused} over all rounds`].filter(Boolean).join('; ');
        rows.push(...roundRows);
      }
    } finally {
      await cold.kill('SIGTERM');
    }

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
    const draftBytes = Number(await r.call('MEMORY', 'USAGE', keys.change(template.applicantId, ids[0])));
    const timelineBytes = Number(await r.call('MEMORY', 'USAGE', keys.timeline(template.applicantId, ids[0])));
    rows.push({ path: `BFF RSS after ${saves} saves / ${DRAFTS} drafts`, note: `${mb(rssAfter)} (${mb(rssIdle)} after the timed runs); ${touched} drafts saved at least once` });
    rows.push({
      path: 'Redis memory per draft',
      note: `${((memSeeded - memBefore) / DRAFTS / 1024).toFixed(1)} KB as created, ${((memAfter - memBefore) / DRAFTS / 1024).toFixed(1)} KB after saves (INFO delta); MEMORY USAGE draft ${(draftBytes / 1024).toFixed(1)} KB + timeline ${(timelineBytes / 1024).toFixed(1)} KB`,
    });

    if (EXTRAS) {
      const photo = await benchPhoto(5, () => undefined);
      rows.push({
        path: 'photo pipeline, 12 MP ID-card photo',
        note: `median ${photo.medianTotalMs.toFixed(0)} ms (${((photo.medianSharpMs / photo.medianTotalMs) * 100).toFixed(0)}% in sharp), ${(photo.bytesIn / 1024).toFixed(0)} KB → ${(photo.bytesOut / 1024).toFixed(0)} KB`,
      });
      const size = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/size-weapp.ts'], { encoding: 'utf8' });
      rows.push({ path: 'weapp main package', note: /main package : (.+)/.exec(size.stdout)?.[1] ?? `not measured: ${(size.stderr || size.stdout).trim().split('\n')[0]}` });
    }

    log('');
    log(table(rows));
    log('');
    for (const row of autosaveRows) {
      log(
        `autosave at ${row.conns} connections: ${pct(row.ofBareRps)} of bare Koa's req/s, ${pct(row.ofBareCpu)} of its CPU efficiency (${row.cpuUs?.toFixed(0)} µs per save), ${row.roundTrips?.toFixed(2)} round trips and ${row.redisCmds?.toFixed(2)} Redis commands per save, p99 ${row.p99?.toFixed(1)} ms`,
      );
    }
    if (coldRow) {
      log(
        `autosave without the draft copy, ${coldRow.conns} connections: ${pct(coldRow.ofBareRps)} of bare Koa's req/s, ${pct(coldRow.ofBareCpu)} of its CPU efficiency (${coldRow.cpuUs?.toFixed(0)} µs per save), ${coldRow.roundTrips?.toFixed(2)} round trips per save`,
      );
    }
    for (const row of roundRows) log(`${row.path}: ${pct(row.ofBareCpu)} of bare Koa's CPU efficiency (${row.cpuUs?.toFixed(0)} µs per save), ${pct(row.ofBareRps)} of its req/s`);
    log(`autosave at a fixed ${FIXED_RATE}/s: p99 ${fixedRow.p99?.toFixed(1)} ms (p50 ${fixedRow.p50?.toFixed(1)} ms, ${fixedRow.rps?.toFixed(0)} req/s achieved)`);
    log(`after the runs: ${otherLoad([process.pid, bff.pid, bare.pid])}`);
    log(`Redis: AOF, appendfsync always. BFF: one process, LOG_LEVEL=info to /dev/null, RUN_WORKERS=false. Load: autocannon, paced.ts at fixed rates; ${DURATION} s per run.`);
    log(`bench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    for (const step of cleanup) await step().catch(() => undefined);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
