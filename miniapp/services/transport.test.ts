// Behaviour of the transport against an in-test BFF: retries, concurrency cap, 401 renewal, error messages, offline.
import { taroMock } from '../test/taro-mock';
import { installFakeBff, seedSession, type FakeBff } from '../test/fakeBff';
import { ApiRequestError, OFFLINE_MESSAGE } from './errors';
import { getToken, setToken } from './session';
import { createTransport, type TransportRequest } from './transport';

let bff: FakeBff;
let delays: number[];

function makeTransport(overrides: Parameters<typeof createTransport>[0] = {}) {
  return createTransport({ baseUrl: () => 'http://bff.test', sleep: async (ms) => void delays.push(ms), random: () => 0.5, ...overrides });
}

/** An authenticated call (unless told otherwise) through a new transport or the one given. */
function send(request: Omit<TransportRequest, 'auth'> & { auth?: boolean }, transport = makeTransport()) {
  return transport.request({ auth: true, ...request });
}

const get = (path: string) => ({ method: 'GET' as const, path });

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
});

describe('retries', () => {
  it('retries a GET after 503 answers with growing backoff and returns the answer', async () => {
    let calls = 0;
    bff.on('GET /api/filings', () => {
      calls += 1;
      return calls < 3 ? { status: 503, data: { code: 'service_unavailable', message: '服务暂时繁忙' } } : { data: { filings: [] } };
    });
    const response = await send(get('/api/filings'));
    expect(response).toMatchObject({ status: 200, data: { filings: [] } });
    expect(bff.count('GET /api/filings')).toBe(3);
    expect(delays).toHaveLength(2);
    expect(delays[1]).toBeGreaterThan(delays[0]);
  });

  it('gives up after the last retry with the BFF message', async () => {
    bff.on('GET /api/filings', () => ({ status: 503, data: { code: 'service_unavailable', message: '服务暂时繁忙，请稍后重试（您填写的内容不会丢失）' } }));
    const err = await failure(send(get('/api/filings')));
    expect(bff.count('GET /api/filings')).toBe(3);
    expect(err.status).toBe(503);
    expect(err.message).toBe('服务暂时繁忙，请稍后重试（您填写的内容不会丢失）');
  });

  it('never repeats a POST without an idempotency key (a second SMS would be sent)', async () => {
    bff.on('POST /api/changes/change-1/sms', () => ({ status: 503, data: { code: 'upstream_unavailable', message: '短信服务暂时无法连接，请稍后重试' } }));
    const err = await failure(send({ method: 'POST', path: '/api/changes/change-1/sms', body: { phone: '13800138000' } }));
    expect(bff.count('POST /api/changes/change-1/sms')).toBe(1);
    expect(err.code).toBe('upstream_unavailable');
  });

  it('repeats a PATCH carrying If-Match after a timeout, with the same version', async () => {
    let calls = 0;
    bff.on('PATCH /api/changes/change-1', () => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error('request:fail timeout'), { errMsg: 'request:fail timeout' });
      return { data: { saved: true }, header: { etag: '"3"' } };
    });
    const response = await send({ method: 'PATCH', path: '/api/changes/change-1', body: { form: { name: '示例科技新官网' } }, headers: { 'If-Match': '"2"' } });
    expect(response.header).toEqual({ etag: '"3"' });
    expect(bff.requests.map((r) => r.header['If-Match'])).toEqual(['"2"', '"2"']);
    expect(bff.requests.map((r) => r.body)).toEqual([{ form: { name: '示例科技新官网' } }, { form: { name: '示例科技新官网' } }]);
  });

  it('keeps the same Idempotency-Key on every attempt of one POST', async () => {
    let calls = 0;
    bff.on('POST /api/changes/change-1/submit', () => {
      calls += 1;
      return calls === 1 ? { status: 502, data: {} } : { status: 202, data: { accepted: true } };
    });
    const response = await send({ method: 'POST', path: '/api/changes/change-1/submit', body: { agreed: true }, headers: { 'Idempotency-Key': 'key-abc' } });
    expect(response.status).toBe(202);
    expect(bff.requests.map((r) => r.header['Idempotency-Key'])).toEqual(['key-abc', 'key-abc']);
  });

  it('does not silently wait out a long Retry-After; the caller learns how long to wait', async () => {
    bff.on('GET /api/changes/change-1/checks', () => ({
      status: 429,
      data: { code: 'rate_limited', message: '检查太频繁，请 60 秒后再试' },
      header: { 'Retry-After': '60' },
    }));
    const err = await failure(send(get('/api/changes/change-1/checks')));
    expect(bff.count('GET /api/changes/change-1/checks')).toBe(1);
    expect(err.retryAfterSeconds).toBe(60);
    expect(err.message).toBe('检查太频繁，请 60 秒后再试');
  });

  it('does not retry a request the server rejected as wrong (4xx)', async () => {
    bff.on('GET /api/changes/missing', () => ({ status: 404, data: { code: 'not_found', message: '变更不存在或无权访问' } }));
    const err = await failure(send(get('/api/changes/missing')));
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
      return { data: { changeId: 'c' } };
    });
    const transport = makeTransport();
    const all = Promise.all(Array.from({ length: 15 }, () => send(get('/api/changes/c/progress'), transport)));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(inFlight).toBe(10);
    expect(transport.load).toEqual({ active: 10, waiting: 5 });
    while (gates.length) {
      gates.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const results = await all;
    expect(results).toHaveLength(15);
    expect(maxInFlight).toBe(10);
    expect(bff.count('GET /api/changes/c/progress')).toBe(15);
  });

  it('counts uploads made outside the transport against the same cap', async () => {
    const transport = makeTransport({ maxConcurrent: 1 });
    let release: () => void = () => undefined;
    const upload = transport.withRequestSlot(() => new Promise<void>((resolve) => (release = resolve)));
    bff.on('GET /api/filings', () => ({ data: { filings: [] } }));
    const call = send(get('/api/filings'), transport);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(transport.load).toEqual({ active: 1, waiting: 1 });
    expect(bff.count('GET /api/filings')).toBe(0);
    release();
    await Promise.all([upload, call]);
    expect(bff.count('GET /api/filings')).toBe(1);
  });
});

describe('session renewal on 401', () => {
  it('renews once for all concurrent callers and repeats each call once with the new token', async () => {
    bff.on('GET /api/changes', (req) =>
      req.header.Authorization === 'Bearer token-2' ? { data: { changes: [] } } : { status: 401, data: { code: 'unauthenticated', message: '登录已失效，请重新登录' } },
    );
    const transport = makeTransport();
    let renewals = 0;
    transport.onUnauthenticated(async () => {
      renewals += 1;
      setToken('token-2', new Date(Date.now() + 3600_000).toISOString());
    });
    const [a, b] = await Promise.all([send(get('/api/changes'), transport), send(get('/api/changes'), transport)]);
    expect([a.data, b.data]).toEqual([{ changes: [] }, { changes: [] }]);
    expect(renewals).toBe(1);
    expect(getToken()).toBe('token-2');
  });

  it('without any stored token, renews before the first call', async () => {
    taroMock.storage.clear();
    bff.on('GET /api/filings', (req) => (req.header.Authorization === 'Bearer fresh' ? { data: { filings: [] } } : { status: 401, data: {} }));
    const transport = makeTransport();
    transport.onUnauthenticated(async () => setToken('fresh', new Date(Date.now() + 3600_000).toISOString()));
    await expect(send(get('/api/filings'), transport)).resolves.toMatchObject({ data: { filings: [] } });
    expect(bff.count('GET /api/filings')).toBe(1);
  });

  it('stops after one renewal when the BFF still refuses the new token', async () => {
    bff.on('GET /api/filings', () => ({ status: 401, data: { code: 'unauthenticated', message: '登录已失效，请重新登录' } }));
    const transport = makeTransport();
    transport.onUnauthenticated(async () => setToken('token-2', new Date(Date.now() + 3600_000).toISOString()));
    const err = await failure(send(get('/api/filings'), transport));
    expect(err.status).toBe(401);
    expect(bff.count('GET /api/filings')).toBe(2);
  });

  it('sends no token and renews nothing on calls without auth (the login calls themselves)', async () => {
    bff.on('POST /api/session', () => ({ status: 401, data: { code: 'unauthenticated', message: '请重新进入小程序登录' } }));
    const transport = makeTransport();
    const renew = jest.fn(async () => undefined);
    transport.onUnauthenticated(renew);
    const err = await failure(send({ method: 'POST', path: '/api/session', body: { code: 'c' }, auth: false }, transport));
    expect(err.message).toBe('请重新进入小程序登录');
    expect(renew).not.toHaveBeenCalled();
    expect(bff.requests[0].header.Authorization).toBeUndefined();
  });
});

describe('error mapping', () => {
  it('keeps the BFF message and field problems of a validation failure', async () => {
    bff.on('GET /api/changes/change-1/checks', () => ({
      status: 422,
      data: { code: 'validation_failed', message: '填写内容有误，请按提示修改', fields: [{ path: 'websitePrincipal.mobile', message: '手机号码应为11位数字' }] },
    }));
    const err = await failure(send(get('/api/changes/change-1/checks')));
    expect(err.code).toBe('validation_failed');
    expect(err.fields).toEqual([{ path: 'websitePrincipal.mobile', message: '手机号码应为11位数字' }]);
  });

  it('gives a Chinese message by code when the body carries none', async () => {
    bff.on('GET /api/changes/change-1', () => ({ status: 409, data: { code: 'change_in_review' } }));
    const err = await failure(send(get('/api/changes/change-1')));
    expect(err.message).toBe('该主体有一项变更正在审核中，审核结束前不能办理新的变更');
  });

  it('gives a Chinese message by status when a proxy answered without a body', async () => {
    bff.on('GET /api/changes/change-1', () => ({ status: 404, data: '' }));
    const err = await failure(send(get('/api/changes/change-1')));
    expect(err.message).toBe('要查看的内容不存在或已被删除，请返回总览刷新');
  });

  it('marks an error offline when the phone has no network, and does not retry', async () => {
    bff.on('GET /api/filings', () => {
      throw Object.assign(new Error('request:fail'), { errMsg: 'request:fail' });
    });
    taroMock.enqueue('getNetworkType', { ok: { networkType: 'none', errMsg: 'getNetworkType:ok' } });
    const err = await failure(send(get('/api/filings')));
    expect(err.offline).toBe(true);
    expect(err.status).toBe(0);
    expect(err.message).toBe(OFFLINE_MESSAGE);
    expect(bff.count('GET /api/filings')).toBe(1);
  });

  it('says the server took too long on a timeout (online) after retrying', async () => {
    bff.on('GET /api/filings', () => {
      throw Object.assign(new Error('request:fail timeout'), { errMsg: 'request:fail timeout' });
    });
    const err = await failure(send(get('/api/filings')));
    expect(err.offline).toBe(false);
    expect(err.code).toBe('timeout');
    expect(err.message).toBe('服务器响应超时，请检查网络后重试');
    expect(bff.count('GET /api/filings')).toBe(3);
  });
});
