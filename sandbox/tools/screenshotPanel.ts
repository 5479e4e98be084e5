// Renders the reviewer's panel with submissions in several stages and saves screenshots (desktop and phone) into artifacts/screens/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildSubmission, call, changeMobile, fetchFilings, jpegBase64, startTestSandbox } from '../testSupport';

const OUT = join(__dirname, '..', '..', 'artifacts', 'screens');

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const sandbox = await startTestSandbox({ callbackUrl: 'http://127.0.0.1:9/unreachable' });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const submit = (body: unknown, key: string) => call<{ submissionId: string }>(sandbox.url, 'POST', '/review/v1/submissions', { body, headers: { 'idempotency-key': key } });
    const decide = (id: string, body: unknown) => call(sandbox.url, 'POST', `/control/submissions/${id}/decide`, { body, auth: false });

    const [yunqi] = await fetchFilings(sandbox.url, 'hangzhou-yunqi');
    const approvedLater = await submit(
      buildSubmission(yunqi, 'site-yq-main', (r) => changeMobile(r, '13988887777')),
      's1',
    );
    await decide(approvedLater.body.submissionId, { stage: 'initial', decision: 'pass' });
    await decide(approvedLater.body.submissionId, { stage: 'authority', decision: 'start' });

    const [zhang] = await fetchFilings(sandbox.url, 'zhang-wei');
    const rejected = await submit(
      buildSubmission(zhang, 'site-zw-photo', (r) => changeMobile(r, '13912345678')),
      's2',
    );
    await decide(rejected.body.submissionId, {
      stage: 'initial',
      decision: 'reject',
      reasons: [{ target: { type: 'field', path: 'websitePrincipal.mobile' }, message: '手机号码无法接通，请填写网站负责人本人可接听的手机号码' }],
    });

    const [mingde] = await fetchFilings(sandbox.url, 'beijing-mingde');
    const pending = buildSubmission(mingde, 'site-md-main', (r) => {
      changeMobile(r, '13700001111');
      r.diff.push({ path: 'serviceContent', before: r.form.serviceContent, after: ['企业官网', '教育咨询服务介绍', '活动报名'] });
      r.form.serviceContent = ['企业官网', '教育咨询服务介绍', '活动报名'];
    });
    pending.materials.push(
      { slot: 'website_principal.id_front', kind: 'id_front', subject: 'website_principal', contentType: 'image/jpeg', dataBase64: await jpegBase64(1600, 1000) },
      { slot: 'website.verification_form', kind: 'verification_form', subject: 'website', contentType: 'image/jpeg', dataBase64: await jpegBase64(640, 900) },
    );
    await submit(pending, 's3');

    for (const [name, viewport, mobile] of [
      ['panel-1280x800.png', { width: 1280, height: 800 }, false],
      ['panel-390x844.png', { width: 390, height: 844 }, true],
    ] as const) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: mobile ? 2 : 1, isMobile: mobile, hasTouch: mobile });
      const page = await context.newPage();
      await page.goto(`${sandbox.url}/panel`);
      await page.waitForSelector('.card');
      await page.screenshot({ path: join(OUT, name), fullPage: true });
      await page.click('[data-reject="initial"]');
      await page.waitForSelector('.reject-form');
      await page
        .locator('.reject-form')
        .first()
        .screenshot({ path: join(OUT, name.replace('panel-', 'panel-reject-form-')) });
      await context.close();
    }

    // the buttons work: passing the pending submission's initial review moves it on
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${sandbox.url}/panel`);
    await page.click('[data-act="initial:pass"]');
    await page.waitForFunction(() => !document.querySelector('[data-act="initial:pass"]') && document.body.textContent.includes('初审通过，待管局审核'));
    await page.screenshot({ path: join(OUT, 'panel-after-pass-1280x800.png') });
    await page.click('details.info summary');
    await page.locator('details.info').screenshot({ path: join(OUT, 'panel-info-1280x800.png') });
    console.log(`screenshots in ${OUT}`);
  } finally {
    await browser.close();
    await sandbox.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
