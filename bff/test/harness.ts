// Test harness: a real Redis, the sandbox (review system, WeChat, SMS, SMTP) and the BFF on free ports, plus an
// authenticated HTTP client per applicant. Reused by the materials and browser-journey tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedis, freePort, type TestRedis } from '../../testing/redis';
import { startCluster } from '../../testing/cluster';
import { startTcpProxy, targetOf } from '../../testing/tcpProxy';
import { bffEnvForSandbox, startTestSandbox, CALLBACK_SECRET, type TestSandbox } from '../../sandbox/testSupport';
import type { SandboxOptions } from '../../sandbox/env';
import { startBff, type RunningBff } from '../src/app';
import type { Logger } from 'pino';
import { createLogger } from '../src/logger';

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

export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface Client {
  token: string | null;
  request<T = any>(method: string, path: string, options?: { body?: unknown; headers?: Record<string, string> }): Promise<HttpResult<T>>;
  get<T = any>(path: string, headers?: Record<string, string>): Promise<HttpResult<T>>;
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult<T>>;
  patch<T = any>(path: string, body: unknown, headers?: Record<string, string>): Promise<HttpResult<T>>;
  /** multipart/form-data upload (field `file`, plus text fields), as wx.uploadFile sends it. */
  upload<T = any>(path: string, file: Buffer, fields?: Record<string, string>): Promise<HttpResult<T>>;
}

export function makeClient(baseUrl: string, token: string | null): Client {
  const request = async <T>(method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<HttpResult<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    if (token) headers.authorization ??= `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: body as T };
  };
  return {
    token,
    request,
    async upload(path, file, fields = {}) {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      form.append('file', new Blob([new Uint8Array(file)], { type: 'image/jpeg' }), 'photo.jpg');
      const res = await fetch(`${baseUrl}${path}`, { method: 'PUT', headers: token ? { authorization: `Bearer ${token}` } : {}, body: form });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: res.status, headers: res.headers, body: body as never };
    },
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
    DATA_DIR: dataDir,
    STATIC_DIR: join(dataDir, 'no-h5-build'),
    JOB_BACKOFF_MS: '100',
    JOB_BACKOFF_MAX_MS: '500',
    ...options.env,
  };
  const bff = await startBff({
    env: bffEnv,
    logger: options.logger ?? createLogger(process.env.BFF_TEST_LOG ?? 'silent'),
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
      const res = await makeClient(bff.url, null).post('/api/session', { code: `demo-${applicantId}.t${Date.now()}${loginNo}` });
      if (res.status !== 200) throw new Error(`login as ${applicantId}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
      return makeClient(bff.url, res.body.token as string);
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
