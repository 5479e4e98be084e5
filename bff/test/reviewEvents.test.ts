// Functional tests of the review system's signed callback: forged and replayed ones are refused and change nothing,
// repeated ones are ignored, early ones are refused for retry, and events apply in sequence order.
import { signPayload, signedHeaders } from '../../shared/contracts/signature';
import { expectError, expectOk } from '../../testing/bffClient';
import { documentPhotoJpeg } from '../src/materials/sampleImages';
import { APPLICANTS, CALLBACK_SECRET, eventually, newChange, startHarness, type Client, type Harness } from './harness';

let h: Harness;
let yunqi: Client;
let changeId: string;
let submissionId: string;

beforeAll(async () => {
  h = await startHarness();
  await h.reset();
  yunqi = await h.login(APPLICANTS.yunqi.applicantId);
  changeId = (await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) })).body.id;
  const params = { id: changeId };
  await yunqi.ok('patchChange', { params, body: { form: { name: '云栖科技官方网站' } }, headers: { 'if-match': '"1"' } });
  const photo = await documentPhotoJpeg({ width: 2400, height: 1800, shape: 'a4', noise: 6 });
  expect((await yunqi.call('uploadMaterial', { params: { ...params, kind: 'verification_form' }, body: { subject: 'website' }, file: photo })).status).toBe(200);
  expect((await yunqi.call('submit', { params, body: { agreed: true }, headers: { 'idempotency-key': 'events-1' } })).status).toBe(202);
  await eventually(async () => (await yunqi.ok('getChange', { params })).body.status === 'initial_review', 'relay');
  const { submissions } = await h.sandboxGet<{ submissions: { submissionId: string; changeId: string }[] }>('/control/submissions');
  submissionId = submissions.find((s) => s.changeId === changeId)!.submissionId;
  // The sandbox's own `received` event (sequence 1) must have been delivered before the crafted ones below.
  await eventually(async () => {
    const { deliveries } = await h.sandboxGet<{ deliveries: { submissionId: string; sequence: number; deliveredAt: string | null }[] }>('/control/deliveries');
    return deliveries.some((d) => d.submissionId === submissionId && d.sequence === 1 && d.deliveredAt);
  }, 'the received callback');
}, 30000);
afterAll(async () => {
  await h?.close();
});

function event(sequence: number, type: string, extra: Record<string, unknown> = {}) {
  return { eventId: `evt-${type}-${sequence}`, submissionId, changeId, type, at: new Date().toISOString(), sequence, ...extra };
}

/** The event signed with the callback secret (or `headers` to forge the signature); the client sends the same JSON bytes. */
async function deliver(body: unknown, headers?: Record<string, string>) {
  return h.anonymous().call('reviewEvents', { body, headers: headers ?? signedHeaders(CALLBACK_SECRET, JSON.stringify(body)) });
}

async function snapshot() {
  const draft = (await yunqi.ok('getChange', { params: { id: changeId } })).body;
  const progress = (await yunqi.ok('getProgress', { params: { id: changeId } })).body;
  return { status: draft.status, version: draft.version, timeline: progress.timeline.length };
}

test('a forged, tampered or replayed callback is refused with 401 and changes nothing', async () => {
  const before = await snapshot();
  const body = event(2, 'initial_passed');
  const raw = JSON.stringify(body);

  const forged = await deliver(body, signedHeaders('not-the-secret', raw));
  expect(forged.status).toBe(401);

  const signed = signedHeaders(CALLBACK_SECRET, raw);
  const tampered = await deliver({ ...body, type: 'authority_approved' }, signed);
  expect(tampered.status).toBe(401);

  const old = Math.floor(Date.now() / 1000) - 10 * 60;
  const replayed = await deliver(body, {
    'content-type': 'application/json',
    'x-review-timestamp': String(old),
    'x-review-signature': signPayload(CALLBACK_SECRET, old, raw),
  });
  expectError(replayed, 401, 'unauthenticated');

  const unsigned = await deliver(body, {});
  expect(unsigned.status).toBe(401);

  expect(await snapshot()).toEqual(before);
});

test('events out of order: an early one is refused for retry, then all apply in sequence; repeats are ignored', async () => {
  const early = await deliver(event(3, 'authority_started', { miitCheck: { deadline: '2030-01-02T10:00:00.000Z' } }));
  expect(early.status).toBe(409);
  expect((await snapshot()).status).toBe('initial_review');

  const second = await deliver(event(2, 'initial_passed'));
  expectOk(second, 200);
  expect(second.body.outcome).toBe('applied');
  expect((await snapshot()).status).toBe('authority_pending');

  // The sender retries the early one: now it applies.
  const third = await deliver(event(3, 'authority_started', { miitCheck: { deadline: '2030-01-02T10:00:00.000Z' } }));
  expect(third.status).toBe(200);
  const after = await snapshot();
  expect(after.status).toBe('authority_review');

  // The same event again (at-least-once delivery), or an older sequence under a new id: acknowledged, nothing changes.
  const repeat = await deliver(event(3, 'authority_started', { miitCheck: { deadline: '2030-01-02T10:00:00.000Z' } }));
  expectOk(repeat, 200);
  expect(repeat.body.outcome).toBe('duplicate');
  const older = await deliver({ ...event(2, 'initial_rejected'), eventId: 'evt-late-duplicate', reasons: [] });
  expectOk(older, 200);
  expect(older.body.outcome).toBe('stale_sequence');
  expect(await snapshot()).toEqual(after);

  const progress = (await yunqi.ok('getProgress', { params: { id: changeId } })).body;
  expect(progress.miitCheck).toEqual({ deadline: '2030-01-02T10:00:00.000Z', instructions: expect.stringContaining('工信部') });
});

test('a callback off the contract is 400; one for an unknown change is acknowledged and ignored', async () => {
  expect((await deliver({ hello: 'world' })).status).toBe(400);
  const unknown = await deliver({ ...event(1, 'initial_passed'), changeId: 'chg_unknown', eventId: 'evt-unknown' });
  expectOk(unknown, 200);
  expect(unknown.body.outcome).toBe('unknown_change');
});
