// `BENCH_LAYERS=1 npm run bench`: what each layer of the autosave adds to bare Koa's CPU per request, one server per
// layer (bench/layerServer.ts) under the same load as the autosave row, in the same run. A CPU profile says where time
// went while the process was on the CPU and off it alike (a write that wakes Redis is charged the wait); these rows
// are CPU time only.
import Redis from 'ioredis';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../testing/redis';
import { startBffProcess } from '../bff/test/fault/bffProcess';
import { BFF_NODE_ARGS } from '../bff/src/mallocEnv';
import { probeAt, type Row } from './measure';
import { measurePhase, serverNote } from './phase';

const LAYERS = [
  'bare Koa, same reply bytes',
  '+ JSON body reader',
  '+ one Redis SET of the draft',
  '+ security headers, request log line',
  '+ zod, merge, serialise, reply from the text',
  '+ form rules (validateForm)',
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
}

export async function layerRows(options: LayerOptions): Promise<Row[]> {
  const redis = new Redis(options.redisUrl);
  const rows: Row[] = [];
  let before: number | null = null;
  try {
    for (let layer = 0; layer < LAYERS.length; layer += 1) {
      const probePort = await freePort();
      const server = await startBffProcess({ LAYER: String(layer), BARE_BODY_FILE: options.replyFile, REDIS_URL: options.redisUrl, PROBE_PORT: String(probePort) }, await freePort(), {
        quiet: true,
        entry: join('bench', 'layerServer.ts'),
        nodeArgs: [...BFF_NODE_ARGS, ...options.probeArgs],
      });
      try {
        const load = { url: server.url, connections: options.connections, method: 'PATCH' as const, body: options.body, headers: { 'content-type': 'application/json' } };
        await autocannon({ ...load, duration: 2 });
        const m = await measurePhase(probeAt(probePort), redis, () => autocannon({ ...load, duration: options.duration }));
        rows.push({
          path: `layer ${layer}: ${LAYERS[layer]}`,
          conns: options.connections,
          rps: m.result.requests.average,
          cpuUs: m.cpuUs,
          redisCmds: m.redisCmds,
          errors: m.result.errors + m.result.timeouts + m.result.non2xx,
          p50: m.result.latency.p50,
          p99: m.result.latency.p99,
          note: [before === null ? '' : `+${(m.cpuUs - before).toFixed(0)} µs over the layer before`, serverNote(m)].filter(Boolean).join('; '),
        });
        before = m.cpuUs;
      } finally {
        await server.kill('SIGTERM');
      }
    }
  } finally {
    redis.disconnect();
  }
  return rows;
}
