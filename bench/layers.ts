// `BENCH_LAYERS=1 npm run bench`: what each layer of the autosave adds to bare Koa's CPU per request, one server per
// layer (bench/layerServer.ts) under the same load as the autosave row, each beside a bare Koa run. A CPU profile
// says where time went while the process was on the CPU and off it alike (a write that wakes Redis is charged the
// wait); these rows are CPU time only.
import Redis from 'ioredis';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../testing/redis';
import { startBffProcess } from '../bff/test/fault/bffProcess';
import { BFF_NODE_ARGS } from '../bff/src/mallocEnv';
import { probeAt, type Probe, type Row } from './measure';
import { errorsOf, latency, measurePhase, serverNote } from './phase';

const LAYERS = [
  'bare Koa, same reply bytes',
  '+ JSON body reader',
  '+ one Redis SET of the draft',
  '+ security headers, request log line',
  '+ zod, merge, serialise, reply from the text',
  '+ form rules (validateForm)',
  '+ the commit script and draft copy, not a SET',
];

export interface LayerOptions {
  /** A real autosave reply ({ draft, problems }), as the bare Koa baseline answers. */
  replyFile: string;
  /** The autosave's request body. */
  body: string;
  redisUrl: string;
  connections: number;
  duration: number;
  probeArgs: string[];
  /** Where the layers' probes answer (bench/probe.ts). */
  dataDir: string;
}

/** A layer's server (bench/layerServer.ts) with its probe. */
async function startLayer(layer: number, options: LayerOptions) {
  const probeFile = join(options.dataDir, `probe-layer-${layer}`);
  const server = await startBffProcess({ LAYER: String(layer), BARE_BODY_FILE: options.replyFile, REDIS_URL: options.redisUrl, PROBE_FILE: probeFile }, await freePort(), {
    quiet: true,
    entry: join('bench', 'layerServer.ts'),
    nodeArgs: [...BFF_NODE_ARGS, ...options.probeArgs],
  });
  return { server, probe: probeAt({ pid: server.pid, file: probeFile }) };
}

/**
 * Each layer is measured right after a run of layer 0 (bare Koa, one server kept for the whole phase), and reported
 * as a multiple of that run: the machine's speed drifts within a minute, so a layer is compared with the baseline
 * measured beside it, and the step between two layers is the difference of their multiples times the mean baseline.
 */
export async function layerRows(options: LayerOptions): Promise<Row[]> {
  const redis = new Redis(options.redisUrl);
  const rows: Row[] = [];
  const bare = await startLayer(0, options);
  const loadOf = (url: string) => ({ url, connections: options.connections, method: 'PATCH' as const, body: options.body, headers: { 'content-type': 'application/json' } });
  const run = (url: string, probe: Probe) => measurePhase(probe, redis, () => autocannon({ ...loadOf(url), duration: options.duration }));
  // The previous layer's multiple (layer 0 is 1× itself) and the bare runs so far, for the step between layers.
  let previous = 1;
  let bareTotal = 0;
  try {
    await autocannon({ ...loadOf(bare.server.url), duration: 2 });
    for (let layer = 1; layer < LAYERS.length; layer += 1) {
      const { server, probe } = await startLayer(layer, options);
      try {
        await autocannon({ ...loadOf(server.url), duration: 2 });
        const baseline = await run(bare.server.url, bare.probe);
        const m = await run(server.url, probe);
        const multiple = m.cpuUs / baseline.cpuUs;
        bareTotal += baseline.cpuUs;
        const meanBare = bareTotal / layer;
        const beside = `${multiple.toFixed(2)}× bare Koa run just before (${baseline.cpuUs.toFixed(0)} µs)`;
        const step = `step ≈ ${((multiple - previous) * meanBare).toFixed(0)} µs`;
        rows.push({
          path: `layer ${layer}: ${LAYERS[layer]}`,
          conns: options.connections,
          rps: m.result.requests.average,
          cpuUs: m.cpuUs,
          redisCmds: m.redisCmds,
          errors: errorsOf(m.result),
          ...latency(m.result),
          note: [beside, step, serverNote(m)].join('; '),
        });
        previous = multiple;
      } finally {
        await server.kill('SIGTERM');
      }
    }
  } finally {
    await bare.server.kill('SIGTERM');
    redis.disconnect();
  }
  return rows;
}
