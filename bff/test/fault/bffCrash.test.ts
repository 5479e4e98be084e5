// The BFF process SIGKILLed in the middle of requests and started again (the real entry point as a child process):
// no half-written draft, sessions still valid (the BFF keeps no state of its own), and a queued relay is not lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changeDraft } from '../../../shared/domain/change';
import { ContractViolation, expectOk } from '../../../testing/bffClient';
import { freePort, startRedis, type TestRedis } from '../../../testing/redis';
import { bffEnvForSandbox, startTestSandbox, type TestSandbox } from '../../../sandbox/testSupport';
import { startTcpProxy, targetOf, type TcpProxy } from '../../../testing/tcpProxy';
import { APPLICANTS, eventually, makeClient, newChange, type Client } from '../harness';
import { readyChange } from '../security/fixtures';
import { startBffProcess, type BffProcess } from './bffProcess';

let redis: TestRedis;
let sandbox: TestSandbox;
let dataDir: string;
let port: number;
let bff: BffProcess | null = null;
let gate: TcpProxy;

function env(reviewSystemUrl: string): Record<string, string> {
  return {
    ...bffEnvForSandbox(sandbox),
    REDIS_URL: redis.url,
    REVIEW_SYSTEM_URL: reviewSystemUrl,
    REVIEW_CALLBACK_URL: `http://127.0.0.1:${port}/api/review-events`,
    DATA_DIR: dataDir,
    STATIC_DIR: join(dataDir, 'no-h5-build'),
    JOB_BACKOFF_MS: '100',
    JOB_BACKOFF_MAX_MS: '300',
    LOG_LEVEL: 'info',
  };
}

beforeAll(async () => {
  redis = await startRedis();
  port = await freePort();
  sandbox = await startTestSandbox({ callbackUrl: `http://127.0.0.1:${port}/api/review-events` });
  dataDir = mkdtempSync(join(tmpdir(), 'bff-crash-'));
  // The review system behind a switch: connections refused while it is "down".
  gate = await startTcpProxy({ targets: () => [targetOf(sandbox.url)] });
});
afterAll(async () => {
  await bff?.kill('SIGTERM');
  await gate?.close();
  await sandbox?.dispose();
  await redis?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function login(url: string, applicantId: string): Promise<Client> {
  const res = await makeClient(url, null).ok('login', { body: { code: `demo-${applicantId}.crash${Date.now()}` } });
  return makeClient(url, res.body.token);
}

test('killed mid-autosave and mid-relay: drafts whole, sessions kept, the queued submission relayed exactly once', async () => {
  bff = await startBffProcess(env(gate.url('http')), port);
  const yunqi = await login(bff.url, APPLICANTS.yunqi.applicantId);
  const mingde = await login(bff.url, APPLICANTS.mingde.applicantId);

  // yunqi submits while the review system is unreachable (queued); mingde keeps autosaving from two pages.
  const submittedId = await readyChange(yunqi);
  const created = await mingde.ok('createChange', { body: newChange(APPLICANTS.mingde) });
  gate.cut();
  const submitted = await yunqi.call('submit', { params: { id: submittedId }, body: { agreed: true }, headers: { 'idempotency-key': 'crash-1' } });
  expect(submitted.status).toBe(202);
  const id = created.body.id;
  const params = { id };
  const attempted = new Set<string>([created.body.form.notes]);
  let acked = { version: 1, notes: created.body.form.notes };
  let etag = '"1"';
  let alive = true;
  let n = 0;
  const page = async () => {
    while (alive) {
      n += 1;
      const notes = `崩溃前的第${n}次保存`;
      attempted.add(notes);
      try {
        const res = await mingde.call('patchChange', { params, body: { form: { notes } }, headers: { 'if-match': etag } });
        if (res.ok && res.body.draft.version > acked.version) {
          acked = { version: res.body.draft.version, notes };
          etag = `"${res.body.draft.version}"`;
        } else if (res.status === 412) {
          etag = res.headers.get('etag') ?? etag;
        }
      } catch (err) {
        // The process died under this request (an answer off the contract is a failure, not the crash).
        if (err instanceof ContractViolation) throw err;
      }
    }
  };
  const pages = [page(), page()];
  await eventually(() => acked.version >= 10, 'autosaves before the crash');
  await bff.kill('SIGKILL');
  alive = false;
  await Promise.all(pages);
  expect(acked.version).toBeGreaterThanOrEqual(10);

  // Second life, the review system reachable again.
  gate.restore();
  bff = await startBffProcess(env(gate.url('http')), port);
  // Sessions live in Redis: the same tokens work against the new process.
  // The client parses the answer with the contract's draft schema: a half-written draft would fail here.
  const after = await mingde.call('getChange', { params });
  expectOk(after, 200);
  expect(changeDraft.safeParse(after.body).success).toBe(true);
  expect(after.body.version).toBeGreaterThanOrEqual(acked.version);
  if (after.body.version === acked.version) expect(after.body.form.notes).toBe(acked.notes);
  // Whole: what is stored is one of the saves that were sent, never a mix.
  expect(attempted.has(after.body.form.notes)).toBe(true);
  // Index and open-change pointer are consistent: the list has it once, and "create" finds it instead of a second one.
  expect((await mingde.ok('listChanges')).body.changes.map((c) => c.id)).toEqual([id]);
  const again = await mingde.call('createChange', { body: newChange(APPLICANTS.mingde) });
  expectOk(again, 200);
  expect(again.body.id).toBe(id);
  // And saving goes on from the stored version.
  expect((await mingde.call('patchChange', { params, body: { form: { notes: '重启后的保存' } }, headers: { 'if-match': `"${after.body.version}"` } })).status).toBe(200);

  // The queued relay survived the crash and runs once against the review system (a job caught mid-attempt is taken
  // back by BullMQ's stalled-job check, which can take its lock duration).
  await eventually(async () => (await yunqi.ok('getProgress', { params: { id: submittedId } })).body.status === 'initial_review', 'the relay after restart', 45_000);
  const { submissions } = await (await fetch(`${sandbox.url}/control/submissions`)).json();
  expect(submissions.filter((s: { changeId: string }) => s.changeId === submittedId)).toHaveLength(1);
}, 90_000);
