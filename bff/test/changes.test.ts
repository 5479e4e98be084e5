// Functional tests of the change drafts (create, list, read, autosave with If-Match) against real Redis and the sandbox.
import { changeDraft } from '../../shared/domain/change';
import { expectError, expectOk } from '../../testing/bffClient';
import { keys } from '../src/stores/keys';
import { APPLICANTS, newChange, startHarness, type Client, type Harness } from './harness';

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
  const res = await client.call('createChange', { body: newChange(ids) });
  expectOk(res);
  return res;
}

describe('filings', () => {
  test('lists only the applicant’s own filing, with its websites', async () => {
    const res = await yunqi.call('listFilings');
    expectOk(res, 200);
    expect(res.body.filings.map((f) => f.id)).toEqual([APPLICANTS.yunqi.filingId]);
    expect(res.body.filings[0].websites.map((w) => w.id)).toEqual(['site-yq-main', 'site-yq-docs']);
  });

  test('refuses without a session (401, Chinese message)', async () => {
    const res = await h.anonymous().call('listFilings');
    expectError(res, 401);
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
    const res = await yunqi.call('createChange', { body: newChange(APPLICANTS.mingde) });
    expectError(res, 404, 'not_found');
  });

  test('GET lists changes with status; GET by id carries the version as ETag', async () => {
    const created = await createChange(yunqi, APPLICANTS.yunqi);
    const list = await yunqi.call('listChanges');
    expectOk(list, 200);
    expect(list.body.changes).toEqual([expect.objectContaining({ id: created.body.id, status: 'draft', version: 1, websiteName: '云栖科技官网' })]);
    const one = await yunqi.call('getChange', { params: { id: created.body.id } });
    expectOk(one, 200);
    expect(one.headers.get('etag')).toBe('"1"');
    expect(one.body.id).toBe(created.body.id);
  });

  test('applicant A asking for B’s change by id gets 404 on every route', async () => {
    const mingde = await h.login(APPLICANTS.mingde.applicantId);
    const theirs = await createChange(mingde, APPLICANTS.mingde);
    const params = { id: theirs.body.id };
    const attempts = [
      await yunqi.call('getChange', { params }),
      await yunqi.call('patchChange', { params, body: { form: { name: '抢占的名字' } }, headers: { 'if-match': '"1"' } }),
      await yunqi.call('getChecks', { params }),
      await yunqi.call('getProgress', { params }),
      await yunqi.call('submit', { params, body: { agreed: true }, headers: { 'idempotency-key': 'k-1' } }),
      await yunqi.call('withdraw', { params }),
      await yunqi.call('sendSms', { params, body: { phone: '13900001111' } }),
      await yunqi.call('addSubscriptions', { params, body: { templateIds: ['tpl-1'] } }),
      // A body the schema refuses learns nothing either: ownership is decided before the body is read.
      await yunqi.call('addSubscriptions', { params, body: { templateIds: [] } }),
    ];
    // Bodies off the contract entirely, sent raw on purpose.
    const path = `/api/changes/${params.id}`;
    const malformed = [
      await yunqi.raw('PATCH', path, { body: { status: 'approved' }, headers: { 'if-match': '"1"' } }),
      await yunqi.raw('POST', `${path}/sms`, { body: { phone: 12 } }),
      await yunqi.raw('POST', `${path}/sms/verify`, { body: {} }),
    ];
    expect([...attempts, ...malformed].map((r) => r.status)).toEqual([...attempts, ...malformed].map(() => 404));
    expect((await yunqi.ok('listChanges')).body.changes).toEqual([]);
    // And B's draft is untouched.
    const still = await mingde.ok('getChange', { params });
    expect(still.body.version).toBe(1);
    expect(still.body.form.name).toBe('明德教育咨询');
  });
});

describe('PATCH autosave', () => {
  test('merges a partial update and returns the new draft and ETag', async () => {
    const created = await createChange(yunqi, APPLICANTS.yunqi);
    const res = await yunqi.call('patchChange', { params: { id: created.body.id }, body: { form: { name: '云栖科技官方网站' }, step: 'website' }, headers: { 'if-match': '"1"' } });
    expectOk(res, 200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body.draft.form.name).toBe('云栖科技官方网站');
    expect(res.body.draft.form.domains).toEqual(['yunqi-tech.cn']);
    expect(res.body.problems).toEqual([]);
  });

  test('a draft lives 45 days in Redis, refreshed on each save', async () => {
    const created = await createChange(yunqi, APPLICANTS.yunqi);
    const key = keys.change(APPLICANTS.yunqi.applicantId, created.body.id);
    await h.redis.client.expire(key, 3600);
    await yunqi.ok('patchChange', { params: { id: created.body.id }, body: { form: { notes: '续期' } }, headers: { 'if-match': '"1"' } });
    const ttl = await h.redis.client.ttl(key);
    expect(ttl).toBeGreaterThan(44 * 24 * 3600);
    expect(ttl).toBeLessThanOrEqual(45 * 24 * 3600);
    const saved = (await yunqi.ok('getChange', { params: { id: created.body.id } })).body;
    expect(new Date(saved.expiresAt).getTime() - new Date(saved.updatedAt).getTime()).toBe(45 * 24 * 3600 * 1000);
  });

  test('428 without If-Match, 412 with a stale one (body carries the current draft)', async () => {
    const created = await createChange(yunqi, APPLICANTS.yunqi);
    const params = { id: created.body.id };
    const missing = await yunqi.call('patchChange', { params, body: { form: { name: '云栖科技新官网' } } });
    expectError(missing, 428, 'precondition_required');

    await yunqi.ok('patchChange', { params, body: { form: { name: '云栖科技新官网' } }, headers: { 'if-match': '"1"' } });
    const stale = await yunqi.call('patchChange', { params, body: { form: { notes: '旧页面上的修改' } }, headers: { 'if-match': '"1"' } });
    expectError(stale, 412, 'version_mismatch');
    const current = changeDraft.parse(stale.body.current);
    expect(current.version).toBe(2);
    expect(current.form.name).toBe('云栖科技新官网');
    expect(stale.headers.get('etag')).toBe('"2"');
  });

  test('a stale If-Match racing a fresh one: exactly one wins, the other gets 412', async () => {
    const created = await createChange(yunqi, APPLICANTS.yunqi);
    const params = { id: created.body.id };
    const names = ['云栖科技手机端', '云栖科技电脑端', '云栖科技平板端', '云栖科技大屏端'];
    const results = await Promise.all(names.map((name) => yunqi.call('patchChange', { params, body: { form: { name } }, headers: { 'if-match': '"1"' } })));
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(names.length - 1);
    const [winner] = winners;
    expectOk(winner);
    const stored = await yunqi.ok('getChange', { params });
    expect(stored.body.version).toBe(2);
    expect(stored.body.form.name).toBe(winner.body.draft.form.name);
  });

  test('an invalid value is saved as typed and reported as a problem (typing is never lost)', async () => {
    const created = await createChange(yunqi, APPLICANTS.yunqi);
    const params = { id: created.body.id };
    const res = await yunqi.call('patchChange', { params, body: { form: { entityPrincipal: { mobile: '1390000' } } }, headers: { 'if-match': '"1"' } });
    expectOk(res, 200);
    expect(res.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/Principal\.mobile$/) })]));
    const problem = res.body.problems.find((p) => p.path.endsWith('.mobile'));
    expect(problem?.message).toMatch(/手机号/);
    const stored = await yunqi.ok('getChange', { params });
    expect(stored.body.form.entityPrincipal.mobile).toBe('1390000');
  });

  test('a personal filing’s website principal cannot change: 422 naming the rule', async () => {
    const zhang = await h.login(APPLICANTS.zhangWei.applicantId);
    const created = await createChange(zhang, APPLICANTS.zhangWei);
    const params = { id: created.body.id };
    const res = await zhang.call('patchChange', { params, body: { form: { websitePrincipal: { name: '李四' } } }, headers: { 'if-match': '"1"' } });
    expectError(res, 422, 'rule_locked');
    expect(res.body.rules).toEqual(['personal_principal_locked']);
    expect(res.body.message).toMatch(/变更备案/);
    expect(res.body.fields?.[0].path).toMatch(/Principal\.name$/);
    // Nothing was saved.
    const stored = await zhang.ok('getChange', { params });
    expect(stored.body.version).toBe(1);
    expect(stored.body.form.websitePrincipal.name).toBe(created.body.form.websitePrincipal.name);
    // Contact details of the same person may change.
    const phone = await zhang.call('patchChange', { params, body: { form: { websitePrincipal: { email: 'zw-new@example.cn' } } }, headers: { 'if-match': '"1"' } });
    expectOk(phone, 200);
  });

  test('adding a domain is refused with 422 naming the rule', async () => {
    const created = await createChange(yunqi, APPLICANTS.yunqi);
    const res = await yunqi.call('patchChange', { params: { id: created.body.id }, body: { form: { domains: ['yunqi-tech.cn', 'yunqi-new.cn'] } }, headers: { 'if-match': '"1"' } });
    expectError(res, 422);
    expect(res.body.rules).toEqual(['domain_not_removable_only']);
    expect(res.body.fields?.[0]).toEqual({ path: 'domains.1', message: expect.stringContaining('yunqi-new.cn') });
  });

  test('mass assignment: status, version or applicantId in the body are refused with 422', async () => {
    const created = await createChange(yunqi, APPLICANTS.yunqi);
    const url = `/api/changes/${created.body.id}`;
    // Server-owned fields are off the contract: sent raw on purpose.
    for (const body of [{ status: 'approved' }, { version: 99 }, { applicantId: 'beijing-mingde' }, { form: { websitePrincipal: { role: 'admin' } } }]) {
      const res = await yunqi.raw('PATCH', url, { body, headers: { 'if-match': '"1"' } });
      expect(res.status).toBe(422);
      expect(res.error?.code).toBe('validation_failed');
      expect(res.error?.fields?.[0].message).toMatch(/不能提交字段/);
    }
    const stored = await yunqi.ok('getChange', { params: { id: created.body.id } });
    expect(stored.body).toMatchObject({ status: 'draft', version: 1, applicantId: APPLICANTS.yunqi.applicantId });
  });

  test('a body that is not JSON, or too large, is refused with the error shape', async () => {
    const created = await createChange(yunqi, APPLICANTS.yunqi);
    // Broken JSON is off the contract: sent raw on purpose.
    const broken = await yunqi.raw('PATCH', `/api/changes/${created.body.id}`, { body: '{"form": ', headers: { 'if-match': '"1"' } });
    expect(broken.status).toBe(400);
    expect(broken.error?.code).toBe('bad_request');
    const huge = await yunqi.call('patchChange', { params: { id: created.body.id }, body: { form: { notes: 'x'.repeat(300 * 1024) } }, headers: { 'if-match': '"1"' } });
    expectError(huge, 413);
    expect(huge.body).toEqual({ code: 'payload_too_large', message: expect.stringMatching(/过大/) });
  });
});

describe('放弃本次变更 (discard)', () => {
  test('a draft ends as withdrawn with a 已放弃 entry, the website is free for a new change, the old one stays listed', async () => {
    const created = await createChange(yunqi, APPLICANTS.yunqi);
    const params = { id: created.body.id };
    const discarded = await yunqi.call('discardChange', { params });
    expectOk(discarded, 200);
    expect(discarded.body.status).toBe('withdrawn');
    const progress = await yunqi.ok('getProgress', { params });
    expect(progress.body.timeline.map((e) => e.title)).toContain('已放弃');

    const again = await createChange(yunqi, APPLICANTS.yunqi);
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(created.body.id);
    const list = await yunqi.ok('listChanges');
    expect(list.body.changes.map((c) => [c.id, c.status]).sort()).toEqual(
      [
        [created.body.id, 'withdrawn'],
        [again.body.id, 'draft'],
      ].sort(),
    );
  });

  test('a finished change cannot be discarded (409, says why)', async () => {
    const created = await createChange(yunqi, APPLICANTS.yunqi);
    await yunqi.ok('discardChange', { params: { id: created.body.id } });
    const twice = await yunqi.call('discardChange', { params: { id: created.body.id } });
    expectError(twice, 409);
    expect(twice.body.message).toContain('不能放弃');
  });
});
