// Loaded into each server the bench measures (`node --import tsx --import ./bench/probe.ts …`): reports the
// process's own CPU time, RSS and event-loop delay (since the last `start`), so the bench reads what a phase cost the
// server itself, apart from the load generator sharing the machine.
//
// Asked by a signal, answered in a file (PROBE_FILE): the bench writes `start <n>` or `read <n>` to PROBE_FILE.cmd and
// sends SIGUSR2; the probe writes its reading, tagged <n>, to PROBE_FILE. No socket: a request to a second HTTP (or
// TCP) server in the process runs Node's HTTP and stream code on objects of other shapes than the measured server's,
// and V8 then deoptimised and recompiled that code (and what it inlines) at the start of every phase, on the measured
// server's CPU (seen with --log-deopt, 0.2–0.3 s of compiling per phase).
import { subscribe } from 'node:diagnostics_channel';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

export interface ProbeReading {
  /** User + system CPU time of the process so far, µs. */
  cpuUs: number;
  /** Of which in the kernel (sockets, mostly). */
  systemUs: number;
  /** HTTP responses the process has finished so far: what the server really answered. */
  answered: number;
  rssBytes: number;
  /** Event-loop delay since the last reset, ms. */
  loopDelayMs: { p50: number; p99: number; max: number };
  /** Garbage collection since the last reset: pauses of the main thread, their total and the longest, ms. */
  gc: { totalMs: number; maxMs: number };
}

export interface ProbeAnswer {
  /** The <n> of the command it answers. */
  seq: number;
  reading: ProbeReading;
}

const file = process.env.PROBE_FILE ?? '';
if (file !== '') {
  // 10 ms sampling: fine enough for the delays that matter, cheap enough not to show in the CPU figures.
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const ms = (ns: number) => ns / 1e6;
  let answered = 0;
  const gc = { totalMs: 0, maxMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  subscribe('http.server.response.finish', () => {
    answered += 1;
  });
  process.on('SIGUSR2', () => {
    const [command, seq] = readFileSync(`${file}.cmd`, 'utf8').trim().split(' ');
    if (command === 'start') {
      delay.reset();
      Object.assign(gc, { totalMs: 0, maxMs: 0 });
    }
    const cpu = process.cpuUsage();
    const reading: ProbeReading = {
      cpuUs: cpu.user + cpu.system,
      systemUs: cpu.system,
      answered,
      rssBytes: process.memoryUsage.rss(),
      loopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
      gc: { ...gc },
    };
    const answer: ProbeAnswer = { seq: Number(seq), reading };
    writeFileSync(`${file}.tmp`, JSON.stringify(answer));
    renameSync(`${file}.tmp`, file);
  });
}
