// A slow Redis (a proxy adding seconds of latency to every reply): requests give up with 503 + Retry-After instead of
// hanging, concurrent ones too; when Redis is fast again the BFF serves normally and the draft is whole.
import { startRedis, type TestRedis } from '../../../testing/redis';
import { changeDraft } from '../../../shared/domain/change';
import { expectError, expectOk } from '../../../testing/bffClient';
import { APPLICANTS, eventually, newChange, startHarness, type Harness } from '../harness';
import { startTcpProxy, type TcpProxy } from '../../../testing/tcpProxy';

let redis: TestRedis;
let proxy: TcpProxy;
let h: Harness;

beforeAll(async () => {
  redis = await startRedis();
  const port = Number(new URL(redis.url).port);
  proxy = await startTcpProxy({ targets: [{ host: '127.0.0.1', port }] });
  // One slow Redis behind the proxy (not the cluster of TEST_REDIS_CLUSTER=1: its nodes would bypass the proxy).
  h = await startHarness({ env: { REDIS_URL: proxy.url('redis') }, cluster: false });
});
afterAll(async () => {
  await h?.close();
  await proxy?.close();
  await redis?.stop();
});

/** A request is abandoned (and fails the test) if the BFF has not answered within 10 s: a hang, not a 503. */
const bounded = () => AbortSignal.timeout(10_000);

test('with Redis answering after 5 s, requests answer 503 with Retry-After instead of hanging; then recover', async () => {
  const yunqi = await h.login(APPLICANTS.yunqi.applicantId);
  const created = await yunqi.call('createChange', { body: newChange(APPLICANTS.yunqi) });
  expectOk(created, 201);
  const params = { id: created.body.id };

  proxy.setLatency(5000);
  const slow = await Promise.all([
    yunqi.call('getChange', { params, signal: bounded() }),
    yunqi.call('getProgress', { params, signal: bounded() }),
    yunqi.call('patchChange', { params, body: { form: { notes: '慢的时候保存的备注' } }, headers: { 'if-match': '"1"' }, signal: bounded() }),
    ...Array.from({ length: 12 }, () => yunqi.call('listChanges', { signal: bounded() })),
  ]);
  for (const res of slow) {
    expectError(res, 503);
    expect(res.body).toEqual({ code: 'service_unavailable', message: expect.stringContaining('稍后重试') });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  }
  const ready = await h.anonymous().call('readyz', { signal: bounded() });
  expect(ready.status).toBe(503);

  proxy.setLatency(0);
  // The late replies drain; then everything answers again.
  const back = await eventually(
    async () => {
      const res = await yunqi.call('getChange', { params, signal: bounded() });
      return res.ok && res;
    },
    'the BFF to serve again',
    20_000,
  );
  // The PATCH answered 503 may still have landed when its command reached Redis late: the draft is the old one or
  // the new one, never a mix, and the next save with the version it reports goes through.
  expect(changeDraft.safeParse(back.body).success).toBe(true);
  expect([created.body.form.notes, '慢的时候保存的备注']).toContain(back.body.form.notes);
  expect([1, 2]).toContain(back.body.version);
  const next = await yunqi.call('patchChange', { params, body: { form: { notes: '恢复后保存' } }, headers: { 'if-match': `"${back.body.version}"` }, signal: bounded() });
  expectOk(next, 200);
  expect(next.body.draft.form.notes).toBe('恢复后保存');
}, 60_000);
