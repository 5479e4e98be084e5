// 通知设置: the settings round trip and refuse a bad body naming the switch; a status change respects the channels
// turned off; a change that replaces the website principal notifies the old and the new one, each exactly once.
import { APPLICANTS, eventually, newChange, startHarness, type Client, type Harness } from './harness';
import { notificationJobId, type NotificationJob } from '../src/services/notificationService';
import { makeResidentId } from '../../sandbox/seed';
import type { ChangeDraft } from '../../shared/domain/change';

let h: Harness;
let yunqi: Client;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
  yunqi = await h.login(APPLICANTS.yunqi.applicantId);
});

const ALL_ON = { channels: { wechat: true, sms: true, mail: true }, notifyReplacedPrincipal: true };

interface SmsEntry {
  templateId: string;
  text: string;
}
interface MailEntry {
  subject: string;
  text: string;
}
const smsTo = async (phone: string) => (await h.sandboxGet<{ messages: SmsEntry[] }>(`/outbox/sms?phone=${phone}`)).messages;
const mailTo = async (to: string) => (await h.sandboxGet<{ messages: MailEntry[] }>(`/outbox/mail?to=${encodeURIComponent(to)}`)).messages;

/** The stored draft of a change, as it is when the review system moved it to initial review (first submission). */
async function inReview(changeId: string): Promise<ChangeDraft> {
  const draft = await h.bff.services.changeStore.get(APPLICANTS.yunqi.applicantId, changeId);
  if (!draft) throw new Error('draft missing');
  return { ...draft, status: 'initial_review', submissionCount: 1 };
}

/** Waits until the notify queue has nothing waiting, delayed or running. */
async function notifyQueueDrained() {
  const q = h.bff.queues.notifyQueue;
  await eventually(async () => (await q.getWaitingCount()) + (await q.getDelayedCount()) + (await q.getActiveCount()) === 0, 'the notify queue to drain', 15_000);
}

test('settings start all on, round-trip through PUT, and stay per applicant', async () => {
  expect((await yunqi.ok('getNotificationSettings', {})).body.settings).toEqual(ALL_ON);
  const off = { channels: { wechat: true, sms: false, mail: true }, notifyReplacedPrincipal: false };
  expect((await yunqi.ok('putNotificationSettings', { body: off })).body.settings).toEqual(off);
  // A new session (another device) reads what was saved; another applicant still has the defaults.
  const again = await h.login(APPLICANTS.yunqi.applicantId);
  expect((await again.ok('getNotificationSettings', {})).body.settings).toEqual(off);
  const mingde = await h.login(APPLICANTS.mingde.applicantId);
  expect((await mingde.ok('getNotificationSettings', {})).body.settings).toEqual(ALL_ON);
});

test('a bad body is refused with 422 naming the switch in Chinese, and nothing is saved', async () => {
  const notBoolean = await yunqi.call('putNotificationSettings', { body: { channels: { wechat: true, sms: 'off' as unknown as boolean, mail: true }, notifyReplacedPrincipal: true } });
  expect(notBoolean.status).toBe(422);
  expect(notBoolean.ok ? null : notBoolean.body.fields).toEqual([{ path: 'channels.sms', message: '“短信”应为开启或关闭（true 或 false）' }]);
  const missing = await yunqi.call('putNotificationSettings', { body: { channels: { wechat: true, sms: true, mail: true } } as never });
  expect(missing.status).toBe(422);
  expect(JSON.stringify(missing.body)).toContain('通知被更换的原网站负责人');
  const extra = await yunqi.call('putNotificationSettings', { body: { ...ALL_ON, channels: { ...ALL_ON.channels, sms: false }, admin: true } as never });
  expect(extra.status).toBe(422);
  expect((await yunqi.ok('getNotificationSettings', {})).body.settings).toEqual(ALL_ON);
});

test('with SMS turned off a status change sends mail but no SMS', async () => {
  const id = (await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) })).body.id;
  const principal = (await yunqi.ok('getChange', { params: { id } })).body.form.websitePrincipal;
  await yunqi.ok('putNotificationSettings', { body: { ...ALL_ON, channels: { wechat: true, sms: false, mail: true } } });

  await h.bff.services.notifications.fanOut(await inReview(id));
  await eventually(async () => (await mailTo(principal.email)).length === 1, 'the mail to the principal');
  await notifyQueueDrained();
  expect((await mailTo(principal.email))[0].subject).toContain('初审中');
  expect(await smsTo(principal.mobile)).toEqual([]);
});

test('a change that replaces the website principal notifies the old and the new one by SMS and mail, each once', async () => {
  const id = (await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) })).body.id;
  const old = (await yunqi.ok('getChange', { params: { id } })).body.form.websitePrincipal;
  const newcomer = {
    name: '周婷',
    idType: 'resident_id' as const,
    idNumber: makeResidentId('330106', '19930412', '064'),
    idValidUntil: '2039-04-12',
    mobile: '13711112222',
    email: 'zhouting@yunqi-tech.cn',
    emergencyPhone: '0571-86709999',
  };
  await yunqi.ok('patchChange', { params: { id }, body: { form: { principalSameAsEntity: false, websitePrincipal: newcomer } }, headers: { 'if-match': '"1"' } });

  const draft = await inReview(id);
  await h.bff.services.notifications.fanOut(draft);
  // A second fan-out (a replayed review event) enqueues the same job ids: nothing goes twice.
  await h.bff.services.notifications.fanOut(draft);
  await eventually(
    async () => (await smsTo(old.mobile)).length + (await mailTo(old.email)).length + (await smsTo(newcomer.mobile)).length + (await mailTo(newcomer.email)).length === 4,
    'four messages',
  );
  await notifyQueueDrained();

  // Every job delivered again (a retry after a lost acknowledgement) is skipped by its sent marker.
  for (const channel of ['sms', 'mail'] as const) {
    for (const recipient of [undefined, 'replaced_principal'] as const) {
      const job: NotificationJob = { applicantId: APPLICANTS.yunqi.applicantId, changeId: id, submissionNo: 1, status: 'initial_review', channel, ...(recipient ? { recipient } : {}) };
      expect(await h.bff.services.notifications.deliver(job)).toBe('skipped');
    }
  }
  const oldSms = await smsTo(old.mobile);
  const oldMail = await mailTo(old.email);
  const newSms = await smsTo(newcomer.mobile);
  const newMail = await mailTo(newcomer.email);
  expect([oldSms.length, oldMail.length, newSms.length, newMail.length]).toEqual([1, 1, 1, 1]);
  // The old principal is told they are being replaced as 网站负责人 of the website, by whom (masked).
  expect(oldSms[0].templateId).toBe('principal_replaced');
  expect(oldSms[0].text).toContain('网站“云栖科技官网”的备案变更将网站负责人由您更换为周*');
  expect(oldMail[0].subject).toBe('网站“云栖科技官网”的网站负责人将由您更换为周*');
  expect(oldMail[0].text).toContain('您将不再担任该网站的网站负责人');
  expect(oldMail[0].text).not.toContain(newcomer.idNumber);
  // The new one hears the progress and that they take over from the old one.
  expect(newSms[0].text).toContain('初审中');
  expect(newSms[0].text).toContain(`您将接替${old.name.slice(0, 1)}*担任网站负责人`);
  expect(newMail[0].text).toContain('您将接替');
});

test('with the replaced principal turned off, only the new one is told', async () => {
  const id = (await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) })).body.id;
  const old = (await yunqi.ok('getChange', { params: { id } })).body.form.websitePrincipal;
  const newcomer = {
    name: '周婷',
    idType: 'resident_id' as const,
    idNumber: makeResidentId('330106', '19930412', '064'),
    idValidUntil: null,
    mobile: '13711112222',
    email: 'zhouting@yunqi-tech.cn',
  };
  await yunqi.ok('patchChange', { params: { id }, body: { form: { principalSameAsEntity: false, websitePrincipal: newcomer } }, headers: { 'if-match': '"1"' } });
  await yunqi.ok('putNotificationSettings', { body: { ...ALL_ON, notifyReplacedPrincipal: false } });

  const draft = await inReview(id);
  await h.bff.services.notifications.fanOut(draft);
  await eventually(async () => (await smsTo(newcomer.mobile)).length === 1 && (await mailTo(newcomer.email)).length === 1, 'the new principal’s messages');
  await notifyQueueDrained();
  expect(await smsTo(old.mobile)).toEqual([]);
  expect(await mailTo(old.email)).toEqual([]);
  const replacedJob: NotificationJob = {
    applicantId: APPLICANTS.yunqi.applicantId,
    changeId: id,
    submissionNo: 1,
    status: 'initial_review',
    channel: 'sms',
    recipient: 'replaced_principal',
  };
  expect(await h.bff.queues.notifyQueue.getJob(notificationJobId(replacedJob))).toBeUndefined();
});
