// Property-based fuzzing of every JSON route with fast-check: bodies derived from the contract's zod schemas (near-valid,
// wrong types, extra keys), arbitrary JSON and broken JSON. No answer may be a 500, every error keeps the error shape
// with a Chinese message, the server keeps answering, and the drafts are intact (readable, only changed by 200s).
// The fuzzed requests are malformed on purpose, so they go out raw (fetch); setup and checks use the contract client.
import fc from 'fast-check';
import type { z } from 'zod';
import { ERROR_CODES } from '../../../shared/contracts/api';
import { BFF_ROUTES } from '../../../shared/contracts/bffRoutes';
import { progressEvent as progressEventSchema } from '../../../shared/contracts/reviewSystem';
import { signedHeaders } from '../../../shared/contracts/signature';
import { changeDraft } from '../../../shared/domain/change';
import { expectOk } from '../../../testing/bffClient';
import { APPLICANTS, CALLBACK_SECRET, newChange, startHarness, type Client, type Harness } from '../harness';

let h: Harness;
let yunqi: Client;
let mingde: Client;
let changeId: string;
let theirChangeId: string;
let theirs: unknown;

beforeAll(async () => {
  // The login limit is tested elsewhere; here the session route must reach its validation and the WeChat exchange.
  h = await startHarness({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '1000000' } });
  yunqi = await h.login(APPLICANTS.yunqi.applicantId);
  mingde = await h.login(APPLICANTS.mingde.applicantId);
  changeId = (await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) })).body.id;
  const created = await mingde.ok('createChange', { body: newChange(APPLICANTS.mingde) });
  theirChangeId = created.body.id;
  theirs = created.body;
});
afterAll(async () => {
  await h?.close();
});

// --- generators

/** Values of the wrong kind for any field. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 20 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

/** Strings a form field might see: empty, CJK, control characters, huge, injection-looking, IDs and phones. */
const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '云栖科技官网',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '${jndi:x}',
    '13912345678',
    '110101199003070012',
    'xn--fiq228c.cn',
    '长期',
    '2099-02-30',
  ),
  fc.string({ minLength: 180, maxLength: 260 }),
);

type ZodDef = {
  type: string;
  shape?: Record<string, { _zod: { def: ZodDef } }>;
  innerType?: { _zod: { def: ZodDef } };
  element?: { _zod: { def: ZodDef } };
  entries?: Record<string, string>;
  values?: unknown[];
  in?: { _zod: { def: ZodDef } };
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;

/** Near-valid values following the schema's structure, with some wrong kinds and unknown keys mixed in. */
function fromDef(def: ZodDef, depth = 0): fc.Arbitrary<unknown> {
  const nearly = (() => {
    switch (def.type) {
      case 'object': {
        const shape = def.shape ?? {};
        const fields = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, fromDef(v._zod.def, depth + 1)]));
        return fc
          .tuple(fc.record(fields, { requiredKeys: [] }), fc.option(fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), wrongValue, { maxKeys: 2 }), { freq: 4 }))
          .map(([known, extra]) => ({ ...known, ...(extra ?? {}) }));
      }
      case 'optional':
      case 'nullable':
      case 'default':
        return def.innerType ? fromDef(def.innerType._zod.def, depth) : wrongValue;
      case 'pipe':
        return def.in ? fromDef(def.in._zod.def, depth) : wrongValue;
      case 'array':
        return def.element ? fc.array(fromDef(def.element._zod.def, depth + 1), { maxLength: depth > 2 ? 2 : 6 }) : wrongValue;
      case 'enum':
        return fc.constantFrom(...Object.values(def.entries ?? { x: 'x' }));
      case 'literal':
        return fc.constantFrom(...(def.values ?? [null]));
      case 'string':
        return nastyString;
      case 'boolean':
        return fc.boolean();
      case 'number':
        return fc.oneof(fc.integer(), fc.double());
      default:
        return wrongValue;
    }
  })();
  return fc.oneof({ weight: 4, arbitrary: nearly }, { weight: 1, arbitrary: wrongValue });
}

/** A request body: schema-shaped, any JSON, or text that is not JSON at all. */
function bodies(schema: z.ZodType | null): fc.Arbitrary<string> {
  const shaped = schema ? fromDef(defOf(schema)).map((v) => JSON.stringify(v) ?? 'null') : fc.jsonValue().map((v) => JSON.stringify(v));
  return fc.oneof(
    { weight: 6, arbitrary: shaped },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
    { weight: 1, arbitrary: fc.constantFrom('{', '{"form":', '[', 'null', '"x"', '{"a":1,}', '{"__proto__":{"x":1}}', '\u0000', '{"form":{"name":"\ud800"}}') },
  );
}

// --- running

let requests = 0;
const failures: string[] = [];
/** Keeps the first 20 failures (enough to fix; the count is what the assertion reads). */
let failureCount = 0;
function note(failure: string): void {
  failureCount += 1;
  if (failures.length < 20) failures.push(failure);
}
const CHINESE = /[\u4e00-\u9fa5]/;
const KNOWN_CODES: readonly string[] = ERROR_CODES;

async function send(method: string, path: string, body: string, headers: Record<string, string>): Promise<{ status: number; json: any }> {
  requests += 1;
  const res = await fetch(`${h.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const problem =
    res.status >= 500
      ? 'server error'
      : res.status >= 400 && !(json && KNOWN_CODES.includes(json.code) && typeof json.message === 'string' && CHINESE.test(json.message))
        ? 'error without the error shape'
        : null;
  if (problem) note(`${problem}: ${method} ${path} ${body.slice(0, 200)} → ${res.status} ${text.slice(0, 200)}`);
  return { status: res.status, json };
}

const auth = (c: Client) => ({ authorization: `Bearer ${c.token}` });

test('thousands of malformed bodies on every JSON route: no 500, error shape kept, drafts intact', async () => {
  const before = (await yunqi.ok('getChange', { params: { id: changeId } })).body;
  let etag = `"${before.version}"`;
  let patchesSaved = 0;

  const runs: [string, number, () => Promise<void>][] = [
    [
      'POST /api/session',
      200,
      () =>
        fc.assert(
          fc.asyncProperty(bodies(BFF_ROUTES.login.body), async (b) => void (await send('POST', '/api/session', b, {}))),
          { numRuns: 200 },
        ),
    ],
    [
      'POST /api/session/dev',
      150,
      () =>
        fc.assert(
          fc.asyncProperty(bodies(BFF_ROUTES.devLogin.body), async (b) => void (await send('POST', '/api/session/dev', b, {}))),
          { numRuns: 150 },
        ),
    ],
    [
      'POST /api/changes',
      250,
      () =>
        fc.assert(
          fc.asyncProperty(bodies(BFF_ROUTES.createChange.body), async (b) => void (await send('POST', '/api/changes', b, auth(yunqi)))),
          { numRuns: 250 },
        ),
    ],
    [
      'PATCH /api/changes/:id',
      800,
      () =>
        fc.assert(
          fc.asyncProperty(bodies(BFF_ROUTES.patchChange.body), fc.boolean(), async (b, current) => {
            // Half with the current version (a body that passes validation is really saved), half stale.
            const res = await send('PATCH', `/api/changes/${changeId}`, b, { ...auth(yunqi), 'if-match': current ? etag : '"0"' });
            if (res.status === 200) {
              patchesSaved += 1;
              etag = `"${res.json.draft.version}"`;
            }
          }),
          { numRuns: 800 },
        ),
    ],
    [
      'PATCH someone else’s',
      150,
      () =>
        fc.assert(
          fc.asyncProperty(bodies(BFF_ROUTES.patchChange.body), async (b) => {
            const res = await send('PATCH', `/api/changes/${theirChangeId}`, b, { ...auth(yunqi), 'if-match': '"1"' });
            // Broken JSON is refused by the body parser before any lookup (400 says nothing about the id); else 404.
            if (res.status !== 404 && !(res.status === 400 && res.json?.code === 'bad_request')) note(`someone else's draft answered ${res.status} to ${b.slice(0, 100)}`);
          }),
          { numRuns: 150 },
        ),
    ],
    [
      'POST sms',
      250,
      () =>
        fc.assert(
          fc.asyncProperty(bodies(BFF_ROUTES.sendSms.body), async (b) => void (await send('POST', `/api/changes/${changeId}/sms`, b, auth(yunqi)))),
          { numRuns: 250 },
        ),
    ],
    [
      'POST sms/verify',
      250,
      () =>
        fc.assert(
          fc.asyncProperty(bodies(BFF_ROUTES.verifySms.body), async (b) => void (await send('POST', `/api/changes/${changeId}/sms/verify`, b, auth(yunqi)))),
          { numRuns: 250 },
        ),
    ],
    [
      'POST submit',
      250,
      () =>
        fc.assert(
          fc.asyncProperty(
            bodies(BFF_ROUTES.submit.body),
            fc.option(fc.string({ maxLength: 140 })),
            async (b, key) => void (await send('POST', `/api/changes/${changeId}/submit`, b, { ...auth(yunqi), ...(key === null ? {} : { 'idempotency-key': key.replace(/[\r\n]/g, '') }) })),
          ),
          { numRuns: 250 },
        ),
    ],
    [
      'POST subscriptions',
      200,
      () =>
        fc.assert(
          fc.asyncProperty(bodies(BFF_ROUTES.addSubscriptions.body), async (b) => void (await send('POST', `/api/changes/${changeId}/subscriptions`, b, auth(yunqi)))),
          { numRuns: 200 },
        ),
    ],
    [
      'POST withdraw',
      100,
      () =>
        fc.assert(
          fc.asyncProperty(bodies(null), async (b) => void (await send('POST', `/api/changes/${changeId}/withdraw`, b, auth(yunqi)))),
          { numRuns: 100 },
        ),
    ],
    [
      'POST review-events (signed)',
      300,
      () =>
        fc.assert(
          fc.asyncProperty(bodies(progressEventSchema), async (b) => {
            const res = await send('POST', '/api/review-events', b, signedHeaders(CALLBACK_SECRET, b));
            // A signed body off-contract is 400; one on-contract names changes this BFF never issued.
            if (res.status !== 400 && !(res.status === 200 && res.json.outcome === 'unknown_change')) {
              note(`review event answered ${res.status} ${JSON.stringify(res.json)} to ${b.slice(0, 100)}`);
            }
          }),
          { numRuns: 300 },
        ),
    ],
    [
      'POST review-events (unsigned)',
      100,
      () =>
        fc.assert(
          fc.asyncProperty(bodies(progressEventSchema), async (b) => {
            const res = await send('POST', '/api/review-events', b, {});
            if (res.status !== 401 && !(res.status === 400 && res.json?.code === 'bad_request')) note(`unsigned review event answered ${res.status}`);
          }),
          { numRuns: 100 },
        ),
    ],
  ];
  const timings: string[] = [];
  for (const [name, count, run] of runs) {
    const started = Date.now();
    await run();
    timings.push(`${name}: ${count} in ${Date.now() - started} ms`);
  }
  if (process.env.FUZZ_TIMINGS) console.log(timings.join('\n'));

  expect({ failureCount, failures }).toEqual({ failureCount: 0, failures: [] });
  expect(requests).toBeGreaterThanOrEqual(3000);

  // Still serving, and the drafts are whole: ours parses as a draft and moved only by the saved patches; theirs is untouched.
  expect((await yunqi.call('healthz')).status).toBe(200);
  const after = await yunqi.call('getChange', { params: { id: changeId } });
  expectOk(after, 200);
  expect(changeDraft.safeParse(after.body).success).toBe(true);
  // Some generated patches are valid (e.g. only a step): the write path was exercised, not just the refusals.
  expect(patchesSaved).toBeGreaterThan(0);
  expect(after.body.version).toBe(before.version + patchesSaved);
  expect(after.body).toMatchObject({ id: changeId, applicantId: APPLICANTS.yunqi.applicantId, status: 'draft', base: before.base });
  expect((await mingde.ok('getChange', { params: { id: theirChangeId } })).body).toEqual(theirs);
  // And a normal autosave still works.
  const normal = await yunqi.call('patchChange', { params: { id: changeId }, body: { form: { notes: '模糊测试之后的正常保存' } }, headers: { 'if-match': `"${after.body.version}"` } });
  expect(normal.status).toBe(200);
}, 120_000);
