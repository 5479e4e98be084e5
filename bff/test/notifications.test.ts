// Notification jobs: a job delivered twice (retry, re-enqueue, two workers) sends once; a WeChat message uses one grant;
// grants are capped at what a change can use.
import { APPLICANTS, newChange, startHarness, type Client, type Harness } from './harness';
import type { NotificationJob } from '../src/services/notificationService';
import { SUBSCRIPTION_GRANT_CAP } from '../src/services/progressService';
import { keys } from '../src/stores/keys';

let h: Harness;
let yunqi: Client;
let changeId: string;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
  yunqi = await h.login(APPLICANTS.yunqi.applicantId);
  changeId = (await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) })).body.id;
});

const job = (channel: NotificationJob['channel']): NotificationJob => ({
  applicantId: APPLICANTS.yunqi.applicantId,
  changeId,
  submissionNo: 1,
  status: 'initial_review',
  channel,
});

test('the same SMS job delivered twice, even at once, sends one message', async () => {
  const mobile = (await yunqi.ok('getChange', { params: { id: changeId } })).body.form.websitePrincipal.mobile;
  const deliver = () => h.bff.services.notifications.deliver(job('sms')).catch((err: Error) => err.message);
  const [a, b] = await Promise.all([deliver(), deliver()]);
  expect([a, b].filter((r) => r === 'sent')).toHaveLength(1);
  expect(await deliver()).toBe('skipped');
  const { messages } = await h.sandboxGet<{ messages: { templateId: string }[] }>(`/outbox/sms?phone=${mobile}`);
  expect(messages.filter((m) => m.templateId === 'change_status')).toHaveLength(1);
});

test('a WeChat subscribe message is sent only with a grant, and uses exactly one', async () => {
  expect(await h.bff.services.notifications.deliver(job('wechat'))).toBe('skipped');
  expect((await h.sandboxGet<{ messages: unknown[] }>('/outbox/wechat')).messages).toHaveLength(0);

  await yunqi.ok('addSubscriptions', { params: { id: changeId }, body: { templateIds: ['tpl-a', 'tpl-b'] } });
  expect(await h.bff.services.notifications.deliver({ ...job('wechat'), status: 'initial_rejected' })).toBe('sent');
  const { messages } = await h.sandboxGet<{ messages: { template_id: string; page: string }[] }>('/outbox/wechat');
  expect(messages.map((m) => m.template_id)).toEqual(['tpl-a']);
  expect(messages[0].page).toContain(changeId);
  expect((await yunqi.ok('getProgress', { params: { id: changeId } })).body.subscriptionsLeft).toBe(1);
});

test('mail goes to the website principal through SMTP', async () => {
  const email = (await yunqi.ok('getChange', { params: { id: changeId } })).body.form.websitePrincipal.email;
  expect(await h.bff.services.notifications.deliver({ ...job('mail'), status: 'approved' })).toBe('sent');
  const { messages } = await h.sandboxGet<{ messages: { subject: string; text: string }[] }>(`/outbox/mail?to=${encodeURIComponent(email)}`);
  expect(messages).toHaveLength(1);
  expect(messages[0].subject).toContain('已备案');
  expect(messages[0].text).toContain('云栖科技官网');
});

test('grants are capped at what a change can use: 4 per template, 3 templates (80 taps of the app’s 2 templates hold 8)', async () => {
  const subscribe = (templateIds: string[]) => yunqi.ok('addSubscriptions', { params: { id: changeId }, body: { templateIds } });
  let left = 0;
  for (let i = 0; i < 80; i += 1) left = (await subscribe(['tpl-review-result', 'tpl-miit-check'])).body.subscriptionsLeft;
  expect(left).toBe(8);
  // A third template is taken up to its own 4; a fourth distinct one is not held at all.
  for (let i = 0; i < 10; i += 1) left = (await subscribe(['tpl-third', 'tpl-fourth'])).body.subscriptionsLeft;
  expect(left).toBe(12);
  const held = await h.redis.client.lrange(keys.grants(APPLICANTS.yunqi.applicantId, changeId), 0, -1);
  expect(held.filter((t) => t === 'tpl-third')).toHaveLength(4);
  expect(held).not.toContain('tpl-fourth');
  expect((await yunqi.ok('getProgress', { params: { id: changeId } })).body.subscriptionsLeft).toBe(SUBSCRIPTION_GRANT_CAP.perTemplate * SUBSCRIPTION_GRANT_CAP.templates);

  // A grant used frees its template's place again.
  expect(await h.bff.services.notifications.deliver(job('wechat'))).toBe('sent');
  expect((await subscribe(['tpl-review-result'])).body.subscriptionsLeft).toBe(12);
});
