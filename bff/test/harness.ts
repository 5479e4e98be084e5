// Test harness: a real Redis, the sandbox (review system, WeChat, SMS, SMTP) and the BFF on free ports, plus an
// authenticated client per applicant, typed by the BFF's contract (testing/bffClient.ts). Reused by the browser journeys.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedis, freePort, type TestRedis } from '../../testing/redis';
import { startCluster } from '../../testing/cluster';
import { startTcpProxy, targetOf } from '../../testing/tcpProxy';
import { eventually } from '../../testing/eventually';
import { bffEnvForSandbox, startTestSandbox, CALLBACK_SECRET, type TestSandbox } from '../../sandbox/testSupport';
import type { SandboxOptions } from '../../sandbox/env';
import { startBff, type RunningBff } from '../src/app';
import type { Logger } from 'pino';
import { createLogger } from '../src/logger';
import { createBffClient, type BffClient } from '../../testing/bffClient';

export { CALLBACK_SECRET };
export { eventually } from '../../testing/eventually';

/** The seeded applicants of the sandbox (see sandbox/seed.ts). */
export const APPLICANTS = {
  /** Personal filing, 粤: websites site-zw-photo, site-zw-notes. */
  zhangWei: { applicantId: 'zhang-wei', filingId: 'filing-yue-zhangwei', websiteId: 'site-zw-photo' },
  /** Organisation, 浙: site-yq-main (clean), site-yq-docs (own principal, domain expiring). */
  yunqi: { applicantId: 'hangzhou-yunqi', filingId: 'filing-zhe-yunqi', websiteId: 'site-yq-main' },
  /** Organisation, 京: site-md-main (footer lacks the filing number), site-md-class. */
  mingde: { applicantId: 'beijing-mingde', filingId: 'filing-jing-mingde', websiteId: 'site-md-main' },
} as const;

/** The body of a createChange for one of the applicant's websites (the default: the one named in APPLICANTS). */
export function newChange(applicant: { filingId: string; websiteId: string }, websiteId = applicant.websiteId) {
  return { filingId: applicant.filingId, websiteId };
}

/** An answer to one of the untyped requests below: the JSON body, or the text when it is not JSON. */
export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * A session's client: the contract client (`call`, `ok`, `raw`, testing/bffClient.ts), which the BFF tests use, plus
 * untyped requests by path that the browser journeys (e2e/) and the benches (bench/) still send.
 */
export interface Client extends BffClient {
  request<T = any>(method: string, path: string, options?: { body?: unknown; headers?: Record<string, string> }): Promise<HttpResult<T>>;
  get<T = any>(path: string, headers?: Record<string, string>): Promise<HttpResult<T>>;
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult<T>>;
  patch<T = any>(path: string, body: unknown, headers?: Record<string, string>): Promise<HttpResult<T>>;
}

export function makeClient(baseUrl: string, token: string | null): Client {
  const typed = createBffClient(baseUrl, { token });
  const request = async <T>(method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<HttpResult<T>> => {
    const res = await typed.raw(method as Parameters<BffClient['raw']>[0], path, options);
    return { status: res.status, headers: res.headers, body: (res.json ?? (res.text || null)) as T };
  };
  return {
    ...typed,
    request,
    get: (path, headers) => request('GET', path, { headers }),
    post: (path, body, headers) => request('POST', path, { body: body ?? {}, headers }),
    patch: (path, body, headers) => request('PATCH', path, { body, headers }),
  };
}

export interface Harness {
  redis: TestRedis;
  sandbox: TestSandbox;
  bff: RunningBff;
  /** The environment the BFF was started with (to start a second one, e.g. outside demo mode). */
  bffEnv: Record<string, string>;
  /** BFF base URL. */
  url: string;
  /** Logs in through the real code exchange (`demo-<applicantId>` codes of the sandbox's WeChat). */
  login(applicantId: string): Promise<Client>;
  anonymous(): Client;
  /** Review system unreachable (true) or back (false) — for relay retries. */
  reviewSystemDown(down: boolean): void;
  /** GET a sandbox control/outbox route. */
  sandboxGet<T = any>(path: string): Promise<T>;
  sandboxPost<T = any>(path: string, body: unknown): Promise<{ status: number; body: T }>;
  /** Empty Redis and reset the sandbox to its seed (between tests). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  sandbox?: SandboxOptions;
  /** Extra BFF environment variables. */
  env?: Record<string, string>;
  /** Run against a 3-master Redis Cluster (default: only when TEST_REDIS_CLUSTER=1). */
  cluster?: boolean;
  /** The BFF's logger (default: silent, or BFF_TEST_LOG's level); tests that read the logs pass their own. */
  logger?: Logger;
  /** The BFF's clock (default: the real one); tests of fixed time windows pin it. */
  now?: () => Date;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const cluster = options.cluster ?? process.env.TEST_REDIS_CLUSTER === '1';
  const redis: TestRedis & { nodesEnv?: string } = cluster ? await startCluster() : await startRedis();
  const bffPort = await freePort();
  const callbackUrl = `http://127.0.0.1:${bffPort}/api/review-events`;
  const sandbox = await startTestSandbox({ callbackUrl, ...options.sandbox });
  // In front of the review system, so tests can make it unreachable (reviewSystemDown).
  const gate = await startTcpProxy({ targets: () => [targetOf(sandbox.url)] });
  const dataDir = mkdtempSync(join(tmpdir(), 'bff-test-'));
  const bffEnv: Record<string, string> = {
    ...bffEnvForSandbox(sandbox),
    PORT: String(bffPort),
    HOST: '127.0.0.1',
    REDIS_URL: redis.url,
    ...(redis.nodesEnv ? { REDIS_CLUSTER_NODES: redis.nodesEnv } : {}),
    REVIEW_SYSTEM_URL: gate.url('http'),
    REVIEW_CALLBACK_URL: callbackUrl,
    // The filed materials' images are the sandbox's URLs (the review-system URL above is the gate's).
    CSP_IMAGE_ORIGINS: sandbox.url,
    DATA_DIR: dataDir,
    STATIC_DIR: join(dataDir, 'no-h5-build'),
    JOB_BACKOFF_MS: '100',
    JOB_BACKOFF_MAX_MS: '500',
    // The OCR workers load ≈ 150 MB of models each: only the tests and journeys about recognition turn them on.
    OCR_ENABLED: 'false',
    ...options.env,
  };
  const bff = await startBff({
    env: bffEnv,
    logger: options.logger ?? createLogger(process.env.BFF_TEST_LOG ?? 'silent'),
    now: options.now,
  });
  let loginNo = 0;

  const sandboxGet = async (path: string) => (await fetch(`${sandbox.url}${path}`)).json();
  return {
    redis,
    sandbox,
    bff,
    bffEnv,
    url: bff.url,
    async login(applicantId) {
      loginNo += 1;
      const res = await createBffClient(bff.url).ok('login', { body: { code: `demo-${applicantId}.t${Date.now()}${loginNo}` } });
      return makeClient(bff.url, res.body.token);
    },
    anonymous: () => makeClient(bff.url, null),
    reviewSystemDown: (down) => (down ? gate.cut() : gate.restore()),
    sandboxGet,
    async sandboxPost(path, body) {
      const res = await fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: await res.json() };
    },
    async reset() {
      gate.restore();
      // A relay or notification the previous test started may still be running: obliterating and flushing under it
      // left the relay worker taking no new job in full runs (the next test's submission was never relayed).
      const active = async () => (await bff.queues.relayQueue.getActiveCount()) + (await bff.queues.notifyQueue.getActiveCount());
      await eventually(async () => (await active()) === 0, 'the job workers to be idle', 15_000).catch(() => undefined);
      await bff.queues.relayQueue.obliterate({ force: true }).catch(() => undefined);
      await bff.queues.notifyQueue.obliterate({ force: true }).catch(() => undefined);
      await redis.flush();
      await fetch(`${sandbox.url}/control/reset`, { method: 'POST' });
    },
    async close() {
      await bff.close();
      await gate.close();
      await sandbox.dispose();
      await redis.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
