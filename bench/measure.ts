// What `npm run bench` reads around each phase: the server's own CPU time, RSS and event-loop delay (bench/probe.ts),
// the Redis commands executed (INFO commandstats, those inside scripts included), what else the machine was running,
// and the table the figures are printed in.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import Redis from 'ioredis';
import type { ChangeDraft } from '../shared/domain/change';
import type { ProbeAnswer, ProbeReading } from './probe';

export interface Probe {
  /** Starts a phase: resets the event-loop histogram and returns the CPU time so far. */
  start(): Promise<ProbeReading>;
  read(): Promise<ProbeReading>;
}

/** Where a probed server answers (bench/probe.ts): pass `file` as PROBE_FILE when starting the process `pid`. */
export interface ProbeTarget {
  pid: number;
  file: string;
}

/** Asks the probe in `target` for a reading: a command file, SIGUSR2, and the answer file polled until it carries this command's number. */
export function probeAt(target: ProbeTarget): Probe {
  let seq = 0;
  const call = async (command: 'start' | 'read') => {
    seq += 1;
    writeFileSync(`${target.file}.cmd`, `${command} ${seq}\n`);
    process.kill(target.pid, 'SIGUSR2');
    for (const until = Date.now() + 10_000; Date.now() < until; await sleep(2)) {
      let answer: ProbeAnswer | null = null;
      try {
        answer = JSON.parse(readFileSync(target.file, 'utf8')) as ProbeAnswer;
      } catch {
        // not written yet
      }
      if (answer?.seq === seq) return answer.reading;
    }
    throw new Error(`the probe of process ${target.pid} did not answer "${command}" within 10 s`);
  };
  return { start: () => call('start'), read: () => call('read') };
}

/** Commands Redis has executed so far, INFO itself left out. */
export async function redisCommands(redis: Redis): Promise<number> {
  const stats = await redis.info('commandstats');
  let total = 0;
  for (const m of stats.matchAll(/cmdstat_([\w|]+):calls=(\d+)/g)) if (m[1] !== 'info') total += Number(m[2]);
  return total;
}

/** Redis records its own stalls of this many ms or more (`latency-monitor-threshold`, set by watchRedisStalls). */
const REDIS_STALL_MS = 10;

/** Has Redis record its stalls from now on: a slow fsync shows there, apart from the BFF's. */
export async function watchRedisStalls(redis: Redis): Promise<void> {
  await redis.config('SET', 'latency-monitor-threshold', String(REDIS_STALL_MS));
}

/**
 * Redis's own stalls since the last `LATENCY RESET`: the longest of each kind, e.g. `aof-fsync-always` (the disk) or
 * `command` (a slow script), so a tail can be put where it belongs.
 */
export async function redisStalls(redis: Redis): Promise<string> {
  const events = (await redis.call('LATENCY', 'LATEST')) as [string, number, number, number][];
  if (events.length === 0) return `no Redis stall ≥ ${REDIS_STALL_MS} ms`;
  return `Redis stalls: ${events.map(([name, , , max]) => `${name} up to ${max} ms`).join(', ')}`;
}

export function machine(): string {
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.+)/)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const nproc = spawnSync('nproc', { encoding: 'utf8' }).stdout.trim();
  const gib = (b: number) => `${(b / 1024 ** 3).toFixed(1)} GiB`;
  return `machine: ${nproc} cores (nproc), ${cpu}; memory ${gib(totalmem())} total, ${gib(freemem())} free; Node ${process.version}`;
}

/** The load average and the processes outside this bench using the most CPU right now (the machine is shared). */
export function otherLoad(ownPids: number[]): string {
  const ps = spawnSync('ps', ['-eo', 'pid,ppid,pcpu,comm', '--sort=-pcpu', '--no-headers'], { encoding: 'utf8' }).stdout;
  const busy = ps
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([pid, ppid, pcpu]) => pid && !ownPids.includes(Number(pid)) && !ownPids.includes(Number(ppid)) && Number(pcpu) >= 5)
    .slice(0, 6)
    .map(([pid, , pcpu, comm]) => `${comm} (pid ${pid}) ${pcpu}%`);
  return `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; other processes over 5% CPU: ${busy.join(', ') || 'none'}`;
}

/**
 * Time the hypervisor ran something else while this virtual machine's CPUs wanted to run (steal, all CPUs together),
 * ms since boot: a phase's difference shows a tail that no process here caused.
 */
export function stealMs(): number {
  const steal = Number(readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/)[8] ?? 0);
  // /proc/stat counts in USER_HZ ticks, 100 per second on Linux.
  return steal * 10;
}

export const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
export const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
export const pct = (share: number | undefined) => `${((share ?? 0) * 100).toFixed(0)}%`;

export interface Row {
  path: string;
  conns?: number | string;
  rps?: number;
  /** req/s as a share of bare Koa's in the same run. */
  ofBareRps?: number;
  /** Server CPU per answered request, µs (from the server's own clock). */
  cpuUs?: number;
  /** Bare Koa's CPU per request as a share of this path's: the CPU-side "% of bare Koa". */
  ofBareCpu?: number;
  redisCmds?: number;
  roundTrips?: number;
  p50?: number;
  p99?: number;
  loopP99?: number;
  rss?: number;
  errors?: number;
  note?: string;
}

const COLUMNS: [string, (r: Row) => string][] = [
  ['path', (r) => r.path],
  ['conns', (r) => String(r.conns ?? '')],
  ['req/s', (r) => (r.rps === undefined ? '' : r.rps.toFixed(0))],
  ['% bare req/s', (r) => (r.ofBareRps === undefined ? '' : `${(r.ofBareRps * 100).toFixed(0)}%`)],
  ['CPU µs/req', (r) => (r.cpuUs === undefined ? '' : r.cpuUs.toFixed(0))],
  ['% bare CPU', (r) => (r.ofBareCpu === undefined ? '' : `${(r.ofBareCpu * 100).toFixed(0)}%`)],
  ['Redis cmds/req', (r) => (r.redisCmds === undefined ? '' : r.redisCmds.toFixed(2))],
  ['round trips/req', (r) => (r.roundTrips === undefined ? '' : r.roundTrips.toFixed(2))],
  ['p50 ms', (r) => (r.p50 === undefined ? '' : r.p50.toFixed(1))],
  ['p99 ms', (r) => (r.p99 === undefined ? '' : r.p99.toFixed(1))],
  ['loop p99 ms', (r) => (r.loopP99 === undefined ? '' : r.loopP99.toFixed(1))],
  ['RSS', (r) => (r.rss === undefined ? '' : mb(r.rss))],
  ['errors', (r) => String(r.errors ?? '')],
  ['note', (r) => r.note ?? ''],
];

export function table(rows: Row[]): string {
  const body = rows.map((r) => COLUMNS.map(([, cell]) => cell(r)));
  const all = [COLUMNS.map(([h]) => h), ...body];
  const widths = COLUMNS.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(all[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

/** Raw ioredis SETs of the stored draft text with `concurrency` commands in flight, for `seconds`, over `keyCount` keys. */
/** The smallest and largest of `values` as "min–max", each with `digits` decimals (a figure's spread over rounds). */
export const spread = (values: readonly number[], digits = 0): string => `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;

/** The `p`th percentile (0–100) of ascending `sorted` values; 0 when there are none. */
export const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * Raw ioredis SETs of the draft's JSON from `concurrency` loops; with `rate`, paced to that many per second overall
 * (each loop keeps its own schedule; a late one does not catch up in a burst), for the fsync floor under a fixed load.
 */
export async function rawSet(url: string, draft: ChangeDraft, concurrency: number, seconds: number, keyCount: number, rate?: number): Promise<Row> {
  const redis = new Redis(url);
  const json = JSON.stringify(draft);
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + seconds * 1000;
  const interval = rate ? (1000 * concurrency) / rate : 0;
  let n = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, loop) => {
      let next = performance.now() + (interval * loop) / concurrency;
      while (Date.now() < until) {
        if (interval) {
          const wait = next - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          next = Math.max(next + interval, performance.now());
        }
        const begun = performance.now();
        n += 1;
        try {
          await redis.set(`bench:raw:${n % keyCount}`, json, 'EX', 3600);
          latencies.push(performance.now() - begun);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  redis.disconnect();
  latencies.sort((a, b) => a - b);
  return {
    path: rate ? `raw ioredis SET (same JSON) at a fixed ${rate}/s` : 'raw ioredis SET (same JSON)',
    conns: concurrency,
    rps: latencies.length / seconds,
    redisCmds: 1,
    roundTrips: 1,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
  };
}
