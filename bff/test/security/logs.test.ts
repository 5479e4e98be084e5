// The BFF's logs never carry a raw resident ID number or mobile: the whole journey (login, autosave with new
// principal details, SMS send/verify/limit, errors with the values in paths, bodies and queries, submit while the
// review system is down, relay retries, callbacks and notifications) runs with the pino output captured and grepped.
import { Writable } from 'node:stream';
import { buildResidentId } from '../../../shared/rules/testFixtures';
import { createLogger } from '../../src/logger';
import { APPLICANTS, eventually, newChange, startHarness, type Harness } from '../harness';
import { readyChange } from './fixtures';

const lines: string[] = [];
const capture = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(chunk.toString('utf8'));
    done();
  },
});

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ logger: createLogger('debug', capture) });
});
afterAll(async () => {
  await h?.close();
});

const NEW_ID = buildResidentId({ region: '330106', birth: '19851231', sequence: '456' });

/** The ways people write a mobile (+86, 0086, grouped 3-4-4, full-width) and an ID number (grouped 6-8-4, lowercase x). */
function variantsOf(mobile: string, id: string): string[] {
  const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  const out = [`+86${mobile}`, `0086 ${mobile}`, `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`, fullWidth(mobile)];
  if (/^\d{17}[\dX]$/.test(id)) out.push(`${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`, id.toLowerCase(), fullWidth(id));
  return out.filter((v) => v !== mobile && v !== id);
}
const NEW_MOBILE = '13712345678';
const OTHER_MOBILE = '15098765432';

test('no raw ID number or mobile reaches the logs, whatever the path', async () => {
  const yunqi = await h.login(APPLICANTS.yunqi.applicantId);
  const filings = (await yunqi.ok('listFilings')).body.filings;
  // Every ID number and phone the applicant's filing holds, plus the new ones typed in this test.
  const seeded = JSON.stringify(filings).match(/(?<!\d)(?:[1-9]\d{16}[\dXx]|1[3-9]\d{9})(?!\d)/g) ?? [];
  const secrets = [...new Set([...seeded, NEW_ID, NEW_MOBILE, OTHER_MOBILE])];

  expect(seeded.length).toBeGreaterThanOrEqual(2);

  // Submit while the review system is down (relay fails and retries, logging errors), then let it through and
  // drive a rejection so callbacks and notifications (SMS and mail to the principals) are logged too.
  const submittedId = await readyChange(yunqi);
  h.reviewSystemDown(true);
  const submitted = await yunqi.call('submit', { params: { id: submittedId }, body: { agreed: true }, headers: { 'idempotency-key': 'logs-1' } });
  expect(submitted.status).toBe(202);
  await eventually(() => lines.join('').includes('relay job failed'), 'a failed relay attempt in the logs');
  h.reviewSystemDown(false);
  const statusOf = async (id: string) => (await yunqi.ok('getProgress', { params: { id } })).body.status;
  await eventually(async () => (await statusOf(submittedId)) === 'initial_review', 'relay');
  const { submissions } = await h.sandboxGet<{ submissions: { submissionId: string; changeId: string }[] }>('/control/submissions');
  const submission = submissions.find((s) => s.changeId === submittedId);
  await h.sandboxPost(`/control/submissions/${submission?.submissionId}/decide`, {
    stage: 'initial',
    decision: 'reject',
    reasons: [{ target: { type: 'field', path: 'name' }, message: `请联系 ${NEW_MOBILE}（+86 ${NEW_MOBILE.slice(0, 3)} ${NEW_MOBILE.slice(3, 7)} ${NEW_MOBILE.slice(7)}）核实网站名称` }],
  });
  await eventually(async () => (await statusOf(submittedId)) === 'initial_rejected', 'rejection');
  const principalMobile = (await yunqi.ok('getChange', { params: { id: submittedId } })).body.form.websitePrincipal.mobile;
  await eventually(async () => (await h.sandboxGet<{ messages: unknown[] }>(`/outbox/sms?phone=${principalMobile}`)).messages.length > 0, 'notification SMS');

  // Another applicant types new principal details: autosave, an invalid ID, SMS send / too early / wrong / right.
  const mingde = await h.login(APPLICANTS.mingde.applicantId);
  const created = await mingde.ok('createChange', { body: newChange(APPLICANTS.mingde) });
  const id = created.body.id;
  const params = { id };
  let etag = created.headers.get('etag') ?? '';
  const patched = await mingde.call('patchChange', {
    params,
    body: { form: { entityPrincipal: { mobile: NEW_MOBILE }, websitePrincipal: { idNumber: NEW_ID, mobile: OTHER_MOBILE } } },
    headers: { 'if-match': etag },
  });
  etag = patched.headers.get('etag') ?? etag;
  // An invalid value is saved and reported: its problem message must not echo it into the logs either.
  const invalid = await mingde.call('patchChange', { params, body: { form: { websitePrincipal: { idNumber: `${NEW_ID.slice(0, 17)}0` } } }, headers: { 'if-match': etag } });
  etag = invalid.headers.get('etag') ?? etag;
  expect((await mingde.call('sendSms', { params, body: { phone: NEW_MOBILE } })).status).toBe(202);
  expect((await mingde.call('sendSms', { params, body: { phone: NEW_MOBILE } })).status).toBe(429);
  expect((await mingde.call('verifySms', { params, body: { phone: NEW_MOBILE, code: '000000' } })).status).toBe(422);
  const code = (await h.sandboxGet<{ messages: { params: Record<string, string> }[] }>(`/outbox/sms?phone=${NEW_MOBILE}`)).messages.at(-1)?.params.code ?? '';
  expect((await mingde.call('verifySms', { params, body: { phone: NEW_MOBILE, code } })).status).toBe(200);
  const mingdeFilings = (await mingde.ok('listFilings')).body.filings;
  secrets.push(...(JSON.stringify(mingdeFilings).match(/(?<!\d)(?:[1-9]\d{16}[\dXx]|1[3-9]\d{9})(?!\d)/g) ?? []));

  // The values in places a request logger sees: path, query string, a broken body (raw), an unknown route (raw), a login code.
  await mingde.call('getProgress', { params: { id: NEW_ID } });
  await mingde.call('getChange', { params: { id: NEW_MOBILE } });
  await mingde.call('listChanges', { query: { phone: OTHER_MOBILE, id: NEW_ID } });
  await mingde.raw('PATCH', `/api/changes/${id}`, { body: `{"form":{"entityPrincipal":{"mobile":"${NEW_MOBILE}"`, headers: { 'if-match': etag } });
  await mingde.raw('GET', `/api/nothing-here/${NEW_ID}`);
  // The same values as people also write them, in paths no route matches (the only place a raw path is still logged):
  // +86 glued on or percent-encoded, grouped with spaces or dashes, full-width digits, a lowercase x.
  for (const variant of variantsOf(NEW_MOBILE, NEW_ID)) {
    await mingde.raw('GET', `/api/nothing-here/${encodeURIComponent(variant)}?q=${encodeURIComponent(variant)}`);
    await mingde.raw('GET', `/api/nothing-here/${variant.replace(/[\s]/g, '-')}`);
  }
  const linesBefore = lines.length;
  await h.anonymous().call('login', { body: { code: `demo-${NEW_MOBILE}` } });
  await eventually(() => lines.length > linesBefore, "the last request's log line");

  const log = lines.join('');
  // The capture works and saw the journey: request lines, the relay failure, the SMS limit, the callbacks.
  expect(log).toContain('"route":"/api/changes/:id"');
  expect(log).toContain('"path":"/api/nothing-here/');
  expect(log).toMatch(/relay job failed/);
  expect(log).toMatch(/"status":429/);
  expect(log).toMatch(/review event applied/);
  // Every secret in every written form, raw and as a URL would carry it.
  const forms = [...new Set(secrets.flatMap((s) => [s, ...variantsOf(s, s)]).flatMap((f) => [f, encodeURIComponent(f)]))];
  const leaked = forms.filter((s) => log.includes(s));
  const leakedLines = lines.filter((l) => forms.some((s) => l.includes(s))).slice(0, 5);
  expect({ leaked, leakedLines }).toEqual({ leaked: [], leakedLines: [] });
}, 60_000);
