// Redis killed and restarted under a running BFF: requests fail fast with 503 + Retry-After, then work again by
// themselves, and the saved draft is still there (AOF).
import { APPLICANTS, eventually, startHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

test('a draft survives a Redis crash; requests during the outage get 503 and succeed again without a BFF restart', async () => {
  const client = await h.login(APPLICANTS.yunqi.applicantId);
  const created = await client.post('/api/changes', { filingId: APPLICANTS.yunqi.filingId, websiteId: APPLICANTS.yunqi.websiteId });
  const url = `/api/changes/${created.body.id}`;
  const saved = await client.patch(url, { form: { name: '云栖科技断电之前' } }, { 'if-match': '"1"' });
  expect(saved.status).toBe(200);

  await h.redis.kill();
  const during = await Promise.all([client.get(url), client.patch(url, { form: { name: '云栖科技断电之中' } }, { 'if-match': '"2"' }), client.get('/api/changes')]);
  for (const res of during) {
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ code: 'service_unavailable', message: expect.stringMatching(/稍后重试/) });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  }
  expect((await h.anonymous().get('/readyz')).status).toBe(503);
  expect((await h.anonymous().get('/healthz')).status).toBe(200);

  await h.redis.restart();
  const back = await eventually(async () => {
    const res = await client.get(url);
    return res.status === 200 && res;
  }, 'the BFF to reconnect to Redis');
  expect(back.body.form.name).toBe('云栖科技断电之前');
  expect(back.body.version).toBe(2);
  const after = await client.patch(url, { form: { name: '云栖科技恢复之后' } }, { 'if-match': '"2"' });
  expect(after.status).toBe(200);
  expect(after.body.draft.version).toBe(3);
}, 30000);
