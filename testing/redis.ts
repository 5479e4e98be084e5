// Gives a test suite a real Redis: REDIS_URL when set, otherwise its own redis-server on a free port.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { freePort, launchRedisServer } from '../scripts/redisServer';

export { freePort, REDIS_MISSING } from '../scripts/redisServer';

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
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'beian-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let proc: ChildProcess | undefined;
  const launch = async () => {
    proc = await launchRedisServer({ port, dir, appendfsync: 'always', args: options.args });
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
