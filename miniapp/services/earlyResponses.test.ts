// The H5 first page's data asked for by index.html: taken once by the transport, and only where it is the same request.
import { earlyStartScript, FIRST_PAGE } from '../../config/firstPage';
import { BFF_ENDPOINTS } from '../../shared/contracts/bffEndpoints';
import { MAIN_PAGES } from '../pageUrls';
import { installFakeBff, seedSession, type FakeBff } from '../test/fakeBff';
import { createApi } from './api';
import { takeEarlyResponse } from './earlyResponses';

type EarlyWindow = { __earlyResponses?: Record<string, Promise<Response | null> | undefined> };
const scope = globalThis as EarlyWindow;

/** What fetch() hands the inline script: a status, headers and a JSON body. */
function answer(status: number, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): Response {
  const fake = {
    status,
    headers: { forEach: (fn: (value: string, key: string) => void) => Object.entries(headers).forEach(([k, v]) => fn(v, k)) },
    json: () => (typeof body === 'string' ? Promise.reject(new SyntaxError('Unexpected token')) : Promise.resolve(body)),
  };
  return fake as unknown as Response;
}

const applicants = [{ applicantId: 'a1', name: '杭州云栖网络科技有限公司', kind: 'company' }];
let bff: FakeBff;

beforeEach(() => {
  bff = installFakeBff();
  delete scope.__earlyResponses;
  process.env.TARO_ENV = 'h5';
});

afterEach(() => {
  delete scope.__earlyResponses;
  delete process.env.TARO_ENV;
});

it('names the first page and the request the app really makes (config/firstPage.ts cannot import them)', () => {
  expect(FIRST_PAGE.page).toBe(MAIN_PAGES.login);
  expect(FIRST_PAGE.requests).toEqual([BFF_ENDPOINTS.devApplicants.path]);
  expect(BFF_ENDPOINTS.devApplicants).toMatchObject({ method: 'GET', auth: 'none' });
});

describe('the inline script index.html starts them with', () => {
  const chunk = '/js/485.a3ab2abf.js';
  const fetched: string[] = [];
  /** Runs the script as index.html would, at `hash`; the chunk scripts it added to <head>. */
  function runAt(hash: string): HTMLScriptElement[] {
    window.location.hash = hash;
    fetched.length = 0;
    Object.assign(window, { fetch: (path: string) => (fetched.push(path), Promise.resolve(answer(200, applicants))) });
    document.head.innerHTML = '';
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- runs the very text the build writes into index.html
    new Function(earlyStartScript(FIRST_PAGE.page, [chunk], FIRST_PAGE.requests))();
    return [...document.head.querySelectorAll('script')];
  }

  afterEach(() => {
    delete (window as { fetch?: unknown }).fetch;
    window.location.hash = '';
  });

  it.each(['', '#/', '#/pages/login/index', '#/pages/login/index?from=logout'])('on the first page (%j): adds its chunk and asks for the applicant list', async (hash) => {
    expect(runAt(hash).map((s) => s.getAttribute('src'))).toEqual([chunk]);
    expect(fetched).toEqual(['/api/session/dev']);
    await expect(takeEarlyResponse('/api/session/dev', 1000)).resolves.toMatchObject({ status: 200, data: applicants });
  });

  it('on a deep link to another page: loads and asks for nothing', () => {
    expect(runAt('#/pages/overview/index')).toEqual([]);
    expect(fetched).toEqual([]);
    expect(scope.__earlyResponses).toBeUndefined();
  });

  it('drops a chunk script that failed, so webpack loads the chunk itself when the page is routed to', () => {
    const [script] = runAt('');
    script.dispatchEvent(new Event('error'));
    expect(document.head.querySelectorAll('script')).toHaveLength(0);
  });
});

describe('takeEarlyResponse', () => {
  it('reads the answer as the transport does, once', async () => {
    scope.__earlyResponses = { '/api/x': Promise.resolve(answer(200, { ok: true }, { etag: '"3"' })) };
    await expect(takeEarlyResponse('/api/x', 1000)).resolves.toEqual({ status: 200, data: { ok: true }, header: { etag: '"3"' } });
    await expect(takeEarlyResponse('/api/x', 1000)).resolves.toBeNull();
  });

  it('gives a body that is not JSON as null (the API then refuses it) and a failed fetch as no answer', async () => {
    scope.__earlyResponses = { '/a': Promise.resolve(answer(200, '<html>portal</html>')), '/b': Promise.resolve(null) };
    await expect(takeEarlyResponse('/a', 1000)).resolves.toMatchObject({ status: 200, data: null });
    await expect(takeEarlyResponse('/b', 1000)).resolves.toBeNull();
  });

  it('stops waiting after the timeout', async () => {
    scope.__earlyResponses = { '/slow': new Promise<Response | null>(() => undefined) };
    await expect(takeEarlyResponse('/slow', 20)).resolves.toBeNull();
  });
});

describe('through the API', () => {
  it('H5: the applicant list comes from the early answer without a second request; the next call asks the BFF', async () => {
    bff.on('GET /api/session/dev', () => ({ data: [{ applicantId: 'a2', name: '张伟', kind: 'personal' }] }));
    scope.__earlyResponses = { '/api/session/dev': Promise.resolve(answer(200, applicants)) };
    const api = createApi();
    await expect(api.devApplicants()).resolves.toEqual(applicants);
    expect(bff.count('GET /api/session/dev')).toBe(0);
    await expect(api.devApplicants()).resolves.toEqual([{ applicantId: 'a2', name: '张伟', kind: 'personal' }]);
    expect(bff.count('GET /api/session/dev')).toBe(1);
  });

  it('H5: an early 503 is retried over the network like any answer', async () => {
    bff.on('GET /api/session/dev', () => ({ data: applicants }));
    scope.__earlyResponses = { '/api/session/dev': Promise.resolve(answer(503, { code: 'service_unavailable', message: '服务暂时繁忙，请稍后重试' })) };
    await expect(createApi({ sleep: async () => undefined }).devApplicants()).resolves.toEqual(applicants);
    expect(bff.count('GET /api/session/dev')).toBe(1);
  });

  it('never answers a call that carries the session token, nor any call outside H5', async () => {
    seedSession('token-1');
    bff.on('GET /api/filings', () => ({ data: { filings: [] } }));
    scope.__earlyResponses = { '/api/filings': Promise.resolve(answer(200, { filings: ['stale'] })) };
    await expect(createApi().listFilings()).resolves.toEqual([]);
    expect(bff.count('GET /api/filings')).toBe(1);

    process.env.TARO_ENV = 'weapp';
    bff.on('GET /api/session/dev', () => ({ data: [] }));
    scope.__earlyResponses = { '/api/session/dev': Promise.resolve(answer(200, applicants)) };
    await expect(createApi().devApplicants()).resolves.toEqual([]);
    expect(bff.count('GET /api/session/dev')).toBe(1);
  });
});
