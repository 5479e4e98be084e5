// An open-loop load at a fixed rate, requests evenly spaced (1 000/s = one every millisecond). autocannon's
// `overallRate` is a budget per second: each connection sends its share back to back when the second starts and then
// waits, so "1 000/s" arrives as one burst of 1 000 a second and its p99 measures the burst's queue, not a steady load.
// Latency here is counted from when a request was due, not from when a socket was free (no coordinated omission).
//
// Requests go out as bytes written on kept-alive sockets and replies are read by a minimal HTTP/1.1 parser (status,
// headers, a Content-Length or chunked body), as autocannon does: Node's http client cost this generator 180–290 µs of
// CPU per request, a fifth of a core at 1 000/s taken from the server it measures on a 2-core machine.
import net from 'node:net';
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

/** One parsed reply. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * Reads HTTP/1.1 replies off a byte stream: `push` each chunk, get back the replies it completed. Bodies are framed by
 * Content-Length or chunked transfer coding (a reply framed by neither is an error: the bench's servers always frame).
 */
export class ReplyParser {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Reply[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const replies: Reply[] = [];
    for (;;) {
      const reply = this.next();
      if (!reply) return replies;
      replies.push(reply);
    }
  }

  private next(): Reply | null {
    const headEnd = this.buf.indexOf(HEAD_END);
    if (headEnd < 0) return null;
    const lines = this.buf.toString('latin1', 0, headEnd).split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1]);
    if (!status) throw new Error(`not an HTTP reply: ${JSON.stringify(lines[0])}`);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const start = headEnd + HEAD_END.length;
    // 1xx, 204 and 304 replies never have a body, whatever their headers say (RFC 9112 §6.3).
    const bodiless = status < 200 || status === 204 || status === 304;
    const framed = bodiless ? { body: Buffer.alloc(0), end: start } : headers['transfer-encoding'] === 'chunked' ? this.chunked(start) : this.sized(start, headers['content-length']);
    if (!framed) return null;
    this.buf = this.buf.subarray(framed.end);
    return { status, headers, body: framed.body };
  }

  private sized(start: number, length: string | undefined): { body: Buffer; end: number } | null {
    if (length === undefined) throw new Error('a reply without Content-Length or chunked coding');
    const end = start + Number(length);
    return this.buf.length < end ? null : { body: this.buf.subarray(start, end), end };
  }

  private chunked(start: number): { body: Buffer; end: number } | null {
    const parts: Buffer[] = [];
    for (let at = start; ;) {
      const lineEnd = this.buf.indexOf('\r\n', at);
      if (lineEnd < 0) return null;
      const size = parseInt(this.buf.toString('latin1', at, lineEnd), 16);
      if (Number.isNaN(size)) throw new Error('a malformed chunk size');
      const dataEnd = lineEnd + 2 + size;
      if (this.buf.length < dataEnd + 2) return null;
      if (size === 0) {
        // No trailers from the bench's servers: the last chunk is followed by the final CRLF.
        return { body: Buffer.concat(parts), end: dataEnd + 2 };
      }
      parts.push(this.buf.subarray(lineEnd + 2, dataEnd));
      at = dataEnd + 2;
    }
  }
}

interface Pending {
  due: number;
  bytes: string;
  context: Record<string, unknown>;
}

export async function paced({ url, rate, seconds, connections, request, timeoutMs = 20_000 }: PacedOptions): Promise<LoadResult> {
  const target = new URL(url);
  const host = `${target.hostname}:${target.port}`;
  const latencies: number[] = [];
  let errors = 0;
  let timeouts = 0;
  let non2xx = 0;
  const interval = 1000 / rate;
  const total = Math.round(rate * seconds);
  let finished = 0;
  const waiting: Pending[] = [];
  const idle: Conn[] = [];
  let allDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allDone = resolve));

  const settle = () => {
    finished += 1;
    if (finished === total) allDone();
  };

  /** A kept-alive socket carrying one request at a time; it is replaced when it fails or times out. */
  class Conn {
    private socket: net.Socket;
    private parser = new ReplyParser();
    private current: Pending | null = null;
    private timer: NodeJS.Timeout | null = null;

    constructor() {
      this.socket = this.open();
    }

    private open(): net.Socket {
      const socket = net.connect({ host: target.hostname, port: Number(target.port) });
      socket.setNoDelay(true);
      socket.on('data', (chunk: Buffer) => this.onData(chunk));
      socket.on('error', () => this.fail('error'));
      socket.on('close', () => this.fail('error'));
      return socket;
    }

    send(p: Pending) {
      this.current = p;
      this.timer = setTimeout(() => this.fail('timeout'), timeoutMs);
      this.socket.write(p.bytes);
    }

    private onData(chunk: Buffer) {
      let replies: Reply[];
      try {
        replies = this.parser.push(chunk);
      } catch {
        this.fail('error');
        return;
      }
      for (const reply of replies) {
        const p = this.current;
        if (!p) continue;
        this.current = null;
        if (this.timer) clearTimeout(this.timer);
        latencies.push(performance.now() - p.due);
        if (reply.status < 200 || reply.status >= 300) non2xx += 1;
        request.onResponse?.(reply.status, reply.body.toString('utf8'), p.context, reply.headers);
        settle();
        this.free();
      }
    }

    /** Counts the request in flight (if any) as failed and goes on with a new socket (also when the server closed an idle one). */
    private fail(kind: 'error' | 'timeout') {
      const p = this.current;
      this.current = null;
      if (this.timer) clearTimeout(this.timer);
      this.close();
      this.parser = new ReplyParser();
      if (finished < total) this.socket = this.open();
      if (!p) return;
      if (kind === 'timeout') timeouts += 1;
      else errors += 1;
      settle();
      this.free();
    }

    private free() {
      const next = waiting.shift();
      if (next) this.send(next);
      else idle.push(this);
    }

    close() {
      this.socket.removeAllListeners();
      this.socket.on('error', () => undefined);
      this.socket.destroy();
    }
  }

  const conns = Array.from({ length: connections }, () => new Conn());
  idle.push(...conns);

  const enqueue = (due: number) => {
    const context: Record<string, unknown> = {};
    const { path, headers, body = '' } = request.setupRequest({}, context);
    let head = `${request.method} ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    const bytes = `${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const p = { due, bytes, context };
    const conn = idle.shift();
    if (conn) conn.send(p);
    else waiting.push(p);
  };

  // Every millisecond or so, send whatever has fallen due (a late timer sends the overdue ones at once, each timed
  // from its own due moment).
  const start = performance.now();
  for (let sent = 0; sent < total;) {
    const now = performance.now();
    while (sent < total && start + sent * interval <= now) {
      enqueue(start + sent * interval);
      sent += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  if (total > 0) await done;
  for (const conn of conns) conn.close();
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
