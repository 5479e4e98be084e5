// Security tests over real HTTP: every route without, with an expired or with a forged token; another applicant's ids;
// mass assignment; oversized bodies and headers; SMS and login rate limits; the review callback's signature,
// timestamp and replay checks. Each asserts that nothing was written or leaked.
import { signPayload } from '../../../shared/contracts/signature';
import { keys } from '../../src/stores/keys';
import { APPLICANTS, eventually, startHarness, CALLBACK_SECRET, type Client, type Harness } from '../harness';
import { postCallback, progressEvent, rawRequest, readyChange } from './fixtures';

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

/** Every authenticated route with a body that would be valid, for a change id. */
function routes(changeId: string): { method: string; path: string; body?: unknown; headers?: Record<string, string> }[] {
  return [
    { method: 'GET', path: '/api/filings' },
    { method: 'GET', path: '/api/changes' },
    { method: 'POST', path: '/api/changes', body: { filingId: APPLICANTS.yunqi.filingId, websiteId: APPLICANTS.yunqi.websiteId } },
    { method: 'GET', path: `/api/changes/${changeId}` },
    { method: 'PATCH', path: `/api/changes/${changeId}`, body: { form: { name: '被篡改的名称' } }, headers: { 'if-match': '"1"' } },
    { method: 'POST', path: `/api/changes/${changeId}/sms`, body: { phone: '13912345678' } },
    { method: 'POST', path: `/api/changes/${changeId}/sms/verify`, body: { phone: '13912345678', code: '123456' } },
    { method: 'GET', path: `/api/changes/${changeId}/checks` },
    { method: 'POST', path: `/api/changes/${changeId}/submit`, body: { agreed: true }, headers: { 'idempotency-key': 'attack-1' } },
    { method: 'POST', path: `/api/changes/${changeId}/withdraw`, body: {} },
    { method: 'GET', path: `/api/changes/${changeId}/progress` },
    { method: 'POST', path: `/api/changes/${changeId}/subscriptions`, body: { templateIds: ['tpl-review-result'] } },
  ];
}

async function callAll(client: Client, changeId: string) {
  const results = [];
  for (const r of routes(changeId)) {
    const res = await client.request(r.method, r.path, { body: r.body, headers: r.headers });
    results.push({ route: `${r.method} ${r.path}`, status: res.status, body: res.body, text: JSON.stringify(res.body) });
  }
  // The photo upload is multipart, not JSON.
  const upload = await client.upload(`/api/changes/${changeId}/materials/verification_form`, Buffer.from('not a photo'), { subject: 'website' });
  results.push({ route: 'PUT materials', status: upload.status, body: upload.body, text: JSON.stringify(upload.body) });
  return results;
}

describe('authentication', () => {
  test('every route refuses without a token, with a forged one and with an expired one: 401, nothing written', async () => {
    const created = await yunqi.post('/api/changes', { filingId: APPLICANTS.yunqi.filingId, websiteId: APPLICANTS.yunqi.websiteId });
    const id = created.body.id as string;
    const before = await keyCount();

    const expired = await h.login(APPLICANTS.yunqi.applicantId);
    // Redis expires the session exactly as the TTL would after SESSION_TTL_SECONDS.
    await h.redis.client.pexpire(keys.session(expired.token ?? ''), 1);
    await eventually(async () => (await h.redis.client.exists(keys.session(expired.token ?? ''))) === 0, 'the session to expire');

    const clients: Record<string, Client> = {
      'no token': h.anonymous(),
      forged: { ...h.anonymous(), ...makeForged(h, 'A'.repeat(43)) },
      'not bearer': { ...h.anonymous(), ...makeForged(h, yunqi.token ?? '', 'Basic') },
      expired,
    };
    for (const [label, client] of Object.entries(clients)) {
      const results = await callAll(client, id);
      for (const r of results) {
        expect({ label, route: r.route, status: r.status }).toEqual({ label, route: r.route, status: 401 });
        expect(r.body.code).toBe('unauthenticated');
        expect(r.text).not.toContain(APPLICANTS.yunqi.applicantId);
        expect(r.text).not.toContain('云栖');
      }
    }
    // Nothing was created or changed by any of these calls (the expired session is gone again).
    expect(await keyCount()).toBe(before);
    const stored = await yunqi.get(`/api/changes/${id}`);
    expect(stored.body).toMatchObject({ version: 1, status: 'draft' });
    expect(stored.body.form.name).toBe('云栖科技官网');
  });

  test('another applicant’s change ids answer 404 on every route and leak nothing; their draft is untouched', async () => {
    const mingde = await h.login(APPLICANTS.mingde.applicantId);
    const theirs = await mingde.post('/api/changes', { filingId: APPLICANTS.mingde.filingId, websiteId: APPLICANTS.mingde.websiteId });
    const id = theirs.body.id as string;
    const results = (await callAll(yunqi, id)).filter((r) => r.route.includes(id) || r.route === 'PUT materials');
    expect(results.length).toBeGreaterThanOrEqual(10);
    for (const r of results) {
      expect({ route: r.route, status: r.status }).toEqual({ route: r.route, status: 404 });
      expect(r.text).not.toMatch(/明德|beijing-mingde|filing-jing-mingde/);
    }
    // A filing and website of theirs through our create route is also 404.
    const steal = await yunqi.post('/api/changes', { filingId: APPLICANTS.mingde.filingId, websiteId: APPLICANTS.mingde.websiteId });
    expect(steal.status).toBe(404);
    const after = await mingde.get(`/api/changes/${id}`);
    expect(after.body).toEqual(theirs.body);
    expect((await mingde.get(`/api/changes/${id}/progress`)).body.subscriptionsLeft).toBe(0);
  });

  test('a signed photo preview URL cannot be forged or stretched', async () => {
    const id = await readyChange(yunqi);
    const draft = (await yunqi.get(`/api/changes/${id}`)).body;
    const material = Object.values(draft.materials ?? {})[0] as { fileId?: string } | undefined;
    const fileId = material?.fileId ?? 'f'.repeat(32);
    for (const query of ['', '?exp=9999999999&sig=00', `?exp=${Math.floor(Date.now() / 1000) + 60}&sig=${'a'.repeat(64)}`, '?exp=1&sig=x']) {
      const res = await h.anonymous().get(`/api/materials/${fileId}${query}`);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).not.toMatch(/image/);
    }
  });
});

describe('mass assignment', () => {
  test('server-owned fields are refused on every write route and nothing is stored', async () => {
    const created = await yunqi.post('/api/changes', { filingId: APPLICANTS.yunqi.filingId, websiteId: APPLICANTS.yunqi.websiteId });
    const id = created.body.id as string;
    const url = `/api/changes/${id}`;
    const attempts = [
      ...['status', 'version', 'applicantId', 'id', 'submissionCount', 'verifiedPhones', 'base', 'materials', 'filingId', 'expiresAt'].map((field) => ({
        method: 'PATCH',
        path: url,
        body: { [field]: field === 'version' || field === 'submissionCount' ? 99 : field === 'verifiedPhones' ? ['13912345678'] : 'approved' },
      })),
      { method: 'PATCH', path: url, body: { form: { name: '合法名称', status: 'approved' } } },
      { method: 'PATCH', path: url, body: { agreement: { agreed: true, at: '2020-01-01T00:00:00Z', version: 'forged' } } },
      { method: 'POST', path: '/api/changes', body: { filingId: APPLICANTS.yunqi.filingId, websiteId: 'site-yq-docs', applicantId: 'beijing-mingde' } },
      { method: 'POST', path: `${url}/submit`, body: { agreed: true, status: 'approved' } },
      { method: 'POST', path: `${url}/sms/verify`, body: { phone: '13912345678', code: '000000', verified: true } },
      { method: 'POST', path: `${url}/subscriptions`, body: { templateIds: ['tpl-review-result'], subscriptionsLeft: 100 } },
    ];
    for (const a of attempts) {
      const res = await yunqi.request(a.method, a.path, { body: a.body, headers: { 'if-match': '"1"', 'idempotency-key': 'mass-1' } });
      expect({ body: a.body, status: res.status }).toEqual({ body: a.body, status: 422 });
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.fields.map((f: { message: string }) => f.message).join()).toMatch(/不能提交字段/);
    }
    const stored = await yunqi.get(url);
    expect(stored.body).toEqual(created.body);
    expect((await yunqi.get('/api/changes')).body.changes).toHaveLength(1);
    expect((await yunqi.get(`${url}/progress`)).body.subscriptionsLeft).toBe(0);
  });

  test('prototype-pollution keys are refused and pollute nothing', async () => {
    const created = await yunqi.post('/api/changes', { filingId: APPLICANTS.yunqi.filingId, websiteId: APPLICANTS.yunqi.websiteId });
    const url = `/api/changes/${created.body.id}`;
    for (const raw of ['{"__proto__":{"status":"approved"}}', '{"form":{"__proto__":{"isAdmin":true}}}', '{"constructor":{"prototype":{"version":99}}}']) {
      const res = await yunqi.request('PATCH', url, { body: raw, headers: { 'if-match': '"1"' } });
      // The body parser refuses __proto__ outright (400); the strict schema refuses the rest (422).
      expect([400, 422]).toContain(res.status);
      expect(res.body.code).toMatch(/bad_request|validation_failed/);
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect((await yunqi.get(url)).body).toEqual(created.body);
  });
});

describe('oversized input', () => {
  test('a body over the JSON limit is 413, a header over 16 KB is 431; the server keeps answering', async () => {
    const created = await yunqi.post('/api/changes', { filingId: APPLICANTS.yunqi.filingId, websiteId: APPLICANTS.yunqi.websiteId });
    const url = `/api/changes/${created.body.id}`;
    const big = await yunqi.patch(url, { form: { notes: '备'.repeat(200 * 1024) } }, { 'if-match': '"1"' });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('payload_too_large');
    const bigHeader = await rawRequest(h.url, { method: 'GET', path: url, headers: { authorization: `Bearer ${yunqi.token}`, 'x-filler': 'x'.repeat(64 * 1024) } });
    expect(bigHeader.status).toBe(431);
    // Deeply nested JSON under the size limit: refused as invalid, not a stack overflow.
    const deep = `${'{"form":'.repeat(1)}${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const nested = await yunqi.request('PATCH', url, { body: deep, headers: { 'if-match': '"1"' } });
    expect([400, 422]).toContain(nested.status);
    // A field over its own limit (notes max 2000) is a 422 naming the field.
    const long = await yunqi.patch(url, { form: { notes: 'x'.repeat(2001) } }, { 'if-match': '"1"' });
    expect(long.status).toBe(422);
    expect(long.body.fields[0].path).toBe('form.notes');
    expect((await yunqi.get(url)).body).toEqual(created.body);
  });
});

describe('rate limits', () => {
  test('SMS codes: one per phone per 60 s (also across applicants), a daily cap, 5 wrong tries burn the code', async () => {
    const created = await yunqi.post('/api/changes', { filingId: APPLICANTS.yunqi.filingId, websiteId: APPLICANTS.yunqi.websiteId });
    const id = created.body.id as string;
    const phone = '13912345678';
    await yunqi.patch(`/api/changes/${id}`, { form: { entityPrincipal: { mobile: phone } } }, { 'if-match': '"1"' });
    expect((await yunqi.post(`/api/changes/${id}/sms`, { phone })).status).toBe(202);
    const again = await yunqi.post(`/api/changes/${id}/sms`, { phone });
    expect(again.status).toBe(429);
    expect(again.body.code).toBe('rate_limited');
    expect(again.body.message).toMatch(/秒后再试/);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(50);

    // The same phone entered by another applicant is still cooling down (the limit is per phone, not per session).
    const zhang = await h.login(APPLICANTS.zhangWei.applicantId);
    const theirs = await zhang.post('/api/changes', { filingId: APPLICANTS.zhangWei.filingId, websiteId: APPLICANTS.zhangWei.websiteId });
    await zhang.patch(`/api/changes/${theirs.body.id}`, { form: { websitePrincipal: { mobile: phone } } }, { 'if-match': '"1"' });
    expect((await zhang.post(`/api/changes/${theirs.body.id}/sms`, { phone })).status).toBe(429);

    // Five wrong codes burn it: even the right one fails afterwards.
    for (let i = 0; i < 4; i += 1) {
      const wrong = await yunqi.post(`/api/changes/${id}/sms/verify`, { phone, code: '000000' });
      expect(wrong.status).toBe(422);
      expect(wrong.body.fields[0].message).toMatch(/还可尝试/);
    }
    const fifth = await yunqi.post(`/api/changes/${id}/sms/verify`, { phone, code: '000000' });
    expect(fifth.body.fields[0].message).toMatch(/错误次数过多/);
    const sms = await h.sandboxGet<{ messages: { params: Record<string, string> }[] }>(`/outbox/sms?phone=${phone}`);
    const realCode = sms.messages.at(-1)?.params.code ?? '';
    expect(realCode).toMatch(/^\d{6}$/);
    const late = await yunqi.post(`/api/changes/${id}/sms/verify`, { phone, code: realCode });
    expect(late.status).toBe(422);
    expect((await yunqi.get(`/api/changes/${id}`)).body.verifiedPhones).toEqual([]);

    // Daily cap (10): let each cooldown lapse as 60 s would, the 11th send of the day is refused until Beijing midnight.
    for (let sent = 1; sent < 10; sent += 1) {
      await h.redis.client.del(keys.smsCooldown(phone));
      expect((await yunqi.post(`/api/changes/${id}/sms`, { phone })).status).toBe(202);
    }
    await h.redis.client.del(keys.smsCooldown(phone));
    const capped = await yunqi.post(`/api/changes/${id}/sms`, { phone });
    expect(capped.status).toBe(429);
    expect(capped.body.message).toMatch(/上限/);
    const outbox = await h.sandboxGet<{ messages: unknown[] }>(`/outbox/sms?phone=${phone}`);
    expect(outbox.messages).toHaveLength(10);
  });

  test(`login: at most ${LOGIN_LIMIT} attempts a minute from one address, 429 with Retry-After; other addresses unaffected`, async () => {
    await h.reset();
    const anonymous = h.anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMIT; i += 1) statuses.push((await anonymous.post('/api/session', { code: `bogus-code-${i}` })).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const blocked = await anonymous.post('/api/session', { code: `demo-${APPLICANTS.yunqi.applicantId}.late` });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toEqual({ code: 'rate_limited', message: expect.stringMatching(/登录尝试过于频繁，请 \d+ 秒后再试/), retryAfterSeconds: expect.any(Number) });
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.body.token).toBeUndefined();
    // The demo picker login shares the limit.
    expect((await anonymous.post('/api/session/dev', { applicantId: APPLICANTS.yunqi.applicantId })).status).toBe(429);
    // Another client address (behind the trusted proxy) still logs in.
    const other = await anonymous.post('/api/session', { code: `demo-${APPLICANTS.yunqi.applicantId}.other` }, { 'x-forwarded-for': '203.0.113.7' });
    expect(other.status).toBe(200);
  });
});

describe('review callbacks', () => {
  async function submitted(): Promise<{ id: string; submissionId: string }> {
    const id = await readyChange(yunqi);
    // Review system unreachable: the change stays “submitted” and only our forged/real callbacks move it.
    h.reviewSystemDown(true);
    const res = await yunqi.post(`/api/changes/${id}/submit`, { agreed: true }, { 'idempotency-key': 'cb-1' });
    expect(res.status).toBe(202);
    return { id, submissionId: res.body.submissionId as string };
  }

  test('bad signature, wrong secret, stale or future timestamp, tampered body, missing headers: 401 and no state change', async () => {
    const { id, submissionId } = await submitted();
    const body = JSON.stringify(progressEvent(id, submissionId, 1, 'received'));
    const now = Math.floor(Date.now() / 1000);
    const forged: Record<string, Record<string, string>> = {
      'wrong secret': { 'content-type': 'application/json', 'x-review-timestamp': String(now), 'x-review-signature': signPayload('not-the-secret', now, body) },
      'stale timestamp': { 'content-type': 'application/json', 'x-review-timestamp': String(now - 301), 'x-review-signature': signPayload(CALLBACK_SECRET, now - 301, body) },
      'future timestamp': { 'content-type': 'application/json', 'x-review-timestamp': String(now + 301), 'x-review-signature': signPayload(CALLBACK_SECRET, now + 301, body) },
      'signature of another body': { 'content-type': 'application/json', 'x-review-timestamp': String(now), 'x-review-signature': signPayload(CALLBACK_SECRET, now, body.replace('received', 'withdrawn')) },
      'truncated signature': { 'content-type': 'application/json', 'x-review-timestamp': String(now), 'x-review-signature': signPayload(CALLBACK_SECRET, now, body).slice(0, 40) },
      'no signature': { 'content-type': 'application/json', 'x-review-timestamp': String(now) },
      'no headers': { 'content-type': 'application/json' },
    };
    for (const [label, headers] of Object.entries(forged)) {
      const res = await postCallback(h.url, body, headers);
      expect({ label, status: res.status }).toEqual({ label, status: 401 });
    }
    // Signed body whose bytes were changed after signing (a whitespace counts).
    const signed = (await import('../../../shared/contracts/signature')).signedHeaders(CALLBACK_SECRET, body);
    expect((await postCallback(h.url, `${body} `, signed)).status).toBe(401);
    const progress = await yunqi.get(`/api/changes/${id}/progress`);
    expect(progress.body.status).toBe('submitted');
    expect(progress.body.timeline.map((e: { status: string }) => e.status)).toEqual(['draft', 'submitted']);
  });

  test('a replayed callback (same event, fresh or captured signature) changes state once', async () => {
    const { id, submissionId } = await submitted();
    const body = JSON.stringify(progressEvent(id, submissionId, 1, 'received'));
    const first = await postCallback(h.url, body);
    expect(first.body).toEqual({ ok: true, outcome: 'applied' });
    const captured = await postCallback(h.url, body);
    expect(captured.body).toEqual({ ok: true, outcome: 'duplicate' });
    // Same event id re-sent with a new signature a while later: still once.
    const resigned = await postCallback(h.url, body);
    expect(resigned.body.outcome).toBe('duplicate');
    const progress = await yunqi.get(`/api/changes/${id}/progress`);
    expect(progress.body.status).toBe('initial_review');
    expect(progress.body.timeline.filter((e: { status: string }) => e.status === 'initial_review')).toHaveLength(1);
    // A callback for a change the BFF never issued is acknowledged and ignored (no oracle on ids).
    const unknown = await postCallback(h.url, JSON.stringify(progressEvent('chg-does-not-exist', 'sub-x', 1, 'received')));
    expect(unknown.body).toEqual({ ok: true, outcome: 'unknown_change' });
    await eventually(async () => (await yunqi.get(`/api/changes/${id}`)).body.status === 'initial_review', 'stable state');
  });
});

/** A client that sends a chosen Authorization header instead of a session. */
function makeForged(harness: Harness, token: string, scheme = 'Bearer'): Pick<Client, 'request' | 'get' | 'post' | 'patch' | 'upload'> {
  const base = harness.anonymous();
  const auth = { authorization: `${scheme} ${token}` };
  return {
    request: (method, path, options = {}) => base.request(method, path, { ...options, headers: { ...options.headers, ...auth } }),
    get: (path, headers) => base.request('GET', path, { headers: { ...headers, ...auth } }),
    post: (path, body, headers) => base.request('POST', path, { body: body ?? {}, headers: { ...headers, ...auth } }),
    patch: (path, body, headers) => base.request('PATCH', path, { body, headers: { ...headers, ...auth } }),
    async upload(path, file, fields = {}) {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      form.append('file', new Blob([new Uint8Array(file)], { type: 'image/jpeg' }), 'photo.jpg');
      const res = await fetch(`${harness.url}${path}`, { method: 'PUT', headers: auth, body: form });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: res.status, headers: res.headers, body: body as never };
    },
  };
}
