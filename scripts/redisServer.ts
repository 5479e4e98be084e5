// Starts a redis-server from PATH (own port, own data folder, AOF on) for the demo and the tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import Redis from 'ioredis';

export const REDIS_MISSING = 'redis-server not found on PATH: install it with `apt-get install -y redis-server`, or set REDIS_URL to a Redis you own.';

export function redisServerExists(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).error === undefined;
}

/** Listens on `port` of 127.0.0.1 (0: any) and releases it again: the port it got, or null when it could not listen. */
function listenOnce(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(null));
    srv.listen(port, '127.0.0.1', () => {
      const address = srv.address();
      const bound = typeof address === 'object' && address ? address.port : null;
      srv.close(() => resolve(bound));
    });
  });
}

/** The first port of the kernel's range for outgoing connections' local ports (32768 unless configured otherwise). */
function ephemeralStart(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
}

/**
 * A port for a server of ours to listen on, taken below the ephemeral range: a port that listen(0) handed out and
 * released is an ephemeral one, and any outgoing connection (to Redis, the sandbox, a load generator's) could take it as
 * its local port before our server binds it — the bench's BFF once failed to start with EADDRINUSE that way. Random
 * picks from 20000 up to the range's start, each checked by binding it; listen(0) only if none is free.
 */
export async function freePort(): Promise<number> {
  const high = ephemeralStart() - 1;
  const low = 20000;
  for (let attempt = 0; high > low && attempt < 50; attempt++) {
    const port = await listenOnce(low + Math.floor(Math.random() * (high - low + 1)));
    if (port !== null) return port;
  }
  const port = await listenOnce(0);
  if (port === null) throw new Error('freePort: could not listen on any port of 127.0.0.1');
  return port;
}

export async function waitForPing(url: string, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      return;
    } catch {
      probe.disconnect();
      if (Date.now() > deadline) throw new Error(`Redis at ${url} did not answer within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export interface RedisServerOptions {
  port: number;
  dir: string;
  /** `always` in tests (every acknowledged write survives SIGKILL); `everysec` is the demo default. */
  appendfsync?: 'always' | 'everysec';
  args?: string[];
}

/** Spawns redis-server with AOF in `dir` and resolves once it answers PING. */
export async function launchRedisServer(options: RedisServerOptions): Promise<ChildProcess> {
  if (!redisServerExists()) throw new Error(REDIS_MISSING);
  const proc = spawn(
    'redis-server',
    [
      '--port',
      String(options.port),
      '--bind',
      '127.0.0.1',
      '--dir',
      options.dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      options.appendfsync ?? 'always',
      '--save',
      '',
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
      ...(options.args ?? []),
    ],
    { stdio: 'ignore' },
  );
  await waitForPing(`redis://127.0.0.1:${options.port}`);
  return proc;
}
