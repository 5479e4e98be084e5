// Gives a test suite a real 3-master Redis Cluster: three `redis-server --cluster-enabled yes` on free ports with temp
// dirs (AOF, appendfsync always), joined by `redis-cli --cluster create ... --cluster-replicas 0 --cluster-yes`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis, { Cluster } from 'ioredis';
import { freePort, launchRedisServer } from '../scripts/redisServer';
import { eventually } from './eventually';
import type { TestRedis } from './redis';

export interface TestCluster extends TestRedis {
  /** `host:port,host:port,host:port` — the BFF's REDIS_CLUSTER_NODES. */
  nodesEnv: string;
  nodes: { host: string; port: number }[];
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${out}`))));
  });
}

async function clusterOk(port: number): Promise<boolean> {
  const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    const info = (await probe.call('CLUSTER', 'INFO')) as string;
    return /cluster_state:ok/.test(info) && /cluster_known_nodes:3/.test(info);
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export async function startCluster(): Promise<TestCluster> {
  const ports: number[] = [];
  const dirs: string[] = [];
  const procs: ChildProcess[] = [];
  const clusterArgs = ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '2000'];
  try {
    for (let i = 0; i < 3; i += 1) {
      // freePort() releases the port before redis-server binds it; distinct picks keep the three apart.
      let port = await freePort();
      while (ports.includes(port) || ports.includes(port - 10000) || port + 10000 > 65535) port = await freePort();
      const dir = mkdtempSync(join(tmpdir(), 'beian-cluster-'));
      ports.push(port);
      dirs.push(dir);
      procs.push(await launchRedisServer({ port, dir, args: clusterArgs }));
    }
    await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes']);
    await eventually(async () => (await Promise.all(ports.map(clusterOk))).every(Boolean), 'Redis Cluster to reach cluster_state:ok', { timeoutMs: 20_000, intervalMs: 100 });
  } catch (err) {
    for (const p of procs) p.kill('SIGKILL');
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    throw err;
  }

  const nodes = ports.map((port) => ({ host: '127.0.0.1', port }));
  const client = new Cluster(nodes, { redisOptions: { maxRetriesPerRequest: 1 } });
  client.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve());
    client.once('end', () => reject(new Error('cluster client ended before ready')));
  });
  const waitOk = async () => {
    await eventually(async () => (await Promise.all(ports.map(clusterOk))).every(Boolean), 'Redis Cluster to come back to cluster_state:ok', { timeoutMs: 20_000, intervalMs: 100 });
  };
  return {
    url: `redis://127.0.0.1:${ports[0]}`,
    nodes,
    nodesEnv: nodes.map((n) => `${n.host}:${n.port}`).join(','),
    // Same command API as a single Redis for the tests' own assertions (each key goes to its slot's node).
    client: client as unknown as Redis,
    owned: true,
    async flush() {
      await Promise.all(client.nodes('master').map((node) => node.flushall()));
    },
    /** SIGKILL every master (the whole cluster goes down at once, like a single Redis in the other helper). */
    async kill() {
      await Promise.all(
        procs.map(
          (p) =>
            new Promise<void>((resolve) => {
              if (p.exitCode !== null || p.signalCode !== null) return resolve();
              p.once('exit', () => resolve());
              p.kill('SIGKILL');
            }),
        ),
      );
    },
    /** Start the masters again from their AOF and nodes.conf; resolves when the cluster is ok. */
    async restart() {
      for (let i = 0; i < ports.length; i += 1) procs[i] = await launchRedisServer({ port: ports[i], dir: dirs[i], args: clusterArgs });
      await waitOk();
    },
    async stop() {
      client.disconnect();
      await Promise.all(
        procs.map(
          (p) =>
            new Promise<void>((resolve) => {
              if (p.exitCode !== null) return resolve();
              p.once('exit', () => resolve());
              p.kill('SIGTERM');
            }),
        ),
      );
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}
