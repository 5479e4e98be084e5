// The review system unreachable during submit: the submission is queued, the applicant sees “已提交，等待转交”, and it is
// relayed exactly once when the system is back. Callbacks delivered twice or out of order change the state once, in order.
import { STATUS_LABELS } from '../../../shared/domain/status';
import { expectOk } from '../../../testing/bffClient';
import { never } from '../../../testing/eventually';
import { APPLICANTS, eventually, startHarness, type Client, type Harness } from '../harness';
import { postCallback, progressEvent, readyChange } from '../security/fixtures';

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

const progressOf = async (client: Client, id: string) => (await client.ok('getProgress', { params: { id } })).body;

async function sandboxSubmissions(changeId: string): Promise<{ submissionId: string; status: string }[]> {
  const { submissions } = await h.sandboxGet<{ submissions: { submissionId: string; changeId: string; status: string }[] }>('/control/submissions');
  return submissions.filter((s) => s.changeId === changeId);
}

test('review system down at submit: “已提交，等待转交” while it retries, relayed once when back, then progress flows', async () => {
  const id = await readyChange(yunqi);
  h.reviewSystemDown(true);
  const submit = () => yunqi.call('submit', { params: { id }, body: { agreed: true }, headers: { 'idempotency-key': 'down-1' } });
  const submitted = await submit();
  expectOk(submitted, 202);
  expect(submitted.body.status).toBe('submitted');

  // Several relay attempts fail meanwhile (backoff 100 → 500 ms in the harness).
  const job = await eventually(async () => {
    const j = await h.bff.queues.relayQueue.getJob(`relay-${id}-1`);
    return j && j.attemptsMade >= 2 && j;
  }, 'failed relay attempts');
  expect(job.finishedOn).toBeFalsy();
  const progress = await progressOf(yunqi, id);
  expect(progress.status).toBe('submitted');
  // What the progress page shows for it.
  expect(STATUS_LABELS[progress.status]).toBe('已提交，等待转交');
  expect(progress.timeline.at(-1)).toMatchObject({ status: 'submitted' });
  const summary = (await yunqi.ok('listChanges')).body.changes[0];
  expect(summary.status).toBe('submitted');
  // The same submit again (a retried tap) answers the same and queues nothing new.
  const again = await submit();
  expect(again.body).toEqual(submitted.body);
  const jobs = await h.bff.queues.relayQueue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized']);
  expect(jobs.map((j) => j.id)).toEqual([`relay-${id}-1`]);
  expect(await sandboxSubmissions(id)).toEqual([]);

  h.reviewSystemDown(false);
  await eventually(async () => (await progressOf(yunqi, id)).status === 'initial_review', 'the relay once back');
  expect(await sandboxSubmissions(id)).toHaveLength(1);
  // The job completes once its handler returns (just after the status change the applicant sees).
  await eventually(async () => (await h.bff.queues.relayQueue.getJob(`relay-${id}-1`))?.finishedOn, 'the relay job to complete');
  // A straggling retry would send it again within this window: still one submission upstream.
  await never(async () => (await sandboxSubmissions(id)).length > 1, 'a second submission upstream', 800);

  const [upstream] = await sandboxSubmissions(id);
  expect((await h.sandboxPost(`/control/submissions/${upstream.submissionId}/decide`, { stage: 'initial', decision: 'pass', reasons: [] })).status).toBe(200);
  await eventually(async () => (await progressOf(yunqi, id)).status === 'authority_pending', 'initial pass');
}, 40_000);

test('callbacks delivered twice and out of order: each applies once, in sequence order', async () => {
  const id = await readyChange(yunqi);
  // Keep the review system away so only the callbacks below move this change.
  h.reviewSystemDown(true);
  const submitted = await yunqi.ok('submit', { params: { id }, body: { agreed: true }, headers: { 'idempotency-key': 'order-1' } });
  const { submissionId } = submitted.body;
  const received = progressEvent(id, submissionId, 1, 'received');
  const passed = progressEvent(id, submissionId, 2, 'initial_passed');
  const started = progressEvent(id, submissionId, 3, 'authority_started', { miitCheck: { deadline: '2099-01-02T00:00:00.000Z' } });

  // 3 and 2 arrive before 1: refused with 409 so the sender retries them later; nothing changes.
  expect((await postCallback(h.url, started)).status).toBe(409);
  expect((await postCallback(h.url, passed)).status).toBe(409);
  expect((await yunqi.ok('getChange', { params: { id } })).body.status).toBe('submitted');

  // Then in order, each twice (at-least-once delivery), and concurrently for good measure.
  const results = [];
  for (const body of [received, passed, started]) {
    const pair = await Promise.all([postCallback(h.url, body), postCallback(h.url, body)]);
    results.push(pair.map((r) => r.body.outcome).sort());
  }
  for (const pair of results) {
    expect(pair).toContain('applied');
    // The twin is acknowledged as a duplicate, or as conflict-retried and then a duplicate.
    expect(pair.filter((o) => o === 'applied')).toHaveLength(1);
  }
  // An old event re-delivered late changes nothing.
  expect((await postCallback(h.url, received)).body.outcome).toBe('duplicate');

  const progress = await progressOf(yunqi, id);
  expect(progress.status).toBe('authority_review');
  expect(progress.timeline.map((e) => e.status)).toEqual(['draft', 'submitted', 'initial_review', 'authority_pending', 'authority_review']);
  expect(progress.miitCheck).toEqual({ deadline: '2099-01-02T00:00:00.000Z', instructions: expect.stringContaining('工信部') });
  // Notifications went out once per applied change of status (no duplicates from the twins).
  const principal = (await yunqi.ok('getChange', { params: { id } })).body.form.websitePrincipal.mobile;
  await eventually(async () => (await h.sandboxGet<{ messages: unknown[] }>(`/outbox/sms?phone=${principal}`)).messages.length >= 3, 'status SMS');
  // A twin's notification would follow within this window.
  await never(async () => (await h.sandboxGet<{ messages: unknown[] }>(`/outbox/sms?phone=${principal}`)).messages.length > 3, 'a fourth status SMS', 500);
  const sms = await h.sandboxGet<{ messages: { templateId: string; params: Record<string, string> }[] }>(`/outbox/sms?phone=${principal}`);
  const statuses = sms.messages.filter((m) => m.templateId === 'change_status').map((m) => m.params.status);
  expect([...statuses].sort()).toEqual(['初审中', '初审通过，待管局审核', '管局审核中'].sort());
}, 40_000);
