// Security tests over real HTTP: every route without, with an expired or with a forged token; another applicant's ids;
// mass assignment; oversized bodies and headers; SMS and login rate limits; the review callback's signature,
// timestamp and replay checks. Each asserts that nothing was written or leaked.
import type { ApplicantRouteName, BffRouteName } from '../../../shared/contracts/bffRoutes';
import { REVIEW_SIGNATURE_TOLERANCE_SECONDS } from '../../../shared/contracts/reviewSystem';
import { signPayload } from '../../../shared/contracts/signature';
import { expectError, expectOk, type BffClient, type BffRequest, type BffResult } from '../../../testing/bffClient';
import { keys } from '../../src/stores/keys';
import { APPLICANTS, eventually, newChange, startHarness, CALLBACK_SECRET, type Client, type Harness } from '../harness';
import { postCallback, postRawCallback, progressEvent, rawRequest, readyChange, verificationFormPhoto } from './fixtures';

const LOGIN_LIMIT = 5;

let h: Harness;
let yunqi: Client;

beforeAll(async () => {
  h = await startHarness({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: String(LOGIN_LIMIT) } });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
  yunqi = await h.login(APPLICANTS.yunqi.applicantId);
});

/** Keys in Redis, over every master when the suite runs on a cluster (TEST_REDIS_CLUSTER=1). */
async function keyCount(): Promise<number> {
  const client = h.redis.client as unknown as { nodes?: (role: string) => { dbsize(): Promise<number> }[]; dbsize(): Promise<number> };
  if (typeof client.nodes !== 'function') return client.dbsize();
  const sizes = await Promise.all(client.nodes('master').map((n) => n.dbsize()));
  return sizes.reduce((a, b) => a + b, 0);
}

/**
 * A request that would be valid for every route a session opens, for a change id. Typed by the contract: a new
 * applicant route does not compile until it is listed here (and so checked below).
 */
function validRequests(changeId: string): { [N in ApplicantRouteName]: BffRequest<N> } {
  const params = { id: changeId };
  // Not a photo: the refusals checked here all come before the upload is read.
  const upload = { params: { ...params, kind: 'verification_form' as const }, body: { subject: 'website' as const }, file: Buffer.from('not a photo') };
  return {
    listFilings: {},
    // Another applicant's website (the 404 test below calls as 云栖 about 明德's changes and filings).
    websiteBlockers: { params: { filingId: APPLICANTS.mingde.filingId, websiteId: APPLICANTS.mingde.websiteId } },
    getNotificationSettings: {},
    putNotificationSettings: { body: { channels: { wechat: false, sms: false, mail: false }, notifyReplacedPrincipal: false } },
    listChanges: {},
    createChange: { body: newChange(APPLICANTS.yunqi) },
    getChange: { params },
    patchChange: { params, body: { form: { name: '被篡改的名称' } }, headers: { 'if-match': '"1"' } },
    sendSms: { params, body: { phone: '13912345678' } },
    verifySms: { params, body: { phone: '13912345678', code: '123456' } },
    getChecks: { params },
    submit: { params, body: { agreed: true }, headers: { 'idempotency-key': 'attack-1' } },
    withdraw: { params },
    discardChange: { params },
    getProgress: { params },
    addSubscriptions: { params, body: { templateIds: ['tpl-review-result'] } },
    verificationFormPdf: { params },
    listVerifications: { params },
    startVerification: { params: { ...params, role: 'websitePrincipal' } },
    uploadMaterial: upload,
    uploadMaterialPost: upload,
    materialRecognition: { params: { ...params, kind: 'verification_form' as const } },
    logout: {},
  };
}

/**
 * Calls every applicant route once (or, with `changeRoutesOnly`, those whose path holds the change id — a valid
 * session's logout would end the test's own session); `namesChange` tells those routes apart.
 */
async function callAll(client: BffClient, changeId: string, changeRoutesOnly = false) {
  const requests = validRequests(changeId);
  // One loop over routes of different types: the table above is what keeps each request typed.
  const call = client.call as (name: BffRouteName, request: unknown) => Promise<BffResult<BffRouteName>>;
  const results = [];
  for (const route of Object.keys(requests) as ApplicantRouteName[]) {
    const request = requests[route];
    if (changeRoutesOnly && !('params' in request)) continue;
    const res = await call(route, request);
    results.push({ route, namesChange: 'params' in request, status: res.status, code: res.ok ? null : res.body.code, text: JSON.stringify(res.body) });
  }
  return results;
}

describe('authentication', () => {
  test('every route refuses without a token, with a forged one and with an expired one: 401, nothing written', async () => {
    const id = (await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) })).body.id;
    const before = await keyCount();

    const expired = await h.login(APPLICANTS.yunqi.applicantId);
    // Redis expires the session exactly as the TTL would after SESSION_TTL_SECONDS.
    await h.redis.client.pexpire(keys.session(expired.token ?? ''), 1);
    await eventually(async () => (await h.redis.client.exists(keys.session(expired.token ?? ''))) === 0, 'the session to expire');

    const clients: Record<string, BffClient> = {
      'no token': h.anonymous(),
      forged: h.anonymous().withHeaders({ authorization: `Bearer ${'A'.repeat(43)}` }),
      'not bearer': h.anonymous().withHeaders({ authorization: `Basic ${yunqi.token ?? ''}` }),
      expired,
    };
    for (const [label, client] of Object.entries(clients)) {
      const results = await callAll(client, id);
      for (const r of results) {
        expect({ label, route: r.route, status: r.status, code: r.code }).toEqual({ label, route: r.route, status: 401, code: 'unauthenticated' });
        expect(r.text).not.toContain(APPLICANTS.yunqi.applicantId);
        expect(r.text).not.toContain('云栖');
      }
    }
    // Nothing was created or changed by any of these calls (the expired session is gone again).
    expect(await keyCount()).toBe(before);
    const stored = await yunqi.ok('getChange', { params: { id } });
    expect(stored.body).toMatchObject({ version: 1, status: 'draft' });
    expect(stored.body.form.name).toBe('云栖科技官网');
  });

  test('another applicant’s change ids answer 404 on every route and leak nothing; their draft is untouched', async () => {
    const mingde = await h.login(APPLICANTS.mingde.applicantId);
    const theirs = await mingde.ok('createChange', { body: newChange(APPLICANTS.mingde) });
    const id = theirs.body.id;
    const results = await callAll(yunqi, id, true);
    expect(results.length).toBeGreaterThanOrEqual(10);
    for (const r of results) {
      expect({ route: r.route, status: r.status }).toEqual({ route: r.route, status: 404 });
      expect(r.text).not.toMatch(/明德|beijing-mingde|filing-jing-mingde/);
    }
    // A filing and website of theirs through our create route is also 404.
    const steal = await yunqi.call('createChange', { body: newChange(APPLICANTS.mingde) });
    expect(steal.status).toBe(404);
    const after = await mingde.ok('getChange', { params: { id } });
    expect(after.body).toEqual(theirs.body);
    expect((await mingde.ok('getProgress', { params: { id } })).body.subscriptionsLeft).toBe(0);
  });

  test('a photo preview link shows the photo without a session; a forged or stretched one does not', async () => {
    const id = await readyChange(yunqi);
    // Uploaded as wx.uploadFile sends it (POST): the link it answers with shows the photo, without a session.
    const upload = await yunqi.ok('uploadMaterialPost', {
      params: { id, kind: 'verification_form' },
      body: { subject: 'website' },
      file: await verificationFormPhoto(),
    });
    const link = new URL(upload.body.previewUrl, h.url);
    const fileId = link.pathname.split('/').at(-1) ?? '';
    const genuine = await h.anonymous().call('materialPreview', {
      params: { fileId },
      query: { exp: link.searchParams.get('exp') ?? '', sig: link.searchParams.get('sig') ?? '' },
    });
    expectOk(genuine, 200);
    expect(genuine.headers.get('content-type')).toBe('image/jpeg');
    expect(genuine.body.length).toBe(upload.body.bytes);

    const forged = [
      { exp: '9999999999', sig: '00' },
      { exp: String(Math.floor(Date.now() / 1000) + 60), sig: 'a'.repeat(64) },
      { exp: '1', sig: 'x' },
    ];
    for (const query of forged) {
      const res = await h.anonymous().call('materialPreview', { params: { fileId }, query });
      expectError(res, 403);
      expect(res.headers.get('content-type')).not.toMatch(/image/);
    }
    // Without exp and sig at all (off the contract): raw.
    const unsigned = await h.anonymous().raw('GET', `/api/materials/${fileId}`);
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('content-type')).not.toMatch(/image/);
  });
});

describe('mass assignment', () => {
  test('server-owned fields are refused on every write route and nothing is stored', async () => {
    const created = await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) });
    const id = created.body.id;
    const url = `/api/changes/${id}`;
    // Server-owned fields are off the contract: every attempt is sent raw on purpose.
    const attempts = [
      ...['status', 'version', 'applicantId', 'id', 'submissionCount', 'verifiedPhones', 'base', 'materials', 'filingId', 'expiresAt'].map((field) => ({
        method: 'PATCH' as const,
        path: url,
        body: { [field]: field === 'version' || field === 'submissionCount' ? 99 : field === 'verifiedPhones' ? ['13912345678'] : 'approved' },
      })),
      { method: 'PATCH' as const, path: url, body: { form: { name: '合法名称', status: 'approved' } } },
      { method: 'PATCH' as const, path: url, body: { agreement: { agreed: true, at: '2020-01-01T00:00:00Z', version: 'forged' } } },
      { method: 'POST' as const, path: '/api/changes', body: { filingId: APPLICANTS.yunqi.filingId, websiteId: 'site-yq-docs', applicantId: 'beijing-mingde' } },
      { method: 'POST' as const, path: `${url}/submit`, body: { agreed: true, status: 'approved' } },
      { method: 'POST' as const, path: `${url}/sms/verify`, body: { phone: '13912345678', code: '000000', verified: true } },
      { method: 'POST' as const, path: `${url}/subscriptions`, body: { templateIds: ['tpl-review-result'], subscriptionsLeft: 100 } },
    ];
    for (const a of attempts) {
      const res = await yunqi.raw(a.method, a.path, { body: a.body, headers: { 'if-match': '"1"', 'idempotency-key': 'mass-1' } });
      expect({ body: a.body, status: res.status }).toEqual({ body: a.body, status: 422 });
      expect(res.error?.code).toBe('validation_failed');
      expect((res.error?.fields ?? []).map((f) => f.message).join()).toMatch(/不能提交字段/);
    }
    const stored = await yunqi.ok('getChange', { params: { id } });
    expect(stored.body).toEqual(created.body);
    expect((await yunqi.ok('listChanges')).body.changes).toHaveLength(1);
    expect((await yunqi.ok('getProgress', { params: { id } })).body.subscriptionsLeft).toBe(0);
  });

  test('prototype-pollution keys are refused and pollute nothing', async () => {
    const created = await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) });
    const url = `/api/changes/${created.body.id}`;
    // Hostile JSON, sent raw on purpose.
    for (const raw of ['{"__proto__":{"status":"approved"}}', '{"form":{"__proto__":{"isAdmin":true}}}', '{"constructor":{"prototype":{"version":99}}}']) {
      const res = await yunqi.raw('PATCH', url, { body: raw, headers: { 'if-match': '"1"' } });
      // The body parser refuses __proto__ outright (400); the strict schema refuses the rest (422).
      expect([400, 422]).toContain(res.status);
      expect(res.error?.code).toMatch(/bad_request|validation_failed/);
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect((await yunqi.ok('getChange', { params: { id: created.body.id } })).body).toEqual(created.body);
  });
});

describe('oversized input', () => {
  test('a body over the JSON limit is 413, a header over 16 KB is 431; the server keeps answering', async () => {
    const created = await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) });
    const params = { id: created.body.id };
    const url = `/api/changes/${params.id}`;
    const big = await yunqi.call('patchChange', { params, body: { form: { notes: '备'.repeat(200 * 1024) } }, headers: { 'if-match': '"1"' } });
    expectError(big, 413, 'payload_too_large');
    // An oversized header, through node:http (fetch refuses to send it).
    const bigHeader = await rawRequest(h.url, { method: 'GET', path: url, headers: { authorization: `Bearer ${yunqi.token}`, 'x-filler': 'x'.repeat(64 * 1024) } });
    expect(bigHeader.status).toBe(431);
    // Deeply nested JSON under the size limit, sent raw: refused as invalid, not a stack overflow.
    const deep = `${'{"form":'.repeat(1)}${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const nested = await yunqi.raw('PATCH', url, { body: deep, headers: { 'if-match': '"1"' } });
    expect([400, 422]).toContain(nested.status);
    // A field over its own limit (notes max 2000) is a 422 naming the field.
    const long = await yunqi.call('patchChange', { params, body: { form: { notes: 'x'.repeat(2001) } }, headers: { 'if-match': '"1"' } });
    expectError(long, 422);
    expect(long.body.fields?.[0].path).toBe('form.notes');
    expect((await yunqi.ok('getChange', { params })).body).toEqual(created.body);
  });
});

describe('rate limits', () => {
  test('SMS codes: one per phone per 60 s (also across applicants), a daily cap, 5 wrong tries burn the code', async () => {
    const id = (await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) })).body.id;
    const phone = '13912345678';
    const send = (client: Client, changeId: string) => client.call('sendSms', { params: { id: changeId }, body: { phone } });
    const verify = (code: string) => yunqi.call('verifySms', { params: { id }, body: { phone, code } });
    await yunqi.ok('patchChange', { params: { id }, body: { form: { entityPrincipal: { mobile: phone } } }, headers: { 'if-match': '"1"' } });
    expect((await send(yunqi, id)).status).toBe(202);
    const again = await send(yunqi, id);
    expectError(again, 429, 'rate_limited');
    expect(again.body.message).toMatch(/秒后再试/);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(50);

    // The same phone entered by another applicant is still cooling down (the limit is per phone, not per session).
    const zhang = await h.login(APPLICANTS.zhangWei.applicantId);
    const theirs = await zhang.ok('createChange', { body: newChange(APPLICANTS.zhangWei) });
    await zhang.ok('patchChange', { params: { id: theirs.body.id }, body: { form: { websitePrincipal: { mobile: phone } } }, headers: { 'if-match': '"1"' } });
    expect((await send(zhang, theirs.body.id)).status).toBe(429);

    // Five wrong codes burn it: even the right one fails afterwards.
    for (let i = 0; i < 4; i += 1) {
      const wrong = await verify('000000');
      expectError(wrong, 422);
      expect(wrong.body.fields?.[0].message).toMatch(/还可尝试/);
    }
    const fifth = await verify('000000');
    expectError(fifth, 422);
    expect(fifth.body.fields?.[0].message).toMatch(/错误次数过多/);
    const sms = await h.sandboxGet<{ messages: { params: Record<string, string> }[] }>(`/outbox/sms?phone=${phone}`);
    const realCode = sms.messages.at(-1)?.params.code ?? '';
    expect(realCode).toMatch(/^\d{6}$/);
    const late = await verify(realCode);
    expect(late.status).toBe(422);
    expect((await yunqi.ok('getChange', { params: { id } })).body.verifiedPhones).toEqual([]);

    // Daily cap (10): let each cooldown lapse as 60 s would, the 11th send of the day is refused until Beijing midnight.
    for (let sent = 1; sent < 10; sent += 1) {
      await h.redis.client.del(keys.smsCooldown(phone));
      expect((await send(yunqi, id)).status).toBe(202);
    }
    await h.redis.client.del(keys.smsCooldown(phone));
    const capped = await send(yunqi, id);
    expectError(capped, 429);
    expect(capped.body.message).toMatch(/上限/);
    const outbox = await h.sandboxGet<{ messages: unknown[] }>(`/outbox/sms?phone=${phone}`);
    expect(outbox.messages).toHaveLength(10);
  });

  test(`login: at most ${LOGIN_LIMIT} attempts a minute from one address, 429 with Retry-After; a forged X-Forwarded-For changes nothing`, async () => {
    await h.reset();
    const anonymous = h.anonymous();
    const login = (code: string, headers?: Record<string, string>) => anonymous.call('login', { body: { code }, headers });
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMIT; i += 1) statuses.push((await login(`bogus-code-${i}`)).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const blocked = await login(`demo-${APPLICANTS.yunqi.applicantId}.late`);
    expectError(blocked, 429);
    expect(blocked.body).toEqual({ code: 'rate_limited', message: expect.stringMatching(/登录尝试过于频繁，请 \d+ 秒后再试/), retryAfterSeconds: expect.any(Number) });
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.body.token).toBeUndefined();
    // The demo picker login shares the limit.
    expect((await anonymous.call('devLogin', { body: { applicantId: APPLICANTS.yunqi.applicantId } })).status).toBe(429);
    // No proxy is trusted here (TRUST_PROXY_HOPS=0): a forged X-Forwarded-For does not make another client.
    // Other addresses behind a trusted proxy: clientAddress.test.ts.
    const forged = await login(`demo-${APPLICANTS.yunqi.applicantId}.other`, { 'x-forwarded-for': '203.0.113.7' });
    expect(forged.status).toBe(429);
  });
});

describe('review callbacks', () => {
  async function submitted(): Promise<{ id: string; submissionId: string }> {
    const id = await readyChange(yunqi);
    // Review system unreachable: the change stays “submitted” and only our forged/real callbacks move it.
    h.reviewSystemDown(true);
    const res = await yunqi.call('submit', { params: { id }, body: { agreed: true }, headers: { 'idempotency-key': 'cb-1' } });
    expectOk(res, 202);
    return { id, submissionId: res.body.submissionId };
  }

  test('bad signature, wrong secret, stale or future timestamp, tampered body, missing headers: 401 and no state change', async () => {
    const { id, submissionId } = await submitted();
    const event = progressEvent(id, submissionId, 1, 'received');
    const body = JSON.stringify(event);
    const now = Math.floor(Date.now() / 1000);
    // A minute beyond the tolerance each way: a future timestamp one second past it comes back inside the window as
    // soon as the clock ticks over a second while the requests are sent.
    const stale = now - REVIEW_SIGNATURE_TOLERANCE_SECONDS - 60;
    const future = now + REVIEW_SIGNATURE_TOLERANCE_SECONDS + 60;
    const forged: Record<string, Record<string, string>> = {
      'wrong secret': { 'content-type': 'application/json', 'x-review-timestamp': String(now), 'x-review-signature': signPayload('not-the-secret', now, body) },
      'stale timestamp': { 'content-type': 'application/json', 'x-review-timestamp': String(stale), 'x-review-signature': signPayload(CALLBACK_SECRET, stale, body) },
      'future timestamp': { 'content-type': 'application/json', 'x-review-timestamp': String(future), 'x-review-signature': signPayload(CALLBACK_SECRET, future, body) },
      'signature of another body': {
        'content-type': 'application/json',
        'x-review-timestamp': String(now),
        'x-review-signature': signPayload(CALLBACK_SECRET, now, body.replace('received', 'withdrawn')),
      },
      'truncated signature': { 'content-type': 'application/json', 'x-review-timestamp': String(now), 'x-review-signature': signPayload(CALLBACK_SECRET, now, body).slice(0, 40) },
      'no signature': { 'content-type': 'application/json', 'x-review-timestamp': String(now) },
      'no headers': { 'content-type': 'application/json' },
    };
    for (const [label, headers] of Object.entries(forged)) {
      const res = await postCallback(h.url, event, headers);
      expect({ label, status: res.status }).toEqual({ label, status: 401 });
    }
    // Signed body whose bytes were changed after signing (a whitespace counts): raw bytes on purpose.
    const signed = (await import('../../../shared/contracts/signature')).signedHeaders(CALLBACK_SECRET, body);
    expect((await postRawCallback(h.url, `${body} `, signed)).status).toBe(401);
    const progress = await yunqi.ok('getProgress', { params: { id } });
    expect(progress.body.status).toBe('submitted');
    expect(progress.body.timeline.map((e) => e.status)).toEqual(['draft', 'submitted']);
  });

  test('a replayed callback (same event, fresh or captured signature) changes state once', async () => {
    const { id, submissionId } = await submitted();
    const event = progressEvent(id, submissionId, 1, 'received');
    const first = await postCallback(h.url, event);
    expect(first.body).toEqual({ ok: true, outcome: 'applied' });
    const captured = await postCallback(h.url, event);
    expect(captured.body).toEqual({ ok: true, outcome: 'duplicate' });
    // Same event id re-sent with a new signature a while later: still once.
    const resigned = await postCallback(h.url, event);
    expect(resigned.body.outcome).toBe('duplicate');
    const progress = await yunqi.ok('getProgress', { params: { id } });
    expect(progress.body.status).toBe('initial_review');
    expect(progress.body.timeline.filter((e) => e.status === 'initial_review')).toHaveLength(1);
    // A callback for a change the BFF never issued is acknowledged and ignored (no oracle on ids).
    const unknown = await postCallback(h.url, progressEvent('chg-does-not-exist', 'sub-x', 1, 'received'));
    expect(unknown.body).toEqual({ ok: true, outcome: 'unknown_change' });
    await eventually(async () => (await yunqi.ok('getChange', { params: { id } })).body.status === 'initial_review', 'stable state');
  });
});
