// Functional tests of checks, submit (idempotent, relayed once), review progress, rejection and resubmission,
// withdraw and notifications, against real Redis, the sandbox and the materials router.
import { documentPhotoJpeg } from '../src/materials/sampleImages';
import { never } from '../../testing/eventually';
import { APPLICANTS, eventually, startHarness, type Client, type Harness } from './harness';

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

interface SandboxSubmission {
  submissionId: string;
  changeId: string;
  status: string;
}

async function sandboxSubmissions(changeId: string): Promise<SandboxSubmission[]> {
  const { submissions } = await h.sandboxGet<{ submissions: SandboxSubmission[] }>('/control/submissions');
  return submissions.filter((s) => s.changeId === changeId);
}

async function status(client: Client, changeId: string): Promise<string> {
  return (await client.get(`/api/changes/${changeId}/progress`)).body.status;
}

/** A change of the yunqi main website's name, with the verification form uploaded: ready except for the agreement. */
async function readyChange(client = yunqi, name = '云栖科技官方网站'): Promise<string> {
  const created = await client.post('/api/changes', { filingId: APPLICANTS.yunqi.filingId, websiteId: APPLICANTS.yunqi.websiteId });
  const id = created.body.id as string;
  const patched = await client.patch(`/api/changes/${id}`, { form: { name } }, { 'if-match': created.headers.get('etag') ?? '' });
  expect(patched.status).toBe(200);
  const upload = await client.upload(`/api/changes/${id}/materials/verification_form`, formPhoto, { subject: 'website' });
  expect(upload.status).toBe(200);
  return id;
}

async function decide(changeId: string, stage: 'initial' | 'authority', decision: string, reasons: unknown[] = []) {
  const [current] = (await sandboxSubmissions(changeId)).filter((s) => s.status !== 'withdrawn');
  const res = await h.sandboxPost(`/control/submissions/${current.submissionId}/decide`, { stage, decision, reasons });
  expect(res.status).toBe(200);
}

test('checks list the required materials and every pre-submit check, network ones included', async () => {
  const created = await yunqi.post('/api/changes', { filingId: APPLICANTS.yunqi.filingId, websiteId: APPLICANTS.yunqi.websiteId });
  const id = created.body.id;
  await yunqi.patch(`/api/changes/${id}`, { form: { name: '云栖科技官方网站' } }, { 'if-match': '"1"' });
  const res = await yunqi.get(`/api/changes/${id}/checks`);
  expect(res.status).toBe(200);
  expect(res.body.ready).toBe(false);
  expect(res.body.materials).toEqual([expect.objectContaining({ slot: 'website.verification_form', provided: false })]);
  const byId = Object.fromEntries(res.body.checks.map((c: { id: string; outcome: string }) => [c.id, c.outcome]));
  expect(byId).toMatchObject({
    materials_provided: 'fail',
    agreement: 'fail',
    'domain:yunqi-tech.cn': 'pass',
    homepage_reachable: 'pass',
    footer_filing_number: 'pass',
  });
});

test('network checks flag a footer without the filing number and a domain expiring within 3 months', async () => {
  const mingde = await h.login(APPLICANTS.mingde.applicantId);
  const main = await mingde.post('/api/changes', { filingId: APPLICANTS.mingde.filingId, websiteId: 'site-md-main' });
  const footer = (await mingde.get(`/api/changes/${main.body.id}/checks`)).body.checks.find((c: { id: string }) => c.id === 'footer_filing_number');
  expect(footer).toMatchObject({ outcome: 'fail', field: 'homepageUrl', message: expect.stringContaining('京ICP备16012345号-1') });

  const docs = await yunqi.post('/api/changes', { filingId: APPLICANTS.yunqi.filingId, websiteId: 'site-yq-docs' });
  const domain = (await yunqi.get(`/api/changes/${docs.body.id}/checks`)).body.checks.find((c: { id: string }) => c.id === 'domain:yunqi-tech.cn' || c.id === 'domain:yunqidev.net');
  expect(domain).toMatchObject({ outcome: 'fail', message: expect.stringContaining('不足3个月') });
});

test('submit refuses with 422 listing every unmet condition', async () => {
  const created = await yunqi.post('/api/changes', { filingId: APPLICANTS.yunqi.filingId, websiteId: APPLICANTS.yunqi.websiteId });
  const id = created.body.id;
  // A new phone (needs an SMS code) and a changed name (needs the verification form); no agreement.
  await yunqi.patch(`/api/changes/${id}`, { form: { name: '云栖科技官方网站', entityPrincipal: { mobile: '13912345678' } } }, { 'if-match': '"1"' });
  const res = await yunqi.post(`/api/changes/${id}/submit`, { agreed: false }, { 'idempotency-key': 'submit-1' });
  expect(res.status).toBe(422);
  expect(res.body.code).toBe('submit_blocked');
  const paths = res.body.fields.map((f: { path: string }) => f.path);
  expect(paths).toEqual(expect.arrayContaining(['agreement', 'website.verification_form', expect.stringMatching(/Principal\.mobile$/)]));
  expect(res.body.fields.find((f: { path: string }) => f.path.endsWith('.mobile')).message).toMatch(/短信验证/);
  expect(await status(yunqi, id)).toBe('draft');
  expect(await sandboxSubmissions(id)).toEqual([]);

  const noKey = await yunqi.post(`/api/changes/${id}/submit`, { agreed: true });
  expect(noKey.status).toBe(400);
  expect(noKey.body.message).toMatch(/Idempotency-Key/);
});

test('two submits with one key: same answer, relayed exactly once; then review, rejection, resubmission, approval', async () => {
  const id = await readyChange();
  const [a, b] = await Promise.all([
    yunqi.post(`/api/changes/${id}/submit`, { agreed: true }, { 'idempotency-key': 'same-key' }),
    yunqi.post(`/api/changes/${id}/submit`, { agreed: true }, { 'idempotency-key': 'same-key' }),
  ]);
  expect([a.status, b.status]).toEqual([202, 202]);
  expect(a.body).toEqual(b.body);
  expect(a.body).toMatchObject({ changeId: id, submissionId: `${id}-s1`, status: 'submitted' });
  const replay = await yunqi.post(`/api/changes/${id}/submit`, { agreed: true }, { 'idempotency-key': 'same-key' });
  expect(replay.status).toBe(202);
  expect(replay.body).toEqual(a.body);

  await eventually(async () => (await status(yunqi, id)) === 'initial_review', 'relay to the review system');
  expect(await sandboxSubmissions(id)).toHaveLength(1);
  const once = (await yunqi.get(`/api/changes/${id}/progress`)).body.timeline.map((e: { status: string }) => e.status);
  expect(once.filter((s: string) => s === 'submitted')).toHaveLength(1);
  expect(once.filter((s: string) => s === 'initial_review')).toHaveLength(1);

  // Nothing editable while in review; another submit key is refused; the entity's other website is blocked.
  expect((await yunqi.patch(`/api/changes/${id}`, { form: { notes: 'x' } }, { 'if-match': '"99"' })).status).toBe(412);
  const current = await yunqi.get(`/api/changes/${id}`);
  const locked = await yunqi.patch(`/api/changes/${id}`, { form: { notes: 'x' } }, { 'if-match': current.headers.get('etag') ?? '' });
  expect(locked.status).toBe(409);
  expect(locked.body.code).toBe('not_editable');
  expect((await yunqi.post(`/api/changes/${id}/submit`, { agreed: true }, { 'idempotency-key': 'other-key' })).status).toBe(409);
  const other = await yunqi.post('/api/changes', { filingId: APPLICANTS.yunqi.filingId, websiteId: 'site-yq-docs' });
  expect(other.status).toBe(409);
  expect(other.body.code).toBe('change_in_review');

  // The applicant accepted one subscribe-message grant: the next notification uses it.
  const sub = await yunqi.post(`/api/changes/${id}/subscriptions`, { templateIds: ['tpl-review-result'] });
  expect(sub.body).toEqual({ subscriptionsLeft: 1 });

  await decide(id, 'initial', 'reject', [{ target: { type: 'field', path: 'name' }, message: '网站名称与网站内容不符，请修改' }]);
  await eventually(async () => (await status(yunqi, id)) === 'initial_rejected', 'the rejection callback');
  const progress = await yunqi.get(`/api/changes/${id}/progress`);
  const last = progress.body.timeline.at(-1);
  expect(last).toMatchObject({ status: 'initial_rejected', reasons: [{ target: { type: 'field', path: 'name' }, message: '网站名称与网站内容不符，请修改' }] });
  expect((await yunqi.get(`/api/changes/${id}`)).body.rejection).toMatchObject({ stage: 'initial', reasons: [expect.objectContaining({ message: '网站名称与网站内容不符，请修改' })] });

  // Notifications: SMS and mail to the principal, one WeChat message using the one grant.
  const draft = (await yunqi.get(`/api/changes/${id}`)).body;
  const principal = draft.form.websitePrincipal;
  await eventually(async () => {
    const sms = await h.sandboxGet<{ messages: { templateId: string; params: Record<string, string> }[] }>(`/outbox/sms?phone=${principal.mobile}`);
    return sms.messages.some((m) => m.templateId === 'change_status' && m.params.status === '初审未通过');
  }, 'the rejection SMS');
  await eventually(async () => {
    const mail = await h.sandboxGet<{ messages: { subject: string }[] }>(`/outbox/mail?to=${encodeURIComponent(principal.email)}`);
    return mail.messages.some((m) => m.subject.includes('初审未通过'));
  }, 'the rejection mail');
  const wechat = await eventually(async () => {
    const out = await h.sandboxGet<{ messages: { template_id: string }[] }>('/outbox/wechat');
    return out.messages.length > 0 && out.messages;
  }, 'the subscribe message');
  expect(wechat.map((m) => m.template_id)).toEqual(['tpl-review-result']);
  expect((await yunqi.get(`/api/changes/${id}/progress`)).body.subscriptionsLeft).toBe(0);

  // After the rejection only the flagged field is open; editing it reopens the change (edit → draft).
  const rejected = await yunqi.get(`/api/changes/${id}`);
  const etag = rejected.headers.get('etag') ?? '';
  const closed = await yunqi.patch(`/api/changes/${id}`, { form: { notes: '顺便改一下备注' } }, { 'if-match': etag });
  expect(closed.status).toBe(422);
  expect(closed.body.rules).toEqual(['rejection_scope']);
  const fixed = await yunqi.patch(`/api/changes/${id}`, { form: { name: '云栖科技产品官网' } }, { 'if-match': etag });
  expect(fixed.status).toBe(200);
  expect(fixed.body.draft.status).toBe('draft');

  const again = await yunqi.post(`/api/changes/${id}/submit`, { agreed: true }, { 'idempotency-key': 'second-key' });
  expect(again.status).toBe(202);
  expect(again.body.submissionId).toBe(`${id}-s2`);
  await eventually(async () => (await sandboxSubmissions(id)).length === 2 && (await status(yunqi, id)) === 'initial_review', 'the resubmission');

  await eventually(async () => {
    const subs = await sandboxSubmissions(id);
    return subs.some((s) => s.status === 'received');
  }, 'the sandbox to hold the new submission');
  const fresh = (await sandboxSubmissions(id)).find((s) => s.status === 'received');
  expect((await h.sandboxPost(`/control/submissions/${fresh?.submissionId}/decide`, { stage: 'initial', decision: 'pass', reasons: [] })).status).toBe(200);
  await eventually(async () => (await status(yunqi, id)) === 'authority_pending', 'initial pass');
  expect((await h.sandboxPost(`/control/submissions/${fresh?.submissionId}/decide`, { stage: 'authority', decision: 'start', reasons: [] })).status).toBe(200);
  await eventually(async () => (await status(yunqi, id)) === 'authority_review', 'authority start');
  const miit = await yunqi.get(`/api/changes/${id}/progress`);
  expect(miit.body.miitCheck).toEqual({ deadline: expect.any(String), instructions: expect.stringContaining('工信部') });
  // The filings cache holds the old name until approval invalidates it.
  expect((await yunqi.get('/api/filings')).body.filings[0].websites[0].name).toBe('云栖科技官网');
  expect((await h.sandboxPost(`/control/submissions/${fresh?.submissionId}/decide`, { stage: 'authority', decision: 'pass', reasons: [] })).status).toBe(200);
  await eventually(async () => (await status(yunqi, id)) === 'approved', 'approval');
  await eventually(async () => (await yunqi.get('/api/filings')).body.filings[0].websites[0].name === '云栖科技产品官网', 'the refreshed filing');
  const statuses = (await yunqi.get(`/api/changes/${id}/progress`)).body.timeline.map((e: { status: string }) => e.status);
  expect(statuses).toEqual(expect.arrayContaining(['draft', 'submitted', 'initial_review', 'initial_rejected', 'authority_pending', 'authority_review', 'approved']));
}, 60000);

test('withdraw: allowed before initial review finishes, refused after', async () => {
  const id = await readyChange();
  const notYet = await yunqi.post(`/api/changes/${id}/withdraw`, {});
  expect(notYet.status).toBe(409);
  await yunqi.post(`/api/changes/${id}/submit`, { agreed: true }, { 'idempotency-key': 'w-1' });
  await eventually(async () => (await status(yunqi, id)) === 'initial_review', 'relay');
  const res = await yunqi.post(`/api/changes/${id}/withdraw`, {});
  expect(res.status).toBe(200);
  expect(res.body.status).toBe('withdrawn');
  expect((await sandboxSubmissions(id))[0].status).toBe('withdrawn');
  // The website is free again: a new change can start.
  const next = await yunqi.post('/api/changes', { filingId: APPLICANTS.yunqi.filingId, websiteId: APPLICANTS.yunqi.websiteId });
  expect(next.status).toBe(201);

  const id2 = await readyChange(yunqi, '云栖科技全新官网');
  await yunqi.post(`/api/changes/${id2}/submit`, { agreed: true }, { 'idempotency-key': 'w-2' });
  await eventually(async () => (await status(yunqi, id2)) === 'initial_review', 'relay');
  await decide(id2, 'initial', 'pass');
  await eventually(async () => (await status(yunqi, id2)) === 'authority_pending', 'initial pass');
  const late = await yunqi.post(`/api/changes/${id2}/withdraw`, {});
  expect(late.status).toBe(409);
  expect(late.body.message).toMatch(/初审已结束/);
}, 40000);

test('while the review system is down the submission waits as “submitted” and is relayed once when it is back', async () => {
  const id = await readyChange();
  h.reviewSystemDown(true);
  const res = await yunqi.post(`/api/changes/${id}/submit`, { agreed: true }, { 'idempotency-key': 'down-1' });
  expect(res.status).toBe(202);
  await eventually(async () => ((await h.bff.queues.relayQueue.getJob(`relay-${id}-1`))?.attemptsMade ?? 0) >= 1, 'a failed relay attempt');
  const waiting = await yunqi.get(`/api/changes/${id}/progress`);
  expect(waiting.body.status).toBe('submitted');
  expect(waiting.body.timeline.at(-1).title).toMatch(/提交/);
  h.reviewSystemDown(false);
  await eventually(async () => (await status(yunqi, id)) === 'initial_review', 'the retried relay');
  expect(await sandboxSubmissions(id)).toHaveLength(1);
}, 30000);

test('a submission accepted but never enqueued (the process died in between) is relayed by the sweep', async () => {
  const id = await readyChange();
  const { changeStore, submit } = h.bff.services;
  const draft = (await changeStore.get(APPLICANTS.yunqi.applicantId, id))!;
  // What submit() does up to the enqueue: mark, commit as submitted — then "crash".
  await changeStore.markRelayPending(draft.applicantId, id, 1);
  const committed = await changeStore.commit({ ...draft, status: 'submitted', submissionCount: 1, version: draft.version + 1 }, draft.version);
  expect(committed.outcome).toBe('ok');
  // Nothing is queued, so nothing may reach the review system before the sweep.
  await never(async () => (await sandboxSubmissions(id)).length > 0, 'a relay before the sweep', 500);

  expect(await submit.sweep()).toBe(1);
  await eventually(async () => (await status(yunqi, id)) === 'initial_review', 'the swept relay');
  expect(await sandboxSubmissions(id)).toHaveLength(1);
  expect(await changeStore.pendingRelays()).toEqual([]);
  expect(await submit.sweep()).toBe(0);
}, 30000);
