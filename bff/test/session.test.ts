// Functional tests of login (wx.login code exchange), the demo applicant picker, health and readiness.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBff } from '../src/app';
import { createLogger } from '../src/logger';
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
    const res = await h.anonymous().post('/api/session', { code: 'demo-zhang-wei.first' });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['expiresAt', 'token']);
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const client = makeClient(h.url, res.body.token);
    const filings = await client.get('/api/filings');
    expect(filings.status).toBe(200);
    expect(filings.body.filings[0].applicantId).toBe(APPLICANTS.zhangWei.applicantId);
  });

  test('a used or unknown code is 401 with a Chinese message; a malformed body is 422', async () => {
    await h.anonymous().post('/api/session', { code: 'demo-zhang-wei.once' });
    const reused = await h.anonymous().post('/api/session', { code: 'demo-zhang-wei.once' });
    expect(reused.status).toBe(401);
    expect(reused.body.message).toMatch(/重新进入小程序/);
    expect((await h.anonymous().post('/api/session', { code: 'not-a-code' })).status).toBe(401);
    const malformed = await h.anonymous().post('/api/session', { code: '' });
    expect(malformed.status).toBe(422);
    expect(malformed.body.code).toBe('validation_failed');
  });

  test('a bogus bearer token is 401', async () => {
    const res = await makeClient(h.url, 'x'.repeat(43)).get('/api/changes');
    expect(res.status).toBe(401);
  });
});

describe('demo applicant picker', () => {
  test('lists the sandbox applicants and logs in as one of them', async () => {
    const list = await h.anonymous().get('/api/session/dev');
    expect(list.status).toBe(200);
    expect(list.body).toEqual(
      expect.arrayContaining([
        { applicantId: 'zhang-wei', name: '张伟', kind: 'personal' },
        { applicantId: 'hangzhou-yunqi', name: '杭州云栖网络科技有限公司', kind: 'organisation' },
      ]),
    );
    const login = await h.anonymous().post('/api/session/dev', { applicantId: 'beijing-mingde' });
    expect(login.status).toBe(200);
    const filings = await makeClient(h.url, login.body.token).get('/api/filings');
    expect(filings.body.filings[0].id).toBe(APPLICANTS.mingde.filingId);
    expect((await h.anonymous().post('/api/session/dev', { applicantId: 'nobody' })).status).toBe(404);
  });

  test('is 404 outside demo mode (that BFF also serves the H5 build at /)', async () => {
    const h5 = mkdtempSync(join(tmpdir(), 'bff-h5-'));
    writeFileSync(join(h5, 'index.html'), '<!doctype html><title>备案变更助手</title>');
    const prod = await startBff({ env: { ...h.bffEnv, PORT: '0', DEMO_MODE: 'false', STATIC_DIR: h5 }, logger: createLogger('silent'), workers: false });
    try {
      const client = makeClient(prod.url, null);
      expect((await client.get('/api/session/dev')).status).toBe(404);
      expect((await client.post('/api/session/dev', { applicantId: 'zhang-wei' })).status).toBe(404);
      const page = await client.get('/');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.body).toContain('备案变更助手');
      expect((await client.get('/../../etc/passwd')).status).toBe(404);
    } finally {
      await prod.close();
      rmSync(h5, { recursive: true, force: true });
    }
  });
});

describe('health', () => {
  test('/healthz is up; /readyz follows the review system', async () => {
    expect((await h.anonymous().get('/healthz')).status).toBe(200);
    const ready = await h.anonymous().get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ ok: true, redis: true, reviewSystem: true });
    h.reviewSystemDown(true);
    try {
      const down = await h.anonymous().get('/readyz');
      expect(down.status).toBe(503);
      expect(down.body).toEqual({ ok: false, redis: true, reviewSystem: false });
      expect((await h.anonymous().get('/healthz')).status).toBe(200);
      // A route that needs the review system (filings not cached for this applicant) answers 503 + Retry-After.
      const login = await h.anonymous().post('/api/session/dev', { applicantId: 'hangzhou-yunqi' });
      expect(login.status).toBe(503);
      expect(login.body.code).toBe('upstream_unavailable');
      expect(Number(login.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      h.reviewSystemDown(false);
    }
  });

  test('an unknown API route answers the error shape', async () => {
    const res = await h.anonymous().get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'not_found', message: expect.any(String) });
  });
});
