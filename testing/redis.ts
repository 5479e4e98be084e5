// Gives a test suite a real Redis: REDIS_URL when set, otherwise its own redis-server on a free port.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';

export interface TestRedis {
  url: string;
  /** Connection for assertions made by the test itself. */
  client: Redis;
  /** True when this helper started the server (and may kill / restart it). */
  owned: boolean;
  /** Remove every key (between tests). */
  flush(): Promise<void>;
  /** SIGKILL the server (owned only). */
  kill(): Promise<void>;
  /** Start it again on the same port and data folder (owned only). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export const REDIS_MISSING =
  'redis-server not found on PATH: install it with `apt-get install -y redis-server`, or set REDIS_URL to a Redis you own.';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function redisServerExists(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).error === undefined;
}

async function waitForPing(url: string, timeoutMs = 10000): Promise<void> {
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

export interface StartRedisOptions {
  /** Extra redis-server arguments, e.g. ['--appendfsync', 'always']. */
  args?: string[];
}

export async function startRedis(options: StartRedisOptions = {}): Promise<TestRedis> {
  const external = process.env.REDIS_URL;
  if (external) {
    const client = new Redis(external);
    return {
      url: external,
      client,
      owned: false,
      flush: async () => void (await client.flushdb()),
      kill: async () => {
        throw new Error('cannot kill a Redis this test did not start (REDIS_URL is set)');
      },
      restart: async () => {
        throw new Error('cannot restart a Redis this test did not start (REDIS_URL is set)');
      },
      stop: async () => void client.disconnect(),
    };
  }
  if (!redisServerExists()) throw new Error(REDIS_MISSING);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'beian-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let proc: ChildProcess | undefined;
  const launch = async () => {
    proc = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always',
        '--save', '', '--daemonize', 'no', '--loglevel', 'warning', ...(options.args ?? [])],
      { stdio: 'ignore' },
    );
    await waitForPing(url);
  };
  await launch();
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  const killProc = async (signal: NodeJS.Signals) => {
    const p = proc;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill(signal);
    });
  };
  return {
    url,
    client,
    owned: true,
    flush: async () => void (await client.flushall()),
    kill: () => killProc('SIGKILL'),
    restart: launch,
    stop: async () => {
      client.disconnect();
      await killProc('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
