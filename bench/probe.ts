// Loaded into each server the bench measures (`node --import tsx --import ./bench/probe.ts …`): answers on PROBE_PORT
// with the process's own CPU time, RSS and event-loop delay (since the last POST), so the bench reads what a phase cost
// the server itself, apart from the load generator sharing the machine.
import { subscribe } from 'node:diagnostics_channel';
import { createServer, type Server } from 'node:http';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

export interface ProbeReading {
  /** User + system CPU time of the process so far, µs. */
  cpuUs: number;
  /** Of which in the kernel (sockets, mostly). */
  systemUs: number;
  /** Responses the process has finished so far (the probe's own left out): what the server really answered. */
  answered: number;
  rssBytes: number;
  /** Event-loop delay since the last reset, ms. */
  loopDelayMs: { p50: number; p99: number; max: number };
  /** Garbage collection since the last reset: pauses of the main thread, their total and the longest, ms. */
  gc: { totalMs: number; maxMs: number };
}

const port = Number(process.env.PROBE_PORT ?? 0);
if (port > 0) {
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
  let server: Server | null = null;
  subscribe('http.server.response.finish', (message) => {
    if ((message as { server?: unknown }).server !== server) answered += 1;
  });
  server = createServer((req, res) => {
    if (req.method === 'POST') {
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
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(reading));
  });
  server.listen(port, '127.0.0.1');
  server.unref();
}
