// The materials routes over real HTTP: upload into a slot, refusals with their status and message, signed previews.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import sharp from 'sharp';
import { materialUploadResponse } from '../../../shared/contracts/api';
import type { ChangeDraft, MaterialSlot, ReplacedMaterial } from '../../../shared/domain/change';
import { AppError, notEditable, notFound } from '../errors';
import { createMaterialsRouter, type MaterialsRouterDeps } from './router';
import { blurred, documentPhotoJpeg, minimalPdf, pngDeclaring } from './sampleImages';
import { signedPreviewUrl } from './signing';
import { createLocalStorage } from './storage';

const SECRET = 'test-signing-secret-0123456789';
const APPLICANT = 'applicant-1';
/** A change id of the contract's shape (`chg_` + 12): the router refuses any other as naming no change. */
const CHANGE = 'chg_materials001';

/** Drafts as a plain object: the draft store is another module's job; here only the slot bookkeeping matters. */
interface FakeDrafts {
  materials: Record<string, ReplacedMaterial>;
  status: 'draft' | 'initial_review';
  attachFails: boolean;
}

let server: Server;
let base: string;
let dataDir: string;
let drafts: FakeDrafts;

function deps(storageDir: string): MaterialsRouterDeps {
  return {
    storage: createLocalStorage(storageDir, { signingSecret: SECRET }),
    signingSecret: SECRET,
    incomingDir: join(storageDir, 'incoming'),
    async loadEditableChange(applicantId, changeId) {
      if (applicantId !== APPLICANT || changeId !== CHANGE) throw notFound('变更');
      if (drafts.status !== 'draft') throw notEditable('初审中');
      return { id: CHANGE } as ChangeDraft;
    },
    async attachMaterial(_applicantId, _changeId, slot: MaterialSlot, material) {
      if (drafts.attachFails) throw notEditable('已提交，等待转交');
      const previous = drafts.materials[slot] ?? null;
      drafts.materials[slot] = material;
      return { previous, draft: { id: CHANGE } as ChangeDraft };
    },
  };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'materials-'));
  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      ctx.status = error.status;
      ctx.body = error.toBody();
    }
  });
  app.use(async (ctx, next) => {
    if (ctx.get('authorization') === `Bearer ${APPLICANT}`) ctx.state.applicantId = APPLICANT;
    await next();
  });
  // The router mounts the contract's full paths (/api/…) itself.
  app.use(createMaterialsRouter(deps(dataDir)).routes());
  server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  drafts = { materials: {}, status: 'draft', attachFails: false };
});

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

function multipart(file: Buffer, filename: string, contentType: string, fields: Record<string, string> = {}) {
  const boundary = `----materials${Math.random().toString(16).slice(2)}`;
  const head = Object.entries(fields)
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('');
  const body = Buffer.concat([
    Buffer.from(`${head}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Sends with node:http so a test can choose between a declared length and chunked transfer (no length). */
function put(
  path: string,
  file: Buffer,
  options: { filename?: string; type?: string; fields?: Record<string, string>; chunked?: boolean; auth?: boolean; method?: 'PUT' | 'POST' } = {},
): Promise<Reply> {
  const { body, contentType } = multipart(file, options.filename ?? 'photo.jpg', options.type ?? 'image/jpeg', options.fields);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': contentType };
    if (options.auth !== false) headers.authorization = `Bearer ${APPLICANT}`;
    if (!options.chunked) headers['content-length'] = body.length;
    const req = httpRequest(`${base}${path}`, { method: options.method ?? 'PUT', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') }));
    });
    // The server may answer (and stop reading) before the whole body is sent; the answer is what counts.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    // Send in pieces, as a phone on a network would.
    for (let i = 0; i < body.length; i += 256 * 1024) req.write(body.subarray(i, i + 256 * 1024));
    req.end();
  });
}

const storedFiles = () => readdirSync(dataDir).filter((f) => f.endsWith('.jpg'));

let idCard: Buffer;
beforeAll(async () => {
  idCard = await documentPhotoJpeg({ width: 2400, height: 1800, noise: 6 });
});

test('a sharp ID photo is stored, attached to its slot, and previewable through the signed link only', async () => {
  const reply = await put(`/api/changes/${CHANGE}/materials/id_front?subject=website_principal`, idCard, { filename: 'IMG_0001.HEIC', type: 'application/octet-stream' });
  expect(reply.status).toBe(200);
  const body = materialUploadResponse.parse(reply.body);
  expect(body).toMatchObject({ slot: 'website_principal.id_front', width: 2400, height: 1800, warnings: [] });
  expect(body.bytes).toBeLessThanOrEqual(2 * 1024 * 1024);

  const attached = drafts.materials['website_principal.id_front'];
  expect(attached).toMatchObject({ kind: 'id_front', subject: 'website_principal', bytes: body.bytes, width: 2400 });
  expect(storedFiles()).toContain(`${attached.fileId}.jpg`);

  const preview = await fetch(`${base}${body.previewUrl}`);
  expect(preview.status).toBe(200);
  expect(preview.headers.get('content-type')).toBe('image/jpeg');
  expect(preview.headers.get('cache-control')).toContain('no-store');
  const previewBytes = Buffer.from(await preview.arrayBuffer());
  expect(previewBytes.length).toBe(body.bytes);
  expect((await sharp(previewBytes).metadata()).exif).toBeUndefined();

  // Without a signature, with a forged one, or for another file, the photo is not readable.
  const url = new URL(body.previewUrl, base);
  const unsigned = await fetch(`${base}${url.pathname}`);
  expect(unsigned.status).toBe(403);
  expect(((await unsigned.json()) as { message: string }).message).toContain('预览链接无效');
  url.searchParams.set('sig', `${url.searchParams.get('sig')!.slice(0, -2)}AA`);
  expect((await fetch(url)).status).toBe(403);
  const otherFile = new URL(body.previewUrl, base);
  otherFile.pathname = `/api/materials/${'f'.repeat(32)}`;
  expect((await fetch(otherFile)).status).toBe(403);
});

test('POST does the same as PUT, because wx.uploadFile can only POST (subject as a form field, as uploadFile sends it)', async () => {
  const reply = await put(`/api/changes/${CHANGE}/materials/verification_form`, idCard, { method: 'POST', fields: { subject: 'website' } });
  expect(reply.status).toBe(200);
  expect(reply.body.slot).toBe('website.verification_form');
  expect(drafts.materials['website.verification_form']).toMatchObject({ kind: 'verification_form', subject: 'website' });
});

test('an expired preview link is refused with a message saying so', async () => {
  const reply = await put(`/api/changes/${CHANGE}/materials/id_back`, idCard, { fields: { subject: 'entity_principal' } });
  expect(reply.status).toBe(200);
  const { fileId } = drafts.materials['entity_principal.id_back'];
  const old = signedPreviewUrl({ fileId, ttlSeconds: 60, secret: SECRET, nowMs: Date.now() - 10 * 60 * 1000 });
  const res = await fetch(`${base}${old}`);
  expect(res.status).toBe(403);
  expect(((await res.json()) as { message: string }).message).toContain('已过期');
});

test('replacing a photo deletes the previous file of that slot, and only that one', async () => {
  const path = `/api/changes/${CHANGE}/materials/verification_form?subject=website`;
  expect((await put(path, idCard)).status).toBe(200);
  const first = drafts.materials['website.verification_form'].fileId;
  expect((await put(`/api/changes/${CHANGE}/materials/id_front?subject=entity_principal`, idCard)).status).toBe(200);
  const other = drafts.materials['entity_principal.id_front'].fileId;
  expect((await put(path, idCard)).status).toBe(200);
  const second = drafts.materials['website.verification_form'].fileId;
  expect(second).not.toBe(first);
  expect(existsSync(join(dataDir, `${first}.jpg`))).toBe(false);
  expect(existsSync(join(dataDir, `${second}.jpg`))).toBe(true);
  expect(existsSync(join(dataDir, `${other}.jpg`))).toBe(true);
});

/** A blown-out reflection (clipped core, soft halo) composited over the card's text lines. */
function glareOverText(photo: Buffer): Promise<Buffer> {
  const glare = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="1100" height="800"><defs><radialGradient id="g"><stop offset="0.55" stop-color="#fff" stop-opacity="1"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs><ellipse cx="550" cy="400" rx="540" ry="390" fill="url(#g)"/></svg>',
  );
  return sharp(photo)
    .composite([{ input: glare, left: 250, top: 450 }])
    .jpeg({ quality: 92 })
    .toBuffer();
}

test.each([
  ['a blurred copy', () => blurred(idCard, 5), 422, 'photo_rejected', '照片模糊，证件文字看不清'],
  ['a 400 px photo', () => documentPhotoJpeg({ width: 400, height: 300 }), 422, 'photo_rejected', '照片分辨率过低'],
  [
    'a black photo',
    () =>
      sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#000' } })
        .jpeg()
        .toBuffer(),
    422,
    'photo_rejected',
    '照片过暗',
  ],
  // Issue 14: a uniformly bright copy (white paper blown out, print intact) is no longer refused; glare over the text is.
  ['a reflection over the text', () => glareOverText(idCard), 422, 'photo_rejected', '有反光，遮住了证件上的文字'],
  ['a PDF renamed .jpg', async () => minimalPdf(), 415, 'unsupported_media_type', '只支持JPEG或PNG'],
  ['a PNG declaring 100000×100000 px', async () => pngDeclaring(100_000, 100_000), 413, 'payload_too_large', '照片像素过多'],
])('%s is refused with the right status and instruction, and nothing is stored or attached', async (_name, make, status, code, message) => {
  const before = storedFiles().length;
  const reply = await put(`/api/changes/${CHANGE}/materials/id_front?subject=website_principal`, await make(), { filename: 'photo.jpg', type: 'image/jpeg' });
  expect(reply.status).toBe(status);
  expect(reply.body.code).toBe(code);
  expect(reply.body.message).toContain(message);
  expect(drafts.materials).toEqual({});
  expect(storedFiles().length).toBe(before);
});

test('a 12 MB upload is refused with 413, whether its length is declared or it streams without one', async () => {
  const twelveMb = Buffer.alloc(12 * 1024 * 1024, 0xff);
  twelveMb.set([0xff, 0xd8, 0xff, 0xe0]);
  for (const chunked of [false, true]) {
    const reply = await put(`/api/changes/${CHANGE}/materials/id_front?subject=website_principal`, twelveMb, { chunked });
    expect(reply.status).toBe(413);
    expect(reply.body.message).toContain('照片不能超过10MB');
  }
  expect(drafts.materials).toEqual({});
});

test('the subject must fit the kind: ID photos belong to a principal, the verification form to the website', async () => {
  const idForWebsite = await put(`/api/changes/${CHANGE}/materials/id_front?subject=website`, idCard);
  expect(idForWebsite.status).toBe(422);
  expect(idForWebsite.body.message).toContain('网站负责人（website_principal）或主体负责人（entity_principal）');
  const formForPrincipal = await put(`/api/changes/${CHANGE}/materials/verification_form`, idCard, { fields: { subject: 'website_principal' } });
  expect(formForPrincipal.status).toBe(422);
  const missing = await put(`/api/changes/${CHANGE}/materials/id_back`, idCard);
  expect(missing.status).toBe(422);
  expect(missing.body.fields).toEqual([{ path: 'subject', message: expect.stringContaining('请指明这份材料属于谁') }]);
  const unknownKind = await put(`/api/changes/${CHANGE}/materials/selfie?subject=website`, idCard);
  expect(unknownKind.status).toBe(422);
  expect(unknownKind.body.fields).toEqual([{ path: 'kind', message: expect.stringContaining('材料类型不正确') }]);
  expect(drafts.materials).toEqual({});
});

test('a change that is not editable or not the applicant’s is refused before the photo is processed', async () => {
  expect((await put(`/api/changes/chg_otherchange1/materials/id_front?subject=website_principal`, idCard)).status).toBe(404);
  // An id that cannot exist is 404 too, without a lookup.
  expect((await put(`/api/changes/other-change/materials/id_front?subject=website_principal`, idCard)).status).toBe(404);
  drafts.status = 'initial_review';
  const reply = await put(`/api/changes/${CHANGE}/materials/id_front?subject=website_principal`, idCard);
  expect(reply.status).toBe(409);
  expect(reply.body).toEqual(notEditable('初审中').toBody());
  expect((await put(`/api/changes/${CHANGE}/materials/id_front?subject=website_principal`, idCard, { auth: false })).status).toBe(401);
});

test('when the draft refuses the attach, the freshly stored file is removed again', async () => {
  drafts.attachFails = true;
  const before = storedFiles().length;
  const reply = await put(`/api/changes/${CHANGE}/materials/id_front?subject=website_principal`, idCard);
  expect(reply.status).toBe(409);
  expect(storedFiles().length).toBe(before);
});

test('the router refuses to start when the storage signs previews with another secret', () => {
  const mismatched = { ...deps(dataDir), signingSecret: 'another-secret' };
  expect(() => createMaterialsRouter(mismatched)).toThrow(/same signingSecret/);
});
