// Journey (issue 15): every main screen — login, overview, step 1, step 2, confirm, progress — has tap targets of at
// least 44 × 44 and holds at 320 px wide with text at 150 % (no sideways scrolling, no label broken inside a word);
// step 1's 备注 is a counted multi-line box, 证件有效期 a date input with 长期有效 (by keyboard too), phones a tel
// input; the agreement's words tick it; H5 pages other than the entry have a 返回 that works without history too.
// Each screenshot passes axe (Shots.take).
import type { Page } from 'playwright-core';
import { withFailureShot } from './support/browser';
import { agreementCheckbox, changeIdOf, serverDraft } from './support/flows';
import { setUpJourney } from './support/journey';
import { enlargeText, layoutProblems, restoreText, smallTargets, TAP_MIN, targetSizes } from './support/a11y';
import { app, byText, fillField, loginAs, photograph, tap, waitForTitle, waitSaved, websiteCard } from './support/ui';

const journey = setUpJourney('a11y', { photos: true });
const PHONE = { width: 390, height: 844 };
const NARROW = { width: 320, height: 640 };

/** The screen at 390 px: no small targets; then at 320 px with 150 % text: it holds (both shot, axe on each). */
async function checkScreen(page: Page, name: string): Promise<void> {
  expect({ screen: name, small: await smallTargets(page) }).toEqual({ screen: name, small: [] });
  await journey.shots.take(page, name);
  await page.setViewportSize(NARROW);
  await enlargeText(page, 1.5);
  const problems = await layoutProblems(page);
  await journey.shots.take(page, `${name}-320px-150pct`);
  await restoreText(page);
  await page.setViewportSize(PHONE);
  expect({ screen: name, ...problems }).toEqual({ screen: name, overflowX: 0, pastEdge: [], brokenLabels: [] });
}

function validityLongTerm(page: Page) {
  return app(page).locator('[role="checkbox"][aria-label$="证件有效期长期有效"]').locator('visible=true').first();
}

test('main screens: 44 px targets, 320 px with 150 % text, step 1 controls, agreement text, H5 返回', async () => {
  const { page } = await journey.phones.newPhone();
  await withFailureShot(
    journey.shots,
    () => [page],
    async () => {
      const { product } = journey;
      await page.goto(`${product.url}/`);
      await byText(page, '杭州云栖网络科技有限公司').waitFor();
      await checkScreen(page, 'login');
      // The entry page has nothing to go back to.
      expect(await app(page).locator('[role="button"][aria-label="返回"]').locator('visible=true').count()).toBe(0);

      await loginAs(page, product.url, '杭州云栖网络科技有限公司');
      await checkScreen(page, 'overview');

      await websiteCard(page, '云栖科技官网').getByText('变更网站', { exact: true }).tap();
      await byText(page, '保存并下一步，上传资料').waitFor();
      const changeId = changeIdOf(page);

      // 返回: a 44 px control at the top; back on the overview, 继续填写 opens the same change.
      const back = app(page).locator('[role="button"][aria-label="返回"]').locator('visible=true').first();
      const [backSize] = await targetSizes(page, '.taro_page [role="button"][aria-label="返回"]').then((all) => all.filter((t) => t.width > 0));
      expect(backSize.width).toBeGreaterThanOrEqual(TAP_MIN);
      expect(backSize.height).toBeGreaterThanOrEqual(TAP_MIN);
      await back.tap();
      await waitForTitle(page, '备案信息总览');
      await websiteCard(page, '云栖科技官网').getByText('继续填写', { exact: true }).tap();
      await byText(page, '保存并下一步，上传资料').waitFor();

      // Phones bring up the phone keypad.
      const mobile = app(page).locator('taro-input-core[aria-label$="负责人手机号码"] input').locator('visible=true').first();
      expect(await mobile.getAttribute('type')).toBe('tel');

      // 证件有效期: a date input; a picked date is saved as YYYY-MM-DD.
      const date = app(page).locator('taro-input-core[aria-label$="证件有效期"] input').locator('visible=true').first();
      expect(await date.getAttribute('type')).toBe('date');
      const role = (await app(page).locator('taro-input-core[aria-label$="证件有效期"]').locator('visible=true').first().getAttribute('aria-label'))?.startsWith('网站')
        ? 'websitePrincipal'
        : 'entityPrincipal';
      const filedValidity = await date.inputValue();
      await date.fill('2041-06-30');
      await waitSaved(page);
      const principalOf = async () => (await serverDraft(product, page, changeId)).form[role] as { idValidUntil: string | null };
      expect((await principalOf()).idValidUntil).toBe('2041-06-30');

      // 长期有效 by keyboard: focus it, Space ticks it, the date input goes, the server holds null (the domain's 长期).
      await validityLongTerm(page).focus();
      await page.keyboard.press('Space');
      expect(await validityLongTerm(page).getAttribute('aria-checked')).toBe('true');
      expect(await date.count()).toBe(0);
      await waitSaved(page);
      expect((await principalOf()).idValidUntil).toBeNull();
      await journey.shots.take(page, 'step1-validity-long-term');
      // Untick (Enter this time): the date input is back; the filed date restores the field (no change left).
      await page.keyboard.press('Enter');
      expect(await validityLongTerm(page).getAttribute('aria-checked')).toBe('false');
      await date.fill(filedValidity);
      await waitSaved(page);
      expect((await principalOf()).idValidUntil).toBe(filedValidity);

      // 备注: several lines, counted against 2000.
      const notes = app(page).locator('taro-textarea-core[aria-label="备注"] textarea').locator('visible=true').first();
      await notes.fill('网站改版\n新增产品文档栏目');
      await byText(page, '已输入 13 / 2000 字').waitFor();
      // Typed Chinese is drawn in a CJK font in every kind of input (browsers do not pass the page font on to inputs).
      const fonts = await app(page)
        .locator('.taro_page textarea, .taro_page input')
        .evaluateAll((els) => els.filter((el) => el.getBoundingClientRect().width > 0).map((el) => `${el.getAttribute('type') ?? el.tagName}: ${getComputedStyle(el).fontFamily}`));
      expect(fonts.length).toBeGreaterThan(5);
      expect(fonts.filter((f) => !f.includes('Noto Sans CJK SC'))).toEqual([]);
      await fillField(page, '网站名称', '云栖云计算服务平台');
      await waitSaved(page);
      await checkScreen(page, 'step1');

      await tap(page, '保存并下一步，上传资料');
      await byText(page, '下一步，确认备案信息').waitFor();
      await photograph(page, '上传《网站真实性核验单》', journey.photos.verificationForm);
      await checkScreen(page, 'step2');

      await tap(page, '下一步，确认备案信息');
      await byText(page, '提交前检查').waitFor();
      await app(page).locator('.wz-check-item').first().waitFor();
      // The agreement: its box taps at 44 × 44, and tapping its words (not a document link) ticks it.
      const [box] = await targetSizes(page, '.taro_page .ui-check-rich > [role="checkbox"]');
      expect(box.width).toBeGreaterThanOrEqual(TAP_MIN);
      expect(box.height).toBeGreaterThanOrEqual(TAP_MIN);
      await app(page)
        .locator('.ui-check-rich__text')
        .locator('visible=true')
        .first()
        .tap({ position: { x: 4, y: 20 } });
      expect(await agreementCheckbox(page).getAttribute('aria-checked')).toBe('true');
      await waitSaved(page);
      await checkScreen(page, 'confirm');

      const submit = app(page)
        .locator('taro-button-core:not(.ui-btn--disabled)', { hasText: /^提交备案$/ })
        .locator('visible=true')
        .first();
      await submit.tap();
      await byText(page, '当前状态').waitFor({ timeout: 60_000 });
      await checkScreen(page, 'progress');

      // Opened directly (a reload leaves no page to go back to): 返回 goes to the overview.
      await page.reload();
      await byText(page, '当前状态').waitFor();
      await app(page).locator('[role="button"][aria-label="返回"]').locator('visible=true').first().tap();
      await waitForTitle(page, '备案信息总览');
    },
  );
}, 400_000);
