// Functional tests of login (wx.login code exchange), the demo applicant picker, health and readiness.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectError, expectOk } from '../../testing/bffClient';
import { startBff } from '../src/app';
import { createLogger } from '../src/logger';
import { keys } from '../src/stores/keys';
import { APPLICANTS, makeClient, startHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('POST /api/session', () => {
  test('exchanges a wx.login code for an opaque token; the WeChat session key never leaves the server', async () => {
    const res = await h.anonymous().call('login', { body: { code: 'demo-zhang-wei.first' } });
    // The client refuses an answer with fields beyond the contract's { token, expiresAt }.
    expectOk(res, 200);
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const client = makeClient(h.url, res.body.token);
    const filings = await client.call('listFilings');
    expectOk(filings, 200);
    expect(filings.body.filings[0].applicantId).toBe(APPLICANTS.zhangWei.applicantId);
  });

  test('a used or unknown code is 401 with a Chinese message; a malformed body is 422', async () => {
    const login = (code: string) => h.anonymous().call('login', { body: { code } });
    await login('demo-zhang-wei.once');
    const reused = await login('demo-zhang-wei.once');
    expectError(reused, 401);
    expect(reused.body.message).toMatch(/重新进入小程序/);
    expect((await login('not-a-code')).status).toBe(401);
    expectError(await login(''), 422, 'validation_failed');
  });

  test('a bogus bearer token is 401', async () => {
    const res = await makeClient(h.url, 'x'.repeat(43)).call('listChanges');
    expectError(res, 401);
  });
});

describe('DELETE /api/session (logout)', () => {
  test('revokes the token it came with: that token is 401 everywhere after, another session of the applicant is not', async () => {
    const phone = await h.login(APPLICANTS.yunqi.applicantId);
    const tablet = await h.login(APPLICANTS.yunqi.applicantId);
    expectOk(await phone.call('listFilings'), 200);

    const out = await phone.call('logout');
    expectOk(out, 200);
    expect(out.body).toEqual({ loggedOut: true });
    expect(out.headers.get('cache-control')).toBe('no-store');
    expect(await h.redis.client.exists(keys.session(phone.token ?? ''))).toBe(0);

    expectError(await phone.call('listFilings'), 401, 'unauthenticated');
    expectError(await phone.call('logout'), 401, 'unauthenticated');
    expectOk(await tablet.call('listFilings'), 200);
  });

  test('without a session it is 401', async () => {
    expectError(await h.anonymous().call('logout'), 401, 'unauthenticated');
  });
});

describe('demo applicant picker', () => {
  test('lists the sandbox applicants and logs in as one of them', async () => {
    const list = await h.anonymous().call('devApplicants');
    expectOk(list, 200);
    expect(list.body).toEqual(
      expect.arrayContaining([
        { applicantId: 'zhang-wei', name: '张伟', kind: 'personal' },
        { applicantId: 'hangzhou-yunqi', name: '杭州云栖网络科技有限公司', kind: 'organisation' },
      ]),
    );
    const login = await h.anonymous().call('devLogin', { body: { applicantId: 'beijing-mingde' } });
    expectOk(login, 200);
    const filings = await makeClient(h.url, login.body.token).ok('listFilings');
    expect(filings.body.filings[0].id).toBe(APPLICANTS.mingde.filingId);
    expect((await h.anonymous().call('devLogin', { body: { applicantId: 'nobody' } })).status).toBe(404);
  });

  test('is 404 outside demo mode (that BFF also serves the H5 build at /)', async () => {
    const h5 = mkdtempSync(join(tmpdir(), 'bff-h5-'));
    writeFileSync(join(h5, 'index.html'), '<!doctype html><title>备案变更助手</title>');
    // Production needs secrets of its own (the harness's are the demo's public ones).
    const secrets = { REVIEW_CALLBACK_SECRET: randomBytes(32).toString('hex'), SMS_CODE_SECRET: randomBytes(32).toString('hex'), MATERIALS_SECRET: randomBytes(32).toString('hex') };
    const prod = await startBff({ env: { ...h.bffEnv, ...secrets, PORT: '0', DEMO_MODE: 'false', STATIC_DIR: h5 }, logger: createLogger('silent'), workers: false });
    try {
      const client = makeClient(prod.url, null);
      expect((await client.call('devApplicants')).status).toBe(404);
      expect((await client.call('devLogin', { body: { applicantId: 'zhang-wei' } })).status).toBe(404);
      // The H5 build and a path escaping it are not API routes: raw requests.
      const page = await client.raw('GET', '/');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.text).toContain('备案变更助手');
      expect((await client.raw('GET', '/../../etc/passwd')).status).toBe(404);
    } finally {
      await prod.close();
      rmSync(h5, { recursive: true, force: true });
    }
  });
});

describe('health', () => {
  test('/healthz is up; /readyz follows the review system', async () => {
    expect((await h.anonymous().call('healthz')).status).toBe(200);
    const ready = await h.anonymous().call('readyz');
    expectOk(ready, 200);
    expect(ready.body).toEqual({ ok: true, redis: true, reviewSystem: true });
    h.reviewSystemDown(true);
    try {
      // 503 carries the same body as 200 (the contract lists both).
      const down = await h.anonymous().call('readyz');
      expectOk(down, 503);
      expect(down.body).toEqual({ ok: false, redis: true, reviewSystem: false });
      expect((await h.anonymous().call('healthz')).status).toBe(200);
      // A route that needs the review system (filings not cached for this applicant) answers 503 + Retry-After.
      const login = await h.anonymous().call('devLogin', { body: { applicantId: 'hangzhou-yunqi' } });
      expectError(login, 503, 'upstream_unavailable');
      expect(Number(login.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      h.reviewSystemDown(false);
    }
  });

  test('an unknown API route answers the error shape', async () => {
    // Not in the contract, so raw on purpose.
    const res = await h.anonymous().raw('GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ code: 'not_found', message: expect.any(String) });
  });

  test('a method a route does not have is 405 naming the ones it has; OPTIONS lists them', async () => {
    // Nested routes included (the change routes sit two routers deep): one allowedMethods() answers for all of them.
    const login = await h.anonymous().call('login', { body: { code: 'demo-zhang-wei.methods' } });
    expectOk(login, 200);
    const client = makeClient(h.url, login.body.token);
    const changePath = '/api/changes/chg_00000000000000000000000000';
    const put = await client.raw('PUT', changePath, { body: {} });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'HEAD', 'PATCH']);
    const options = await fetch(`${h.url}${changePath}`, { method: 'OPTIONS', headers: { authorization: `Bearer ${login.body.token}` } });
    expect(options.status).toBe(200);
    expect(options.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'HEAD', 'PATCH']);
    const loginPut = await h.anonymous().raw('PUT', '/api/session', { body: {} });
    expect(loginPut.status).toBe(405);
    expect(loginPut.headers.get('allow')?.split(', ').sort()).toEqual(['DELETE', 'POST']);
  });
});
