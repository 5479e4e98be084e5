// Two BFF instances behind a round-robin balancer, sharing one Redis: the BFF keeps no state of its own. A draft saved
// through one is read and updated through the other, a callback taken by either notifies once, and each queue job
// (relay, notifications) runs once although both instances run workers.
import { Writable } from 'node:stream';
import { startBff, type RunningBff } from '../../src/app';
import { createLogger } from '../../src/logger';
import { expectOk } from '../../../testing/bffClient';
import { APPLICANTS, eventually, makeClient, newChange, startHarness, type Client, type Harness } from '../harness';
import { readyChange } from '../security/fixtures';
import { startTcpProxy, targetOf, type TcpProxy } from '../../../testing/tcpProxy';
import { never } from '../../../testing/eventually';

let balancer: TcpProxy;
let h: Harness;
let second: RunningBff;
const logs: string[][] = [[], []];

function capture(into: string[]) {
  return createLogger(
    'info',
    new Writable({
      write(chunk: Buffer, _enc, done) {
        into.push(chunk.toString('utf8'));
        done();
      },
    }),
  );
}

beforeAll(async () => {
  // A TCP load balancer: each new connection goes to the next instance (targets set once both are up).
  balancer = await startTcpProxy({ targets: [] });
  // Callbacks go to the balancer too, so either instance may take them.
  h = await startHarness({ env: { REVIEW_CALLBACK_URL: `${balancer.url('http')}/api/review-events` }, logger: capture(logs[0]) });
  second = await startBff({ env: { ...h.bffEnv, PORT: '0' }, logger: capture(logs[1]) });
  balancer.setTargets([targetOf(h.url), targetOf(second.url)]);
});
afterAll(async () => {
  await second?.close();
  await h?.close();
  await balancer?.close();
});

async function login(base: string): Promise<Client> {
  const res = await makeClient(base, null).ok('login', { body: { code: `demo-${APPLICANTS.yunqi.applicantId}.rr${Date.now()}` } });
  return makeClient(base, res.body.token);
}

const progressOf = async (client: Client, id: string) => (await client.ok('getProgress', { params: { id } })).body;

test('a draft saved through one instance is read and updated through the other', async () => {
  const viaBalancer = await login(balancer.url('http'));
  const a = makeClient(h.url, viaBalancer.token);
  const b = makeClient(second.url, viaBalancer.token);
  const created = await a.call('createChange', { body: newChange(APPLICANTS.yunqi) });
  expectOk(created, 201);
  const params = { id: created.body.id };
  // `connection: close`: the balancer spreads connections, so each save must open its own.
  const save = (client: Client, notes: string, etag: string) => client.call('patchChange', { params, body: { form: { notes } }, headers: { 'if-match': etag, connection: 'close' } });
  expect((await save(a, '从实例A保存', '"1"')).status).toBe(200);
  const readB = await b.ok('getChange', { params });
  expect(readB.body.form.notes).toBe('从实例A保存');
  expect(readB.headers.get('etag')).toBe('"2"');
  // B refuses A's stale version exactly as A would, then takes the current one.
  expect((await save(b, '旧版本', '"1"')).status).toBe(412);
  expect((await save(b, '从实例B更新', '"2"')).status).toBe(200);
  expect((await a.ok('getChange', { params })).body).toMatchObject({ version: 3, form: { notes: '从实例B更新' } });

  // An autosave stream through the balancer: every save lands whichever instance takes it. Each save on a connection
  // of its own (the balancer spreads connections, and fetch would otherwise keep one open).
  let etag = '"3"';
  for (let i = 0; i < 10; i += 1) {
    const res = await save(viaBalancer, `轮询保存${i}`, etag);
    expect(res.status).toBe(200);
    etag = res.headers.get('etag') ?? '';
  }
  expect((await viaBalancer.ok('getChange', { params })).body).toMatchObject({ version: 13, form: { notes: '轮询保存9' } });
  expect(balancer.connectionsTo(h.url)).toBeGreaterThan(3);
  expect(balancer.connectionsTo(second.url)).toBeGreaterThan(3);
});

test('relay and notifications run once with workers on both instances; a callback taken by either applies once', async () => {
  await h.reset();
  const client = await login(balancer.url('http'));
  const id = await readyChange(client);
  h.reviewSystemDown(true);
  const submitted = await client.call('submit', { params: { id }, body: { agreed: true }, headers: { 'idempotency-key': 'rr-1' } });
  expect(submitted.status).toBe(202);
  // Both instances' workers may pick the job up while it fails; once back, one relay succeeds.
  await eventually(async () => ((await h.bff.queues.relayQueue.getJob(`relay-${id}-1`))?.attemptsMade ?? 0) >= 1, 'a failed relay attempt while the review system is down');
  h.reviewSystemDown(false);
  await eventually(async () => (await progressOf(client, id)).status === 'initial_review', 'the relay');
  const { submissions } = await h.sandboxGet<{ submissions: { submissionId: string; changeId: string }[] }>('/control/submissions');
  const mine = submissions.filter((s) => s.changeId === id);
  expect(mine).toHaveLength(1);

  await h.sandboxPost(`/control/submissions/${mine[0].submissionId}/decide`, {
    stage: 'initial',
    decision: 'reject',
    reasons: [{ target: { type: 'field', path: 'name' }, message: '网站名称与内容不符，请修改' }],
  });
  await eventually(async () => (await progressOf(client, id)).status === 'initial_rejected', 'the rejection callback');
  const principal = (await client.ok('getChange', { params: { id } })).body.form.websitePrincipal;
  await eventually(async () => {
    const sms = await h.sandboxGet<{ messages: { params: Record<string, string> }[] }>(`/outbox/sms?phone=${principal.mobile}`);
    return sms.messages.some((m) => m.params.status === '初审未通过');
  }, 'the rejection SMS');
  const rejectionMail = async () =>
    (await h.sandboxGet<{ messages: { subject: string }[] }>(`/outbox/mail?to=${encodeURIComponent(principal.email)}`)).messages.filter((m) => m.subject.includes('初审未通过'));
  const rejectionSms = async () =>
    (await h.sandboxGet<{ messages: { params: Record<string, string> }[] }>(`/outbox/sms?phone=${principal.mobile}`)).messages.filter((m) => m.params.status === '初审未通过');
  await eventually(async () => (await rejectionMail()).length > 0, 'the rejection mail');
  // A duplicate would come from the other instance's worker or a re-applied callback: none within 800 ms.
  await never(async () => (await rejectionSms()).length > 1 || (await rejectionMail()).length > 1, 'a second rejection SMS or mail', 800);

  const lines = logs.map((l) => l.join(''));
  const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;
  const relayed = new RegExp(`"changeId":"${id}"[^\\n]*"msg":"relayed"`, 'g');
  // Exactly one relay across both instances' logs, whichever ran it.
  expect(count(lines[0], relayed) + count(lines[1], relayed)).toBe(1);
  // The rejection callback was applied exactly once across both instances. (Whether the review system's own
  // initial_review event also applies depends on whether it arrives before the relay has moved the change there: on a
  // loaded machine it can, and that is not a duplicate.)
  const applied = new RegExp(`"changeId":"${id}"[^\\n]*"to":"initial_rejected"[^\\n]*"msg":"review event applied"`, 'g');
  expect(count(lines[0], applied) + count(lines[1], applied)).toBe(1);
  // One message per channel for the rejection.
  const sms = await h.sandboxGet<{ messages: { params: Record<string, string> }[] }>(`/outbox/sms?phone=${principal.mobile}`);
  expect(sms.messages.filter((m) => m.params.status === '初审未通过')).toHaveLength(1);
  const mail = await h.sandboxGet<{ messages: { subject: string }[] }>(`/outbox/mail?to=${encodeURIComponent(principal.email)}`);
  expect(mail.messages.filter((m) => m.subject.includes('初审未通过'))).toHaveLength(1);
  // Both instances took connections through the balancer (counted since the first test of this file).
  expect(balancer.connectionsTo(h.url)).toBeGreaterThan(0);
  expect(balancer.connectionsTo(second.url)).toBeGreaterThan(0);
}, 60_000);

test('an API-only instance (RUN_WORKERS=false) serves requests but adds no queue worker', async () => {
  const before = (await h.bff.queues.relayQueue.getWorkers()).length;
  expect(before).toBe(2);
  const apiOnly = await startBff({ env: { ...h.bffEnv, PORT: '0', RUN_WORKERS: 'false' }, logger: createLogger('silent') });
  try {
    const client = await login(apiOnly.url);
    expect((await client.call('listFilings')).status).toBe(200);
    // A wrongly started worker would connect and name itself within this window (the two above show the count works).
    await never(
      async () => (await h.bff.queues.relayQueue.getWorkers()).length > before || (await h.bff.queues.notifyQueue.getWorkers()).length > before,
      'a queue worker of the API-only instance',
      800,
    );
    expect((await h.bff.queues.relayQueue.getWorkers()).length).toBe(before);
    expect((await h.bff.queues.notifyQueue.getWorkers()).length).toBe(before);
  } finally {
    await apiOnly.close();
  }
});
