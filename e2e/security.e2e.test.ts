// Journey: the H5 build under the BFF's Content-Security-Policy — log in, open a change, photograph a document and see
// its preview, then 退出登录 from the overview — with every CSP violation the browser reports collected: none may block
// anything the product needs. After logout the old token is refused by the BFF.
import type { BrowserContext } from 'playwright-core';
import { setUpJourney } from './support/journey';
import { withFailureShot } from './support/browser';
import { openChange } from './support/flows';
import { app, byText, fillField, materialCard, photograph, sessionToken, tap, waitForTitle } from './support/ui';
import { makeClient } from '../bff/test/harness';

const journey = setUpJourney('security', { photos: true });

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

/**
 * Every `securitypolicyviolation` any page of this context reports, from its first script on, handed to the test as it
 * happens (a navigation does not lose them), plus any console line about the policy.
 */
async function recordViolations(context: BrowserContext): Promise<Violation[]> {
  const seen: Violation[] = [];
  await context.exposeBinding('__reportCsp', (_source, v: Violation) => void seen.push(v));
  await context.addInitScript(() => {
    const report = (window as unknown as { __reportCsp: (v: Violation) => void }).__reportCsp;
    document.addEventListener('securitypolicyviolation', (e) => report({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }));
  });
  context.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) seen.push({ directive: 'console', blocked: '', sample: msg.text() });
  });
  return seen;
}

test('the H5 works under its CSP (scripts, styles, fonts, photo previews, API calls) and logs out', async () => {
  const { context, page } = await journey.phones.newPhone();
  const violations = await recordViolations(context);
  await withFailureShot(
    journey.shots,
    () => [page],
    async () => {
      const response = await page.goto(`${journey.product.url}/`);
      const csp = response?.headers()['content-security-policy'] ?? '';
      expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
      expect(csp).toContain("frame-ancestors 'none'");

      await openChange(page, journey.product, '杭州云栖网络科技有限公司', '云栖科技官网');
      await fillField(page, '网站名称', '云栖科技官方网站');
      await tap(page, '保存并下一步，上传资料');
      await byText(page, '下一步，确认备案信息').waitFor();
      await photograph(page, '上传《网站真实性核验单》', journey.photos.verificationForm);
      await materialCard(page, '《网站真实性核验单》').getByText('已重新上传', { exact: true }).waitFor();
      // Every thumbnail has loaded, not been blocked: the new photo's signed same-origin preview, and the filed
      // materials' images, which the review system serves from its own origin.
      for (const label of ['网站负责人证件正面照片', '网站负责人证件反面照片', '《网站真实性核验单》']) {
        const img = materialCard(page, label).locator('img').first();
        await img.waitFor();
        await page.waitForFunction((el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0, await img.elementHandle());
      }
      await journey.shots.take(page, 'materials-under-csp');

      const token = await sessionToken(page);
      await page.goto(`${journey.product.url}/`);
      await waitForTitle(page, '备案信息总览');
      await byText(page, '退出登录').scrollIntoViewIfNeeded();
      await journey.shots.take(page, 'overview-logout', false);
      await tap(page, '退出登录');
      // Taro's confirm dialog: its confirm button carries the same words.
      const confirm = page.locator('.taro-modal__content').locator('visible=true');
      await confirm.getByText(/退出后，本设备需重新登录/).waitFor();
      await journey.shots.take(page, 'confirm-logout', false);
      await confirm.locator('.taro-model__confirm', { hasText: '退出登录' }).tap();
      await app(page).getByText('选择演示账号').waitFor();
      await journey.shots.take(page, 'logged-out', false);
      expect(await page.evaluate(() => localStorage.getItem('beian.session'))).toBeNull();
      expect((await makeClient(journey.product.url, token).call('listFilings')).status).toBe(401);

      expect(violations).toEqual([]);
    },
  );
}, 120_000);
