// OCR in the product (issue 17): a photo accepted by the upload is read by the real engine (PP-OCRv4 in a worker
// thread) on generated ID cards, the result lands in Redis per change + slot, the recognition route answers it with
// the mismatches against the form, and the checklist fails or warns on them. Real Redis, real sandbox, real engine.
import { expectError, expectOk } from '../../testing/bffClient';
import { ocrSample, type OcrSample } from '../../testing/ocr/sampleSet';
import { maskResidentId } from '../../shared/validators/identity';
import { keys } from '../src/stores/keys';
import { APPLICANTS, eventually, newChange, startHarness, type Client, type Harness } from './harness';

// Model loading plus reads on a machine shared with other jobs: generous, and never a timing assertion.
jest.setTimeout(300_000);
const READ_MS = 120_000;

let h: Harness;
let yunqi: Client;
let front: OcrSample;
let back: OcrSample;

beforeAll(async () => {
  h = await startHarness({ env: { OCR_ENABLED: 'true', OCR_WORKERS: '1' } });
  [front, back] = await Promise.all([ocrSample(0), ocrSample(4)]);
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
  yunqi = await h.login(APPLICANTS.yunqi.applicantId);
});

async function newDraft(): Promise<string> {
  const created = await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) });
  return created.body.id;
}

async function upload(id: string, kind: 'id_front' | 'id_back' | 'verification_form', file: Buffer, subject: 'website_principal' | 'website' = 'website_principal') {
  expectOk(await yunqi.call('uploadMaterial', { params: { id, kind }, body: { subject }, file }), 200);
}

type Subject = 'website_principal' | 'website' | undefined;
/** The ID cards here are the website principal's; the 核验单's subject may be left out (it has only one). */
const subjectFor = (kind: string): Subject => (kind === 'verification_form' ? undefined : 'website_principal');

const recognition = (id: string, kind: 'id_front' | 'id_back' | 'verification_form', subject = subjectFor(kind)) =>
  yunqi.ok('materialRecognition', { params: { id, kind }, query: subject ? { subject } : {} }).then((r) => r.body);

const settled = (id: string, kind: 'id_front' | 'id_back' | 'verification_form', subject = subjectFor(kind)) =>
  eventually(
    async () => {
      const body = await recognition(id, kind, subject);
      return body.status === 'pending' ? null : body;
    },
    `the ${kind} to be read`,
    { timeoutMs: READ_MS, intervalMs: 250 },
  );

async function line(id: string) {
  const { checks } = (await yunqi.ok('getChecks', { params: { id } })).body;
  return checks.find((c) => c.id === 'materials_match');
}

test('an ID photo of someone else: the route answers the read fields, the number and name mismatches (masked), and the checklist fails on the fields', async () => {
  const id = await newDraft();
  const typed = (await yunqi.ok('getChange', { params: { id } })).body.form.websitePrincipal;
  await upload(id, 'id_front', front.jpeg);
  // The upload answered before the read finished: the slot is pending meanwhile.
  expect((await recognition(id, 'id_front')).status).toBe('pending');

  const read = await settled(id, 'id_front');
  expect(read.status).toBe('done');
  expect(read.fields).toMatchObject({ name: front.expected.name, idNumber: front.expected.idNumber });
  expect(read.mismatches).toEqual([
    expect.objectContaining({ field: 'websitePrincipal.idNumber', onPhoto: maskResidentId(front.expected.idNumber as string), inForm: maskResidentId(typed.idNumber) }),
    expect.objectContaining({ field: 'websitePrincipal.name', onPhoto: front.expected.name, inForm: typed.name }),
  ]);
  expect(read.mismatches[0].message).toContain('网站负责人身份证照片上的号码');
  expect(read.mismatches[0].message).not.toContain(front.expected.idNumber as string);

  const failing = await line(id);
  expect(failing?.outcome).toBe('fail');
  expect(failing?.problems.map((p) => [p.ruleId, p.severity, p.path])).toEqual([
    ['material_matches_form', 'fail', 'websitePrincipal.idNumber'],
    ['material_matches_form', 'fail', 'websitePrincipal.name'],
  ]);

  // 填入: the applicant takes the photo's values; the same photo now agrees with the form.
  const draft = await yunqi.ok('getChange', { params: { id } });
  await yunqi.ok('patchChange', {
    params: { id },
    body: { form: { websitePrincipal: { ...typed, name: read.fields.name as string, idNumber: read.fields.idNumber as string } } },
    headers: { 'if-match': draft.headers.get('etag') ?? '' },
  });
  expect((await recognition(id, 'id_front')).mismatches).toEqual([]);
  expect((await line(id))?.outcome).toBe('pass');
});

test('an ID back with another validity: a warning on the validity field, not a failure', async () => {
  const id = await newDraft();
  const typed = (await yunqi.ok('getChange', { params: { id } })).body.form.websitePrincipal;
  await upload(id, 'id_back', back.jpeg);
  const read = await settled(id, 'id_back');
  expect(read.status).toBe('done');
  expect(read.fields).toMatchObject({ validFrom: back.expected.validFrom, validUntil: back.expected.validUntil });
  expect(back.expected.validUntil).not.toBe(typed.idValidUntil);
  expect(read.mismatches.map((m) => m.field)).toEqual(['websitePrincipal.idValidUntil']);
  const warned = await line(id);
  expect(warned?.outcome).toBe('warn');
  expect(warned?.problems.map((p) => [p.ruleId, p.severity, p.path])).toEqual([['material_validity_matches', 'warn', 'websitePrincipal.idValidUntil']]);
});

test('an unreadable photo claims no mismatch: failed, and at most a warning asking for a clearer photo', async () => {
  const id = await newDraft();
  // The wrong document in the slot (an ID card's back as the 核验单): none of the 核验单's fields can be read.
  await upload(id, 'verification_form', back.jpeg, 'website');
  // The 核验单 has one subject: the query leaves it out.
  const read = await settled(id, 'verification_form');
  expect(read).toEqual({ status: 'failed', fields: {}, mismatches: [] });
  const warned = await line(id);
  expect(warned?.outcome).toBe('warn');
  expect(warned?.problems).toEqual([expect.objectContaining({ ruleId: 'material_text_readable', severity: 'warn', path: 'website.verification_form' })]);
  expect(warned?.problems[0].message).toContain('重新拍摄');
});

test('a pending read lost with its instance is restarted once from the stored photo, then given up as failed', async () => {
  const id = await newDraft();
  await upload(id, 'id_back', back.jpeg);
  await settled(id, 'id_back');
  const key = keys.recognition(APPLICANTS.yunqi.applicantId, id, 'website_principal.id_back');
  // As a crashed instance leaves it: pending since long ago, no result.
  await h.redis.client.hset(key, { status: 'pending', startedAt: '1', attempts: '1' });
  await h.redis.client.hdel(key, 'recognition');
  expect((await recognition(id, 'id_back')).status).toBe('pending');
  expect(await h.redis.client.hget(key, 'attempts')).toBe('2');
  expect((await settled(id, 'id_back')).status).toBe('done');

  // Lost again after its last attempt: failed, never pending for ever.
  await h.redis.client.hset(key, { status: 'pending', startedAt: '1', attempts: '2' });
  expect(await recognition(id, 'id_back')).toEqual({ status: 'failed', fields: {}, mismatches: [] });
});

test('404 for a slot without a photo, for a kind OCR does not read, and for a change that is not the applicant’s', async () => {
  const id = await newDraft();
  expectError(await yunqi.call('materialRecognition', { params: { id, kind: 'id_front' }, query: { subject: 'website_principal' } }), 404, 'not_found');
  expectError(await yunqi.call('materialRecognition', { params: { id, kind: 'change_letter' }, query: { subject: 'website' } }), 404, 'not_found');
  expectError(await yunqi.call('materialRecognition', { params: { id, kind: 'id_front' } }), 422, 'validation_failed');
  const mingde = await h.login(APPLICANTS.mingde.applicantId);
  expectError(await mingde.call('materialRecognition', { params: { id, kind: 'verification_form' } }), 404, 'not_found');
});

test('a withdrawn change’s readings are deleted with its photos', async () => {
  const created = await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) });
  const id = created.body.id;
  await yunqi.ok('patchChange', { params: { id }, body: { form: { name: '云栖科技官方网站' } }, headers: { 'if-match': created.headers.get('etag') ?? '' } });
  await upload(id, 'verification_form', back.jpeg, 'website');
  await settled(id, 'verification_form');
  const key = keys.recognition(APPLICANTS.yunqi.applicantId, id, 'website.verification_form');
  expect(await h.redis.client.exists(key)).toBe(1);
  expect(await h.redis.client.ttl(key)).toBeGreaterThan(0);
  expectOk(await yunqi.call('submit', { params: { id }, body: { agreed: true }, headers: { 'idempotency-key': 'ocr-withdraw' } }), 202);
  expectOk(await yunqi.call('withdraw', { params: { id } }), 200);
  expect(await h.redis.client.exists(key)).toBe(0);
});
