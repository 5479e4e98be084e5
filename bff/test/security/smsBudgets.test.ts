// SMS pumping (issue 12 item 2): budgets per change (distinct numbers a day), per applicant (a day), per client address
// (an hour) and for the whole service (a minute) stop a loop that cycles numbers. Each refusal says when to try again
// (429 + Retry-After; 503 for the global one, with one alert line in the log). The BFF's clock is pinned so no window
// turns over mid-test; the client address comes from X-Forwarded-For behind one trusted proxy.
import { Writable } from 'node:stream';
import { expectError, expectOk } from '../../../testing/bffClient';
import { createLogger } from '../../src/logger';
import { keys } from '../../src/stores/keys';
import type { BffResult } from '../../../testing/bffClient';
import { APPLICANTS, newChange, startHarness, type Harness } from '../harness';

/** Beijing 12:00:05: 55 s left in the minute, 3595 s in the hour, 43195 s to Beijing midnight. */
const NOW = new Date('2026-12-01T04:00:05Z');
const TO_MIDNIGHT = 43_195;

const logLines: string[] = [];
let h: Harness;

beforeAll(async () => {
  const capture = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  h = await startHarness({
    env: {
      SMS_NUMBERS_PER_CHANGE_PER_DAY: '5',
      SMS_PER_ADDRESS_PER_HOUR: '6',
      SMS_PER_APPLICANT_PER_DAY: '8',
      SMS_GLOBAL_PER_MINUTE: '10',
      TRUST_PROXY_HOPS: '1',
    },
    logger: createLogger('info', capture),
    now: () => NOW,
  });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
  logLines.length = 0;
});

/** One change of the applicant, whose entity principal's mobile the test rewrites (each new number needs a code). */
async function openChange(applicant: { applicantId: string; filingId: string; websiteId: string }) {
  const client = await h.login(applicant.applicantId);
  const created = await client.ok('createChange', { body: newChange(applicant) });
  const id = created.body.id;
  let etag = created.headers.get('etag') ?? '';
  return {
    client,
    id,
    async setPhone(phone: string) {
      const res = await client.ok('patchChange', { params: { id }, body: { form: { entityPrincipal: { mobile: phone } } }, headers: { 'if-match': etag } });
      etag = res.headers.get('etag') ?? '';
    },
    /** Asks for a code as the client at `address` (behind the trusted proxy). */
    send: (phone: string, address: string) => client.call('sendSms', { params: { id }, body: { phone }, headers: { 'x-forwarded-for': address } }),
  };
}

const phoneNo = (i: number) => `1391234${String(i).padStart(4, '0')}`;
/** As if the 60 s between two codes to one phone had passed. */
const cooldownOver = (phone: string) => h.redis.client.del(keys.smsCooldown(phone));
const codesSent = async () => (await h.sandboxGet<{ messages: { templateId: string }[] }>('/outbox/sms')).messages.filter((m) => m.templateId === 'verification_code').length;

test('a pumping loop cycling 20 numbers on one change is stopped after 5 numbers, until Beijing midnight', async () => {
  const change = await openChange(APPLICANTS.yunqi);
  const statuses: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    await change.setPhone(phoneNo(i));
    const res = await change.send(phoneNo(i), '203.0.113.10');
    statuses.push(res.status);
    if (i === 5) {
      expectError(res, 429, 'rate_limited');
      expect(res.body.message).toBe('本次变更今天已向 5 个不同的手机号发送过验证码，请明天（北京时间0点后）再向新的号码发送；今天已收到验证码的号码仍可重新获取');
      expect(res.headers.get('retry-after')).toBe(String(TO_MIDNIGHT));
    }
  }
  expect(statuses).toEqual([...Array<number>(5).fill(202), ...Array<number>(15).fill(429)]);
  expect(await codesSent()).toBe(5);

  // A number that already had a code today may have another (once its 60 s are over).
  await cooldownOver(phoneNo(0));
  await change.setPhone(phoneNo(0));
  expectOk(await change.send(phoneNo(0), '203.0.113.10'), 202);
});

test('an applicant gets 8 codes a day over every change and address; the 9th is refused until Beijing midnight', async () => {
  const change = await openChange(APPLICANTS.yunqi);
  const phone = phoneNo(1);
  await change.setPhone(phone);
  const statuses: number[] = [];
  let refused: BffResult<'sendSms'> | undefined;
  for (let i = 0; i < 10; i += 1) {
    await cooldownOver(phone);
    const res = await change.send(phone, `198.51.100.${i + 1}`);
    statuses.push(res.status);
    refused ??= res.ok ? undefined : res;
  }
  expect(statuses).toEqual([...Array<number>(8).fill(202), 429, 429]);
  if (!refused) throw new Error('nothing was refused');
  expectError(refused, 429, 'rate_limited');
  expect(refused.body.message).toBe('您今天获取验证码已达 8 次上限，请明天（北京时间0点后）再试');
  expect(refused.headers.get('retry-after')).toBe(String(TO_MIDNIGHT));
  expect(await codesSent()).toBe(8);
});

test('one client address gets 6 codes an hour, whoever asks; another address is unaffected', async () => {
  const change = await openChange(APPLICANTS.yunqi);
  const phone = phoneNo(2);
  await change.setPhone(phone);
  for (let i = 0; i < 6; i += 1) {
    await cooldownOver(phone);
    expectOk(await change.send(phone, '203.0.113.20'), 202);
  }
  await cooldownOver(phone);
  const refused = await change.send(phone, '203.0.113.20');
  expectError(refused, 429, 'rate_limited');
  expect(refused.body.message).toBe('当前网络一小时内获取验证码已达 6 次上限，请 60 分钟后再试');
  expect(refused.headers.get('retry-after')).toBe('3595');
  // A forged left-hand X-Forwarded-For entry changes nothing: the proxy's entry is the client.
  expect((await change.send(phone, '10.1.1.1, 203.0.113.20')).status).toBe(429);
  expectOk(await change.send(phone, '203.0.113.21'), 202);
});

test('the whole service sends 10 codes a minute; beyond that 503 with Retry-After, and one alert line', async () => {
  const yunqi = await openChange(APPLICANTS.yunqi);
  const mingde = await openChange(APPLICANTS.mingde);
  const send = async (change: Awaited<ReturnType<typeof openChange>>, phone: string, i: number) => {
    await cooldownOver(phone);
    return change.send(phone, `192.0.2.${i + 1}`);
  };
  await yunqi.setPhone(phoneNo(3));
  await mingde.setPhone(phoneNo(4));
  for (let i = 0; i < 5; i += 1) expectOk(await send(yunqi, phoneNo(3), i), 202);
  for (let i = 5; i < 10; i += 1) expectOk(await send(mingde, phoneNo(4), i), 202);

  const busy = await send(mingde, phoneNo(4), 10);
  expectError(busy, 503, 'service_unavailable');
  expect(busy.body.message).toBe('验证码短信发送繁忙，请 55 秒后再试（您填写的内容不会丢失）');
  expect(busy.headers.get('retry-after')).toBe('55');
  expectError(await send(yunqi, phoneNo(3), 11), 503, 'service_unavailable');
  expect(await codesSent()).toBe(10);

  const alerts = logLines.filter((l) => l.includes('"alert":"sms_global_budget"'));
  expect(alerts).toHaveLength(1);
  expect(JSON.parse(alerts[0])).toMatchObject({ level: 50, perMinute: 10 });
});

test('a refusal by a budget gives the earlier ones back: the per-phone limits are not spent by it', async () => {
  const change = await openChange(APPLICANTS.yunqi);
  const phone = phoneNo(5);
  await change.setPhone(phone);
  // Spend the address's hour, then ask again from it: refused by the address budget, so this phone's 60 s did not start.
  for (let i = 0; i < 6; i += 1) {
    await cooldownOver(phone);
    expectOk(await change.send(phone, '203.0.113.30'), 202);
  }
  await cooldownOver(phone);
  expectError(await change.send(phone, '203.0.113.30'), 429, 'rate_limited');
  expect(await h.redis.client.exists(keys.smsCooldown(phone))).toBe(0);
  expectOk(await change.send(phone, '203.0.113.31'), 202);
});
