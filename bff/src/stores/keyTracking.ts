// Invalidation of in-process copies of Redis values: every master pushes the names of the keys under a prefix that
// change (written, deleted, expired, flushed — whoever changed them) to one connection of ours, through Redis's own
// client-side-caching protocol (CLIENT TRACKING in broadcast mode, redirected to that connection's pub/sub channel).
// A copy may be served only while every master's stream is up; losing or regaining one drops every copy.
import type Redis from 'ioredis';
import type { Cluster, RedisOptions } from 'ioredis';

/** The channel a RESP2 connection receives tracking invalidations on (a Redis constant). */
const INVALIDATE_CHANNEL = '__redis__:invalidate';

/** Options of the watching connection, over those of the connection it duplicates. */
const WATCH_OPTIONS: RedisOptions = {
  // Invalidations come as pub/sub messages on RESP2 (on RESP3 they are push frames ioredis does not surface).
  protocol: 2,
  // Subscribing is part of arming the stream (below), in order, on every connect.
  autoResubscribe: false,
  // Reconnect forever, backing off up to 1 s (a cluster node's own connections do not reconnect by themselves).
  retryStrategy: (times: number) => Math.min(times * 100, 1000),
  connectionName: 'bff-invalidations',
  // A Cluster's node connections are lazy (connected on their first command); this one must connect by itself.
  lazyConnect: false,
};

export interface KeyWatch {
  /** True while every master's invalidation stream is armed: only then may a copy be served. */
  isLive(): boolean;
  close(): void;
}

/** `key` changed on Redis, or `null`: anything may have changed (a flush, a stream lost or regained). */
export type Invalidate = (key: string | null) => void;

interface NodeWatch {
  live: boolean;
  close(): void;
}

/** One master: a connection that asks for broadcasts about `prefix` sent to itself, and listens for them. */
function watchNode(source: Redis, prefix: string, invalidate: Invalidate, onState: () => void): NodeWatch {
  const conn = source.duplicate(WATCH_OPTIONS);
  const watch: NodeWatch = {
    live: false,
    close: () => conn.disconnect(),
  };
  const setLive = (live: boolean) => {
    if (watch.live === live) return;
    watch.live = live;
    // Whatever changed while the stream was down went unannounced.
    invalidate(null);
    onState();
  };
  conn.on('error', () => undefined);
  conn.on('close', () => setLive(false));
  conn.on('ready', () => {
    const arm = async () => {
      const id = await conn.client('ID');
      await conn.call('CLIENT', 'TRACKING', 'ON', 'REDIRECT', String(id), 'BCAST', 'PREFIX', prefix);
      await conn.subscribe(INVALIDATE_CHANNEL);
      setLive(true);
    };
    // A connection that cannot be armed is dropped and retried like a lost one.
    arm().catch(() => conn.disconnect(true));
  });
  conn.on('messageBuffer', (_channel: Buffer, message: Buffer | Buffer[] | null) => {
    if (Array.isArray(message)) for (const key of message) invalidate(key.toString());
    // No key list: FLUSHDB/FLUSHALL.
    else invalidate(null);
  });
  return watch;
}

/** The connection as an ioredis Cluster, when it is one (createRedis hands a Cluster out under the Redis type). */
const asCluster = (redis: Redis): Cluster | null => ((redis as unknown as Cluster).isCluster === true ? (redis as unknown as Cluster) : null);
const nodeKey = (node: Redis) => `${node.options.host}:${node.options.port}`;

/**
 * Watches the keys under `prefix` on the Redis (or every master of the Redis Cluster) behind `redis`, for as long as
 * that connection lives (its `end` closes the watch).
 */
export function watchKeys(redis: Redis, prefix: string, invalidate: Invalidate): KeyWatch {
  const nodes = new Map<string, NodeWatch>();
  let closed = false;
  let masters = 0;
  // Asked on every request: kept up to date when a stream's state changes rather than computed each time.
  let live = false;
  const recompute = () => {
    live = !closed && masters > 0 && nodes.size === masters && [...nodes.values()].every((w) => w.live);
  };

  const cluster = asCluster(redis);
  const reconcile = () => {
    if (closed) return;
    const current = cluster ? cluster.nodes('master') : [redis];
    const wanted = new Set(current.map(nodeKey));
    let changed = false;
    for (const [key, watch] of nodes) {
      if (!wanted.has(key)) {
        watch.close();
        nodes.delete(key);
        changed = true;
      }
    }
    for (const node of current) {
      if (!nodes.has(nodeKey(node))) {
        nodes.set(nodeKey(node), watchNode(node, prefix, invalidate, recompute));
        changed = true;
      }
    }
    masters = current.length;
    recompute();
    // A master came or went: copies of keys on its slots may be stale.
    if (changed) invalidate(null);
  };

  if (cluster) {
    for (const event of ['ready', 'refresh', '+node', '-node']) cluster.on(event, reconcile);
  }
  reconcile();

  const close = () => {
    if (closed) return;
    closed = true;
    if (cluster) for (const event of ['ready', 'refresh', '+node', '-node']) cluster.off(event, reconcile);
    for (const watch of nodes.values()) watch.close();
    nodes.clear();
    recompute();
  };
  redis.once('end', close);

  return {
    isLive: () => live,
    close,
  };
}
