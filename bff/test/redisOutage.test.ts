// Redis killed and restarted under a running BFF: requests fail fast with 503 + Retry-After, then work again by
// themselves, and the saved draft is still there (AOF).
import { expectError, expectOk } from '../../testing/bffClient';
import { APPLICANTS, eventually, newChange, startHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

test('a draft survives a Redis crash; requests during the outage get 503 and succeed again without a BFF restart', async () => {
  const client = await h.login(APPLICANTS.yunqi.applicantId);
  const created = await client.ok('createChange', { body: newChange(APPLICANTS.yunqi) });
  const params = { id: created.body.id };
  const save = (name: string, version: number) => client.call('patchChange', { params, body: { form: { name } }, headers: { 'if-match': `"${version}"` } });
  expectOk(await save('云栖科技断电之前', 1), 200);

  await h.redis.kill();
  const during = await Promise.all([client.call('getChange', { params }), save('云栖科技断电之中', 2), client.call('listChanges')]);
  for (const res of during) {
    expectError(res, 503);
    expect(res.body).toEqual({ code: 'service_unavailable', message: expect.stringMatching(/稍后重试/) });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  }
  expect((await h.anonymous().call('readyz')).status).toBe(503);
  expect((await h.anonymous().call('healthz')).status).toBe(200);

  await h.redis.restart();
  const back = await eventually(async () => {
    const res = await client.call('getChange', { params });
    return res.ok && res;
  }, 'the BFF to reconnect to Redis');
  expect(back.body.form.name).toBe('云栖科技断电之前');
  expect(back.body.version).toBe(2);
  const after = await save('云栖科技恢复之后', 2);
  expectOk(after, 200);
  expect(after.body.draft.version).toBe(3);
}, 30000);
