// Two BFF instances on one Redis (or one Redis Cluster): each resolves a session it has read from its own copy, with no
// round trip, and a logout through either, an expiry, or any other change of the session key reaches both within a
// second. Redis itself is watched with MONITOR, so "from the copy" means no command touched the session key.
import { monitorRedis, type MonitoredCommand, type RedisMonitor } from '../../../testing/redisMonitor';
import { startBff, type RunningBff } from '../../src/app';
import { createLogger } from '../../src/logger';
import { keys } from '../../src/stores/keys';
import { APPLICANTS, eventually, makeClient, startHarness, type Client, type Harness } from '../harness';

let h: Harness;
let second: RunningBff;
/** One MONITOR per Redis node (a cluster's session keys are spread over its masters). */
const monitors: RedisMonitor[] = [];

beforeAll(async () => {
  h = await startHarness();
  second = await startBff({ env: { ...h.bffEnv, PORT: '0' }, logger: createLogger('silent') });
  const clusterNodes = (h.redis as { nodes?: { host: string; port: number }[] }).nodes;
  const urls = clusterNodes ? clusterNodes.map((n) => `redis://${n.host}:${n.port}`) : [h.redis.url];
  for (const url of urls) monitors.push(await monitorRedis(url));
});
afterAll(async () => {
  for (const m of monitors) m.close();
  await second?.close();
  await h?.close();
});

/** Every command any node ran so far has reached the monitors. */
const monitorsCaughtUp = () => Promise.all(monitors.map((m) => m.caughtUp()));
/** Where each monitor is now, to look at what came after. */
const mark = () => monitors.map((m) => m.commands.length);
/** Commands that named this session's key since `from` (a mark). */
const sessionCommands = (token: string, from: number[]): MonitoredCommand[] => monitors.flatMap((m, i) => m.commands.slice(from[i])).filter((c) => c.args.includes(keys.session(token)));

async function loginBoth(): Promise<{ token: string; a: Client; b: Client }> {
  const viaFirst = await h.login(APPLICANTS.yunqi.applicantId);
  const token = viaFirst.token ?? '';
  return { token, a: makeClient(h.url, token), b: makeClient(second.url, token) };
}

/** The token works on both instances and each now answers it from its own copy (no command on the session key). */
async function cachedOnBoth(token: string, a: Client, b: Client): Promise<void> {
  await eventually(async () => {
    await monitorsCaughtUp();
    const from = mark();
    for (const client of [a, b]) expect((await client.call('listChanges')).status).toBe(200);
    await monitorsCaughtUp();
    return sessionCommands(token, from).length === 0;
  }, 'both instances to answer the session from their copy');
}

const refused = async (client: Client) => (await client.call('listChanges')).status === 401;

test('a session read once is answered from each instance’s copy, with no command on its key', async () => {
  const { token, a, b } = await loginBoth();
  await cachedOnBoth(token, a, b);
  await monitorsCaughtUp();
  const from = mark();
  for (let i = 0; i < 5; i += 1) for (const client of [a, b]) expect((await client.call('listChanges')).status).toBe(200);
  await monitorsCaughtUp();
  expect(sessionCommands(token, from)).toEqual([]);
});

test('a logout through one instance is refused by the other within a second', async () => {
  const { token, a, b } = await loginBoth();
  await cachedOnBoth(token, a, b);
  await h.bff.services.sessionStore.revoke(token);
  // The instance that revoked refuses at once; the other as soon as Redis has told it.
  expect(await refused(a)).toBe(true);
  await eventually(() => refused(b), 'the other instance to refuse the revoked token', 1000);
  expect(await h.redis.client.exists(keys.session(token))).toBe(0);
});

test('an expiring session is refused by both instances within a second of its expiry', async () => {
  const { token, a, b } = await loginBoth();
  await cachedOnBoth(token, a, b);
  // As if SESSION_TTL_SECONDS ran out now: the key expires in 100 ms.
  await h.redis.client.pexpire(keys.session(token), 100);
  await eventually(async () => (await refused(a)) && (await refused(b)), 'both instances to refuse the expired token', 1100);
});

test('a session key deleted by anyone else (not through the store) is refused by both within a second', async () => {
  const { token, a, b } = await loginBoth();
  await cachedOnBoth(token, a, b);
  await h.redis.client.del(keys.session(token));
  await eventually(async () => (await refused(a)) && (await refused(b)), 'both instances to refuse the deleted token', 1000);
});
