// Trusted proxies are configured, not assumed (TRUST_PROXY_HOPS): with 0, a rotating X-Forwarded-For no longer buys
// fresh login attempts; with 1 (one load balancer that appends the address it saw), the right-most entry is the
// client, whatever the client wrote to the left of it.
import { startBff, type RunningBff } from '../../src/app';
import { createLogger } from '../../src/logger';
import { APPLICANTS, makeClient, startHarness, type Harness } from '../harness';

const LIMIT = 4;
let h: Harness;
let behindProxy: RunningBff;

beforeAll(async () => {
  h = await startHarness({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
  behindProxy = await startBff({ env: { ...h.bffEnv, PORT: '0', TRUST_PROXY_HOPS: '1' }, logger: createLogger('silent'), workers: false });
});
afterAll(async () => {
  await behindProxy?.close();
  await h?.close();
});
beforeEach(() => h.reset());

let codes = 0;
/** A real login (a fresh demo code each time) from whoever X-Forwarded-For says. */
const login = (baseUrl: string, xff?: string) =>
  makeClient(baseUrl, null).call('login', { body: { code: `demo-${APPLICANTS.yunqi.applicantId}.x${(codes += 1)}` }, headers: xff ? { 'x-forwarded-for': xff } : {} });

test('TRUST_PROXY_HOPS=0: a rotating X-Forwarded-For does not bypass the login limit', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < LIMIT + 6; i += 1) statuses.push((await login(h.url, `198.51.100.${i + 1}`)).status);
  expect(statuses).toEqual([...Array<number>(LIMIT).fill(200), ...Array<number>(6).fill(429)]);
});

test('TRUST_PROXY_HOPS=1: the address the proxy appended is the client; what the client wrote before it is ignored', async () => {
  const statuses: number[] = [];
  // One client (203.0.113.7 as the proxy saw it) forging a new left-hand address on every try.
  for (let i = 0; i < LIMIT + 3; i += 1) statuses.push((await login(behindProxy.url, `10.9.8.${i + 1}, 203.0.113.7`)).status);
  expect(statuses).toEqual([...Array<number>(LIMIT).fill(200), ...Array<number>(3).fill(429)]);
  // Another client behind the same proxy is unaffected.
  expect((await login(behindProxy.url, '203.0.113.8')).status).toBe(200);
});
