// Behaviour of the api module against an in-test BFF: retries, concurrency cap, 401 renewal, error messages, offline.
import { taroMock } from '../test/taro-mock';
import { buildDraft, buildFiling, installFakeBff, seedSession, type FakeBff } from '../test/fakeBff';
import { ApiRequestError, createApi } from './api';
import { OFFLINE_MESSAGE } from './errors';
import { getToken } from './session';
import { eventually } from '../../testing/eventually';

let bff: FakeBff;
let delays: number[];

function makeApi(overrides: Parameters<typeof createApi>[0] = {}) {
  return createApi({ baseUrl: () => 'http://bff.test', sleep: async (ms) => void delays.push(ms), random: () => 0.5, ...overrides });
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
  delays = [];
  bff = installFakeBff();
  seedSession('token-1');
  delete process.env.TARO_ENV;
});

describe('retries', () => {
  it('retries a GET after 503 answers with growing backoff and returns the data', async () => {
    let calls = 0;
    bff.on('GET /api/filings', () => {
      calls += 1;
      return calls < 3 ? { status: 503, data: { code: 'service_unavailable', message: '服务暂时繁忙' } } : { data: { filings: [buildFiling()] } };
    });
    const filings = await makeApi().listFilings();
    expect(filings.map((f) => f.entity.name)).toEqual(['深圳市示例科技有限公司']);
    expect(bff.count('GET /api/filings')).toBe(3);
    expect(delays).toHaveLength(2);
    expect(delays[1]).toBeGreaterThan(delays[0]);
  });

  it('gives up after the last retry with the BFF message', async () => {
    bff.on('GET /api/filings', () => ({ status: 503, data: { code: 'service_unavailable', message: '服务暂时繁忙，请稍后重试（您填写的内容不会丢失）' } }));
    const err = await failure(makeApi().listFilings());
    expect(bff.count('GET /api/filings')).toBe(3);
    expect(err.status).toBe(503);
    expect(err.message).toBe('服务暂时繁忙，请稍后重试（您填写的内容不会丢失）');
  });

  it('never repeats a POST without an idempotency key (a second SMS would be sent)', async () => {
    bff.on('POST /api/changes/change-1/sms', () => ({ status: 503, data: { code: 'upstream_unavailable', message: '短信服务暂时无法连接，请稍后重试' } }));
    const err = await failure(makeApi().sendSms('change-1', '13800138000'));
    expect(bff.count('POST /api/changes/change-1/sms')).toBe(1);
    expect(err.code).toBe('upstream_unavailable');
  });

  it('repeats a PATCH carrying If-Match after a timeout, with the same version', async () => {
    let calls = 0;
    bff.on('PATCH /api/changes/change-1', (req) => {
      calls += 1;
      if (calls === 1) throw { errMsg: 'request:fail timeout' };
      return { data: buildDraft({ version: 3, form: { ...buildDraft().form, name: req.body.form.name } }), header: { etag: '"3"' } };
    });
    const saved = await makeApi().patchChange('change-1', { form: { name: '示例科技新官网' } }, '"2"');
    expect(saved.draft.form.name).toBe('示例科技新官网');
    expect(saved.etag).toBe('"3"');
    expect(bff.requests.map((r) => r.header['If-Match'])).toEqual(['"2"', '"2"']);
  });

  it('keeps the same Idempotency-Key on every attempt of one submit', async () => {
    let calls = 0;
    bff.on('POST /api/changes/change-1/submit', () => {
      calls += 1;
      if (calls === 1) return { status: 502, data: {} };
      return { status: 201, data: { changeId: 'change-1', submissionId: 's-1', status: 'submitted', submittedAt: '2026-11-20T09:00:00.000Z' } };
    });
    const result = await makeApi().submit('change-1', 'key-abc');
    expect(result.status).toBe('submitted');
    expect(bff.requests.map((r) => r.header['Idempotency-Key'])).toEqual(['key-abc', 'key-abc']);
  });

  it('does not silently wait out a long Retry-After; the caller learns how long to wait', async () => {
    bff.on('GET /api/changes/change-1/checks', () => ({
      status: 429,
      data: { code: 'rate_limited', message: '检查太频繁，请 60 秒后再试' },
      header: { 'Retry-After': '60' },
    }));
    const err = await failure(makeApi().getChecks('change-1'));
    expect(bff.count('GET /api/changes/change-1/checks')).toBe(1);
    expect(err.retryAfterSeconds).toBe(60);
    expect(err.message).toBe('检查太频繁，请 60 秒后再试');
  });

  it('does not retry a request the server rejected as wrong (4xx)', async () => {
    bff.on('GET /api/changes/missing', () => ({ status: 404, data: { code: 'not_found', message: '变更不存在或无权访问' } }));
    const err = await failure(makeApi().getChange('missing'));
    expect(bff.count('GET /api/changes/missing')).toBe(1);
    expect(err.status).toBe(404);
  });
});

describe('concurrency cap', () => {
  it('keeps at most 10 requests in flight and runs the rest as slots free up', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const gates: Array<() => void> = [];
    bff.on('GET /api/changes/c/progress', async () => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise<void>((resolve) => gates.push(resolve));
      inFlight -= 1;
      return { data: { changeId: 'c', status: 'initial_review', timeline: [], miitCheck: null, subscriptionsLeft: 0 } };
    });
    const client = makeApi();
    const all = Promise.all(Array.from({ length: 15 }, () => client.getProgress('c')));
    await eventually(() => inFlight === 10, '10 requests in flight');
    expect(client.load).toEqual({ active: 10, waiting: 5 });
    while (gates.length) {
      gates.shift()?.();
      // One turn of the event loop lets the freed slot start the next waiting request (its gate is pushed then).
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const results = await all;
    expect(results).toHaveLength(15);
    expect(maxInFlight).toBe(10);
    expect(bff.count('GET /api/changes/c/progress')).toBe(15);
  });
});

describe('session renewal on 401', () => {
  it('weapp: logs in again with Taro.login and repeats the call once, for all concurrent callers', async () => {
    bff.on('GET /api/changes', (req) =>
      req.header.Authorization === 'Bearer token-2'
        ? { data: { changes: [] } }
        : { status: 401, data: { code: 'unauthenticated', message: '登录已失效，请重新登录' } },
    );
    bff.on('POST /api/session', (req) => ({ status: 201, data: { token: `token-2`, expiresAt: new Date(Date.now() + 3600_000).toISOString(), code: req.body.code } }));
    taroMock.enqueue('login', { ok: { code: 'wx-code-1', errMsg: 'login:ok' } });
    const client = makeApi();
    const [a, b] = await Promise.all([client.listChanges(), client.listChanges()]);
    expect(a).toEqual([]);
    expect(b).toEqual([]);
    expect(taroMock.calls('login')).toHaveLength(1);
    expect(bff.requests.find((r) => r.path === '/api/session')?.body).toEqual({ code: 'wx-code-1' });
    expect(getToken()).toBe('token-2');
  });

  it('weapp: without any stored token, logs in before the first call', async () => {
    taroMock.storage.clear();
    bff.on('GET /api/filings', (req) => (req.header.Authorization === 'Bearer fresh' ? { data: { filings: [] } } : { status: 401, data: {} }));
    bff.on('POST /api/session', () => ({ data: { token: 'fresh', expiresAt: new Date(Date.now() + 3600_000).toISOString() } }));
    taroMock.enqueue('login', { ok: { code: 'c', errMsg: 'login:ok' } });
    await expect(makeApi().listFilings()).resolves.toEqual([]);
    expect(bff.count('GET /api/filings')).toBe(1);
  });

  it('stops after one renewal when the BFF still refuses the new token', async () => {
    bff.on('GET /api/filings', () => ({ status: 401, data: { code: 'unauthenticated', message: '登录已失效，请重新登录' } }));
    bff.on('POST /api/session', () => ({ data: { token: 'token-2', expiresAt: new Date(Date.now() + 3600_000).toISOString() } }));
    taroMock.enqueue('login', { ok: { code: 'c', errMsg: 'login:ok' } });
    const err = await failure(makeApi().listFilings());
    expect(err.status).toBe(401);
    expect(bff.count('GET /api/filings')).toBe(2);
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

describe('error mapping', () => {
  it('keeps the BFF message and field problems of a validation failure', async () => {
    bff.on('GET /api/changes/change-1/checks', () => ({
      status: 422,
      data: { code: 'validation_failed', message: '填写内容有误，请按提示修改', fields: [{ path: 'websitePrincipal.mobile', message: '手机号码应为11位数字' }] },
    }));
    const err = await failure(makeApi().getChecks('change-1'));
    expect(err.code).toBe('validation_failed');
    expect(err.fields).toEqual([{ path: 'websitePrincipal.mobile', message: '手机号码应为11位数字' }]);
  });

  it('gives a Chinese message by code when the body carries none', async () => {
    bff.on('GET /api/changes/change-1', () => ({ status: 409, data: { code: 'change_in_review' } }));
    const err = await failure(makeApi().getChange('change-1'));
    expect(err.message).toBe('该主体有一项变更正在审核中，审核结束前不能办理新的变更');
  });

  it('gives a Chinese message by status when a proxy answered without a body', async () => {
    bff.on('GET /api/changes/change-1', () => ({ status: 404, data: '' }));
    const err = await failure(makeApi().getChange('change-1'));
    expect(err.message).toBe('要查看的内容不存在或已被删除，请返回总览刷新');
  });

  it('marks an error offline when the phone has no network, and does not retry', async () => {
    bff.on('GET /api/filings', () => {
      throw { errMsg: 'request:fail' };
    });
    taroMock.enqueue('getNetworkType', { ok: { networkType: 'none', errMsg: 'getNetworkType:ok' } });
    const err = await failure(makeApi().listFilings());
    expect(err.offline).toBe(true);
    expect(err.status).toBe(0);
    expect(err.message).toBe(OFFLINE_MESSAGE);
    expect(bff.count('GET /api/filings')).toBe(1);
  });

  it('says the server took too long on a timeout (online) after retrying', async () => {
    bff.on('GET /api/filings', () => {
      throw { errMsg: 'request:fail timeout' };
    });
    const err = await failure(makeApi().listFilings());
    expect(err.offline).toBe(false);
    expect(err.code).toBe('timeout');
    expect(err.message).toBe('服务器响应超时，请检查网络后重试');
    expect(bff.count('GET /api/filings')).toBe(3);
  });

  it('rejects an answer that does not match the shared contract', async () => {
    bff.on('GET /api/filings', () => ({ data: { filings: [{ id: 'f' }] } }));
    const err = await failure(makeApi().listFilings());
    expect(err.code).toBe('bad_response');
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
  });
});
