// Contract tests of the outside systems, over HTTP/SMTP against a started sandbox: what the BFF relies on.
import nodemailer from 'nodemailer';
import { listApplicantsResponse, listFilingsResponse, progressEvent, submissionState, type ProgressEvent } from '../shared/contracts/reviewSystem';
import { verifySignature } from '../shared/contracts/signature';
import { eventually, never } from '../testing/eventually';
import { jscode2sessionSuccess } from '../shared/contracts/wechat';
import {
  CALLBACK_SECRET,
  SMS_KEY,
  buildSubmission,
  call,
  changeMobile,
  fetchFilings,
  getWithHost,
  jpegBase64,
  startReceiver,
  startTestSandbox,
  withVerificationForm,
  type TestSandbox,
} from './testSupport';

let sandbox: TestSandbox;

beforeEach(async () => {
  sandbox = await startTestSandbox();
});

afterEach(async () => {
  await sandbox.dispose();
});

async function submit(request: unknown, key: string) {
  return call(sandbox.url, 'POST', '/review/v1/submissions', { body: request, headers: { 'idempotency-key': key } });
}

async function decide(submissionId: string, body: unknown) {
  return call(sandbox.url, 'POST', `/control/submissions/${submissionId}/decide`, { body, auth: false });
}

describe('filings', () => {
  it("lists an applicant's filings with every website's materials as fetchable JPEG URLs", async () => {
    const applicants = listApplicantsResponse.parse((await call(sandbox.url, 'GET', '/review/v1/applicants')).body).applicants;
    expect(applicants.map((a) => a.kind).sort()).toEqual(['organisation', 'organisation', 'personal']);

    const result = await call(sandbox.url, 'GET', '/review/v1/applicants/hangzhou-yunqi/filings');
    expect(result.status).toBe(200);
    const filings = listFilingsResponse.parse(result.body);
    expect(filings).toHaveLength(1);
    expect(filings[0].entity.name).toBe('杭州云栖网络科技有限公司');
    expect(filings[0].websites.length).toBeGreaterThanOrEqual(2);
    const materials = filings[0].websites.flatMap((w) => w.materials);
    expect(new Set(materials.map((m) => m.kind))).toEqual(new Set(['id_front', 'id_back', 'verification_form']));
    for (const material of materials) {
      expect(material.imageUrl.startsWith(sandbox.url)).toBe(true);
      const response = await fetch(material.imageUrl);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/jpeg');
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.subarray(0, 2).toString('hex')).toBe('ffd8');
    }
  });

  it('answers 404 with a Chinese message for an unknown applicant and 401 without the API key', async () => {
    const unknown = await call(sandbox.url, 'GET', '/review/v1/applicants/nobody/filings');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'not_found' });
    expect(unknown.body.message).toContain('nobody');
    const anonymous = await call(sandbox.url, 'GET', '/review/v1/applicants/zhang-wei/filings', { auth: false });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('unauthorized');
  });

  it('gives domain facts for pre-checks, including a domain that expires within 3 months', async () => {
    const facts = await call(sandbox.url, 'GET', '/review/v1/domains/www.yunqidev.net');
    expect(facts.status).toBe(200);
    const daysLeft = (new Date(facts.body.expiresAt).getTime() - Date.now()) / 86400000;
    expect(daysLeft).toBeLessThan(90);
    const foreign = await call(sandbox.url, 'GET', '/review/v1/domains/zwnotes.io');
    expect(foreign.body).toMatchObject({ registrarDomestic: false, realNameVerified: false });
  });

  it("serves a seeded website's homepage by Host header with the filing number in the footer, except the broken one", async () => {
    const ok = await getWithHost(sandbox.url, 'www.yunqi-tech.cn');
    expect(ok.status).toBe(200);
    const html = ok.body;
    expect(html).toContain('<a href="https://beian.miit.gov.cn/"');
    expect(html).toContain('浙ICP备2023045678号-1');
    const broken = (await getWithHost(sandbox.url, 'www.mingde-edu.com.cn:443')).body;
    expect(broken).toContain('明德教育咨询');
    expect(broken).not.toContain('京ICP备16012345号');
    expect(sandbox.homepageHostMap).toContain(`www.yunqi-tech.cn=${new URL(sandbox.url).host}`);
  });
});

describe('submissions', () => {
  it('accepts a submission once for two calls with the same idempotency key', async () => {
    const [filing] = await fetchFilings(sandbox.url, 'zhang-wei');
    const request = buildSubmission(filing, 'site-zw-photo', (r) => changeMobile(r, '13912345678'));
    const first = await submit(request, 'key-1');
    const second = await submit(request, 'key-1');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'received' });
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const listed = await call(sandbox.url, 'GET', '/control/submissions', { auth: false });
    expect(listed.body.submissions).toHaveLength(1);

    const other = buildSubmission(filing, 'site-zw-photo', (r) => changeMobile(r, '13700001111'));
    const conflict = await submit(other, 'key-1');
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('idempotency_conflict');
  });

  it('creates one submission when the same key arrives twice at the same time', async () => {
    const [filing] = await fetchFilings(sandbox.url, 'zhang-wei');
    const request = buildSubmission(filing, 'site-zw-photo', (r) => {
      changeMobile(r, '13912345678');
      r.materials = [];
    });
    request.materials.push({ slot: 'website.verification_form', kind: 'verification_form', subject: 'website', contentType: 'image/jpeg', dataBase64: await jpegBase64() });
    const [a, b] = await Promise.all([submit(request, 'same-time'), submit(request, 'same-time')]);
    expect(a.body.submissionId).toBe(b.body.submissionId);
    const listed = await call(sandbox.url, 'GET', '/control/submissions', { auth: false });
    expect(listed.body.submissions).toHaveLength(1);
  });

  it('refuses a second submission for a website in review and a stale filing revision', async () => {
    const [filing] = await fetchFilings(sandbox.url, 'zhang-wei');
    expect(
      (
        await submit(
          buildSubmission(filing, 'site-zw-photo', (r) => changeMobile(r, '13912345678')),
          'k-a',
        )
      ).status,
    ).toBe(201);
    const busy = await submit(
      buildSubmission(filing, 'site-zw-photo', (r) => changeMobile(r, '13700001111')),
      'k-b',
    );
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe('website_busy');
    const stale = await submit(
      buildSubmission(filing, 'site-zw-notes', (r) => (r.filingRevision = 0)),
      'k-c',
    );
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('revision_mismatch');
  });

  it('names the offending fields when the body breaks the contract', async () => {
    const [filing] = await fetchFilings(sandbox.url, 'zhang-wei');
    const request = buildSubmission(filing, 'site-zw-photo') as unknown as Record<string, unknown>;
    delete request.filingRevision;
    const result = await submit(request, 'bad-body');
    expect(result.status).toBe(400);
    expect(result.body.fields.map((f: { path: string }) => f.path)).toContain('filingRevision');
    const noKey = await call(sandbox.url, 'POST', '/review/v1/submissions', { body: buildSubmission(filing, 'site-zw-photo') });
    expect(noKey.status).toBe(400);
    expect(noKey.body.message).toContain('Idempotency-Key');
  });

  it('withdraws only before initial review finishes', async () => {
    const [filing] = await fetchFilings(sandbox.url, 'zhang-wei');
    const first = await submit(
      buildSubmission(filing, 'site-zw-photo', (r) => changeMobile(r, '13912345678')),
      'w-1',
    );
    const withdrawn = await call(sandbox.url, 'POST', `/review/v1/submissions/${first.body.submissionId}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(submissionState.parse(withdrawn.body).status).toBe('withdrawn');

    const second = await submit(
      buildSubmission(filing, 'site-zw-photo', (r) => changeMobile(r, '13912345678')),
      'w-2',
    );
    expect((await decide(second.body.submissionId, { stage: 'initial', decision: 'pass' })).status).toBe(200);
    const late = await call(sandbox.url, 'POST', `/review/v1/submissions/${second.body.submissionId}/withdraw`);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('not_withdrawable');
  });
});

describe('review decisions', () => {
  it('records a rejection given through the control endpoint with the fields it names', async () => {
    const [filing] = await fetchFilings(sandbox.url, 'hangzhou-yunqi');
    const accepted = await submit(
      buildSubmission(filing, 'site-yq-main', (r) => changeMobile(r, '13912345678')),
      'rej-1',
    );
    const reasons = [
      { target: { type: 'field', path: 'websitePrincipal.mobile' }, message: '手机号码无法接通，请填写网站负责人本人可接听的手机号码' },
      { target: { type: 'material', path: 'website.verification_form' }, message: '核验单缺少网站负责人签字，请签字后重新拍照上传' },
    ];
    const empty = await decide(accepted.body.submissionId, { stage: 'initial', decision: 'reject', reasons: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('原因');
    const decided = await decide(accepted.body.submissionId, { stage: 'initial', decision: 'reject', reasons });
    expect(decided.status).toBe(200);
    const state = submissionState.parse((await call(sandbox.url, 'GET', `/review/v1/submissions/${accepted.body.submissionId}`)).body);
    expect(state.status).toBe('initial_rejected');
    expect(state.reasons.map((r) => r.target.path)).toEqual(['websitePrincipal.mobile', 'website.verification_form']);
    expect(state.events.at(-1)).toMatchObject({ type: 'initial_rejected', sequence: 2 });

    const again = await decide(accepted.body.submissionId, { stage: 'initial', decision: 'pass' });
    expect(again.status).toBe(409);
  });

  it('lets the automatic reviewer reject what a real reviewer catches, each reason on its field or material', async () => {
    const [mingde] = await fetchFilings(sandbox.url, 'beijing-mingde');
    const footer = await submit(
      buildSubmission(mingde, 'site-md-main', (r) => changeMobile(r, '13912345678')),
      'auto-1',
    );
    const footerResult = await decide(footer.body.submissionId, { stage: 'initial', decision: 'auto' });
    expect(footerResult.body.status).toBe('initial_rejected');
    expect(footerResult.body.reasons.map((r: { target: { path: string } }) => r.target.path)).toContain('homepageUrl');

    const [zhang] = await fetchFilings(sandbox.url, 'zhang-wei');
    const small = await jpegBase64(600, 400);
    const request = buildSubmission(zhang, 'site-zw-notes', (r) => {
      r.form.name = '张伟的博客论坛';
      r.diff.push({ path: 'name', before: '张伟读书笔记', after: r.form.name });
    });
    request.materials.push({ slot: 'website.verification_form', kind: 'verification_form', subject: 'website', contentType: 'image/jpeg', dataBase64: small });
    const notes = await submit(request, 'auto-2');
    const notesResult = await decide(notes.body.submissionId, { stage: 'initial', decision: 'auto' });
    const paths = notesResult.body.reasons.map((r: { target: { path: string } }) => r.target.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'domains.0', 'website.verification_form']));
    expect(notesResult.body.reasons.find((r: { target: { path: string } }) => r.target.path === 'domains.0').message).toContain('zwnotes.io');

    const clean = await submit(await withVerificationForm(buildSubmission(zhang, 'site-zw-photo', (r) => changeMobile(r, '13912345678'))), 'auto-3');
    expect((await decide(clean.body.submissionId, { stage: 'initial', decision: 'auto' })).body.status).toBe('initial_passed');
  });

  it('runs the authority stage with the MIIT SMS check and updates the filing on approval', async () => {
    const [filing] = await fetchFilings(sandbox.url, 'hangzhou-yunqi');
    const photo = await jpegBase64();
    const request = buildSubmission(filing, 'site-yq-docs', (r) => {
      r.form.domains = ['yunqidev.net'];
      r.form.name = '云栖开发者中心';
      r.diff.push({ path: 'name', before: '云栖开发者文档中心', after: r.form.name });
      changeMobile(r, '13988887777');
    });
    request.materials.push({ slot: 'website.verification_form', kind: 'verification_form', subject: 'website', contentType: 'image/jpeg', dataBase64: photo });
    const accepted = await submit(request, 'auth-1');
    const id = accepted.body.submissionId;
    const during = await fetchFilings(sandbox.url, 'hangzhou-yunqi');
    expect(during[0].websites.find((w) => w.id === 'site-yq-docs')?.status).toBe('change_in_review');

    await decide(id, { stage: 'initial', decision: 'pass' });
    const started = await decide(id, { stage: 'authority', decision: 'start' });
    expect(started.body.status).toBe('authority_started');
    const deadline = new Date(started.body.miitCheck.deadline).getTime();
    expect(deadline - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
    const sms = await call(sandbox.url, 'GET', '/outbox/sms?phone=13988887777', { auth: false });
    expect(sms.body.messages).toHaveLength(1);
    expect(sms.body.messages[0].text).toContain('浙ICP备2023045678号-2');

    expect((await decide(id, { stage: 'authority', decision: 'pass' })).body.status).toBe('authority_approved');
    const [after] = await fetchFilings(sandbox.url, 'hangzhou-yunqi');
    const website = after.websites.find((w) => w.id === 'site-yq-docs')!;
    expect(after.revision).toBe(filing.revision + 1);
    expect(website).toMatchObject({ name: '云栖开发者中心', status: 'filed' });
    expect(website.principal.mobile).toBe('13988887777');
    const form = website.materials.find((m) => m.kind === 'verification_form')!;
    expect(form.imageUrl).not.toBe(filing.websites.find((w) => w.id === 'site-yq-docs')!.materials.find((m) => m.kind === 'verification_form')!.imageUrl);
    expect((await fetch(form.imageUrl)).status).toBe(200);
  });

  it('moves through every stage by itself when automatic review is on', async () => {
    const auto = await startTestSandbox({ autoReview: 'on', initialReviewDelayMs: 50, authorityStartDelayMs: 50, authorityReviewDelayMs: 50 });
    try {
      const [filing] = await fetchFilings(auto.url, 'zhang-wei');
      const accepted = await call(auto.url, 'POST', '/review/v1/submissions', {
        body: await withVerificationForm(buildSubmission(filing, 'site-zw-photo', (r) => changeMobile(r, '13912345678'))),
        headers: { 'idempotency-key': 'auto-flow' },
      });
      const final = await eventually(async () => {
        const state = (await call(auto.url, 'GET', `/review/v1/submissions/${accepted.body.submissionId}`)).body;
        return state.status === 'authority_approved' ? state : null;
      }, 'approval');
      expect(final.events.map((e: ProgressEvent) => e.type)).toEqual(['received', 'initial_passed', 'authority_started', 'authority_approved']);
    } finally {
      await auto.dispose();
    }
  });
});

describe('progress callbacks', () => {
  it('are signed so the receiver can verify them with verifySignature', async () => {
    const receiver = await startReceiver();
    try {
      const [filing] = await fetchFilings(sandbox.url, 'zhang-wei');
      const request = buildSubmission(filing, 'site-zw-photo', (r) => changeMobile(r, '13912345678'));
      request.callbackUrl = receiver.url;
      const accepted = await submit(request, 'cb-1');
      const delivery = await eventually(() => receiver.received[0], 'the received callback');
      const event = progressEvent.parse(JSON.parse(delivery.rawBody));
      expect(event).toMatchObject({ type: 'received', submissionId: accepted.body.submissionId, changeId: request.changeId, sequence: 1 });
      const timestamp = delivery.headers['x-review-timestamp'] as string;
      const signature = delivery.headers['x-review-signature'] as string;
      expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(verifySignature(CALLBACK_SECRET, timestamp, delivery.rawBody, signature)).toBe(true);
      expect(verifySignature('another-secret', timestamp, delivery.rawBody, signature)).toBe(false);
      expect(verifySignature(CALLBACK_SECRET, timestamp, delivery.rawBody.replace('received', 'withdrawn'), signature)).toBe(false);
    } finally {
      await receiver.close();
    }
  });

  it('are retried while the receiver answers 500 and delivered once it answers 204', async () => {
    let failuresLeft = 3;
    const receiver = await startReceiver(() => (failuresLeft-- > 0 ? 500 : 204));
    try {
      const [filing] = await fetchFilings(sandbox.url, 'zhang-wei');
      const request = buildSubmission(filing, 'site-zw-photo', (r) => changeMobile(r, '13912345678'));
      request.callbackUrl = receiver.url;
      await submit(request, 'cb-retry');
      await eventually(() => receiver.received.some((r) => r.status === 204), 'a delivery answered 204');
      const eventIds = receiver.received.map((r) => JSON.parse(r.rawBody).eventId);
      expect(new Set(eventIds).size).toBe(1);
      expect(receiver.received.map((r) => r.status)).toEqual([500, 500, 500, 204]);
      const deliveries = await eventually(async () => {
        const list = (await call(sandbox.url, 'GET', '/control/deliveries', { auth: false })).body.deliveries;
        return list[0]?.deliveredAt ? list : null;
      }, 'the delivery marked delivered');
      expect(deliveries[0].attempts).toBe(4);
      // once delivered it is never sent again
      await never(() => receiver.received.length > 4, 'a fifth delivery', 600);
    } finally {
      await receiver.close();
    }
  });

  it('are delivered in order per submission: a later event waits for an earlier one that keeps failing', async () => {
    let fail = true;
    const receiver = await startReceiver(() => (fail ? 503 : 204));
    try {
      const [filing] = await fetchFilings(sandbox.url, 'zhang-wei');
      const request = buildSubmission(filing, 'site-zw-photo', (r) => changeMobile(r, '13912345678'));
      request.callbackUrl = receiver.url;
      const accepted = await submit(request, 'cb-order');
      await decide(accepted.body.submissionId, { stage: 'initial', decision: 'pass' });
      await eventually(() => receiver.received.length >= 2, 'two failed attempts');
      expect(receiver.received.every((r) => JSON.parse(r.rawBody).sequence === 1)).toBe(true);
      fail = false;
      await eventually(() => receiver.received.filter((r) => r.status === 204).length === 2, 'both events delivered');
      const delivered = receiver.received.filter((r) => r.status === 204).map((r) => JSON.parse(r.rawBody).type);
      expect(delivered).toEqual(['received', 'initial_passed']);
    } finally {
      await receiver.close();
    }
  });
});

describe('WeChat API', () => {
  const appid = 'wx-demo-appid';
  const secret = 'wx-demo-secret';
  const session = (code: string) =>
    call(sandbox.url, 'GET', `/sns/jscode2session?appid=${appid}&secret=${secret}&js_code=${encodeURIComponent(code)}&grant_type=authorization_code`, { auth: false });

  it("returns the applicant's openid for a demo code and WeChat's error shape for a bad or reused one", async () => {
    const ok = await session('demo-zhang-wei');
    expect(ok.status).toBe(200);
    const parsed = jscode2sessionSuccess.parse(ok.body);
    const applicants = (await call(sandbox.url, 'GET', '/review/v1/applicants')).body.applicants;
    expect(parsed.openid).toBe(applicants.find((a: { applicantId: string }) => a.applicantId === 'zhang-wei').openid);
    expect((await session('demo-zhang-wei')).body).toMatchObject({ errcode: 40163 });
    expect((await session('demo-zhang-wei.second-login')).body.openid).toBe(parsed.openid);
    const bad = await session('0a3xYz-garbage');
    expect(bad.body).toMatchObject({ errcode: 40029 });
    expect(typeof bad.body.errmsg).toBe('string');
  });

  it('sends subscribe messages to known openids and refuses a thing value over 20 characters', async () => {
    const token = await call(sandbox.url, 'POST', '/cgi-bin/stable_token', { body: { grant_type: 'client_credential', appid, secret }, auth: false });
    expect(token.body.expires_in).toBeGreaterThan(0);
    const openid = (await session('demo-beijing-mingde')).body.openid;
    const send = (data: Record<string, { value: string }>, touser = openid) =>
      call(sandbox.url, 'POST', `/cgi-bin/message/subscribe/send?access_token=${token.body.access_token}`, {
        body: { touser, template_id: 'tmpl-progress', page: 'pages/progress/index?changeId=c1', data },
        auth: false,
      });
    expect((await send({ thing1: { value: '明德在线课堂' }, phrase2: { value: '初审通过' } })).body).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await send({ thing1: { value: '这是一个超过二十个字符的网站名称用于测试长度限制' } })).body.errcode).toBe(47003);
    expect((await send({ thing1: { value: '明德' } }, 'o-unknown')).body.errcode).toBe(40003);
    const outbox = await call(sandbox.url, 'GET', `/outbox/wechat?openid=${openid}`, { auth: false });
    expect(outbox.body.messages).toHaveLength(1);
    expect(outbox.body.messages[0].data.phrase2.value).toBe('初审通过');
  });
});

describe('SMS gateway and mail', () => {
  it('sends an SMS into the outbox and refuses a malformed phone number', async () => {
    const headers = { authorization: `Bearer ${SMS_KEY}` };
    const sent = await call(sandbox.url, 'POST', '/sms/v1/send', { body: { phone: '13912345678', templateId: 'verification_code', params: { code: '482913', minutes: '5' } }, headers });
    expect(sent.status).toBe(200);
    expect(sent.body.messageId).toEqual(expect.any(String));
    const outbox = await call(sandbox.url, 'GET', '/outbox/sms?phone=13912345678', { auth: false });
    expect(outbox.body.messages[0].text).toContain('482913');
    const bad = await call(sandbox.url, 'POST', '/sms/v1/send', { body: { phone: '1391234', templateId: 'verification_code', params: { code: '1', minutes: '5' } }, headers });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_phone');
  });

  it('receives a mail sent with nodemailer over SMTP and shows it in the outbox', async () => {
    const info = await call(sandbox.url, 'GET', '/control/info', { auth: false });
    expect(info.body.smtpPort).toBe(sandbox.smtpPort);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sandbox.smtpPort, secure: false });
    await transport.sendMail({
      from: '"备案变更助手" <noreply@beian-helper.example.com>',
      to: 'lina@yunqi-tech.cn',
      subject: '您的网站备案变更已提交初审',
      text: '您好，网站“云栖科技官网”的备案变更已提交，初审通常在1个工作日内完成。',
      html: '<p>您好，网站“云栖科技官网”的备案变更已提交。</p>',
    });
    transport.close();
    const outbox = await call(sandbox.url, 'GET', '/outbox/mail?to=lina@yunqi-tech.cn', { auth: false });
    expect(outbox.body.messages).toHaveLength(1);
    expect(outbox.body.messages[0]).toMatchObject({ subject: '您的网站备案变更已提交初审', envelopeTo: ['lina@yunqi-tech.cn'] });
    expect(outbox.body.messages[0].text).toContain('初审通常在1个工作日内完成');
    expect(outbox.body.messages[0].html).toContain('<p>');
    const other = await call(sandbox.url, 'GET', '/outbox/mail?to=someone@else.cn', { auth: false });
    expect(other.body.messages).toHaveLength(0);
  });
});

describe('reset', () => {
  it('re-seeds: submissions, outboxes and approved changes are gone', async () => {
    const [filing] = await fetchFilings(sandbox.url, 'zhang-wei');
    const accepted = await submit(
      buildSubmission(filing, 'site-zw-photo', (r) => changeMobile(r, '13912345678')),
      'reset-1',
    );
    await decide(accepted.body.submissionId, { stage: 'initial', decision: 'pass' });
    await decide(accepted.body.submissionId, { stage: 'authority', decision: 'start' });
    await decide(accepted.body.submissionId, { stage: 'authority', decision: 'pass' });
    expect((await fetchFilings(sandbox.url, 'zhang-wei'))[0].revision).toBe(2);

    expect((await call(sandbox.url, 'POST', '/control/reset', { auth: false })).status).toBe(200);
    const [fresh] = await fetchFilings(sandbox.url, 'zhang-wei');
    expect(fresh.revision).toBe(1);
    expect(fresh.entity.principal.mobile).toBe(filing.entity.principal.mobile);
    expect((await call(sandbox.url, 'GET', '/control/submissions', { auth: false })).body.submissions).toEqual([]);
    expect((await call(sandbox.url, 'GET', '/outbox/sms', { auth: false })).body.messages).toEqual([]);
    expect((await call(sandbox.url, 'GET', `/review/v1/submissions/${accepted.body.submissionId}`)).status).toBe(404);
  });
});

describe('persistence', () => {
  it('keeps submissions, filings, outboxes and pending callbacks across a restart', async () => {
    let answering = 500;
    const receiver = await startReceiver(() => answering);
    try {
      const [filing] = await fetchFilings(sandbox.url, 'zhang-wei');
      const request = buildSubmission(filing, 'site-zw-photo', (r) => changeMobile(r, '13912345678'));
      request.callbackUrl = receiver.url;
      const accepted = await submit(request, 'persist-1');
      await eventually(() => receiver.received.length >= 1, 'a failed attempt');

      sandbox = await sandbox.restart();
      const state = await call(sandbox.url, 'GET', `/review/v1/submissions/${accepted.body.submissionId}`);
      expect(state.status).toBe(200);
      expect(state.body.status).toBe('received');
      const [again] = await fetchFilings(sandbox.url, 'zhang-wei');
      expect(again.websites.find((w) => w.id === 'site-zw-photo')?.status).toBe('change_in_review');
      expect((await submit(request, 'persist-1')).body).toEqual(accepted.body);

      answering = 204;
      await eventually(() => receiver.received.some((r) => r.status === 204), 'the pending callback delivered after the restart');
    } finally {
      await receiver.close();
    }
  });
});
