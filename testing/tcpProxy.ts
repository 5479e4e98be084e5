// The one TCP proxy of the tests: in front of Redis, the review system or several BFFs, on loopback. It can add
// latency, hold traffic (pause), drop and refuse connections (cut), spread connections round-robin over several
// targets, and shape a slow phone link (bandwidth limit + added round-trip time).
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpTarget {
  host: string;
  port: number;
}

/** A phone network: `kbps` each way (shared by every connection, like one radio link) and `rttMs` added per round trip. */
export interface LinkShape {
  kbps: number;
  rttMs: number;
}

export interface TcpProxyOptions {
  /** Where connections go: round-robin per connection over the list; a function is asked again for each connection. */
  targets: TcpTarget[] | (() => TcpTarget[]);
  /** Delay added to every chunk, each direction (default 0). */
  latencyMs?: number;
  link?: LinkShape | null;
}

export interface TcpProxy {
  port: number;
  /** `scheme://127.0.0.1:<port>`, e.g. url('redis') or url('http'). */
  url(scheme: string): string;
  setTargets(targets: TcpTarget[] | (() => TcpTarget[])): void;
  /** Delay every chunk by `ms` each direction from now on; chunks keep their order whatever the latency was. */
  setLatency(ms: number): void;
  /** Shape the link (null: full speed). A browser throttled to 400 kbps / 400 ms RTT: `{ kbps: 400, rttMs: 400 }`. */
  setLink(link: LinkShape | null): void;
  /** Hold every byte in both directions (a stalled network: connections stay open, nothing moves) … */
  pause(): void;
  /** … and deliver what was held, in order. */
  resume(): void;
  /** Reset every open connection and every new one until restore(): the target looks unreachable. */
  cut(): void;
  restore(): void;
  /** Connections opened so far to `target` (a TcpTarget, or a URL of it). */
  connectionsTo(target: TcpTarget | string): number;
  /**
   * Round trips so far, over all connections: a client write that opens a connection or follows an answer on it.
   * Commands written back to back before any answer (a pipeline) are one round trip.
   */
  roundTrips(): number;
  close(): Promise<void>;
}

/** The host and port of an http://, redis://, … URL. */
export function targetOf(url: string): TcpTarget {
  const parsed = new URL(url);
  const port = Number(parsed.port);
  if (!port) throw new Error(`${url} names no port`);
  return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port };
}

const keyOf = (target: TcpTarget): string => `${target.host}:${target.port}`;

/** Chunks are cut to this size on a shaped link, so bytes trickle as on a real one instead of arriving in 64 KB lumps. */
const SLICE = 1460;
/** Bytes queued in one direction before the sender is paused (TCP flow control, roughly). */
const HIGH_WATER = 256 * 1024;

/** One direction of the shaped link, shared by all connections: when it is free to send the next byte. */
interface LinkDirection {
  freeAt: number;
}

export async function startTcpProxy(options: TcpProxyOptions): Promise<TcpProxy> {
  let targets = options.targets;
  let latency = options.latencyMs ?? 0;
  let link = options.link ?? null;
  let paused = false;
  let refused = false;
  let next = 0;
  let roundTrips = 0;
  const opened = new Map<string, number>();
  const sockets = new Set<net.Socket>();
  /** Deliveries held while paused, in arrival order. */
  const held: (() => void)[] = [];
  const up: LinkDirection = { freeAt: 0 };
  const down: LinkDirection = { freeAt: 0 };

  /**
   * Forwards `from` → `to` in order, each chunk delayed by latency and the link's transmission time. An end (FIN) is
   * passed on after the last delayed chunk; a reset or error drops the other side at once.
   */
  const pipe = (from: net.Socket, to: net.Socket, direction: LinkDirection) => {
    let lastDue = 0;
    let queued = 0;
    let pending = 0;
    let ended = false;
    const deliver = (chunk: Buffer, due: number) => {
      queued += chunk.length;
      pending += 1;
      if (queued > HIGH_WATER) from.pause();
      const send = () => {
        queued -= chunk.length;
        pending -= 1;
        if (!to.destroyed) to.write(chunk);
        if (queued <= HIGH_WATER && from.isPaused()) from.resume();
        if (ended && pending === 0) to.end();
      };
      const wait = due - Date.now();
      if (wait <= 0 && !paused) send();
      else setTimeout(() => (paused ? held.push(send) : send()), Math.max(0, wait));
    };
    from.on('data', (chunk: Buffer) => {
      if (!link) {
        const due = Math.max(Date.now() + latency, lastDue);
        lastDue = due;
        deliver(chunk, due);
        return;
      }
      const bytesPerMs = (link.kbps * 1000) / 8 / 1000;
      const oneWay = latency + link.rttMs / 2;
      for (let offset = 0; offset < chunk.length; offset += SLICE) {
        const slice = chunk.subarray(offset, offset + SLICE);
        const start = Math.max(Date.now(), direction.freeAt);
        direction.freeAt = start + slice.length / bytesPerMs;
        const due = Math.max(direction.freeAt + oneWay, lastDue);
        lastDue = due;
        deliver(slice, due);
      }
    });
    from.on('end', () => {
      ended = true;
      if (pending === 0) to.end();
    });
    from.on('close', () => {
      if (!ended) to.destroy();
    });
    from.on('error', () => to.destroy());
  };

  // allowHalfOpen: an end from one side is passed on by pipe() once its delayed bytes are out, not applied at once.
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    if (refused) {
      client.resetAndDestroy();
      return;
    }
    const list = typeof targets === 'function' ? targets() : targets;
    if (list.length === 0) {
      client.resetAndDestroy();
      return;
    }
    const target = list[next++ % list.length];
    opened.set(keyOf(target), (opened.get(keyOf(target)) ?? 0) + 1);
    const upstream = net.connect({ port: target.port, host: target.host, allowHalfOpen: true });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    pipe(client, upstream, up);
    pipe(upstream, client, down);
    let awaitingAnswer = false;
    client.on('data', () => {
      if (!awaitingAnswer) roundTrips += 1;
      awaitingAnswer = true;
    });
    upstream.on('data', () => {
      awaitingAnswer = false;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    url: (scheme) => `${scheme}://127.0.0.1:${port}`,
    setTargets(value) {
      targets = value;
    },
    setLatency(ms) {
      latency = ms;
    },
    setLink(value) {
      link = value;
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      for (const send of held.splice(0)) send();
    },
    cut() {
      refused = true;
      for (const socket of sockets) socket.resetAndDestroy();
    },
    restore() {
      refused = false;
    },
    connectionsTo: (target) => opened.get(keyOf(typeof target === 'string' ? targetOf(target) : target)) ?? 0,
    roundTrips: () => roundTrips,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
