// Journey: half of step 1 filled, the page closed and opened again, then the same applicant on a second phone —
// everything is there; both phones edit the same field and the second one resolves the conflict (412 merge sheet).
import { setUpJourney } from './support/journey';
import { withFailureShot } from './support/browser';
import { changeIdOf, openChange, untilServerHas } from './support/flows';
import { app, byText, fillField, loginAs, sessionToken, valueOf, waitSaved, websiteCard } from './support/ui';
import { makeClient } from '../bff/test/harness';
import type { Page } from 'playwright-core';

const APPLICANT = '杭州云栖网络科技有限公司';
const WEBSITE = '云栖科技官网';
const HALF_FILLED = { name: '云栖智能云服务平台', notes: '网站改版，名称随业务调整' };

const journey = setUpJourney('draft-resume');

/** From the overview: the card offers 继续填写 for the saved draft, which opens step 1 with the saved values. */
async function resume(page: Page): Promise<void> {
  await loginAs(page, journey.product.url, APPLICANT);
  const card = websiteCard(page, WEBSITE);
  await card.getByText('草稿已自动保存，可在任意设备继续填写。').waitFor();
  await card.getByText('继续填写', { exact: true }).tap();
  await byText(page, '保存并下一步，上传资料').waitFor();
}

test('a half-filled draft survives closing the page and opens on a second phone; a conflicting edit is merged', async () => {
  const first = await journey.phones.newPhone();
  let pageA = first.page;
  const pages: Page[] = [pageA];
  await withFailureShot(
    journey.shots,
    () => pages,
    async () => {
      await openChange(pageA, journey.product, APPLICANT, WEBSITE);
      const changeId = changeIdOf(pageA);
      await fillField(pageA, '网站名称', HALF_FILLED.name);
      await fillField(pageA, '备注', HALF_FILLED.notes);
      await untilServerHas(journey.product, pageA, changeId, 'notes', HALF_FILLED.notes);
      await waitSaved(pageA);
      await journey.shots.take(pageA, 'half-filled');

      // Close the page (the tab), open the product again in the same browser.
      await pageA.close();
      pageA = await first.context.newPage();
      pages.push(pageA);
      await resume(pageA);
      expect(await valueOf(pageA, '网站名称')).toBe(HALF_FILLED.name);
      expect(await valueOf(pageA, '备注')).toBe(HALF_FILLED.notes);
      await journey.shots.take(pageA, 'reopened-same-phone');

      // The same applicant on another phone (separate storage): the draft comes from the server.
      const { page: pageB } = await journey.phones.newPhone();
      pages.push(pageB);
      await resume(pageB);
      expect(changeIdOf(pageB)).toBe(changeId);
      expect(await valueOf(pageB, '网站名称')).toBe(HALF_FILLED.name);
      expect(await valueOf(pageB, '备注')).toBe(HALF_FILLED.notes);
      await journey.shots.take(pageB, 'opened-on-second-phone');

      // Both phones change the notes: A saves first, B's save is refused (stale version) and B picks per field.
      await fillField(pageA, '备注', '由手机A填写的备注');
      await untilServerHas(journey.product, pageA, changeId, 'notes', '由手机A填写的备注');
      await waitSaved(pageA);
      await fillField(pageB, '备注', '由手机B填写的备注');
      const sheet = app(pageB).locator('[role="dialog"][aria-label="选择保留的内容"]');
      await sheet.getByText('这些内容在其他设备上也修改过').waitFor();
      await sheet.getByText('由手机A填写的备注').waitFor();
      await sheet.getByText('由手机B填写的备注').waitFor();
      await journey.shots.take(pageB, 'conflict-sheet', false);
      await sheet.locator('[role="radio"][aria-label^="备注保留本机"]').tap();
      await sheet.getByText('保存所选内容', { exact: true }).tap();
      await sheet.waitFor({ state: 'detached' });
      await waitSaved(pageB);

      // The server holds B's choice, and A shows it after a reload.
      const token = await sessionToken(pageB);
      const saved = await makeClient(journey.product.url, token).get(`/api/changes/${changeId}`);
      expect(saved.body.form.notes).toBe('由手机B填写的备注');
      expect(saved.body.form.name).toBe(HALF_FILLED.name);
      await pageA.reload();
      await byText(pageA, '保存并下一步，上传资料').waitFor();
      expect(await valueOf(pageA, '备注')).toBe('由手机B填写的备注');
      await journey.shots.take(pageA, 'merged-value-on-first-phone');
    },
  );
}, 300_000);
