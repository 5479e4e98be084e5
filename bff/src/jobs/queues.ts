// BullMQ queues and workers for the relay and the notifications: deterministic job ids (never twice), retried with
// capped exponential backoff (never lost while the review system or a gateway is down), completed jobs kept so an id
// stays taken.
import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Cluster } from 'ioredis';
import type { Logger } from 'pino';
import { bullClusterConnection, bullConnectionOptions, type ClusterNode } from '../redis';
import { QUEUE_PREFIX } from '../stores/keys';
import type { RelayJob } from '../services/submitService';
import type { NotificationJob } from '../services/notificationService';

export interface JobHandlers {
  relay(job: RelayJob): Promise<unknown>;
  notify(job: NotificationJob): Promise<unknown>;
}

export interface Queues {
  enqueueRelay(job: RelayJob): Promise<void>;
  enqueueNotification(job: NotificationJob, jobId: string): Promise<void>;
  /** Starts the workers (the handlers need services that need the queues, hence later). */
  start(handlers: JobHandlers): void;
  close(): Promise<void>;
  relayQueue: Queue;
  notifyQueue: Queue;
}

export interface QueueOptions {
  redisUrl: string;
  /** Redis Cluster seed nodes (empty or absent: the single Redis of redisUrl). */
  clusterNodes?: ClusterNode[];
  backoffMs: number;
  backoffMaxMs: number;
  logger: Logger;
}

export const relayJobId = (j: RelayJob) => `relay-${j.changeId}-${j.submissionNo}`;

export function createQueues({ redisUrl, clusterNodes = [], backoffMs, backoffMaxMs, logger }: QueueOptions): Queues {
  // On a cluster BullMQ gets Cluster instances, which it does not close itself: remember them for close().
  const clusters: Cluster[] = [];
  const clusterConnection = (role: 'producer' | 'worker') => {
    const cluster = bullClusterConnection(redisUrl, clusterNodes, role);
    cluster.on('error', (err: Error) => logger.warn({ err, role }, 'queue cluster connection error'));
    clusters.push(cluster);
    return cluster as unknown as ConnectionOptions;
  };
  const single = bullConnectionOptions(redisUrl);
  const connection: ConnectionOptions = clusterNodes.length > 0 ? clusterConnection('worker') : single;
  // Producers give up after one reconnect attempt while Redis is down (the request answers 503); workers wait and
  // resume by themselves. (enableOfflineQueue: false would make BullMQ's own QUIT on close throw while reconnecting.)
  const producer: ConnectionOptions = clusterNodes.length > 0 ? clusterConnection('producer') : { ...single, maxRetriesPerRequest: 1 };
  const relayQueue = new Queue('relay', { connection: producer, prefix: QUEUE_PREFIX });
  const notifyQueue = new Queue('notify', { connection: producer, prefix: QUEUE_PREFIX });
  for (const q of [relayQueue, notifyQueue]) q.on('error', (err) => logger.warn({ err, queue: q.name }, 'queue connection error'));
  const workers: Worker[] = [];
  const backoffStrategy = (attemptsMade: number) => Math.min(backoffMs * 2 ** Math.max(0, attemptsMade - 1), backoffMaxMs);
  const keep = { removeOnComplete: false, removeOnFail: false } as const;

  return {
    relayQueue,
    notifyQueue,
    async enqueueRelay(job) {
      await relayQueue.add('relay', job, { jobId: relayJobId(job), attempts: 10_000, backoff: { type: 'custom' }, ...keep });
    },
    async enqueueNotification(job, jobId) {
      await notifyQueue.add('notify', job, { jobId, attempts: 50, backoff: { type: 'custom' }, ...keep });
    },
    start(handlers) {
      const make = (name: string, fn: (job: Job) => Promise<unknown>) => {
        const worker = new Worker(name, fn, {
          connection,
          prefix: QUEUE_PREFIX,
          concurrency: 4,
          settings: { backoffStrategy },
          // A job whose worker died is taken back within ~15 s (defaults: 30 s + 30 s); the lock is renewed while a
          // live worker runs, so slow jobs are unaffected.
          lockDuration: 10_000,
          stalledInterval: 5_000,
          // Default 1 would fail a job for good after a second crash: every job here is idempotent, so never give up.
          maxStalledCount: 1_000,
        });
        worker.on('failed', (job, err) => logger.warn({ err, jobId: job?.id, attemptsMade: job?.attemptsMade }, `${name} job failed, will retry`));
        worker.on('error', (err) => logger.warn({ err, queue: name }, 'worker connection error'));
        workers.push(worker);
      };
      make('relay', (job) => handlers.relay(job.data as RelayJob));
      make('notify', (job) => handlers.notify(job.data as NotificationJob));
    },
    async close() {
      // force: do not wait for a running job (it is retried: every job is idempotent).
      await Promise.all(workers.map((w) => w.close(true)));
      await Promise.all([relayQueue.close(), notifyQueue.close()].map((p) => p.catch(() => undefined)));
      for (const cluster of clusters) cluster.disconnect();
    },
  };
}
