// Functional tests of SMS verification: codes through the sandbox gateway, hashed in Redis, 60 s / daily limits,
// 5 wrong tries, and the verified phone recorded on the draft.
import { expectError, expectOk } from '../../testing/bffClient';
import { keys } from '../src/stores/keys';
import { APPLICANTS, newChange, startHarness, type Client, type Harness } from './harness';

let h: Harness;
let yunqi: Client;
let changeId: string;
const NEW_PHONE = '13912345678';

beforeAll(async () => {
  h = await startHarness({ env: { SMS_DAILY_CAP: '3' } });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
  yunqi = await h.login(APPLICANTS.yunqi.applicantId);
  changeId = (await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) })).body.id;
  await yunqi.ok('patchChange', { params: { id: changeId }, body: { form: { entityPrincipal: { mobile: `+86 ${NEW_PHONE}` } } }, headers: { 'if-match': '"1"' } });
});

const send = (phone: string) => yunqi.call('sendSms', { params: { id: changeId }, body: { phone } });
const verify = (phone: string, code: string) => yunqi.call('verifySms', { params: { id: changeId }, body: { phone, code } });
const draft = () => yunqi.ok('getChange', { params: { id: changeId } });

async function lastCode(phone: string): Promise<string> {
  const { messages } = await h.sandboxGet<{ messages: { templateId: string; params: { code: string } }[] }>(`/outbox/sms?phone=${phone}`);
  const codes = messages.filter((m) => m.templateId === 'verification_code');
  return codes[codes.length - 1].params.code;
}

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

test('202 sends a code to the new phone; the code is stored hashed; verifying it marks the phone verified', async () => {
  const sent = await send(NEW_PHONE);
  expectOk(sent, 202);
  expect(sent.body).toEqual({ phone: NEW_PHONE, resendAfterSeconds: 60, expiresInSeconds: 300 });
  const code = await lastCode(NEW_PHONE);
  expect(code).toMatch(/^\d{6}$/);

  const stored = await h.redis.client.hgetall(keys.smsCode(APPLICANTS.yunqi.applicantId, changeId, NEW_PHONE));
  expect(JSON.stringify(stored)).not.toContain(code);
  const ttl = await h.redis.client.ttl(keys.smsCode(APPLICANTS.yunqi.applicantId, changeId, NEW_PHONE));
  expect(ttl).toBeGreaterThan(0);
  expect(ttl).toBeLessThanOrEqual(300);

  const verified = await verify(NEW_PHONE, code);
  expectOk(verified, 200);
  expect(verified.body).toEqual({ phone: NEW_PHONE, verified: true, verifiedPhones: [NEW_PHONE] });
  const saved = await draft();
  expect(saved.body.verifiedPhones).toEqual([NEW_PHONE]);
  expect(verified.headers.get('etag')).toBe(saved.headers.get('etag'));
  // A code works once.
  expect((await verify(NEW_PHONE, code)).status).toBe(422);
});

test('an SMS code flood gets 429 with Retry-After; the daily cap too', async () => {
  expect((await send(NEW_PHONE)).status).toBe(202);
  const flood = await Promise.all(Array.from({ length: 5 }, () => send(NEW_PHONE)));
  for (const res of flood) {
    expectError(res, 429, 'rate_limited');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  }
  const { messages } = await h.sandboxGet<{ messages: unknown[] }>(`/outbox/sms?phone=${NEW_PHONE}`);
  expect(messages).toHaveLength(1);

  // Let the 60 s window pass (by removing it) twice more: the cap of 3 a day is then reached.
  for (let i = 0; i < 2; i += 1) {
    await h.redis.client.del(keys.smsCooldown(NEW_PHONE));
    expect((await send(NEW_PHONE)).status).toBe(202);
  }
  await h.redis.client.del(keys.smsCooldown(NEW_PHONE));
  const capped = await send(NEW_PHONE);
  expectError(capped, 429);
  expect(capped.body.message).toMatch(/今天.*上限/);
  expect(Number(capped.headers.get('retry-after'))).toBeGreaterThan(60);
});

test('5 wrong tries invalidate the code', async () => {
  await yunqi.ok('sendSms', { params: { id: changeId }, body: { phone: NEW_PHONE } });
  const code = await lastCode(NEW_PHONE);
  for (let i = 1; i <= 4; i += 1) {
    const wrong = await verify(NEW_PHONE, wrongCode(code));
    expectError(wrong, 422);
    expect(wrong.body.fields?.[0]).toEqual({ path: 'code', message: `验证码不正确，还可尝试 ${5 - i} 次` });
  }
  const fifth = await verify(NEW_PHONE, wrongCode(code));
  expectError(fifth, 422);
  expect(fifth.body.fields?.[0].message).toMatch(/次数过多已失效/);
  const right = await verify(NEW_PHONE, code);
  expect(right.status).toBe(422);
  expect((await draft()).body.verifiedPhones).toEqual([]);
});

test('only a new or changed phone of this change can be verified', async () => {
  const filed = (await draft()).body.base.entityPrincipal.mobile;
  const res = await send(filed);
  expectError(res, 422);
  expect(res.body.fields?.[0].path).toBe('phone');
  const bad = await send('12345');
  expectError(bad, 422);
  expect(bad.body.fields?.[0].message).toMatch(/11位/);
});
