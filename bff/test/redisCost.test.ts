// What an autosave and a progress read cost in Redis, counted so it cannot silently grow back: round trips as a TCP
// proxy between the BFF and Redis sees them, and commands from INFO commandstats (those run inside scripts included).
// Budget (issue 16): an autosave ≤ 2 round trips and ≤ 4 commands, one of them a write; a progress read ≤ 2 round trips.
// An autosave naming the version this instance last saw is 1 round trip (the in-process copy, stores/recentDrafts.ts);
// one after another instance wrote the draft reads it first (2), and a stale If-Match is still refused with the stored draft.
import { startBff, type RunningBff } from '../src/app';
import { createLogger } from '../src/logger';
import { startTcpProxy, targetOf, type TcpProxy } from '../../testing/tcpProxy';
import { APPLICANTS, eventually, makeClient, newChange, startHarness, type Client, type Harness } from './harness';

let h: Harness;
let proxy: TcpProxy;
let bff: RunningBff;
let client: Client;

beforeAll(async () => {
  // A single Redis (a cluster client would find the nodes behind the proxy's back) and no job workers, whose polling
  // would show in the command counts.
  h = await startHarness({ cluster: false, env: { RUN_WORKERS: 'false' } });
  proxy = await startTcpProxy({ targets: [targetOf(h.redis.url)] });
  bff = await startBff({ env: { ...h.bffEnv, REDIS_URL: proxy.url('redis'), PORT: '0' }, workers: false, logger: createLogger('silent') });
  const token = (await h.login(APPLICANTS.yunqi.applicantId)).token ?? '';
  client = makeClient(bff.url, token);
});
afterAll(async () => {
  await bff?.close();
  await proxy?.close();
  await h?.close();
});

/** Calls per command so far (INFO commandstats), without INFO itself. */
async function commandCalls(): Promise<Map<string, number>> {
  const stats = await h.redis.client.info('commandstats');
  const calls = new Map<string, number>();
  for (const m of stats.matchAll(/cmdstat_([\w|]+):calls=(\d+)/g)) if (m[1] !== 'info') calls.set(m[1], Number(m[2]));
  return calls;
}

/** Runs `times` requests one after another and returns the round trips and commands per request. */
async function costOf(times: number, request: (i: number) => Promise<void>) {
  const calls = await commandCalls();
  const trips = proxy.roundTrips();
  for (let i = 0; i < times; i += 1) await request(i);
  const roundTrips = (proxy.roundTrips() - trips) / times;
  const after = await commandCalls();
  const perRequest: Record<string, number> = {};
  for (const [name, n] of after) if (n !== (calls.get(name) ?? 0)) perRequest[name] = (n - (calls.get(name) ?? 0)) / times;
  const commands = Object.values(perRequest).reduce((a, b) => a + b, 0);
  return { roundTrips, commands, perRequest };
}

test('an autosave costs at most 2 round trips and 4 Redis commands (one write); a progress read 2 round trips', async () => {
  const created = await client.ok('createChange', { body: newChange(APPLICANTS.yunqi) });
  const params = { id: created.body.id };
  // The session is read once, then answered from this instance's copy (once its invalidation stream is armed).
  await eventually(async () => {
    const before = proxy.roundTrips();
    await client.ok('getChange', { params });
    return proxy.roundTrips() - before === 1;
  }, 'the session to be answered from the copy');

  let etag = created.headers.get('etag') ?? '';
  const save = async (i: number) => {
    const res = await client.ok('patchChange', { params, body: { form: { notes: `第${i}次自动保存` } }, headers: { 'if-match': etag } });
    etag = res.headers.get('etag') ?? '';
  };
  // The first save after a start loads the script (EVALSHA, NOSCRIPT, EVAL); later ones run it by SHA.
  await save(0);

  // Exactly what it costs today (the budget is ≤ 2 and ≤ 4): EVALSHA running one GET and one SET, the draft taken from
  // this instance's copy at the If-Match version.
  const autosave = await costOf(10, save);
  expect(autosave).toEqual({ roundTrips: 1, commands: 3, perRequest: { get: 1, evalsha: 1, set: 1 } });

  const progress = await costOf(10, async () => {
    await client.ok('getProgress', { params });
  });
  // The draft, then its timeline, MIIT deadline and subscription grants in one pipeline (one write, so exactly 2).
  expect(progress.roundTrips).toBe(2);
  expect(progress.perRequest).toEqual({ get: 1, lrange: 1, hget: 1, llen: 1 });
});

test('a save after another instance wrote the draft: the stale copy costs a 412 with the stored draft, never a lost write', async () => {
  const created = await client.ok('createChange', { body: newChange(APPLICANTS.yunqi) });
  const params = { id: created.body.id };
  const first = await client.ok('patchChange', { params, body: { form: { notes: '本实例保存' } }, headers: { 'if-match': created.headers.get('etag') ?? '' } });
  const seenHere = first.headers.get('etag') ?? '';

  // Another instance (its own process memory, straight to Redis) saves on top of it.
  const other = await startBff({ env: { ...h.bffEnv, PORT: '0' }, workers: false, logger: createLogger('silent') });
  try {
    const token = (await h.login(APPLICANTS.yunqi.applicantId)).token ?? '';
    const there = await makeClient(other.url, token).ok('patchChange', { params, body: { form: { notes: '另一实例保存' } }, headers: { 'if-match': seenHere } });
    const newest = there.headers.get('etag') ?? '';

    // This instance still holds the draft at the version it saw: a save naming it is refused with what is stored.
    const stale = await costOf(1, async () => {
      const res = await client.call('patchChange', { params, body: { form: { notes: '过期的保存' } }, headers: { 'if-match': seenHere } });
      expect(res.status).toBe(412);
      expect((res.body as { current?: unknown }).current).toMatchObject({ version: Number(newest.replace(/\D/g, '')), form: { notes: '另一实例保存' } });
    });
    expect(stale.roundTrips).toBe(1);
    expect(stale.perRequest.set).toBeUndefined();

    // Saving on top of the stored draft reads nothing stale and keeps the other instance's edits it did not touch.
    const next = await costOf(1, async () => {
      const res = await client.ok('patchChange', { params, body: { step: 'website' }, headers: { 'if-match': newest } });
      expect(res.body.draft.form.notes).toBe('另一实例保存');
    });
    expect(next.roundTrips).toBeLessThanOrEqual(2);
    expect((await client.ok('getChange', { params })).body.form.notes).toBe('另一实例保存');
  } finally {
    await other.close();
  }
});
