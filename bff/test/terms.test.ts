// The agreement an applicant ticks is recorded with exactly the terms version the terms page shows (shared/data/terms).
import { TERMS_VERSION } from '../../shared/data/terms';
import { expectOk } from '../../testing/bffClient';
import { APPLICANTS, newChange, startHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

test('ticking the agreement records the version the terms page shows; unticking clears it', async () => {
  const yunqi = await h.login(APPLICANTS.yunqi.applicantId);
  const created = await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) });
  const params = { id: created.body.id };

  const agreed = await yunqi.call('patchChange', { params, body: { agreement: { agreed: true } }, headers: { 'if-match': `"${created.body.version}"` } });
  expectOk(agreed);
  expect(agreed.body.draft.agreement).toMatchObject({ agreed: true, termsVersion: TERMS_VERSION });
  expect(Date.parse(agreed.body.draft.agreement.agreedAt ?? '')).not.toBeNaN();

  const withdrawn = await yunqi.call('patchChange', { params, body: { agreement: { agreed: false } }, headers: { 'if-match': `"${agreed.body.draft.version}"` } });
  expectOk(withdrawn);
  expect(withdrawn.body.draft.agreement).toEqual({ agreed: false, termsVersion: null, agreedAt: null });
});
