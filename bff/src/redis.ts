// The BFF's Redis connections: fail fast while Redis is down (503, never an endless queue) and reconnect by themselves.
// A single Redis (REDIS_URL) or a Redis Cluster (REDIS_CLUSTER_NODES): the stores use the same command API on both.
import Redis, { Cluster, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import type { RedisOptions as BullRedisOptions } from 'bullmq';

/** Every option that matters for availability, with why. */
export const REQUEST_REDIS_OPTIONS: RedisOptions = {
  // Commands issued while disconnected fail at once instead of waiting for a reconnect (default: true = queue).
  enableOfflineQueue: false,
  // A command already sent when the connection drops is retried once, then fails (default: 20).
  maxRetriesPerRequest: 1,
  // A command with no answer after 2 s fails (default: none, wait forever).
  commandTimeout: 2000,
  // Connecting gives up after 2 s per attempt (default: 10 s).
  connectTimeout: 2000,
  // Reconnect forever, backing off up to 1 s, so requests succeed again once Redis is back (default: up to 2 s).
  retryStrategy: (times: number) => Math.min(times * 100, 1000),
};

export interface ClusterNode {
  host: string;
  port: number;
}

/** Password, user and TLS of REDIS_URL, for each cluster node's connection. */
function authOf(url: string): Pick<RedisOptions, 'password' | 'username' | 'tls'> {
  const u = new URL(url);
  return {
    password: u.password ? decodeURIComponent(u.password) : undefined,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
}

/** Cluster-level options matching REQUEST_REDIS_OPTIONS: fail fast while a slot has no reachable master. */
function clusterOptions(url: string, redisOptions: RedisOptions, enableOfflineQueue: boolean): ClusterOptions {
  return {
    redisOptions: { ...authOf(url), ...redisOptions },
    enableOfflineQueue,
    // Keep trying to reach the cluster, backing off up to 1 s (default: up to 2 s).
    clusterRetryStrategy: (times: number) => Math.min(times * 100, 1000),
    // A slot moving during a failover is retried after 100 ms (the default), at most 16 redirections (default).
    retryDelayOnFailover: 100,
    slotsRefreshTimeout: 2000,
  };
}

/**
 * The request connection. With cluster nodes it is an ioredis Cluster, used through the same (Redis) command API:
 * every multi-key command, MULTI and Lua script of the stores names keys of one hash tag, hence one slot.
 */
export function createRedis(url: string, logger: Logger, name: string, clusterNodes: ClusterNode[] = []): Redis {
  const redis =
    clusterNodes.length > 0
      ? (new Cluster(clusterNodes, clusterOptions(url, { ...REQUEST_REDIS_OPTIONS, connectionName: name }, false)) as unknown as Redis)
      : new Redis(url, { ...REQUEST_REDIS_OPTIONS, connectionName: name });
  let down = false;
  redis.on('error', (err: Error) => {
    if (!down) logger.warn({ err, connection: name }, 'redis connection error');
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.info({ connection: name }, 'redis connection restored');
    down = false;
  });
  return redis;
}

/**
 * BullMQ connections on a cluster: ioredis Cluster instances (BullMQ duplicates them for its blocking reads). The
 * queues' prefix is a hash tag (stores/keys.ts QUEUE_PREFIX), so each queue's keys and scripts stay on one slot.
 */
export function bullClusterConnection(url: string, clusterNodes: ClusterNode[], role: 'producer' | 'worker'): Cluster {
  // Producers give up after 2 s while the cluster is unreachable (the request answers 503); workers wait. The offline
  // queue stays on for both: BullMQ's own QUIT on close would throw without it.
  return role === 'producer'
    ? new Cluster(clusterNodes, clusterOptions(url, { maxRetriesPerRequest: 1, commandTimeout: 2000 }, true))
    : new Cluster(clusterNodes, clusterOptions(url, { maxRetriesPerRequest: null }, true));
}

/** Options for BullMQ's own connections (its workers block; BullMQ requires maxRetriesPerRequest null there). */
export function bullConnectionOptions(url: string): BullRedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
  };
}

/** True when the error means "Redis is unreachable right now" (answered 503 + Retry-After). */
export function isRedisUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const name = err.name;
  const msg = err.message;
  return (
    name === 'MaxRetriesPerRequestError' ||
    /enableOfflineQueue|Connection is closed|Stream isn't writeable|Command timed out|ECONNREFUSED|ECONNRESET|LOADING|Reached the max retries/i.test(msg) ||
    // A Redis Cluster restarting or failing over: no master for the slot yet, or no node reachable.
    /CLUSTERDOWN|TRYAGAIN|Too many Cluster redirections|Failed to refresh slots cache|None of startup nodes is available|Cluster isn't ready/i.test(msg)
  );
}

/** Resolves once the connection is ready, or after `timeoutMs` (the BFF then starts anyway and answers 503 until it is). */
export function whenReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', onReady);
  });
}
