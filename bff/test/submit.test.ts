// Functional tests of checks, submit (idempotent, relayed once), review progress, rejection and resubmission,
// withdraw and notifications, against real Redis, the sandbox and the materials router.
import { expectError, expectOk } from '../../testing/bffClient';
import { documentPhotoJpeg } from '../src/materials/sampleImages';
import { never } from '../../testing/eventually';
import { APPLICANTS, eventually, newChange, startHarness, type Client, type Harness } from './harness';

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
  return (await client.ok('getProgress', { params: { id: changeId } })).body.status;
}

const progressOf = async (client: Client, changeId: string) => (await client.ok('getProgress', { params: { id: changeId } })).body;
const draftOf = (client: Client, changeId: string) => client.ok('getChange', { params: { id: changeId } });

/** A change of the yunqi main website's name, with the verification form uploaded: ready except for the agreement. */
async function readyChange(client = yunqi, name = '云栖科技官方网站'): Promise<string> {
  const created = await client.ok('createChange', { body: newChange(APPLICANTS.yunqi) });
  const id = created.body.id;
  await client.ok('patchChange', { params: { id }, body: { form: { name } }, headers: { 'if-match': created.headers.get('etag') ?? '' } });
  const upload = await client.call('uploadMaterial', { params: { id, kind: 'verification_form' }, body: { subject: 'website' }, file: formPhoto });
  expectOk(upload, 200);
  return id;
}

async function decide(changeId: string, stage: 'initial' | 'authority', decision: string, reasons: unknown[] = []) {
  const [current] = (await sandboxSubmissions(changeId)).filter((s) => s.status !== 'withdrawn');
  const res = await h.sandboxPost(`/control/submissions/${current.submissionId}/decide`, { stage, decision, reasons });
  expect(res.status).toBe(200);
}

test('checks list the required materials and every pre-submit check, network ones included', async () => {
  const id = (await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) })).body.id;
  await yunqi.ok('patchChange', { params: { id }, body: { form: { name: '云栖科技官方网站' } }, headers: { 'if-match': '"1"' } });
  const res = await yunqi.call('getChecks', { params: { id } });
  expectOk(res, 200);
  expect(res.body.ready).toBe(false);
  expect(res.body.materials).toEqual([expect.objectContaining({ slot: 'website.verification_form', provided: false })]);
  const byId = Object.fromEntries(res.body.checks.map((c) => [c.id, c.outcome]));
  expect(byId).toMatchObject({
    materials_provided: 'fail',
    agreement: 'fail',
    domain_registration: 'pass',
    homepage_reachable: 'pass',
    footer_filing_number: 'pass',
  });
  expect(res.body.blockers).toEqual([]);
});

test('network checks flag a footer without the filing number and a domain expiring within 3 months', async () => {
  const mingde = await h.login(APPLICANTS.mingde.applicantId);
  const main = await mingde.ok('createChange', { body: newChange(APPLICANTS.mingde, 'site-md-main') });
  const footer = (await mingde.ok('getChecks', { params: { id: main.body.id } })).body.checks.find((c) => c.id === 'footer_filing_number');
  expect(footer).toMatchObject({ outcome: 'fail', field: 'homepageUrl', message: expect.stringContaining('京ICP备16012345号-1') });

  const docs = await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi, 'site-yq-docs') });
  const checks = (await yunqi.ok('getChecks', { params: { id: docs.body.id } })).body;
  const domain = checks.checks.find((c) => c.id === 'domain_registration');
  expect(domain).toMatchObject({ outcome: 'fail', field: 'domains.0', message: expect.stringMatching(/^域名“yunqidev\.net”将于 .* 到期，剩余不足3个月；请先续费，续费后重新检测$/) });
  // The same problem up front, with what to do about it.
  expect(checks.blockers).toEqual([expect.objectContaining({ ruleId: 'domain_expiry', kind: 'renew_domain', field: null })]);
});

test('a website’s blockers are known before any change exists: the overview card asks for them', async () => {
  const mingde = await h.login(APPLICANTS.mingde.applicantId);
  const main = await mingde.ok('websiteBlockers', { params: { filingId: APPLICANTS.mingde.filingId, websiteId: 'site-md-main' } });
  expect(main.body.blockers).toEqual([
    expect.objectContaining({ ruleId: 'footer_filing_number', kind: 'fix_footer', html: '<a href="https://beian.miit.gov.cn/" target="_blank">京ICP备16012345号-1</a>' }),
  ]);
  // 明德在线课堂: its website principal's ID expires within 3 months (seed) — 换领 first.
  const cls = await mingde.ok('websiteBlockers', { params: { filingId: APPLICANTS.mingde.filingId, websiteId: 'site-md-class' } });
  expect(cls.body.blockers).toEqual([expect.objectContaining({ ruleId: 'id_validity', kind: 'renew_id', field: 'websitePrincipal.idValidUntil' })]);
  const zhang = await h.login(APPLICANTS.zhangWei.applicantId);
  const notes = await zhang.ok('websiteBlockers', { params: { filingId: APPLICANTS.zhangWei.filingId, websiteId: 'site-zw-notes' } });
  expect(notes.body.blockers.map((b) => b.kind)).toEqual(expect.arrayContaining(['remove_domain']));
  expect((await zhang.call('websiteBlockers', { params: { filingId: APPLICANTS.mingde.filingId, websiteId: 'site-md-main' } })).status).toBe(404);
});

test('submit refuses with 422 listing every unmet condition', async () => {
  const id = (await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) })).body.id;
  // A new phone (needs an SMS code) and a changed name (needs the verification form); no agreement.
  await yunqi.ok('patchChange', { params: { id }, body: { form: { name: '云栖科技官方网站', entityPrincipal: { mobile: '13912345678' } } }, headers: { 'if-match': '"1"' } });
  const res = await yunqi.call('submit', { params: { id }, body: { agreed: false }, headers: { 'idempotency-key': 'submit-1' } });
  expectError(res, 422, 'submit_blocked');
  const fields = res.body.fields ?? [];
  expect(fields.map((f) => f.path)).toEqual(expect.arrayContaining(['agreement', 'website.verification_form', expect.stringMatching(/Principal\.mobile$/)]));
  expect(fields.find((f) => f.path.endsWith('.mobile'))?.message).toMatch(/短信验证/);
  expect(await status(yunqi, id)).toBe('draft');
  expect(await sandboxSubmissions(id)).toEqual([]);

  const noKey = await yunqi.call('submit', { params: { id }, body: { agreed: true } });
  expectError(noKey, 400);
  expect(noKey.body.message).toMatch(/Idempotency-Key/);
});

test('a reused Idempotency-Key with another body is 422, never the first answer replayed; the same body still replays', async () => {
  const id = await readyChange();
  const submitWith = (body: { agreed?: boolean }) => yunqi.call('submit', { params: { id }, body, headers: { 'idempotency-key': 'reused-key' } });
  const first = await submitWith({ agreed: true });
  expectOk(first, 202);

  for (const other of [{ agreed: false }, {}]) {
    const reused = await submitWith(other);
    expectError(reused, 422, 'validation_failed');
    expect(reused.body.message).toBe('提交内容与此前使用同一请求编号的提交不一致，请刷新页面后重新提交');
    expect(reused.body.fields).toEqual([{ path: 'Idempotency-Key', message: '该 Idempotency-Key 已用于内容不同的另一次提交，请刷新页面后重新提交' }]);
  }
  const again = await submitWith({ agreed: true });
  expectOk(again, 202);
  expect(again.body).toEqual(first.body);
  expect((await progressOf(yunqi, id)).timeline.filter((e) => e.status === 'submitted')).toHaveLength(1);
});

test('two submits with one key: same answer, relayed exactly once; then review, rejection, resubmission, approval', async () => {
  const id = await readyChange();
  const params = { id };
  const submitWith = (key: string) => yunqi.call('submit', { params, body: { agreed: true }, headers: { 'idempotency-key': key } });
  const [a, b] = await Promise.all([submitWith('same-key'), submitWith('same-key')]);
  expectOk(a, 202);
  expectOk(b, 202);
  expect(a.body).toEqual(b.body);
  expect(a.body).toMatchObject({ changeId: id, submissionId: `${id}-s1`, status: 'submitted' });
  const replay = await submitWith('same-key');
  expectOk(replay, 202);
  expect(replay.body).toEqual(a.body);

  await eventually(async () => (await status(yunqi, id)) === 'initial_review', 'relay to the review system');
  expect(await sandboxSubmissions(id)).toHaveLength(1);
  const once = (await progressOf(yunqi, id)).timeline.map((e) => e.status);
  expect(once.filter((s) => s === 'submitted')).toHaveLength(1);
  expect(once.filter((s) => s === 'initial_review')).toHaveLength(1);

  // Nothing editable while in review; another submit key is refused; the entity's other website is blocked.
  expect((await yunqi.call('patchChange', { params, body: { form: { notes: 'x' } }, headers: { 'if-match': '"99"' } })).status).toBe(412);
  const current = await draftOf(yunqi, id);
  const locked = await yunqi.call('patchChange', { params, body: { form: { notes: 'x' } }, headers: { 'if-match': current.headers.get('etag') ?? '' } });
  expectError(locked, 409, 'not_editable');
  expect((await submitWith('other-key')).status).toBe(409);
  const other = await yunqi.call('createChange', { body: newChange(APPLICANTS.yunqi, 'site-yq-docs') });
  expectError(other, 409, 'change_in_review');

  // The applicant accepted one subscribe-message grant: the next notification uses it.
  const sub = await yunqi.ok('addSubscriptions', { params, body: { templateIds: ['tpl-review-result'] } });
  expect(sub.body).toEqual({ subscriptionsLeft: 1 });

  await decide(id, 'initial', 'reject', [{ target: { type: 'field', path: 'name' }, message: '网站名称与网站内容不符，请修改' }]);
  await eventually(async () => (await status(yunqi, id)) === 'initial_rejected', 'the rejection callback');
  const last = (await progressOf(yunqi, id)).timeline.at(-1);
  expect(last).toMatchObject({ status: 'initial_rejected', reasons: [{ target: { type: 'field', path: 'name' }, message: '网站名称与网站内容不符，请修改' }] });
  expect((await draftOf(yunqi, id)).body.rejection).toMatchObject({ stage: 'initial', reasons: [expect.objectContaining({ message: '网站名称与网站内容不符，请修改' })] });

  // Notifications: SMS and mail to the principal, one WeChat message using the one grant.
  const draft = (await draftOf(yunqi, id)).body;
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
  expect((await progressOf(yunqi, id)).subscriptionsLeft).toBe(0);

  // After the rejection only the flagged field is open; editing it reopens the change (edit → draft).
  const rejected = await draftOf(yunqi, id);
  const etag = rejected.headers.get('etag') ?? '';
  const closed = await yunqi.call('patchChange', { params, body: { form: { notes: '顺便改一下备注' } }, headers: { 'if-match': etag } });
  expectError(closed, 422);
  expect(closed.body.rules).toEqual(['rejection_scope']);
  // Resubmitting the refused name is blocked: the flagged field must change first.
  const reopened = await yunqi.call('patchChange', { params, body: { form: { name: '云栖科技官方网站' } }, headers: { 'if-match': etag } });
  expectOk(reopened, 200);
  const unchanged = await submitWith('unchanged-key');
  expectError(unchanged, 422, 'submit_blocked');
  expect(unchanged.body.fields).toEqual(expect.arrayContaining([{ path: 'name', message: '网站名称尚未按审核意见修改（审核意见：网站名称与网站内容不符，请修改）；请修改后再提交' }]));
  const fixed = await yunqi.call('patchChange', { params, body: { form: { name: '云栖科技产品官网' } }, headers: { 'if-match': reopened.headers.get('etag') ?? '' } });
  expectOk(fixed, 200);
  expect(fixed.body.draft.status).toBe('draft');

  // The new name is printed on the 核验单: the one uploaded before the rejection no longer counts, and its slot re-opened.
  const stale = await submitWith('stale-form-key');
  expectError(stale, 422, 'submit_blocked');
  expect(stale.body.fields?.map((f) => f.path)).toEqual(['website.verification_form']);
  expect(stale.body.fields?.[0].message).toContain('驳回后修改了核验单上的信息');
  expectOk(await yunqi.call('uploadMaterial', { params: { id, kind: 'verification_form' }, body: { subject: 'website' }, file: formPhoto }), 200);

  const again = await submitWith('second-key');
  expectOk(again, 202);
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
  expect((await progressOf(yunqi, id)).miitCheck).toEqual({ deadline: expect.any(String), instructions: expect.stringContaining('工信部') });
  // The filings cache holds the old name until approval invalidates it.
  expect((await yunqi.ok('listFilings')).body.filings[0].websites[0].name).toBe('云栖科技官网');
  expect((await h.sandboxPost(`/control/submissions/${fresh?.submissionId}/decide`, { stage: 'authority', decision: 'pass', reasons: [] })).status).toBe(200);
  await eventually(async () => (await status(yunqi, id)) === 'approved', 'approval');
  await eventually(async () => (await yunqi.ok('listFilings')).body.filings[0].websites[0].name === '云栖科技产品官网', 'the refreshed filing');
  const statuses = (await progressOf(yunqi, id)).timeline.map((e) => e.status);
  expect(statuses).toEqual(expect.arrayContaining(['draft', 'submitted', 'initial_review', 'initial_rejected', 'authority_pending', 'authority_review', 'approved']));
}, 90000);

test('a flagged material blocks the resubmission until it is replaced after the rejection', async () => {
  const id = await readyChange();
  const params = { id };
  expectOk(await yunqi.call('submit', { params, body: { agreed: true }, headers: { 'idempotency-key': 'first' } }), 202);
  await eventually(async () => (await status(yunqi, id)) === 'initial_review', 'relay to the review system');
  await decide(id, 'initial', 'reject', [{ target: { type: 'material', path: 'website.verification_form' }, message: '核验单未签字，请签字后重新拍摄上传' }]);
  await eventually(async () => (await status(yunqi, id)) === 'initial_rejected', 'the rejection callback');

  const rejected = await draftOf(yunqi, id);
  const reopened = await yunqi.call('patchChange', { params, body: { agreement: { agreed: true } }, headers: { 'if-match': rejected.headers.get('etag') ?? '' } });
  expectOk(reopened, 200);
  // The photo from before the rejection is still in the draft, but it is the one the reviewer refused.
  const checks = (await yunqi.ok('getChecks', { params })).body;
  expect(checks.materials).toEqual([expect.objectContaining({ slot: 'website.verification_form', provided: false })]);
  const blocked = await yunqi.call('submit', { params, body: { agreed: true }, headers: { 'idempotency-key': 'second' } });
  expectError(blocked, 422, 'submit_blocked');
  expect(blocked.body.fields).toEqual([
    {
      path: 'website.verification_form',
      message: '还需上传《网站真实性核验单》：审核未通过：核验单未签字，请签字后重新拍摄上传（网站信息有变更，需上传按变更后信息重新签署的《网站真实性核验单》）',
    },
  ]);

  expectOk(await yunqi.call('uploadMaterial', { params: { id, kind: 'verification_form' }, body: { subject: 'website' }, file: formPhoto }), 200);
  expectOk(await yunqi.call('submit', { params, body: { agreed: true }, headers: { 'idempotency-key': 'third' } }), 202);
});

test('withdraw: allowed before initial review finishes, refused after', async () => {
  const id = await readyChange();
  const notYet = await yunqi.call('withdraw', { params: { id } });
  expectError(notYet, 409);
  await yunqi.ok('submit', { params: { id }, body: { agreed: true }, headers: { 'idempotency-key': 'w-1' } });
  await eventually(async () => (await status(yunqi, id)) === 'initial_review', 'relay', 30_000);
  const res = await yunqi.call('withdraw', { params: { id } });
  expectOk(res, 200);
  expect(res.body.status).toBe('withdrawn');
  expect((await sandboxSubmissions(id))[0].status).toBe('withdrawn');
  // The website is free again: a new change can start.
  const next = await yunqi.call('createChange', { body: newChange(APPLICANTS.yunqi) });
  expect(next.status).toBe(201);

  const id2 = await readyChange(yunqi, '云栖科技全新官网');
  await yunqi.ok('submit', { params: { id: id2 }, body: { agreed: true }, headers: { 'idempotency-key': 'w-2' } });
  await eventually(async () => (await status(yunqi, id2)) === 'initial_review', 'relay', 30_000);
  await decide(id2, 'initial', 'pass');
  await eventually(async () => (await status(yunqi, id2)) === 'authority_pending', 'initial pass');
  const late = await yunqi.call('withdraw', { params: { id: id2 } });
  expectError(late, 409);
  expect(late.body.message).toMatch(/初审已结束/);
}, 90_000);

test('while the review system is down the submission waits as “submitted” and is relayed once when it is back', async () => {
  const id = await readyChange();
  h.reviewSystemDown(true);
  const res = await yunqi.call('submit', { params: { id }, body: { agreed: true }, headers: { 'idempotency-key': 'down-1' } });
  expect(res.status).toBe(202);
  await eventually(async () => ((await h.bff.queues.relayQueue.getJob(`relay-${id}-1`))?.attemptsMade ?? 0) >= 1, 'a failed relay attempt');
  const waiting = await progressOf(yunqi, id);
  expect(waiting.status).toBe('submitted');
  expect(waiting.timeline.at(-1)?.title).toMatch(/提交/);
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
