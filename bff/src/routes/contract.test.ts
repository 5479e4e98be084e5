// The routes the real app mounts are exactly the contract's (shared/contracts/bffRoutes.ts), both ways, and the
// contract's `auth: 'applicant'` holds: such a route refuses a request without a session. No Redis is needed: the app is
// built on a client that never connects, and nothing here reaches a store.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Router from '@koa/router';
import Redis from 'ioredis';
import type Koa from 'koa';
import { BFF_ROUTES, type BffRouteName } from '../../../shared/contracts/bffRoutes';
import { createBffClient } from '../../../testing/bffClient';
import { createMailer } from '../adapters/mail';
import { createReviewSystem } from '../adapters/reviewSystem';
import { createSmsGateway } from '../adapters/sms';
import { createWechat } from '../adapters/wechat';
import { createApp } from '../app';
import { parseEnv } from '../env';
import type { Queues } from '../jobs/queues';
import { createLogger } from '../logger';
import { createLocalStorage } from '../materials/storage';

// Loopback addresses that nothing here calls: the adapters are built, never used.
const env = parseEnv({
  REVIEW_SYSTEM_URL: 'http://127.0.0.1:9',
  REVIEW_API_KEY: 'route-table-test',
  // Production settings (no DEMO_MODE): production's secrets of its own.
  REVIEW_CALLBACK_SECRET: randomBytes(32).toString('hex'),
  SMS_CODE_SECRET: randomBytes(32).toString('hex'),
  MATERIALS_SECRET: randomBytes(32).toString('hex'),
  WECHAT_API_URL: 'http://127.0.0.1:9',
  SMS_GATEWAY_URL: 'http://127.0.0.1:9',
  SMTP_URL: 'smtp://127.0.0.1:9',
});
const redis = new Redis({ lazyConnect: true, host: '127.0.0.1', port: 9 });
const mailer = createMailer(env.SMTP_URL, env.MAIL_FROM);
/** Nothing is enqueued here; a queue touched anyway fails the test loudly instead of connecting somewhere. */
const queues = new Proxy({} as Queues, {
  get: (_target, key) => {
    throw new Error(`the route table test enqueues nothing (queues.${String(key)})`);
  },
});
const { app } = createApp({
  env,
  logger: createLogger('silent'),
  redis,
  reviewSystem: createReviewSystem(env.REVIEW_SYSTEM_URL, env.REVIEW_API_KEY),
  wechat: createWechat(env.WECHAT_API_URL, env.WECHAT_APPID, env.WECHAT_SECRET),
  sms: createSmsGateway(env.SMS_GATEWAY_URL, env.SMS_API_KEY),
  mailer,
  queues,
  materialStorage: createLocalStorage(join(tmpdir(), 'route-table-test-never-written'), { signingSecret: env.MATERIALS_SECRET }),
});

afterAll(() => {
  redis.disconnect();
  mailer.close();
});

/** `METHOD /path` of every route layer of the routers mounted on the app (HEAD is Koa's automatic twin of GET). */
function mountedRoutes(koa: Koa): string[] {
  const routes = new Set<string>();
  for (const middleware of koa.middleware) {
    const router = (middleware as { router?: Router }).router;
    for (const layer of router?.stack ?? []) {
      for (const method of layer.methods) if (method !== 'HEAD') routes.add(`${method} ${layer.path}`);
    }
  }
  return [...routes].sort();
}

const contractRoutes = Object.values(BFF_ROUTES)
  .map((r) => `${r.method} ${r.path}`)
  .sort();

test('the app mounts every route of the contract, and no route the contract lacks', () => {
  const mounted = mountedRoutes(app);
  const notInContract = mounted.filter((r) => !contractRoutes.includes(r));
  const notMounted = contractRoutes.filter((r) => !mounted.includes(r));
  expect({ notInContract, notMounted }).toEqual({ notInContract: [], notMounted: [] });
  // The routers were found at all (a wiring change that hid them would make both lists empty).
  expect(mounted).toContain('GET /healthz');
  expect(mounted).toContain('PUT /api/changes/:id/materials/:kind');
});

test('the contract names each method and path once', () => {
  expect(new Set(contractRoutes).size).toBe(contractRoutes.length);
});

describe('routes the contract marks `applicant` refuse a request without a session (401)', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    const handler = app.callback();
    server = http.createServer((req, res) => void handler(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  const applicantRoutes = (Object.keys(BFF_ROUTES) as BffRouteName[]).filter((name) => BFF_ROUTES[name].auth === 'applicant');
  const params = { id: 'chg_0123456789ab', kind: 'verification_form', fileId: '0'.repeat(32) };

  test.each(applicantRoutes)('%s', async (name) => {
    const route = BFF_ROUTES[name];
    // Off the contract on purpose: no session, and no body (the refusal comes before the body is read).
    const path = route.path.replace(/:([A-Za-z]+)/g, (_m, key: keyof typeof params) => params[key]);
    const res = await createBffClient(base).raw(route.method, path);
    expect({ name, status: res.status, code: res.error?.code }).toEqual({ name, status: 401, code: 'unauthenticated' });
  });
});
