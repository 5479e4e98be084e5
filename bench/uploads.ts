// Memory of the BFF under photo uploads (issue 12 item 6): the resident set of the BFF process (the real entry point,
// a child process) before, at its peak and after N concurrent 10 MB uploads, and while N half-sent uploads stall
// until the stall deadline drops them. Prints figures as Markdown; asserts nothing.
// The BFF starts with BFF_MALLOC_ENV and BFF_NODE_ARGS as `npm start` starts it; --no-malloc-env measures a BFF started
// without the malloc setting.
// Usage: npm run bench:uploads [-- --uploads 20 --stall-ms 60000 --no-malloc-env]
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { MaterialKind, MaterialSubject } from '../shared/domain/filing';
import { startBffProcess } from '../bff/test/fault/bffProcess';
import { APPLICANTS, makeClient, newChange, type Client } from '../bff/test/harness';
import { BFF_MALLOC_ENV, BFF_NODE_ARGS } from '../bff/src/mallocEnv';
import { PHOTO_LIMITS } from '../bff/src/materials/pipeline';
import { documentPhotoJpeg } from '../bff/src/materials/sampleImages';
import { bffEnvForSandbox, startTestSandbox } from '../sandbox/testSupport';
import { freePort, startRedis } from '../testing/redis';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
}
const UPLOADS = arg('uploads', 20);
const STALL_MS = arg('stall-ms', 60_000);
const MALLOC_ENV = !process.argv.includes('--no-malloc-env');
const MB = 1024 * 1024;

/** Resident set size of a process, from /proc (kB → MB). */
function rssMb(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return line ? Number(line[1]) / 1024 : NaN;
}

/** Samples the RSS every 20 ms until stopped; answers the highest seen. */
function samplePeak(pid: number): { stop(): number } {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssMb(pid));
    },
  };
}

/** A document photo JPEG of just under 10 MB (a 26 MP phone photo at high quality), that the quality checks accept. */
async function tenMegabytePhoto(): Promise<Buffer> {
  for (const quality of [97, 95, 92, 90, 86]) {
    const jpeg = await documentPhotoJpeg({ width: 6000, height: 4500, noise: 9, seed: 7, quality });
    if (jpeg.length <= PHOTO_LIMITS.maxUploadBytes - 64 * 1024) return jpeg;
  }
  throw new Error('could not make a photo under 10 MB');
}

function multipart(file: Buffer): { body: Buffer; contentType: string } {
  const boundary = `----bench${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

interface Target {
  client: Client;
  changeId: string;
  kind: MaterialKind;
  subject: MaterialSubject;
}

/** Slots spread over every seeded website's change, so concurrent uploads rarely write the same draft. */
const SLOTS: [MaterialKind, MaterialSubject][] = [
  ['id_front', 'website_principal'],
  ['id_back', 'website_principal'],
  ['id_front', 'entity_principal'],
  ['id_back', 'entity_principal'],
  ['verification_form', 'website'],
  ['other', 'website'],
  ['change_letter', 'website'],
];

/** One upload over node:http; `stallAfter` bytes: send that much, then nothing (resolves when the BFF drops it). */
function upload(baseUrl: string, target: Target, photo: Buffer, stallAfter?: number): Promise<{ status: number; ms: number }> {
  const { body, contentType } = multipart(photo);
  const started = performance.now();
  const path = `/api/changes/${target.changeId}/materials/${target.kind}?subject=${target.subject}`;
  return new Promise((resolve) => {
    const req = httpRequest(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${target.client.token}`, 'content-type': contentType, 'content-length': body.length },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    if (stallAfter === undefined) req.end(body);
    else req.write(body.subarray(0, stallAfter));
  });
}

const fmt = (mb: number) => `${mb.toFixed(0)} MB`;

async function main(): Promise<void> {
  const redis = await startRedis();
  const port = await freePort();
  const sandbox = await startTestSandbox({ callbackUrl: `http://127.0.0.1:${port}/api/review-events` });
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-uploads-'));
  const bff = await startBffProcess(
    {
      ...(MALLOC_ENV ? BFF_MALLOC_ENV : {}),
      ...bffEnvForSandbox(sandbox),
      REVIEW_SYSTEM_URL: sandbox.url,
      REDIS_URL: redis.url,
      REVIEW_CALLBACK_URL: `http://127.0.0.1:${port}/api/review-events`,
      DATA_DIR: dataDir,
      STATIC_DIR: join(dataDir, 'no-h5-build'),
      LOG_LEVEL: 'warn',
      UPLOAD_STALL_TIMEOUT_MS: String(STALL_MS),
    },
    port,
    { quiet: true, nodeArgs: [...BFF_NODE_ARGS] },
  );
  try {
    console.log(`making a ~10 MB photo …`);
    const photo = await tenMegabytePhoto();
    const targets: Target[] = [];
    for (const applicant of [APPLICANTS.yunqi, APPLICANTS.mingde, APPLICANTS.zhangWei]) {
      const login = await makeClient(bff.url, null).ok('login', { body: { code: `demo-${applicant.applicantId}.bench${Date.now()}` } });
      const client = makeClient(bff.url, login.body.token);
      const { filings } = (await client.ok('listFilings', {})).body;
      for (const website of filings[0].websites) {
        const change = await client.ok('createChange', { body: newChange(applicant, website.id) });
        for (const [kind, subject] of SLOTS) targets.push({ client, changeId: change.body.id, kind, subject });
      }
    }

    // Warm-up: libvips, the pipeline's thread pool and the first Redis connections are in place before measuring.
    for (let i = 0; i < 2; i++) await upload(bff.url, targets[i], photo);
    const before = rssMb(bff.pid);
    const peak = samplePeak(bff.pid);
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: UPLOADS }, (_, i) => upload(bff.url, targets[i % targets.length], photo)));
    const wallMs = performance.now() - started;
    const peakMb = peak.stop();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const after = rssMb(bff.pid);
    const statuses = results.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    const slowest = Math.max(...results.map((r) => r.ms));

    // Half-sent uploads that stall: held as temp files on disk until the stall deadline drops them.
    const incoming = join(dataDir, 'materials-incoming');
    const parts = () => readdirSync(incoming).filter((f) => f.endsWith('.part'));
    const stallBefore = rssMb(bff.pid);
    const stallStarted = performance.now();
    const stalled = Array.from({ length: UPLOADS }, (_, i) => upload(bff.url, targets[i % targets.length], photo, Math.floor(photo.length / 2)));
    while (parts().length < UPLOADS && performance.now() - stallStarted < 30_000) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const stallHeld = rssMb(bff.pid);
    const onDisk = parts().reduce((sum, f) => sum + (statSync(join(incoming, f), { throwIfNoEntry: false })?.size ?? 0), 0);
    const heldFiles = parts().length;
    const dropped = await Promise.all(stalled);
    const droppedAfterMs = performance.now() - stallStarted;
    // The temp files go right after the connections are dropped: give the deletions a moment.
    const deadline = performance.now() + 2000;
    while (parts().length > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const leftFiles = parts().length;

    console.log('');
    console.log(
      `BFF process (node --import tsx bff/src/main.ts${
        MALLOC_ENV
          ? `, ${Object.entries(BFF_MALLOC_ENV)
              .map(([k, v]) => `${k}=${v}`)
              .join(' ')}`
          : ', no malloc setting'
      }), ${UPLOADS} concurrent uploads of a ${(photo.length / MB).toFixed(1)} MB JPEG (6000×4500) over loopback:`,
    );
    console.log('');
    console.log('| | RSS |');
    console.log('|---|---:|');
    console.log(`| before (after 2 warm-up uploads) | ${fmt(before)} |`);
    console.log(`| peak during ${UPLOADS} concurrent uploads | ${fmt(peakMb)} (+${fmt(peakMb - before)}) |`);
    console.log(`| 2 s after the last answer | ${fmt(after)} |`);
    console.log(`| ${UPLOADS} half-sent uploads stalled (${heldFiles} temp files, ${(onDisk / MB).toFixed(0)} MB on disk) | ${fmt(stallHeld)} (+${fmt(stallHeld - stallBefore)}) |`);
    console.log('');
    console.log(
      `answers: ${JSON.stringify(statuses)}; all ${UPLOADS} answered in ${(wallMs / 1000).toFixed(1)} s (slowest ${(slowest / 1000).toFixed(1)} s; photos are processed ${PHOTO_LIMITS.concurrency} at a time)`,
    );
    console.log(
      `stalled uploads: dropped after ${(droppedAfterMs / 1000).toFixed(1)} s (UPLOAD_STALL_TIMEOUT_MS=${STALL_MS}), client saw ${JSON.stringify(dropped.map((d) => d.status).reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {}))}, temp files left: ${leftFiles}`,
    );
  } finally {
    await bff.kill('SIGTERM');
    await sandbox.dispose();
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
