// The reviewer's panel in a real browser: a rejection entered with per-field reasons reaches the review system's state.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { buildSubmission, call, changeMobile, fetchFilings, startTestSandbox, withVerificationForm, type TestSandbox } from './testSupport';

const CHROMIUM = '/usr/bin/chromium';
const describeWithBrowser = existsSync(CHROMIUM) ? describe : describe.skip;

describeWithBrowser('reviewer panel', () => {
  let sandbox: TestSandbox;
  let browser: Browser;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.dispose();
  });

  it('rejects the initial review with the reasons the reviewer picked, pre-filled from the automatic check', async () => {
    const [mingde] = await fetchFilings(sandbox.url, 'beijing-mingde');
    const accepted = await call(sandbox.url, 'POST', '/review/v1/submissions', {
      body: await withVerificationForm(buildSubmission(mingde, 'site-md-main', (r) => changeMobile(r, '13700001111'))),
      headers: { 'idempotency-key': 'panel-1' },
    });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${sandbox.url}/panel`);
    await page.getByText('明德教育咨询', { exact: true }).waitFor();
    await page.getByRole('button', { name: '驳回初审…' }).click();

    // the broken footer was found by the automatic check and is offered as the first reason
    const first = page.locator('.reason-row').first();
    await expect(first.locator('select').inputValue()).resolves.toBe('field:homepageUrl');
    await page.getByRole('button', { name: '添加一条原因' }).click();
    const second = page.locator('.reason-row').nth(1);
    await second.locator('select').selectOption('field:websitePrincipal.mobile');
    await second.locator('textarea').fill('手机号码无法接通，请填写网站负责人本人的手机号码');
    await page.getByRole('button', { name: '确认驳回' }).click();
    await page.getByText('初审驳回', { exact: true }).waitFor();

    const state = await call(sandbox.url, 'GET', `/review/v1/submissions/${accepted.body.submissionId}`);
    expect(state.body.status).toBe('initial_rejected');
    expect(state.body.reasons.map((r: { target: { path: string } }) => r.target.path)).toEqual(['homepageUrl', 'websitePrincipal.mobile']);
    expect(state.body.reasons[1].message).toBe('手机号码无法接通，请填写网站负责人本人的手机号码');
    await page.close();
  });
});
