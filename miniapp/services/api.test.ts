// The endpoints: each function calls its contract route (method and path from BFF_ROUTES) and refuses an answer that
// is not a JSON document; 201 vs 200 on create, ETags, and who renews the session on 401 (weapp vs H5 demo).
import { BFF_ROUTES, bffPath, type BffRouteName } from '../../shared/contracts/bffRoutes';
import { taroMock } from '../test/taro-mock';
import { buildChangeSummary, buildDraft, buildFiling, buildProgress, installFakeBff, seedSession, type FakeBff, type FakeResponse } from '../test/fakeBff';
import { ApiRequestError, createApi, type Api } from './api';
import { getToken } from './session';

let bff: FakeBff;

function makeApi() {
  return createApi({ baseUrl: () => 'http://bff.test', sleep: async () => undefined, random: () => 0.5 });
}

async function failure(promise: Promise<unknown>): Promise<ApiRequestError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApiRequestError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

beforeEach(() => {
  bff = installFakeBff();
  seedSession('token-1');
  delete process.env.TARO_ENV;
});

const session = { token: 'token-2', expiresAt: '2099-01-01T00:00:00.000Z' };

/** Every endpoint, the contract route it must call with which parameters, and an answer that route may give. */
const ENDPOINTS: Array<{ route: BffRouteName; params: Record<string, string>; answer: FakeResponse; invoke: (api: Api) => Promise<unknown> }> = [
  { route: 'devApplicants', params: {}, answer: { data: [{ applicantId: 'a1', name: '张伟', kind: 'personal' }] }, invoke: (api) => api.devApplicants() },
  { route: 'devLogin', params: {}, answer: { data: session }, invoke: (api) => api.devLogin('a1') },
  { route: 'listFilings', params: {}, answer: { data: { filings: [buildFiling()] } }, invoke: (api) => api.listFilings() },
  { route: 'listChanges', params: {}, answer: { data: { changes: [buildChangeSummary()] } }, invoke: (api) => api.listChanges() },
  { route: 'createChange', params: {}, answer: { status: 201, data: buildDraft() }, invoke: (api) => api.createChange({ filingId: 'filing-1', websiteId: 'site-1' }) },
  { route: 'getChange', params: { id: 'change-1' }, answer: { data: buildDraft() }, invoke: (api) => api.getChange('change-1') },
  {
    route: 'patchChange',
    params: { id: 'change-1' },
    answer: { data: { draft: buildDraft(), problems: [] } },
    invoke: (api) => api.patchChange('change-1', { form: { notes: '新增了产品介绍栏目' } }, '"1"'),
  },
  {
    route: 'sendSms',
    params: { id: 'change-1' },
    answer: { status: 202, data: { phone: '13700137000', resendAfterSeconds: 60, expiresInSeconds: 300 } },
    invoke: (api) => api.sendSms('change-1', '13700137000'),
  },
  {
    route: 'verifySms',
    params: { id: 'change-1' },
    answer: { data: { phone: '13700137000', verified: true, verifiedPhones: ['13700137000'] } },
    invoke: (api) => api.verifySms('change-1', '13700137000', '123456'),
  },
  { route: 'getChecks', params: { id: 'change-1' }, answer: { data: { materials: [], checks: [], blockers: [], ready: true } }, invoke: (api) => api.getChecks('change-1') },
  {
    route: 'websiteBlockers',
    params: { filingId: 'filing-1', websiteId: 'site-1' },
    answer: { data: { blockers: [], checkedAt: '2026-11-20T09:00:00.000Z' } },
    invoke: (api) => api.websiteBlockers('filing-1', 'site-1'),
  },
  {
    route: 'submit',
    params: { id: 'change-1' },
    answer: { status: 202, data: { changeId: 'change-1', submissionId: 's1', status: 'submitted', submittedAt: '2026-11-20T09:00:00.000Z' } },
    invoke: (api) => api.submit('change-1', 'key-1'),
  },
  { route: 'withdraw', params: { id: 'change-1' }, answer: { data: buildDraft({ status: 'withdrawn' }) }, invoke: (api) => api.withdraw('change-1') },
  { route: 'getProgress', params: { id: 'change-1' }, answer: { data: buildProgress() }, invoke: (api) => api.getProgress('change-1') },
  { route: 'addSubscriptions', params: { id: 'change-1' }, answer: { data: { subscriptionsLeft: 2 } }, invoke: (api) => api.addSubscriptions('change-1', ['TPL_1']) },
];

describe('endpoints follow the contract', () => {
  it.each(ENDPOINTS.map((e) => [e.route, e] as const))('%s calls its route’s method and path', async (_name, endpoint) => {
    const { method } = BFF_ROUTES[endpoint.route];
    const path = bffPath(endpoint.route, endpoint.params as never);
    bff.on(`${method} ${path}`, () => endpoint.answer);
    await endpoint.invoke(makeApi());
    expect(bff.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`${method} ${path}`]);
  });

  it.each(ENDPOINTS.map((e) => [e.route, e] as const))('%s refuses an answer that is not a JSON document (a Wi-Fi login page)', async (_name, endpoint) => {
    const { method } = BFF_ROUTES[endpoint.route];
    bff.on(`${method} ${bffPath(endpoint.route, endpoint.params as never)}`, () => ({ status: endpoint.answer.status, data: '<html><title>登录 Wi-Fi</title></html>' }));
    const err = await failure(endpoint.invoke(makeApi()));
    expect(err.code).toBe('bad_response');
  });

  it('sends only the login calls without a token', async () => {
    for (const endpoint of ENDPOINTS) {
      const { method } = BFF_ROUTES[endpoint.route];
      bff.on(`${method} ${bffPath(endpoint.route, endpoint.params as never)}`, () => endpoint.answer);
    }
    const api = makeApi();
    for (const endpoint of ENDPOINTS) {
      seedSession('token-1');
      await endpoint.invoke(api);
    }
    const anonymous = bff.requests.filter((r) => !r.header.Authorization).map((r) => `${r.method} ${r.path}`);
    expect(anonymous).toEqual(['GET /api/session/dev', 'POST /api/session/dev']);
  });

  it('encodes path parameters', async () => {
    bff.on('GET /api/changes/a%2Fb', () => ({ data: buildDraft() }));
    await makeApi().getChange('a/b');
    expect(bff.requests[0].path).toBe('/api/changes/a%2Fb');
  });
});

describe('changes', () => {
  it('tells a newly created change (201) from the existing one (200) and keeps the ETag', async () => {
    let created = false;
    bff.on('POST /api/changes', () => {
      const status = created ? 200 : 201;
      created = true;
      return { status, data: buildDraft({ version: 1 }), header: { ETag: '"1"' } };
    });
    const client = makeApi();
    const first = await client.createChange({ filingId: 'filing-1', websiteId: 'site-1' });
    const second = await client.createChange({ filingId: 'filing-1', websiteId: 'site-1' });
    expect([first.created, second.created]).toEqual([true, false]);
    expect(first.etag).toBe('"1"');
    expect(bff.requests[0].body).toEqual({ filingId: 'filing-1', websiteId: 'site-1' });
    // Each create is its own action with its own key, so a lost answer can be retried.
    expect(bff.requests[0].header['Idempotency-Key']).not.toBe(bff.requests[1].header['Idempotency-Key']);
  });

  it('PATCHes with If-Match and answers the saved draft, its ETag and the problems left', async () => {
    bff.on('PATCH /api/changes/change-1', (req) => ({
      data: { draft: buildDraft({ version: 3, form: { ...buildDraft().form, name: req.body.form.name } }), problems: [{ path: 'name', message: '网站名称不能只含数字' }] },
      header: { etag: '"3"' },
    }));
    const saved = await makeApi().patchChange('change-1', { form: { name: '12345' } }, '"2"');
    expect(saved.draft.form.name).toBe('12345');
    expect(saved.etag).toBe('"3"');
    expect(saved.problems).toEqual([{ path: 'name', message: '网站名称不能只含数字' }]);
    expect(bff.requests[0].header['If-Match']).toBe('"2"');
  });

  it('takes the ETag from the draft’s version when a proxy dropped the header', async () => {
    bff.on('GET /api/changes/change-1', () => ({ data: buildDraft({ version: 7 }) }));
    expect((await makeApi().getChange('change-1')).etag).toBe('"7"');
  });

  it('submits with the caller’s Idempotency-Key and the agreement', async () => {
    bff.on('POST /api/changes/change-1/submit', () => ({ status: 202, data: { changeId: 'change-1', submissionId: 's-1', status: 'submitted', submittedAt: '2026-11-20T09:00:00.000Z' } }));
    const result = await makeApi().submit('change-1', 'key-abc');
    expect(result.submissionId).toBe('s-1');
    expect(bff.requests[0].header['Idempotency-Key']).toBe('key-abc');
    expect(bff.requests[0].body).toEqual({ agreed: true });
  });
});

describe('session renewal on 401', () => {
  it('weapp: logs in again with Taro.login and repeats the call once, for all concurrent callers', async () => {
    bff.on('GET /api/changes', (req) =>
      req.header.Authorization === 'Bearer token-2' ? { data: { changes: [] } } : { status: 401, data: { code: 'unauthenticated', message: '登录已失效，请重新登录' } },
    );
    bff.on('POST /api/session', () => ({ status: 201, data: { token: 'token-2', expiresAt: new Date(Date.now() + 3600_000).toISOString() } }));
    taroMock.enqueue('login', { ok: { code: 'wx-code-1', errMsg: 'login:ok' } });
    const client = makeApi();
    const [a, b] = await Promise.all([client.listChanges(), client.listChanges()]);
    expect(a).toEqual([]);
    expect(b).toEqual([]);
    expect(taroMock.calls('login')).toHaveLength(1);
    expect(bff.requests.find((r) => r.path === '/api/session')?.body).toEqual({ code: 'wx-code-1' });
    expect(getToken()).toBe('token-2');
  });

  it('weapp: says so when WeChat itself refuses the login', async () => {
    taroMock.storage.clear();
    taroMock.enqueue('login', { fail: 'system error' });
    const err = await failure(makeApi().listFilings());
    expect(err.code).toBe('login_failed');
    expect(err.message).toBe('微信登录失败，请检查网络后重试');
  });

  it('H5 demo: sends the applicant back to the login page', async () => {
    process.env.TARO_ENV = 'h5';
    bff.on('GET /api/filings', () => ({ status: 401, data: { code: 'unauthenticated', message: '登录已失效，请重新登录' } }));
    const err = await failure(makeApi().listFilings());
    expect(err.message).toBe('登录已失效，请重新选择账号登录');
    expect(taroMock.calls('reLaunch')[0].url).toBe('/pages/login/index');
    expect(taroMock.calls('login')).toHaveLength(0);
    expect(getToken()).toBeNull();
  });
});

describe('logout', () => {
  it.each([
    ['revoked', { data: { loggedOut: true } }, 1],
    ['already unknown to the BFF', { status: 401, data: { code: 'unauthenticated', message: '登录已失效，请重新登录' } }, 1],
    // DELETE repeats safely: the transport's retries run out, and the device logs out all the same.
    ['BFF unavailable', { status: 503, data: { code: 'service_unavailable', message: '服务暂时繁忙，请稍后重试' } }, 3],
  ])('calls its contract route with the token and forgets the token (%s), without renewing the session', async (_case, answer, attempts) => {
    const { method } = BFF_ROUTES.logout;
    bff.on(`${method} ${bffPath('logout', {})}`, () => answer);
    await makeApi().logout();
    expect(bff.requests.map((r) => `${r.method} ${r.path} ${r.header.Authorization}`)).toEqual(Array<string>(attempts).fill('DELETE /api/session Bearer token-1'));
    expect(getToken()).toBeNull();
    expect(taroMock.calls('login')).toHaveLength(0);
  });
});
