// Functional tests of the change drafts (create, list, read, autosave with If-Match) against real Redis and the sandbox.
import { keys } from '../src/stores/keys';
import { APPLICANTS, startHarness, type Client, type Harness } from './harness';

let h: Harness;
let yunqi: Client;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
  yunqi = await h.login(APPLICANTS.yunqi.applicantId);
});

async function createChange(client: Client, ids: { filingId: string; websiteId: string }) {
  const res = await client.post('/api/changes', { filingId: ids.filingId, websiteId: ids.websiteId });
  expect([200, 201]).toContain(res.status);
  return res;
}

describe('filings', () => {
  test('lists only the applicant’s own filing, with its websites', async () => {
    const res = await yunqi.get('/api/filings');
    expect(res.status).toBe(200);
    expect(res.body.filings.map((f: { id: string }) => f.id)).toEqual([APPLICANTS.yunqi.filingId]);
    expect(res.body.filings[0].websites.map((w: { id: string }) => w.id)).toEqual(['site-yq-main', 'site-yq-docs']);
  });

  test('refuses without a session (401, Chinese message)', async () => {
    const res = await h.anonymous().get('/api/filings');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 'unauthenticated', message: '登录已失效，请重新登录' });
  });
});

describe('create and read', () => {
  test('201 with a new draft copied from the filed website, then 200 with the same open draft', async () => {
    const first = await createChange(yunqi, APPLICANTS.yunqi);
    expect(first.status).toBe(201);
    expect(first.headers.get('etag')).toBe('"1"');
    expect(first.body).toMatchObject({ status: 'draft', version: 1, filingId: APPLICANTS.yunqi.filingId, websiteId: 'site-yq-main' });
    expect(first.body.form.name).toBe('云栖科技官网');
    expect(first.body.form.domains).toEqual(['yunqi-tech.cn']);

    const again = await createChange(yunqi, APPLICANTS.yunqi);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
  });

  test('a website the applicant does not own is 404', async () => {
    const res = await yunqi.post('/api/changes', { filingId: APPLICANTS.mingde.filingId, websiteId: APPLICANTS.mingde.websiteId });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });

  test('GET lists changes with status; GET by id carries the version as ETag', async () => {
    const created = await createChange(yunqi, APPLICANTS.yunqi);
    const list = await yunqi.get('/api/changes');
    expect(list.status).toBe(200);
    expect(list.body.changes).toEqual([
      expect.objectContaining({ id: created.body.id, status: 'draft', version: 1, websiteName: '云栖科技官网' }),
    ]);
    const one = await yunqi.get(`/api/changes/${created.body.id}`);
    expect(one.status).toBe(200);
    expect(one.headers.get('etag')).toBe('"1"');
    expect(one.body.id).toBe(created.body.id);
  });

  test('applicant A asking for B’s change by id gets 404 on every route', async () => {
    const mingde = await h.login(APPLICANTS.mingde.applicantId);
    const theirs = await createChange(mingde, APPLICANTS.mingde);
    const id = theirs.body.id as string;
    const attempts = [
      await yunqi.get(`/api/changes/${id}`),
      await yunqi.patch(`/api/changes/${id}`, { form: { name: '抢占的名字' } }, { 'if-match': '"1"' }),
      await yunqi.get(`/api/changes/${id}/checks`),
      await yunqi.get(`/api/changes/${id}/progress`),
      await yunqi.post(`/api/changes/${id}/submit`, { agreed: true }, { 'idempotency-key': 'k-1' }),
      await yunqi.post(`/api/changes/${id}/withdraw`, {}),
      await yunqi.post(`/api/changes/${id}/sms`, { phone: '13900001111' }),
      await yunqi.post(`/api/changes/${id}/subscriptions`, { templateIds: ['tpl-1'] }),
    ];
    // A malformed body learns nothing either: ownership is decided before the body is read.
    attempts.push(await yunqi.patch(`/api/changes/${id}`, { status: 'approved' }, { 'if-match': '"1"' }));
    attempts.push(await yunqi.post(`/api/changes/${id}/sms`, { phone: 12 }));
    attempts.push(await yunqi.post(`/api/changes/${id}/sms/verify`, {}));
    attempts.push(await yunqi.post(`/api/changes/${id}/subscriptions`, { templateIds: [] }));
    expect(attempts.map((r) => r.status)).toEqual(attempts.map(() => 404));
    expect((await yunqi.get('/api/changes')).body.changes).toEqual([]);
    // And B's draft is untouched.
    const still = await mingde.get(`/api/changes/${id}`);
    expect(still.body.version).toBe(1);
    expect(still.body.form.name).toBe('明德教育咨询');
  });
});

describe('PATCH autosave', () => {
  test('merges a partial update and returns the new draft and ETag', async () => {
    const created = await createChange(yunqi, APPLICANTS.yunqi);
    const res = await yunqi.patch(`/api/changes/${created.body.id}`, { form: { name: '云栖科技官方网站' }, step: 'website' }, { 'if-match': '"1"' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body.draft.form.name).toBe('云栖科技官方网站');
    expect(res.body.draft.form.domains).toEqual(['yunqi-tech.cn']);
    expect(res.body.problems).toEqual([]);
  });

  test('a draft lives 45 days in Redis, refreshed on each save', async () => {
    const created = await createChange(yunqi, APPLICANTS.yunqi);
    const key = keys.change(APPLICANTS.yunqi.applicantId, created.body.id);
    await h.redis.client.expire(key, 3600);
    await yunqi.patch(`/api/changes/${created.body.id}`, { form: { notes: '续期' } }, { 'if-match': '"1"' });
    const ttl = await h.redis.client.ttl(key);
    expect(ttl).toBeGreaterThan(44 * 24 * 3600);
    expect(ttl).toBeLessThanOrEqual(45 * 24 * 3600);
    const saved = (await yunqi.get(`/api/changes/${created.body.id}`)).body;
    expect(new Date(saved.expiresAt).getTime() - new Date(saved.updatedAt).getTime()).toBe(45 * 24 * 3600 * 1000);
  });

  test('428 without If-Match, 412 with a stale one (body carries the current draft)', async () => {
    const created = await createChange(yunqi, APPLICANTS.yunqi);
    const url = `/api/changes/${created.body.id}`;
    const missing = await yunqi.patch(url, { form: { name: '云栖科技新官网' } });
    expect(missing.status).toBe(428);
    expect(missing.body.code).toBe('precondition_required');

    expect((await yunqi.patch(url, { form: { name: '云栖科技新官网' } }, { 'if-match': '"1"' })).status).toBe(200);
    const stale = await yunqi.patch(url, { form: { notes: '旧页面上的修改' } }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('version_mismatch');
    expect(stale.body.current.version).toBe(2);
    expect(stale.body.current.form.name).toBe('云栖科技新官网');
    expect(stale.headers.get('etag')).toBe('"2"');
  });

  test('a stale If-Match racing a fresh one: exactly one wins, the other gets 412', async () => {
    const created = await createChange(yunqi, APPLICANTS.yunqi);
    const url = `/api/changes/${created.body.id}`;
    const names = ['云栖科技手机端', '云栖科技电脑端', '云栖科技平板端', '云栖科技大屏端'];
    const results = await Promise.all(names.map((name) => yunqi.patch(url, { form: { name } }, { 'if-match': '"1"' })));
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(names.length - 1);
    const stored = await yunqi.get(url);
    expect(stored.body.version).toBe(2);
    expect(stored.body.form.name).toBe(winners[0].body.draft.form.name);
  });

  test('an invalid value is saved as typed and reported as a problem (typing is never lost)', async () => {
    const created = await createChange(yunqi, APPLICANTS.yunqi);
    const url = `/api/changes/${created.body.id}`;
    const res = await yunqi.patch(url, { form: { entityPrincipal: { mobile: '1390000' } } }, { 'if-match': '"1"' });
    expect(res.status).toBe(200);
    expect(res.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/Principal\.mobile$/) })]));
    const problem = res.body.problems.find((p: { path: string }) => p.path.endsWith('.mobile'));
    expect(problem.message).toMatch(/手机号/);
    const stored = await yunqi.get(url);
    expect(stored.body.form.entityPrincipal.mobile).toBe('1390000');
  });

  test('a personal filing’s website principal cannot change: 422 naming the rule', async () => {
    const zhang = await h.login(APPLICANTS.zhangWei.applicantId);
    const created = await createChange(zhang, APPLICANTS.zhangWei);
    const url = `/api/changes/${created.body.id}`;
    const res = await zhang.patch(url, { form: { websitePrincipal: { name: '李四' } } }, { 'if-match': '"1"' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('rule_locked');
    expect(res.body.rules).toEqual(['personal_principal_locked']);
    expect(res.body.message).toMatch(/变更备案/);
    expect(res.body.fields[0].path).toMatch(/Principal\.name$/);
    // Nothing was saved.
    const stored = await zhang.get(url);
    expect(stored.body.version).toBe(1);
    expect(stored.body.form.websitePrincipal.name).toBe(created.body.form.websitePrincipal.name);
    // Contact details of the same person may change.
    const phone = await zhang.patch(url, { form: { websitePrincipal: { email: 'zw-new@example.cn' } } }, { 'if-match': '"1"' });
    expect(phone.status).toBe(200);
  });

  test('adding a domain is refused with 422 naming the rule', async () => {
    const created = await createChange(yunqi, APPLICANTS.yunqi);
    const res = await yunqi.patch(`/api/changes/${created.body.id}`, { form: { domains: ['yunqi-tech.cn', 'yunqi-new.cn'] } }, { 'if-match': '"1"' });
    expect(res.status).toBe(422);
    expect(res.body.rules).toEqual(['domain_not_removable_only']);
    expect(res.body.fields[0]).toEqual({ path: 'domains.1', message: expect.stringContaining('yunqi-new.cn') });
  });

  test('mass assignment: status, version or applicantId in the body are refused with 422', async () => {
    const created = await createChange(yunqi, APPLICANTS.yunqi);
    const url = `/api/changes/${created.body.id}`;
    for (const body of [{ status: 'approved' }, { version: 99 }, { applicantId: 'beijing-mingde' }, { form: { websitePrincipal: { role: 'admin' } } }]) {
      const res = await yunqi.patch(url, body, { 'if-match': '"1"' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.fields[0].message).toMatch(/不能提交字段/);
    }
    const stored = await yunqi.get(url);
    expect(stored.body).toMatchObject({ status: 'draft', version: 1, applicantId: APPLICANTS.yunqi.applicantId });
  });

  test('a body that is not JSON, or too large, is refused with the error shape', async () => {
    const created = await createChange(yunqi, APPLICANTS.yunqi);
    const url = `/api/changes/${created.body.id}`;
    const broken = await yunqi.request('PATCH', url, { body: '{"form": ', headers: { 'if-match': '"1"' } });
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('bad_request');
    const huge = await yunqi.patch(url, { form: { notes: 'x'.repeat(300 * 1024) } }, { 'if-match': '"1"' });
    expect(huge.status).toBe(413);
    expect(huge.body).toEqual({ code: 'payload_too_large', message: expect.stringMatching(/过大/) });
  });
});
