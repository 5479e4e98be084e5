// Starts a redis-server from PATH (own port, own data folder, AOF on) for the demo and the tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import Redis from 'ioredis';

export const REDIS_MISSING = 'redis-server not found on PATH: install it with `apt-get install -y redis-server`, or set REDIS_URL to a Redis you own.';

export function redisServerExists(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).error === undefined;
}

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
