// What the applicant sees of their materials on any device (issue 14 items 4 and 7), against real Redis and the
// sandbox: every draft answer carries each replaced material's preview, signed when read and never stored; the
// change's pre-filled 核验单 PDF, for its owner only.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { expectError, expectOk } from '../../testing/bffClient';
import { bffPath } from '../../shared/contracts/bffRoutes';
import { documentPhotoJpeg } from '../src/materials/sampleImages';
import { DRAFT_PREVIEW_MIN_TTL_SECONDS } from '../src/materials/signing';
import { APPLICANTS, newChange, startHarness, type Client, type Harness } from './harness';

let h: Harness;
let yunqi: Client;
let formPhoto: Buffer;

beforeAll(async () => {
  h = await startHarness();
  formPhoto = await documentPhotoJpeg({ width: 1800, height: 2400, shape: 'a4', noise: 5 });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
  yunqi = await h.login(APPLICANTS.yunqi.applicantId);
});

/** Every value stored in Redis (strings and hashes), over the single test server. */
async function storedValues(): Promise<string> {
  const client = h.redis.client;
  const values: string[] = [];
  for (const key of await client.keys('*')) {
    const type = await client.type(key);
    if (type === 'string') values.push((await client.get(key)) ?? '');
    else if (type === 'hash') values.push(JSON.stringify(await client.hgetall(key)));
    else if (type === 'list') values.push(JSON.stringify(await client.lrange(key, 0, -1)));
    else if (type === 'zset') values.push(JSON.stringify(await client.zrange(key, '0', '-1')));
  }
  return values.join('\n');
}

test('a replaced material comes back with its preview on every draft answer, signed when read, never stored', async () => {
  const created = await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) });
  const id = created.body.id;
  expect(created.body.materials).toEqual({});
  const upload = await yunqi.call('uploadMaterial', { params: { id, kind: 'verification_form' }, body: { subject: 'website' }, file: formPhoto });
  expectOk(upload, 200);

  // Another device (a second session of the same applicant) reading the draft sees the uploaded photo, not the filed one.
  const other = await h.login(APPLICANTS.yunqi.applicantId);
  const read = await other.ok('getChange', { params: { id } });
  const material = read.body.materials['website.verification_form'];
  expect(material).toMatchObject({ kind: 'verification_form', subject: 'website', width: upload.body.width, height: upload.body.height });
  const url = new URL(material.previewUrl, h.url);
  expect(url.pathname).toBe(bffPath('materialPreview', { fileId: material.fileId }));
  const exp = Number(url.searchParams.get('exp'));
  expect(exp - Date.now() / 1000).toBeGreaterThanOrEqual(DRAFT_PREVIEW_MIN_TTL_SECONDS - 5);
  const image = await fetch(url);
  expect(image.status).toBe(200);
  expect(image.headers.get('content-type')).toBe('image/jpeg');
  expect(Buffer.from(await image.arrayBuffer()).length).toBe(material.bytes);

  // Reads close together carry the very same link (the thumbnails do not load again on every autosave answer).
  const patched = await other.ok('patchChange', { params: { id }, body: { form: { notes: '换了核验单' } }, headers: { 'if-match': read.headers.get('etag') ?? '' } });
  expect(patched.body.draft.materials['website.verification_form'].previewUrl).toBe(material.previewUrl);

  // A stale save's 412 carries the current draft with its preview too.
  const stale = await other.call('patchChange', { params: { id }, body: { form: { notes: '旧版本' } }, headers: { 'if-match': read.headers.get('etag') ?? '' } });
  expectError(stale, 412, 'version_mismatch');
  const current = (stale.body as unknown as { current: { materials: Record<string, { previewUrl: string }> } }).current;
  expect(current.materials['website.verification_form'].previewUrl).toBe(material.previewUrl);

  // The stored draft holds the file id only: no signature, no link.
  const stored = await storedValues();
  expect(stored).toContain(material.fileId);
  expect(stored).not.toContain('sig=');
  expect(stored).not.toContain('previewUrl');
});

/** The PDF's text as pdf.js extracts it (bff/src/documents/pdfText.mjs), without the layout's whitespace. */
function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(__dirname, '..', 'src', 'documents', 'pdfText.mjs')], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (error) reject(new Error(`extracting the PDF's text failed: ${error.message}`, { cause: error }));
      else resolve((JSON.parse(stdout) as { text: string }).text.replace(/\s+/g, ''));
    });
    child.stdin?.end(pdf);
  });
}

test('the change’s 核验单 downloads as a PDF with its values, never cached; another applicant’s or no session gets nothing', async () => {
  const created = await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) });
  const id = created.body.id;
  await yunqi.ok('patchChange', { params: { id }, body: { form: { name: '云栖科技产品中心' } }, headers: { 'if-match': created.headers.get('etag') ?? '' } });

  const res = await yunqi.call('verificationFormPdf', { params: { id } });
  expectOk(res, 200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(res.headers.get('cache-control')).toBe('private, no-store');
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename="verification-form.pdf"; filename*=UTF-8''${encodeURIComponent('网站备案信息真实性核验单.pdf')}`);
  const pdf = Buffer.from(res.body);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = await pdfText(pdf);
  for (const value of ['网站备案信息真实性核验单', '杭州云栖网络科技有限公司', '云栖科技产品中心', '云栖科技官网', id]) expect(text).toContain(value);

  const mingde = await h.login(APPLICANTS.mingde.applicantId);
  expectError(await mingde.call('verificationFormPdf', { params: { id } }), 404, 'not_found');
  expectError(await h.anonymous().call('verificationFormPdf', { params: { id } }), 401, 'unauthenticated');
  const notAnId = await yunqi.raw('GET', `/api/changes/${id}x/verification-form.pdf`);
  expect(notAnId.status).toBe(404);
});
