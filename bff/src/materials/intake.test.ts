// Uploads on the wire (issue 12 item 6, issue 14 item 6): streamed to a temp file, a stalled upload dropped with its
// file, a per-instance cap answered 503 + Retry-After, and refusals that Node's fetch and curl both read — also
// through a TCP hop, where a socket closed on unread bytes is reset and the answer lost.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type ClientRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import sharp from 'sharp';
import type { ChangeDraft, ReplacedMaterial } from '../../../shared/domain/change';
import { materialKind } from '../../../shared/domain/filing';
import { eventually } from '../../../testing/eventually';
import { startTcpProxy, targetOf, type TcpProxy } from '../../../testing/tcpProxy';
import { AppError, notFound } from '../errors';
import type { UploadIntakeOptions } from './intake';
import { createMaterialsRouter } from './router';
import { documentPhotoJpeg } from './sampleImages';
import { createLocalStorage } from './storage';

const SECRET = 'intake-test-signing-secret-0123456789';
const APPLICANT = 'applicant-1';
const CHANGE = 'chg_intake000001';
const UPLOAD_PATH = `/api/changes/${CHANGE}/materials/id_front?subject=website_principal`;

interface RunningRouter {
  url: string;
  incoming: string;
  attached: ReplacedMaterial[];
  close(): Promise<void>;
}

const dirs: string[] = [];
const running: RunningRouter[] = [];

/** The materials router alone on a loopback port, with a draft that takes every photo. */
async function startRouter(intake: Partial<Omit<UploadIntakeOptions, 'dir' | 'maxFileBytes'>> = {}): Promise<RunningRouter> {
  const dir = mkdtempSync(join(tmpdir(), 'intake-'));
  dirs.push(dir);
  const incoming = join(dir, 'incoming');
  const attached: ReplacedMaterial[] = [];
  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      ctx.status = error.status;
      ctx.body = error.toBody();
      for (const [k, v] of Object.entries(error.headers ?? {})) ctx.set(k, v);
    }
  });
  app.use(async (ctx, next) => {
    if (ctx.get('authorization') === `Bearer ${APPLICANT}`) ctx.state.applicantId = APPLICANT;
    await next();
  });
  const router = createMaterialsRouter({
    storage: createLocalStorage(join(dir, 'stored'), { signingSecret: SECRET }),
    signingSecret: SECRET,
    incomingDir: incoming,
    intake,
    async loadEditableChange(applicantId, changeId) {
      if (applicantId !== APPLICANT || changeId !== CHANGE) throw notFound('变更');
      return { id: CHANGE } as ChangeDraft;
    },
    async attachMaterial(_applicantId, _changeId, _slot, material) {
      attached.push(material);
      return { previous: null, draft: { id: CHANGE } as ChangeDraft };
    },
  });
  app.use(router.routes());
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const handle: RunningRouter = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    incoming,
    attached,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  running.push(handle);
  return handle;
}

afterAll(async () => {
  await Promise.all(running.map((r) => r.close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Temp files of uploads in progress. */
const partFiles = (r: RunningRouter): string[] => {
  try {
    return readdirSync(r.incoming).filter((f) => f.endsWith('.part'));
  } catch {
    return [];
  }
};

function multipart(file: Buffer): { body: Buffer; contentType: string } {
  const boundary = `----intake${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

interface OpenUpload {
  request: ClientRequest;
  body: Buffer;
  sent: number;
  answer: Promise<{ status: number; body: Record<string, unknown> } | { error: string }>;
  /** Sends the rest of the body. */
  finish(): void;
}

/** An upload that sends `fraction` of its body and then waits (a phone whose network went quiet). */
function openUpload(base: string, file: Buffer, fraction: number): OpenUpload {
  const { body, contentType } = multipart(file);
  const request = httpRequest(`${base}${UPLOAD_PATH}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${APPLICANT}`, 'content-type': contentType, 'content-length': body.length },
  });
  const answer = new Promise<{ status: number; body: Record<string, unknown> } | { error: string }>((resolve) => {
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown> }));
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
  });
  const sent = Math.floor(body.length * fraction);
  request.write(body.subarray(0, sent));
  return {
    request,
    body,
    sent,
    answer,
    finish() {
      request.end(body.subarray(sent));
    },
  };
}

/** curl as a separate process (a spawnSync would block this process's server), body from a file, answer + status. */
function curlUpload(url: string, file: string, extraArgs: string[] = []): Promise<{ status: number; body: string; exitCode: number }> {
  return new Promise((resolve) => {
    execFile(
      'curl',
      ['-s', '-o', '-', '-w', '\n%{http_code}', '--max-time', '60', '-X', 'PUT', '-H', `authorization: Bearer ${APPLICANT}`, ...extraArgs, '-F', `file=@${file};type=image/jpeg`, url],
      { maxBuffer: 1024 * 1024 },
      (error, stdout) => {
        const lines = stdout.trimEnd().split('\n');
        const status = Number(lines.pop());
        resolve({ status, body: lines.join('\n'), exitCode: typeof error?.code === 'number' ? error.code : 0 });
      },
    );
  });
}

let photo: Buffer;
beforeAll(async () => {
  photo = await documentPhotoJpeg({ width: 1800, height: 1200, noise: 5 });
});

describe('a 12 MB photo gets a 413 every client reads', () => {
  let router: RunningRouter;
  let proxy: TcpProxy;
  let twelveMbFile: string;
  const twelveMb = Buffer.alloc(12 * 1024 * 1024, 0x5a);
  twelveMb.set([0xff, 0xd8, 0xff, 0xe0]);

  beforeAll(async () => {
    router = await startRouter();
    // A TCP hop between client and BFF, as on any real network: there a reset overtakes the answer.
    proxy = await startTcpProxy({ targets: [targetOf(router.url)] });
    twelveMbFile = join(dirs[dirs.length - 1], 'twelve-mb.jpg');
    writeFileSync(twelveMbFile, twelveMb);
  });
  afterAll(() => proxy.close());

  const bases = () => [
    ['directly', router.url],
    ['through a TCP hop', proxy.url('http')],
  ];

  test("Node's fetch reads the 413 (declared length and streamed without one)", async () => {
    for (const [how, base] of bases()) {
      for (let round = 0; round < 3; round++) {
        const form = new FormData();
        form.append('file', new Blob([twelveMb], { type: 'image/jpeg' }), 'photo.jpg');
        const res = await fetch(`${base}${UPLOAD_PATH}`, { method: 'PUT', headers: { authorization: `Bearer ${APPLICANT}` }, body: form });
        expect([how, res.status]).toEqual([how, 413]);
        expect(((await res.json()) as { message: string }).message).toContain('照片不能超过10MB');
      }
      // Without a length: the cap trips while streaming.
      const form = new FormData();
      form.append('file', new Blob([twelveMb], { type: 'image/jpeg' }), 'photo.jpg');
      const encoded = new Request('http://encode.invalid', { method: 'POST', body: form });
      const res = await fetch(`${base}${UPLOAD_PATH}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${APPLICANT}`, 'content-type': encoded.headers.get('content-type') ?? '' },
        body: encoded.body,
        duplex: 'half',
      } as RequestInit);
      expect([how, 'streamed', res.status]).toEqual([how, 'streamed', 413]);
      expect(((await res.json()) as { message: string }).message).toContain('照片不能超过10MB');
    }
    expect(router.attached).toEqual([]);
    expect(partFiles(router)).toEqual([]);
  });

  test('curl reads the 413, with and without Expect: 100-continue', async () => {
    for (const [how, base] of bases()) {
      for (const args of [[], ['-H', 'Expect:']]) {
        const res = await curlUpload(`${base}${UPLOAD_PATH}`, twelveMbFile, args);
        expect([how, args.join(' '), res.exitCode, res.status]).toEqual([how, args.join(' '), 0, 413]);
        expect(JSON.parse(res.body)).toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('照片不能超过10MB') });
      }
    }
    expect(partFiles(router)).toEqual([]);
  });

  test('a refusal before the photo is read (wrong subject) is read by fetch through the hop too', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'photo.jpg');
    const res = await fetch(`${proxy.url('http')}/api/changes/${CHANGE}/materials/id_front?subject=website`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${APPLICANT}` },
      body: form,
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { message: string }).message).toContain('材料归属');
  });
});

test('an upload is streamed to a temp file on disk while it arrives, and the file is gone once the photo is stored', async () => {
  const router = await startRouter();
  const upload = openUpload(router.url, photo, 0.6);
  // The bytes already sent are on disk, not in the process: the temp file grows with the upload.
  const [part] = await eventually(() => {
    const files = partFiles(router);
    return files.length === 1 && statSync(join(router.incoming, files[0])).size >= photo.length * 0.5 ? files : null;
  }, 'the temp file to hold the first half of the photo');
  expect(part).toMatch(/^[0-9a-f]{32}\.part$/);
  expect(statSync(router.incoming).mode & 0o777).toBe(0o700);
  expect(statSync(join(router.incoming, part)).mode & 0o777).toBe(0o600);
  upload.finish();
  const answer = await upload.answer;
  expect(answer).toMatchObject({ status: 200, body: { slot: 'website_principal.id_front' } });
  expect(router.attached).toHaveLength(1);
  expect(partFiles(router)).toEqual([]);
});

test('an upload that stops sending is dropped after the stall deadline, with its temp file', async () => {
  const router = await startRouter({ stallTimeoutMs: 800 });
  const upload = openUpload(router.url, photo, 0.5);
  await eventually(() => partFiles(router).length === 1, 'the stalled upload’s temp file');
  // The BFF closes the connection (a client that stopped sending would not read an answer either).
  expect(await upload.answer).toEqual({ error: expect.stringMatching(/ECONNRESET|socket hang up/) });
  await eventually(() => partFiles(router).length === 0, 'the stalled upload’s temp file to be deleted');
  expect(router.attached).toEqual([]);
  // The slot it held is free again.
  const next = openUpload(router.url, photo, 0);
  next.finish();
  expect(await next.answer).toMatchObject({ status: 200 });
});

test('beyond the per-instance cap an upload is answered 503 + Retry-After (read by fetch), and is taken once a slot frees', async () => {
  const router = await startRouter({ maxConcurrent: 2, busyRetryAfterSeconds: 7 });
  const held = [openUpload(router.url, photo, 0.4), openUpload(router.url, photo, 0.4)];
  await eventually(() => partFiles(router).length === 2, 'two uploads holding both slots');

  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'photo.jpg');
  const busy = await fetch(`${router.url}${UPLOAD_PATH}`, { method: 'PUT', headers: { authorization: `Bearer ${APPLICANT}` }, body: form });
  expect(busy.status).toBe(503);
  expect(busy.headers.get('retry-after')).toBe('7');
  expect(await busy.json()).toEqual({ code: 'service_unavailable', message: '当前上传的照片较多，请7秒后重新上传', retryAfterSeconds: 7 });
  expect(partFiles(router)).toHaveLength(2);

  for (const upload of held) upload.finish();
  for (const upload of held) expect(await upload.answer).toMatchObject({ status: 200 });
  const again = await fetch(`${router.url}${UPLOAD_PATH}`, { method: 'PUT', headers: { authorization: `Bearer ${APPLICANT}` }, body: form });
  expect(again.status).toBe(200);
  expect(router.attached).toHaveLength(3);
  expect(partFiles(router)).toEqual([]);
});

test('each material kind has a small example photo, public and cacheable; an unknown kind is 404', async () => {
  const router = await startRouter();
  for (const kind of materialKind.options) {
    const res = await fetch(`${router.url}/api/material-examples/${kind}`);
    expect([kind, res.status, res.headers.get('content-type')]).toEqual([kind, 200, 'image/jpeg']);
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    const jpeg = Buffer.from(await res.arrayBuffer());
    // Small enough to show on a slow network at once; big enough for a phone screen.
    expect(jpeg.length).toBeLessThan(40 * 1024);
    const meta = await sharp(jpeg).metadata();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeGreaterThanOrEqual(700);
  }
  expect((await fetch(`${router.url}/api/material-examples/selfie`)).status).toBe(404);
});
