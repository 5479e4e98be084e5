// Functional tests of identity verification (电子化核验): who must verify, submit blocked until the new principal passed,
// a failure's reason and the retry, expiry, the SMS with the link, and the callback's security (forged, stale,
// replayed, out of order), against real Redis and the sandbox's verification service.
import { expectError, expectOk } from '../../testing/bffClient';
import { documentPhotoJpeg } from '../src/materials/sampleImages';
import { signPayload } from '../../shared/contracts/signature';
import { VERIFICATION_SIGNATURE_HEADER, VERIFICATION_TIMESTAMP_HEADER, type VerificationEvent } from '../../shared/contracts/verification';
import { makeResidentId } from '../../sandbox/seed';
import { APPLICANTS, CALLBACK_SECRET, eventually, newChange, startHarness, type Client, type Harness } from './harness';

let h: Harness;
let yunqi: Client;
let formPhoto: Buffer;
let idPhoto: Buffer;

const NEW_PRINCIPAL = {
  name: '周晓峰',
  idType: 'resident_id',
  idNumber: makeResidentId('330102', '19900718', '057'),
  idValidUntil: '2040-07-18',
  mobile: '13732165498',
  email: 'zhouxf@yunqi-tech.cn',
};

beforeAll(async () => {
  h = await startHarness();
  [formPhoto, idPhoto] = await Promise.all([
    documentPhotoJpeg({ width: 2400, height: 1800, shape: 'a4', noise: 6 }),
    documentPhotoJpeg({ width: 1600, height: 1000, shape: 'id_card', noise: 6 }),
  ]);
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
  yunqi = await h.login(APPLICANTS.yunqi.applicantId);
});

interface SandboxTask {
  taskId: string;
  status: string;
  mobile: string;
  entry: { h5Url: string };
}

const tasksOf = async (changeId: string) => (await h.sandboxGet<{ tasks: SandboxTask[] }>(`/control/verification?changeId=${changeId}`)).tasks;
const verificationsOf = async (changeId: string) => (await yunqi.ok('listVerifications', { params: { id: changeId } })).body.verifications;
const checkLine = async (changeId: string, id: string) => (await yunqi.ok('getChecks', { params: { id: changeId } })).body.checks.find((c) => c.id === id);

async function createChange(form: Record<string, unknown>): Promise<string> {
  const created = await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) });
  await yunqi.ok('patchChange', { params: { id: created.body.id }, body: { form }, headers: { 'if-match': created.headers.get('etag') ?? '' } });
  return created.body.id;
}

/** The main website gets its own new principal (同主体负责人 unticked), with the new phone verified and every photo uploaded. */
async function principalChange(): Promise<string> {
  const id = await createChange({ principalSameAsEntity: false, websitePrincipal: NEW_PRINCIPAL });
  expectOk(await yunqi.call('sendSms', { params: { id }, body: { phone: NEW_PRINCIPAL.mobile } }), 202);
  const { messages } = await h.sandboxGet<{ messages: { templateId: string; params: { code: string } }[] }>(`/outbox/sms?phone=${NEW_PRINCIPAL.mobile}`);
  const code = messages.filter((m) => m.templateId === 'verification_code').pop()!.params.code;
  expectOk(await yunqi.call('verifySms', { params: { id }, body: { phone: NEW_PRINCIPAL.mobile, code } }), 200);
  for (const [kind, subject, photo] of [
    ['id_front', 'website_principal', idPhoto],
    ['id_back', 'website_principal', idPhoto],
    ['verification_form', 'website', formPhoto],
  ] as const) {
    expectOk(await yunqi.call('uploadMaterial', { params: { id, kind }, body: { subject }, file: photo }), 200);
  }
  return id;
}

const submit = (id: string, key: string) => yunqi.call('submit', { params: { id }, body: { agreed: true }, headers: { 'idempotency-key': key } });

async function complete(taskId: string, outcome: string) {
  const res = await h.sandboxPost(`/control/verification/${taskId}/complete`, { outcome });
  expect(res.status).toBe(200);
}

function signedEvent(event: VerificationEvent, options: { secret?: string; timestamp?: number } = {}) {
  const body = JSON.stringify(event);
  const ts = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(`${h.url}/api/verification-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [VERIFICATION_TIMESTAMP_HEADER]: String(ts), [VERIFICATION_SIGNATURE_HEADER]: signPayload(options.secret ?? CALLBACK_SECRET, ts, body) },
    body,
  });
}

test('a contact-only change needs no verification: no 负责人核验 item, no checklist line, and starting one is refused', async () => {
  const id = await createChange({ entityPrincipal: { email: 'lina-new@yunqi-tech.cn' } });
  expect(await verificationsOf(id)).toEqual([]);
  const checks = (await yunqi.ok('getChecks', { params: { id } })).body.checks.map((c) => c.id);
  expect(checks).not.toEqual(expect.arrayContaining(['website_principal_verified']));
  expect(checks).not.toContain('entity_principal_verified');
  const refused = await yunqi.call('startVerification', { params: { id, role: 'entityPrincipal' } });
  expectError(refused, 422);
  expect(refused.body.message).toBe('本次变更没有更换主体负责人（姓名、证件类型、证件号码均未修改），主体负责人无需电子化核验');
});

test('a replaced website principal blocks submit until their verification passed; the review system receives the result', async () => {
  const id = await principalChange();
  expect(await verificationsOf(id)).toEqual([
    expect.objectContaining({ role: 'websitePrincipal', who: '网站负责人', name: '周*峰', mobile: '137****5498', status: 'not_started', canStart: true, entry: null }),
  ]);
  const blocked = await submit(id, 'v-1');
  expectError(blocked, 422, 'submit_blocked');
  // Verification is the only thing left.
  expect(blocked.body.fields).toEqual([{ path: 'website_principal_verified', message: '网站负责人周*峰尚未进行电子化核验；请在“负责人核验”中发起核验，由本人在手机上持身份证完成人脸核验' }]);

  const started = await yunqi.call('startVerification', { params: { id, role: 'websitePrincipal' } });
  expectOk(started, 201);
  expect(started.body).toMatchObject({ status: 'pending', canStart: false, smsSent: true, entry: { demo: true, h5Url: expect.stringMatching(/\/v\/[A-Za-z0-9_-]{20}$/) } });
  // Tapping again returns the same task; nothing new is created.
  expectOk(await yunqi.call('startVerification', { params: { id, role: 'websitePrincipal' } }), 200);
  const [task] = await tasksOf(id);
  expect(await tasksOf(id)).toHaveLength(1);
  expect(task).toMatchObject({ status: 'pending', mobile: NEW_PRINCIPAL.mobile });
  // The new principal is not the applicant: the link went to their phone.
  const { messages } = await h.sandboxGet<{ messages: { templateId: string; text: string }[] }>(`/outbox/sms?phone=${NEW_PRINCIPAL.mobile}`);
  expect(messages.filter((m) => m.templateId === 'identity_verification').map((m) => m.text)).toEqual([expect.stringContaining(task.entry.h5Url)]);
  expect((await checkLine(id, 'website_principal_verified'))?.message).toMatch(/电子化核验尚未完成/);
  expectError(await submit(id, 'v-2'), 422, 'submit_blocked');

  await complete(task.taskId, 'pass');
  await eventually(async () => (await verificationsOf(id))[0].status === 'passed', 'the signed callback applied');
  expect(await checkLine(id, 'website_principal_verified')).toMatchObject({ outcome: 'pass' });
  expectOk(await submit(id, 'v-3'), 202);
  const submission = await eventually(async () => {
    const { submissions } = await h.sandboxGet<{ submissions: { changeId: string; verifications?: unknown[] }[] }>('/control/submissions');
    return submissions.find((s) => s.changeId === id);
  }, 'the relayed submission');
  expect(submission.verifications).toEqual([{ role: 'websitePrincipal', taskId: task.taskId, status: 'passed', completedAt: expect.any(String) }]);
});

test('a failed verification shows its reason and can be retried with a new task; an expired one too', async () => {
  const id = await principalChange();
  await yunqi.ok('startVerification', { params: { id, role: 'websitePrincipal' } });
  const [first] = await tasksOf(id);
  await complete(first.taskId, 'face_mismatch');
  await eventually(async () => (await verificationsOf(id))[0].status === 'failed', 'the failure applied');
  expect((await verificationsOf(id))[0]).toMatchObject({ status: 'failed', reason: '人脸与证件不一致：请由证件上的本人持本人身份证重新核验', canStart: true, entry: null });
  expect((await checkLine(id, 'website_principal_verified'))?.message).toBe('网站负责人周*峰电子化核验未通过（人脸与证件不一致：请由证件上的本人持本人身份证重新核验）；请点“重新核验”');

  expectOk(await yunqi.call('startVerification', { params: { id, role: 'websitePrincipal' } }), 201);
  const second = (await tasksOf(id)).find((t) => t.taskId !== first.taskId)!;
  expect((await verificationsOf(id))[0]).toMatchObject({ status: 'pending', reason: null });
  // The failed task is closed for good: the page cannot pass it afterwards.
  expect((await h.sandboxPost(`/control/verification/${first.taskId}/complete`, { outcome: 'pass' })).status).toBe(409);

  expect((await h.sandboxPost(`/control/verification/${second.taskId}/expire`, {})).status).toBe(200);
  await eventually(async () => (await verificationsOf(id))[0].status === 'expired', 'the expiry applied');
  expect((await checkLine(id, 'website_principal_verified'))?.message).toMatch(/超过24小时未完成，已失效/);
  expectOk(await yunqi.call('startVerification', { params: { id, role: 'websitePrincipal' } }), 201);
  const third = (await tasksOf(id)).find((t) => t.status === 'pending')!;
  await complete(third.taskId, 'pass');
  await eventually(async () => (await verificationsOf(id))[0].status === 'passed', 'the retry passed');
});

test('a task past its 24 h reads as expired even before the callback arrives', async () => {
  const id = await principalChange();
  await yunqi.ok('startVerification', { params: { id, role: 'websitePrincipal' } });
  const key = `{applicant:${APPLICANTS.yunqi.applicantId}}:change:${id}:verifications`;
  const record = JSON.parse((await h.redis.client.hget(key, 'websitePrincipal'))!);
  await h.redis.client.hset(key, 'websitePrincipal', JSON.stringify({ ...record, expiresAt: new Date(Date.now() - 1000).toISOString() }));
  expect((await verificationsOf(id))[0]).toMatchObject({ status: 'expired', canStart: true });
});

test('editing the principal after verifying makes the verification not count for the new identity', async () => {
  const id = await principalChange();
  await yunqi.ok('startVerification', { params: { id, role: 'websitePrincipal' } });
  await complete((await tasksOf(id))[0].taskId, 'pass');
  await eventually(async () => (await verificationsOf(id))[0].status === 'passed', 'passed');
  const draft = await yunqi.ok('getChange', { params: { id } });
  await yunqi.ok('patchChange', { params: { id }, body: { form: { websitePrincipal: { name: '周晓风' } } }, headers: { 'if-match': draft.headers.get('etag') ?? '' } });
  expect((await verificationsOf(id))[0]).toMatchObject({ name: '周*风', status: 'not_started', canStart: true });
});

describe('the completion callback', () => {
  let id: string;
  let event: VerificationEvent;
  beforeEach(async () => {
    id = await principalChange();
    await yunqi.ok('startVerification', { params: { id, role: 'websitePrincipal' } });
    const [task] = await tasksOf(id);
    event = { eventId: 'vev_test_1', taskId: task.taskId, changeId: id, role: 'websitePrincipal', type: 'passed', at: new Date().toISOString(), sequence: 1 };
  });

  test('a forged signature or a stale timestamp is refused with 401 and changes nothing', async () => {
    expect((await signedEvent(event, { secret: 'not-the-secret' })).status).toBe(401);
    expect((await signedEvent(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);
    const unsigned = await fetch(`${h.url}/api/verification-events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
    expect(unsigned.status).toBe(401);
    expect((await verificationsOf(id))[0].status).toBe('pending');
  });

  test('a replayed event is acknowledged once applied and never applied again', async () => {
    const first = await signedEvent(event);
    expect(await first.json()).toEqual({ ok: true, outcome: 'applied' });
    const again = await signedEvent({ ...event, type: 'failed', reason: 'poor_lighting' });
    expect(await again.json()).toEqual({ ok: true, outcome: 'duplicate' });
    expect((await verificationsOf(id))[0].status).toBe('passed');
  });

  test('an event ahead of the sequence is refused with 409 (the sender retries); one behind it, or of a replaced task, is ignored', async () => {
    expect((await signedEvent({ ...event, eventId: 'vev_early', sequence: 2 })).status).toBe(409);
    expect((await verificationsOf(id))[0].status).toBe('pending');
    expect(await (await signedEvent(event)).json()).toEqual({ ok: true, outcome: 'applied' });
    expect(await (await signedEvent({ ...event, eventId: 'vev_old', type: 'failed', reason: 'id_expired', sequence: 1 })).json()).toEqual({ ok: true, outcome: 'stale' });
    expect(await (await signedEvent({ ...event, eventId: 'vev_other', taskId: 'vt_someoneelse' })).json()).toEqual({ ok: true, outcome: 'stale' });
    expect((await verificationsOf(id))[0].status).toBe('passed');
  });
});
