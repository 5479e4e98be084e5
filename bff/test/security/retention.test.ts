// Photo retention (PIPL, issue 12 item 7): a change's photos are deleted when it is withdrawn or approved, and when it
// expires — Redis drops an untouched change's keys, and the sweep finds its photos through the photo index. Photos of
// an open change, and a fresh upload not yet attached, are kept.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expectOk } from '../../../testing/bffClient';
import { documentPhotoJpeg } from '../../src/materials/sampleImages';
import { keys } from '../../src/stores/keys';
import { UNREFERENCED_GRACE_MS } from '../../src/services/retentionService';
import { createMaterialIndexStore } from '../../src/stores/materialIndexStore';
import { APPLICANTS, eventually, newChange, startHarness, type Client, type Harness } from '../harness';

let h: Harness;
let yunqi: Client;
let formPhoto: Buffer;

beforeAll(async () => {
  h = await startHarness();
  formPhoto = await documentPhotoJpeg({ width: 2400, height: 1800, shape: 'a4', noise: 6 });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
  yunqi = await h.login(APPLICANTS.yunqi.applicantId);
});

const fileOnDisk = (fileId: string) => join(h.bffEnv.DATA_DIR, 'materials', `${fileId}.jpg`);
const indexed = async () => Object.keys(await h.redis.client.hgetall(keys.materialIndex()));
const status = async (id: string) => (await yunqi.ok('getProgress', { params: { id } })).body.status;

/** A change of the yunqi main website with a new name and the verification form photographed: ready to submit. */
async function changeWithPhoto(): Promise<{ id: string; fileId: string; previewUrl: string }> {
  const created = await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) });
  const id = created.body.id;
  await yunqi.ok('patchChange', { params: { id }, body: { form: { name: '云栖科技官方网站' } }, headers: { 'if-match': created.headers.get('etag') ?? '' } });
  const upload = await yunqi.ok('uploadMaterial', { params: { id, kind: 'verification_form' }, body: { subject: 'website' }, file: formPhoto });
  const fileId = Object.values((await yunqi.ok('getChange', { params: { id } })).body.materials)[0].fileId;
  expect(existsSync(fileOnDisk(fileId))).toBe(true);
  expect(await indexed()).toEqual([fileId]);
  return { id, fileId, previewUrl: upload.body.previewUrl };
}

async function expectGone(fileId: string, previewUrl: string) {
  expect(existsSync(fileOnDisk(fileId))).toBe(false);
  expect(await indexed()).not.toContain(fileId);
  expect((await h.anonymous().raw('GET', previewUrl)).status).toBe(404);
}

async function decide(id: string, stage: 'initial' | 'authority', decision: string) {
  const { submissions } = await h.sandboxGet<{ submissions: { submissionId: string; changeId: string; status: string }[] }>('/control/submissions');
  const current = submissions.find((s) => s.changeId === id && s.status !== 'withdrawn');
  expect((await h.sandboxPost(`/control/submissions/${current?.submissionId}/decide`, { stage, decision, reasons: [] })).status).toBe(200);
}

test('withdrawn: the photos are deleted at once', async () => {
  const { id, fileId, previewUrl } = await changeWithPhoto();
  expectOk(await yunqi.call('submit', { params: { id }, body: { agreed: true }, headers: { 'idempotency-key': 'ret-w' } }), 202);
  expectOk(await yunqi.call('withdraw', { params: { id } }), 200);
  await expectGone(fileId, previewUrl);
});

test('approved: the photos are deleted when the approval arrives', async () => {
  const { id, fileId, previewUrl } = await changeWithPhoto();
  expectOk(await yunqi.call('submit', { params: { id }, body: { agreed: true }, headers: { 'idempotency-key': 'ret-a' } }), 202);
  await eventually(async () => (await status(id)) === 'initial_review', 'the relay');
  await decide(id, 'initial', 'pass');
  await eventually(async () => (await status(id)) === 'authority_pending', 'initial review passed');
  // Still needed while the authority reviews.
  expect(existsSync(fileOnDisk(fileId))).toBe(true);
  await decide(id, 'authority', 'pass');
  await eventually(async () => (await status(id)) === 'approved', 'the approval');
  // The file goes first, then its index entry (so a crash between the two leaves the sweep something to find): wait for both.
  await eventually(async () => !existsSync(fileOnDisk(fileId)) && !(await indexed()).includes(fileId), 'the approved change’s photo to be deleted');
  await expectGone(fileId, previewUrl);
}, 60_000);

test('expired: once Redis has dropped the untouched draft, the sweep deletes its photos; an open draft keeps its own', async () => {
  const expiring = await changeWithPhoto();
  const open = await (async () => {
    const mingde = await h.login(APPLICANTS.mingde.applicantId);
    const created = await mingde.ok('createChange', { body: newChange(APPLICANTS.mingde) });
    await mingde.ok('uploadMaterial', { params: { id: created.body.id, kind: 'verification_form' }, body: { subject: 'website' }, file: formPhoto });
    return Object.values((await mingde.ok('getChange', { params: { id: created.body.id } })).body.materials)[0].fileId;
  })();

  // Expire the yunqi draft as its TTL would after 45 untouched days.
  await h.redis.client.pexpire(keys.change(APPLICANTS.yunqi.applicantId, expiring.id), 1);
  await eventually(async () => (await h.redis.client.exists(keys.change(APPLICANTS.yunqi.applicantId, expiring.id))) === 0, 'the draft to expire');

  expect(await h.bff.services.retention.sweep()).toBe(1);
  await expectGone(expiring.fileId, expiring.previewUrl);
  expect(existsSync(fileOnDisk(open))).toBe(true);
  expect(await indexed()).toEqual([open]);
  // Nothing more to do on the next pass.
  expect(await h.bff.services.retention.sweep()).toBe(0);
});

test('a photo no draft references is kept during the grace period (an upload in flight), deleted after it', async () => {
  const { id, fileId } = await changeWithPhoto();
  const index = createMaterialIndexStore(h.redis.client);
  // Two index entries of the same change that the draft does not reference: one fresh, one past the grace period.
  await index.record({ fileId: 'a'.repeat(32), applicantId: APPLICANTS.yunqi.applicantId, changeId: id, at: Date.now() });
  await index.record({ fileId: 'b'.repeat(32), applicantId: APPLICANTS.yunqi.applicantId, changeId: id, at: Date.now() - UNREFERENCED_GRACE_MS - 1000 });
  expect(await h.bff.services.retention.sweep()).toBe(1);
  expect((await indexed()).sort()).toEqual(['a'.repeat(32), fileId].sort());
  expect(existsSync(fileOnDisk(fileId))).toBe(true);
});
