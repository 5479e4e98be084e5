// One measured load phase of `npm run bench`: the load's own result, and what it cost the server (bench/probe.ts)
// and Redis, per request the server answered; and the row figures made of it.
import { setTimeout as sleep } from 'node:timers/promises';
import type Redis from 'ioredis';
import type { LoadResult } from './paced';
import { redisCommands, stealMs, type Probe, type Row } from './measure';

export interface Measured {
  result: LoadResult;
  answered: number;
  cpuUs: number;
  systemUs: number;
  redisCmds: number;
  loopP99: number;
  /** The longest single event-loop stall of the phase, ms (a GC pause or a slow synchronous step shows here). */
  loopMax: number;
  /** Garbage collection during the phase: total pause per answered request, µs, and the longest pause, ms. */
  gcUs: number;
  gcMaxMs: number;
  rss: number;
  /** CPU steal over the phase, ms per second of wall time (both vCPUs together): the host running something else. */
  stealMsPerS: number;
}

/** Runs one load phase against a server, reading its CPU, event-loop delay, GC and RSS, and Redis's commands around it. */
export async function measurePhase(probe: Probe, redis: Redis, run: () => Promise<LoadResult>): Promise<Measured> {
  const before = await probe.start();
  const commandsBefore = await redisCommands(redis);
  const [startedAt, stealBefore] = [performance.now(), stealMs()];
  const result = await run();
  const stealMsPerS = ((stealMs() - stealBefore) * 1000) / (performance.now() - startedAt);
  // autocannon resolves at its deadline with requests still in flight: let them land, then count what the server
  // answered (not what autocannon saw), so CPU and commands are divided by the requests that caused them.
  let after = await probe.read();
  for (let last = -1; after.answered !== last; after = await probe.read()) {
    last = after.answered;
    await sleep(100);
  }
  const answered = after.answered - before.answered;
  const per = (total: number) => total / Math.max(1, answered);
  return {
    result,
    answered,
    cpuUs: per(after.cpuUs - before.cpuUs),
    systemUs: per(after.systemUs - before.systemUs),
    redisCmds: per((await redisCommands(redis)) - commandsBefore),
    loopP99: after.loopDelayMs.p99,
    loopMax: after.loopDelayMs.max,
    gcUs: per(after.gc.totalMs * 1000),
    gcMaxMs: after.gc.maxMs,
    rss: after.rssBytes,
    stealMsPerS,
  };
}

export const errorsOf = (res: LoadResult) => res.errors + res.timeouts + res.non2xx;
export const latency = (res: LoadResult) => ({ p50: res.latency.p50, p99: res.latency.p99 });

/** A measured run's row figures, with its shares of a bare Koa run at the same connections. */
export const versusBare = (m: Measured, bareRun: Measured): Partial<Row> => ({
  rps: m.result.requests.average,
  ofBareRps: m.result.requests.average / bareRun.result.requests.average,
  cpuUs: m.cpuUs,
  ofBareCpu: bareRun.cpuUs / m.cpuUs,
  redisCmds: m.redisCmds,
  loopP99: m.loopP99,
  rss: m.rss,
  errors: errorsOf(m.result),
  ...latency(m.result),
});

/** Where a phase's CPU went besides the JavaScript: the kernel (sockets, mostly) and GC pauses. */
export const serverNote = (m: Measured) =>
  `${m.systemUs.toFixed(0)} µs of the CPU in the kernel, ${m.gcUs.toFixed(0)} µs in GC pauses (longest ${m.gcMaxMs.toFixed(0)} ms), CPU steal ${m.stealMsPerS.toFixed(0)} ms/s`;
