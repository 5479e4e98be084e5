// The wizard keeps what was typed and hides what it should: step 1 re-shown after 上一步 holds the typed 备注 (with
// 已修改); 同主体负责人 ticked then unticked gives the website principal back; ID numbers never show in full except in
// the input being edited; 放弃本次变更 frees the website and the discarded change stays in the history, openable.
import type { Page } from 'playwright-core';
import { withFailureShot } from './support/browser';
import { openChange } from './support/flows';
import { setUpJourney } from './support/journey';
import { app, byText, field, fieldBlock, fillField, maskedField, tap, valueOf, waitForTitle, websiteCard } from './support/ui';

const journey = setUpJourney('wizard');
const WEBSITE = '云栖开发者文档中心';
const NOTES = '文档中心改版，新增中文检索说明';
const FULL_ID = /\d{17}[\dX]/;

/** Every text on the visible screen (labels, values, notes): an ID number must not be among them in full. */
async function screenText(page: Page): Promise<string> {
  return app(page).innerText();
}

test('step 1 keeps typed values, 同主体负责人 is reversible, ID numbers stay masked, and a discarded change goes to the history', async () => {
  const { page } = await journey.phones.newPhone();
  await withFailureShot(
    journey.shots,
    () => [page],
    async () => {
      await openChange(page, journey.product, '杭州云栖网络科技有限公司', WEBSITE);

      // Masked: the website principal's ID number shows masked; focusing the field reveals it for editing only.
      const idLabel = '网站负责人证件号码';
      await maskedField(page, idLabel).first().waitFor();
      expect(await screenText(page)).not.toMatch(FULL_ID);
      await journey.shots.take(page, 'step1-masked');
      await maskedField(page, idLabel).first().tap();
      expect(await valueOf(page, idLabel)).toMatch(FULL_ID);
      await field(page, idLabel).tap();
      await field(page, idLabel).blur();
      await maskedField(page, idLabel).first().waitFor();
      expect(await screenText(page)).not.toMatch(FULL_ID);

      // The toggle: tick shows the entity principal (李娜), untick brings 王磊 back in every field.
      const sameAsEntity = app(page).locator('[role="checkbox"][aria-label="同主体负责人"]');
      await sameAsEntity.tap();
      await byText(page, /^已勾选：网站负责人即主体负责人/).waitFor();
      expect(await screenText(page)).not.toMatch(FULL_ID);
      await sameAsEntity.tap();
      await byText(page, /^未勾选：下方只修改本网站的负责人/).waitFor();
      expect(await valueOf(page, '网站负责人姓名')).toBe('王磊');
      expect(await valueOf(page, '网站负责人手机号码')).toBe('15867002345');
      expect(await valueOf(page, '网站负责人电子邮箱')).toBe('wanglei@yunqidev.net');
      await expectNoChangedTag(page, '网站负责人姓名');
      expect(await screenText(page)).not.toMatch(FULL_ID);
      await journey.shots.take(page, 'step1-after-untick');

      // Stale step 1: type 备注, go on to the materials, come back: the note and its 已修改 tag are there.
      await fillField(page, '备注', NOTES);
      await tap(page, '保存并下一步，上传资料');
      await byText(page, '下一步，确认备案信息').waitFor();
      await tap(page, '上一步');
      await byText(page, '保存并下一步，上传资料').waitFor();
      expect(await valueOf(page, '备注')).toBe(NOTES);
      await fieldBlock(page, '备注').getByText('已修改', { exact: true }).waitFor();
      await journey.shots.take(page, 'step1-back-keeps-notes');

      // 放弃本次变更: confirmed in a dialog, back on the overview the website can be changed again…
      await tap(page, '放弃本次变更');
      await page.getByText('放弃变更', { exact: true }).locator('visible=true').first().tap();
      await waitForTitle(page, '备案信息总览');
      const card = websiteCard(page, WEBSITE);
      await card.getByText('变更网站', { exact: true }).waitFor();
      // … and the discarded change is in its history, opening read-only with its timeline.
      await card.getByText('变更记录（1）', { exact: true }).waitFor();
      await journey.shots.take(page, 'overview-history');
      await card.locator('.overview-history__row', { hasText: '已撤回' }).tap();
      await byText(page, '已放弃').waitFor();
      await byText(page, '申请人放弃了本次变更，草稿和照片已删除').waitFor();
      expect(await app(page).getByText('撤回', { exact: true }).locator('visible=true').count()).toBe(0);
      expect(await app(page).getByText('去修改', { exact: true }).locator('visible=true').count()).toBe(0);
      await journey.shots.take(page, 'history-discarded-change');
    },
  );
}, 180_000);

async function expectNoChangedTag(page: Page, label: string): Promise<void> {
  expect(await fieldBlock(page, label).getByText('已修改', { exact: true }).count()).toBe(0);
}
