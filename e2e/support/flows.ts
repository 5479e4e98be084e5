// Steps several journeys share: open a change from the overview, submit from the confirm step, and act as the
// reviewer through the sandbox's control endpoints.
import type { Locator, Page } from 'playwright-core';
import { eventually } from '../../testing/eventually';
import type { Product } from './product';
import { makeClient } from '../../bff/test/harness';
import { app, byText, loginAs, sessionToken, waitSaved, websiteCard } from './ui';
import { AGREEMENT_TEXT } from '../../shared/data/terms';

export interface SandboxSubmission {
  submissionId: string;
  applicantId: string;
  status: string;
  form: { name: string; websitePrincipal: { name: string; mobile: string }; entityPrincipal: { name: string }; domains: string[] };
  materials: { slot: string }[];
  /** The identity verifications it names (电子化核验), each with the status the verification service holds. */
  verifications?: { role: string; taskId: string; status: string }[];
}

/** Log in, tap 变更网站 (or 继续填写) on the website's card, and wait for step 1 (`baseUrl`: e.g. through a shaped link). */
export async function openChange(page: Page, product: Product, applicantName: string, websiteName: string, baseUrl = product.url): Promise<string> {
  await loginAs(page, baseUrl, applicantName);
  const card = websiteCard(page, websiteName);
  await card.getByText(/^(变更网站|继续填写)$/).tap();
  await byText(page, '保存并下一步，上传资料').waitFor();
  return changeIdOf(page);
}

export function changeIdOf(page: Page): string {
  const id = new URL(page.url().replace('#', '')).searchParams.get('changeId');
  if (!id) throw new Error(`no changeId in ${page.url()}`);
  return id;
}

/** The confirm step's agreement checkbox (its accessible name is the agreement's wording). */
export function agreementCheckbox(page: Page): Locator {
  return app(page).locator(`[role="checkbox"][aria-label="${AGREEMENT_TEXT}"]`);
}

/** On the confirm step: wait for the checks, tick the agreement, submit, and wait for the progress page. */
export async function agreeAndSubmit(page: Page): Promise<void> {
  await byText(page, '提交前检查').waitFor();
  await app(page).locator('.wz-check-item').first().waitFor();
  const agreement = agreementCheckbox(page);
  if ((await agreement.getAttribute('aria-checked')) !== 'true') await agreement.tap();
  // Ticking saves the agreement; the button stays disabled until the draft is saved (a tap before that is ignored).
  await waitSaved(page);
  const submit = app(page)
    .locator('taro-button-core:not(.ui-btn--disabled)', { hasText: /^(提交备案|重试提交)$/ })
    .locator('visible=true')
    .first();
  await submit.tap();
  await byText(page, '当前状态').waitFor({ timeout: 60_000 });
}

/** The newest submission of an applicant at the review system, once it has arrived (optionally the n-th one). */
export async function submissionOf(product: Product, applicantId: string, count = 1): Promise<SandboxSubmission> {
  return eventually(
    async () => {
      const { submissions } = await product.sandboxGet<{ submissions: SandboxSubmission[] }>('/control/submissions');
      const mine = submissions.filter((s) => s.applicantId === applicantId);
      return mine.length >= count ? mine[0] : null;
    },
    `submission #${count} of ${applicantId} at the review system`,
    60_000,
  );
}

export async function decide(product: Product, submissionId: string, body: { stage: 'initial' | 'authority'; decision: string; reasons?: unknown[] }): Promise<void> {
  const res = await product.sandboxPost(`/control/submissions/${submissionId}/decide`, body);
  if (res.status !== 200) throw new Error(`reviewer decision ${JSON.stringify(body)}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
}

/** The draft as the server holds it, read with the page's own session (what another device would load). */
export async function serverDraft(product: Product, page: Page, changeId: string): Promise<{ form: Record<string, unknown>; version: number }> {
  const res = await makeClient(product.url, await sessionToken(page)).get(`/api/changes/${changeId}`);
  if (res.status !== 200) throw new Error(`GET /api/changes/${changeId}: HTTP ${res.status}`);
  return res.body;
}

/** Wait until the server holds `value` at the top-level form field `key` (autosave is debounced and asynchronous). */
export async function untilServerHas(product: Product, page: Page, changeId: string, key: string, value: unknown): Promise<void> {
  await eventually(async () => (await serverDraft(product, page, changeId)).form[key] === value, `the server draft to hold ${key} = ${JSON.stringify(value)}`, 30_000);
}
