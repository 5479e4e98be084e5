// Response headers (issue 12 item 7): every API answer — errors included — is never cached and carries nosniff, no
// framing, no referrer and a deny-all CSP; the H5 page gets a CSP that allows its own inline script by hash. Ids that are
// not of the BFF's id format are 404 on every route that takes one, never a 500.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BFF_ROUTES, type BffRouteName } from '../../../shared/contracts/bffRoutes';
import { APPLICANTS, newChange, startHarness, type Client, type Harness } from '../harness';

const INLINE_SCRIPT = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);';
const h5 = mkdtempSync(join(tmpdir(), 'bff-h5-headers-'));
writeFileSync(
  join(h5, 'index.html'),
  `<!doctype html><html><head><title>备案变更助手</title><script>${INLINE_SCRIPT}</script><script defer src="/js/app.js"></script></head><body></body></html>`,
);

let h: Harness;
let yunqi: Client;
let changeId: string;

beforeAll(async () => {
  h = await startHarness({ env: { STATIC_DIR: h5 } });
});
afterAll(async () => {
  await h?.close();
  rmSync(h5, { recursive: true, force: true });
});
beforeEach(async () => {
  await h.reset();
  yunqi = await h.login(APPLICANTS.yunqi.applicantId);
  changeId = (await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) })).body.id;
});

function expectCommonHeaders(headers: Headers) {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
}

test('API answers, ID-bearing ones and errors alike, are never stored and carry the protective headers', async () => {
  const answers = {
    filings: await yunqi.raw('GET', '/api/filings'),
    draft: await yunqi.raw('GET', `/api/changes/${changeId}`),
    checks: await yunqi.raw('GET', `/api/changes/${changeId}/checks`),
    unauthenticated: await h.anonymous().raw('GET', '/api/filings'),
    notFound: await yunqi.raw('GET', '/api/nothing-here'),
    badJson: await yunqi.raw('PATCH', `/api/changes/${changeId}`, { body: '{"form":', headers: { 'if-match': '"1"' } }),
    healthz: await h.anonymous().raw('GET', '/healthz'),
    readyz: await h.anonymous().raw('GET', '/readyz'),
  };
  expect(Object.fromEntries(Object.entries(answers).map(([k, r]) => [k, r.status]))).toEqual({
    filings: 200,
    draft: 200,
    checks: 200,
    unauthenticated: 401,
    notFound: 404,
    badJson: 400,
    healthz: 200,
    readyz: 200,
  });
  for (const [name, res] of Object.entries(answers)) {
    expect({ name, cacheControl: res.headers.get('cache-control') }).toEqual({ name, cacheControl: 'no-store' });
    expectCommonHeaders(res.headers);
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
  }
});

test('the H5 page allows its own scripts and the inline one by hash, requests to itself only, and cannot be framed', async () => {
  const page = await h.anonymous().raw('GET', '/');
  expect(page.status).toBe(200);
  expectCommonHeaders(page.headers);
  const csp = page.headers.get('content-security-policy') ?? '';
  const hash = createHash('sha256').update(INLINE_SCRIPT).digest('base64');
  expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("img-src 'self' data: blob:");
  expect(csp).toContain("object-src 'none'");
  expect(page.headers.get('cache-control')).toBe('no-cache');
});

describe('ids not of the id format are 404 on every route that takes one', () => {
  // (`%2e%2e` is not here: the client itself resolves it as `..` before sending.)
  const bad = (own: string) => [
    `${own}:timeline`,
    `${own}:relay`,
    `${own}x`,
    own.slice(0, -1),
    'chg_',
    `${own}%00`,
    `${own}%2F..`,
    encodeURIComponent('{applicant:hangzhou-yunqi}'),
    'x'.repeat(5000),
  ];
  const changeRoutes = (Object.keys(BFF_ROUTES) as BffRouteName[]).filter((name) => BFF_ROUTES[name].path.includes(':id'));

  test.each(changeRoutes)('%s', async (name) => {
    const route = BFF_ROUTES[name];
    for (const id of bad(changeId)) {
      const path = route.path.replace(':id', id).replace(':kind', 'verification_form');
      const res = await yunqi.raw(route.method, path, route.encoding === 'json' ? { body: {} } : {});
      expect({ id: id.slice(0, 40), status: res.status, code: res.error?.code }).toEqual({ id: id.slice(0, 40), status: 404, code: 'not_found' });
    }
  });

  test('materialPreview refuses a malformed file id (its signature is checked first: 403), never a 500', async () => {
    for (const fileId of ['0'.repeat(31), `${'0'.repeat(32)}:x`, '..%2f..%2fetc%2fpasswd', 'A'.repeat(32)]) {
      const res = await h.anonymous().raw('GET', `/api/materials/${fileId}?exp=1&sig=x`);
      expect({ fileId, refused: [403, 404].includes(res.status) }).toEqual({ fileId, refused: true });
    }
  });
});
