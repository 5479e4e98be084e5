// The BFF against a 3-master Redis Cluster: create, autosave, the If-Match race, SMS limits and verification, submit
// relayed once through BullMQ, callbacks applied once and in order, notifications — and the keys of one applicant
// spread over the cluster's masters only by hash tag (each multi-key operation on one slot).
import { expectOk } from '../../../testing/bffClient';
import { APPLICANTS, eventually, newChange, startHarness, type Client, type Harness } from '../harness';
import { postCallback, progressEvent, readyChange } from '../security/fixtures';
import type { Cluster } from 'ioredis';

let h: Harness;
let yunqi: Client;

beforeAll(async () => {
  h = await startHarness({ cluster: true });
}, 60_000);
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
  yunqi = await h.login(APPLICANTS.yunqi.applicantId);
});

const progressOf = async (client: Client, id: string) => (await client.ok('getProgress', { params: { id } })).body;

/** Keys of every master, to see where things landed. */
async function keysByMaster(): Promise<string[][]> {
  const cluster = h.redis.client as unknown as Cluster;
  return Promise.all(cluster.nodes('master').map((node) => node.keys('*')));
}

test('the harness really runs on three masters, and the BFF’s keys use hash tags', async () => {
  const created = await yunqi.call('createChange', { body: newChange(APPLICANTS.yunqi) });
  expectOk(created, 201);
  const mingde = await h.login(APPLICANTS.mingde.applicantId);
  await mingde.ok('createChange', { body: newChange(APPLICANTS.mingde) });
  const byMaster = await keysByMaster();
  expect(byMaster).toHaveLength(3);
  // Sessions and the two applicants' keys hash to different slots: more than one master holds data.
  expect(byMaster.filter((ks) => ks.length > 0).length).toBeGreaterThan(1);
  // Every key of one change lives under its applicant's tag (one slot, hence one master).
  const all = byMaster.flat();
  const yunqiKeys = all.filter((k) => k.includes(created.body.id) && !k.startsWith('{change:'));
  expect(yunqiKeys.length).toBeGreaterThan(0);
  expect(yunqiKeys.every((k) => k.startsWith(`{applicant:${APPLICANTS.yunqi.applicantId}}:`))).toBe(true);
  expect(byMaster.filter((ks) => ks.some((k) => k.startsWith(`{applicant:${APPLICANTS.yunqi.applicantId}}:`)))).toHaveLength(1);
});

test('create, autosave with If-Match, and a race of four stale saves: exactly one wins', async () => {
  const created = await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) });
  const params = { id: created.body.id };
  const again = await yunqi.call('createChange', { body: newChange(APPLICANTS.yunqi) });
  expectOk(again, 200);
  expect(again.body.id).toBe(created.body.id);
  const saved = await yunqi.call('patchChange', { params, body: { form: { notes: '集群上的保存' } }, headers: { 'if-match': '"1"' } });
  expectOk(saved, 200);
  expect(saved.headers.get('etag')).toBe('"2"');
  const names = ['云栖科技手机端', '云栖科技电脑端', '云栖科技平板端', '云栖科技大屏端'];
  const results = await Promise.all(names.map((name) => yunqi.call('patchChange', { params, body: { form: { name } }, headers: { 'if-match': '"2"' } })));
  expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  expect(results.filter((r) => r.status === 412)).toHaveLength(3);
  const stored = await yunqi.ok('getChange', { params });
  expect(stored.body.version).toBe(3);
  expect(stored.body.form.notes).toBe('集群上的保存');
  expect((await yunqi.ok('listChanges')).body.changes).toHaveLength(1);
});

test('SMS: send, cooldown 429, wrong code, right code marks the phone verified', async () => {
  const params = { id: (await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) })).body.id };
  const phone = '13912345678';
  await yunqi.ok('patchChange', { params, body: { form: { entityPrincipal: { mobile: phone } } }, headers: { 'if-match': '"1"' } });
  expect((await yunqi.call('sendSms', { params, body: { phone } })).status).toBe(202);
  expect((await yunqi.call('sendSms', { params, body: { phone } })).status).toBe(429);
  expect((await yunqi.call('verifySms', { params, body: { phone, code: '000000' } })).status).toBe(422);
  const code = (await h.sandboxGet<{ messages: { params: Record<string, string> }[] }>(`/outbox/sms?phone=${phone}`)).messages.at(-1)?.params.code ?? '';
  const ok = await yunqi.call('verifySms', { params, body: { phone, code } });
  expectOk(ok, 200);
  expect((await yunqi.ok('getChange', { params })).body.verifiedPhones).toEqual([phone]);
});

test('submit while the review system is down: queued, relayed once when back; review decisions flow back', async () => {
  const id = await readyChange(yunqi);
  h.reviewSystemDown(true);
  const res = await yunqi.call('submit', { params: { id }, body: { agreed: true }, headers: { 'idempotency-key': 'cluster-1' } });
  expect(res.status).toBe(202);
  await eventually(async () => {
    const job = await h.bff.queues.relayQueue.getJob(`relay-${id}-1`);
    return job && job.attemptsMade >= 1;
  }, 'a failed relay attempt');
  expect((await progressOf(yunqi, id)).status).toBe('submitted');
  h.reviewSystemDown(false);
  await eventually(async () => (await progressOf(yunqi, id)).status === 'initial_review', 'the relay');
  const { submissions } = await h.sandboxGet<{ submissions: { submissionId: string; changeId: string }[] }>('/control/submissions');
  const mine = submissions.filter((s) => s.changeId === id);
  expect(mine).toHaveLength(1);
  await h.sandboxPost(`/control/submissions/${mine[0].submissionId}/decide`, { stage: 'initial', decision: 'pass', reasons: [] });
  await eventually(async () => (await progressOf(yunqi, id)).status === 'authority_pending', 'the callback');
  const principal = (await yunqi.ok('getChange', { params: { id } })).body.form.websitePrincipal.mobile;
  await eventually(async () => {
    const sms = await h.sandboxGet<{ messages: { params: Record<string, string> }[] }>(`/outbox/sms?phone=${principal}`);
    return sms.messages.some((m) => m.params.status === '初审通过，待管局审核');
  }, 'the notification SMS');
}, 40_000);

test('callbacks twice and out of order apply once, in order', async () => {
  const id = await readyChange(yunqi);
  h.reviewSystemDown(true);
  const submitted = await yunqi.ok('submit', { params: { id }, body: { agreed: true }, headers: { 'idempotency-key': 'cluster-2' } });
  const { submissionId } = submitted.body;
  const first = progressEvent(id, submissionId, 1, 'received');
  const second = progressEvent(id, submissionId, 2, 'initial_passed');
  expect((await postCallback(h.url, second)).status).toBe(409);
  expect((await postCallback(h.url, first)).body.outcome).toBe('applied');
  expect((await postCallback(h.url, first)).body.outcome).toBe('duplicate');
  expect((await postCallback(h.url, second)).body.outcome).toBe('applied');
  expect((await postCallback(h.url, second)).body.outcome).toBe('duplicate');
  const progress = await progressOf(yunqi, id);
  expect(progress.timeline.map((e) => e.status)).toEqual(['draft', 'submitted', 'initial_review', 'authority_pending']);
}, 40_000);
