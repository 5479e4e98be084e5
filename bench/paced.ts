// An open-loop load at a fixed rate, requests evenly spaced (1 000/s = one every millisecond). autocannon's
// `overallRate` is a budget per second: each connection sends its share back to back when the second starts and then
// waits, so "1 000/s" arrives as one burst of 1 000 a second and its p99 measures the burst's queue, not a steady load.
// Latency here is counted from when a request was due, not from when a socket was free (no coordinated omission).
import http from 'node:http';
import type { AutocannonResult } from 'autocannon';
import { percentile } from './measure';

/** What the bench's rows read of a load run: autocannon's result has it, and so does a paced run. */
export type LoadResult = Pick<AutocannonResult, 'errors' | 'timeouts' | 'non2xx'> & {
  requests: Pick<AutocannonResult['requests'], 'average'>;
  latency: Pick<AutocannonResult['latency'], 'p50' | 'p99' | 'p99_9' | 'max'>;
  /** Every request's latency, ms, sorted (paced runs only: runs can then be pooled before taking percentiles). */
  samples?: number[];
};

/** The autocannon request shape the bench already builds (setupRequest / onResponse with a per-request context). */
export interface PacedRequest {
  method: string;
  setupRequest(req: Record<string, unknown>, context: Record<string, unknown>): { path: string; headers: Record<string, string>; body?: string };
  onResponse?(status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>): void;
}

export interface PacedOptions {
  url: string;
  rate: number;
  seconds: number;
  /** Sockets kept alive (a request due while all are busy waits for one, and that wait counts). */
  connections: number;
  request: PacedRequest;
  timeoutMs?: number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Percentiles of sorted latencies (ms, one decimal). */
export function latencyOf(sorted: readonly number[]): LoadResult['latency'] {
  return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), p99_9: round(percentile(sorted, 99.9)), max: round(sorted[sorted.length - 1] ?? 0) };
}

export async function paced({ url, rate, seconds, connections, request, timeoutMs = 20_000 }: PacedOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(url);
  const latencies: number[] = [];
  let errors = 0;
  let timeouts = 0;
  let non2xx = 0;
  const inFlight = new Set<Promise<void>>();
  const interval = 1000 / rate;
  const total = Math.round(rate * seconds);
  const start = performance.now();

  const send = (due: number) => {
    const context: Record<string, unknown> = {};
    const { path, headers, body } = request.setupRequest({}, context);
    const done = new Promise<void>((resolve) => {
      const req = http.request({ host: target.hostname, port: target.port, path, method: request.method, headers, agent, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          latencies.push(performance.now() - due);
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) non2xx += 1;
          request.onResponse?.(status, Buffer.concat(chunks).toString('utf8'), context, res.headers as Record<string, string>);
          resolve();
        });
      });
      req.on('timeout', () => {
        timeouts += 1;
        req.destroy(new Error('timeout'));
      });
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end(body);
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };

  // Every millisecond or so, send whatever has fallen due (a late timer sends the overdue ones at once, each timed
  // from its own due moment).
  for (let sent = 0; sent < total;) {
    const now = performance.now();
    while (sent < total && start + sent * interval <= now) {
      send(start + sent * interval);
      sent += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    errors,
    timeouts,
    non2xx,
    requests: { average: latencies.length / seconds },
    latency: latencyOf(latencies),
    samples: latencies,
  };
}
