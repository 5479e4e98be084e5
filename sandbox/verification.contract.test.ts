// Contract tests of the sandbox's verification service (电子化核验): tasks, the page, outcomes, expiry and signed, retried callbacks.
import { verifySignature } from '../shared/contracts/signature';
import { verificationEvent, verificationTask, VERIFICATION_SIGNATURE_HEADER, VERIFICATION_TIMESTAMP_HEADER, type CreateVerificationTaskRequest } from '../shared/contracts/verification';
import { eventually } from '../testing/eventually';
import { makeResidentId } from './seed';
import { CALLBACK_SECRET, call, startReceiver, startTestSandbox, type TestSandbox } from './testSupport';

let sandbox: TestSandbox;
beforeEach(async () => {
  sandbox = await startTestSandbox();
});
afterEach(async () => {
  await sandbox.dispose();
});

const person = (callbackUrl?: string): CreateVerificationTaskRequest => ({
  changeId: 'chg_abcdefabcdef',
  filingId: 'filing-zhe-yunqi',
  role: 'websitePrincipal',
  name: '周晓峰',
  idType: 'resident_id',
  idNumber: makeResidentId('330102', '19900718', '057'),
  mobile: '13732165498',
  ...(callbackUrl ? { callbackUrl } : {}),
});

const create = (body: unknown) => call(sandbox.url, 'POST', '/verification/v1/tasks', { body });

test('creates a pending task valid for 24 h, with a short H5 link and the mini-program path; refuses a wrong key or body', async () => {
  const created = await create(person());
  expect(created.status).toBe(201);
  const task = verificationTask.parse(created.body);
  expect(task).toMatchObject({ status: 'pending', reason: null, role: 'websitePrincipal', completedAt: null, entry: { demo: true, appId: expect.any(String) } });
  expect(new Date(task.expiresAt).getTime() - new Date(task.createdAt).getTime()).toBe(24 * 3600 * 1000);
  // The link is an SMS param (≤ 64 characters with a real domain) and its token is the only credential.
  expect(task.entry.h5Url).toMatch(new RegExp(`^${sandbox.url}/v/[A-Za-z0-9_-]{20}$`));
  expect(task.entry.path).toMatch(/^pages\/verify\/index\?t=[A-Za-z0-9_-]{20}$/);
  expect((await call(sandbox.url, 'GET', `/verification/v1/tasks/${task.taskId}`)).body).toEqual(task);

  expect((await call(sandbox.url, 'POST', '/verification/v1/tasks', { body: person(), headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  const bad = await create({ ...person(), mobile: '123' });
  expect(bad.status).toBe(400);
  expect(bad.body.message).toContain('mobile');
  expect((await call(sandbox.url, 'GET', '/verification/v1/tasks/vt_unknown')).status).toBe(404);
});

test('the page asks to hold the ID, offers the liveness outcomes, and completing it ends the task; a wrong token finds nothing', async () => {
  const task = verificationTask.parse((await create(person())).body);
  const page = await fetch(task.entry.h5Url);
  expect(page.status).toBe(200);
  const html = await page.text();
  for (const text of ['电子化核验', '网站负责人 周*峰', '身份证人像面', '我已手持身份证，开始核验', '光线不足', '人脸与证件不一致', '证件已过期']) expect(html).toContain(text);
  expect(html).not.toContain('周晓峰');
  expect((await fetch(`${sandbox.url}/v/AAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);

  const token = task.entry.h5Url.split('/v/')[1];
  const done = await call(sandbox.url, 'POST', `/v/${token}/complete`, { body: { outcome: 'poor_lighting' }, auth: false });
  expect(done.status).toBe(200);
  expect(done.body).toMatchObject({ status: 'failed', reason: 'poor_lighting', completedAt: expect.any(String) });
  expect(await (await fetch(task.entry.h5Url)).text()).toContain('光线不足：人脸识别时光线太暗或逆光');
  // A task ends once.
  const again = await call(sandbox.url, 'POST', `/v/${token}/complete`, { body: { outcome: 'pass' }, auth: false });
  expect(again.status).toBe(409);
  expect(again.body.code).toBe('task_closed');
});

test('completion is a signed callback (verification headers, same scheme and secret), retried until 2xx', async () => {
  let failuresLeft = 2;
  const receiver = await startReceiver(() => (failuresLeft-- > 0 ? 500 : 204));
  try {
    const task = verificationTask.parse((await create(person(receiver.url))).body);
    expect((await call(sandbox.url, 'POST', `/control/verification/${task.taskId}/complete`, { body: { outcome: 'pass' }, auth: false })).status).toBe(200);
    await eventually(() => receiver.received.some((r) => r.status === 204), 'a delivery answered 204');
    expect(receiver.received.map((r) => r.status)).toEqual([500, 500, 204]);
    expect(new Set(receiver.received.map((r) => r.rawBody)).size).toBe(1);
    const delivery = receiver.received[2];
    expect(verificationEvent.parse(JSON.parse(delivery.rawBody))).toMatchObject({ taskId: task.taskId, changeId: 'chg_abcdefabcdef', role: 'websitePrincipal', type: 'passed', sequence: 1 });
    const timestamp = delivery.headers[VERIFICATION_TIMESTAMP_HEADER] as string;
    const signature = delivery.headers[VERIFICATION_SIGNATURE_HEADER] as string;
    expect(verifySignature(CALLBACK_SECRET, timestamp, delivery.rawBody, signature)).toBe(true);
    expect(verifySignature('another-secret', timestamp, delivery.rawBody, signature)).toBe(false);
  } finally {
    await receiver.close();
  }
});

test('a failure carries its reason; expiring a task ends it as expired with a callback', async () => {
  const receiver = await startReceiver();
  try {
    const failed = verificationTask.parse((await create(person(receiver.url))).body);
    await call(sandbox.url, 'POST', `/control/verification/${failed.taskId}/complete`, { body: { outcome: 'id_expired' }, auth: false });
    const expiring = verificationTask.parse((await create(person(receiver.url))).body);
    const expired = await call(sandbox.url, 'POST', `/control/verification/${expiring.taskId}/expire`, { auth: false });
    expect(expired.body).toMatchObject({ status: 'expired' });
    await eventually(() => receiver.received.length === 2, 'both callbacks');
    const events = receiver.received.map((r) => verificationEvent.parse(JSON.parse(r.rawBody)));
    expect(events.map((e) => [e.taskId, e.type, e.reason])).toEqual(
      expect.arrayContaining([
        [failed.taskId, 'failed', 'id_expired'],
        [expiring.taskId, 'expired', undefined],
      ]),
    );
    expect((await call(sandbox.url, 'POST', `/control/verification/${expiring.taskId}/complete`, { body: { outcome: 'pass' }, auth: false })).status).toBe(409);
  } finally {
    await receiver.close();
  }
});
