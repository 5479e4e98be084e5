// Journey: the filed record (备案信息) opened from the overview, read-only with names, ID numbers and mobiles masked,
// and its 变更网站 opening the wizard; 通知设置 opened from the overview, 短信 turned off, still off after a reload and
// on the server.
import { setUpJourney } from './support/journey';
import { withFailureShot } from './support/browser';
import { changeIdOf } from './support/flows';
import { app, byText, loginAs, sessionToken, waitForTitle, websiteCard } from './support/ui';
import { makeClient } from '../bff/test/harness';

const APPLICANT = '杭州云栖网络科技有限公司';
const WEBSITE = '云栖开发者文档中心';

const journey = setUpJourney('record-and-settings');

test('备案信息: the filed website read-only and masked, and 变更网站 from it opens the wizard', async () => {
  const { page } = await journey.phones.newPhone();
  await withFailureShot(
    journey.shots,
    () => [page],
    async () => {
      await loginAs(page, journey.product.url, APPLICANT);
      await websiteCard(page, WEBSITE).getByText('查看备案信息', { exact: true }).waitFor();
      await journey.shots.take(page, 'overview-record-links');
      await websiteCard(page, WEBSITE).getByText('查看备案信息', { exact: true }).tap();
      await waitForTitle(page, '备案信息');
      await byText(page, '主办者信息').waitFor();

      // As filed: entity, website, access; the principals (李娜 for the entity, 王磊 for the website) masked.
      for (const text of ['杭州云栖网络科技有限公司', '浙ICP备2023045678号', '浙江省杭州市西湖区文三路398号东信大厦12层', '营业执照', WEBSITE, 'yunqidev.net', '技术文档', '47.96.120.9']) {
        await byText(page, text).waitFor();
      }
      await byText(page, '李*').waitFor();
      await byText(page, '王*').waitFor();
      await byText(page, '139****3456').waitFor();
      await byText(page, '158****2345').waitFor();
      await byText(page, /^居民身份证 3301\*{10}[0-9X]{4}$/).waitFor();
      await byText(page, /^9133\*{10}[0-9A-Z]{4}$/).waitFor();
      const shown = (await app(page).locator('.record').innerText()).replace(/\s+/g, ' ');
      for (const plain of ['李娜', '王磊', '13957123456', '15867002345']) expect(shown).not.toContain(plain);
      expect(shown).not.toMatch(/3301\d{14}/);
      // Read-only: nothing to type into.
      expect(await app(page).locator('.record input, .record textarea').count()).toBe(0);
      await journey.shots.take(page, 'filed-record');

      // H5 has no navigation bar: the page's own 返回 leads back to the overview.
      await app(page).locator('[role="button"][aria-label="返回"]').locator('visible=true').first().tap();
      await websiteCard(page, WEBSITE).getByText('查看备案信息', { exact: true }).tap();
      await waitForTitle(page, '备案信息');
      await byText(page, '主办者信息').waitFor();

      await byText(page, '变更网站').tap();
      await byText(page, '保存并下一步，上传资料').waitFor();
      const changeId = changeIdOf(page);
      const token = await sessionToken(page);
      const change = await makeClient(journey.product.url, token).get(`/api/changes/${changeId}`);
      expect(change.body.websiteId).toBe('site-yq-docs');
    },
  );
}, 300_000);

test('通知设置: 短信 turned off saves at once and is still off after a reload', async () => {
  const { page } = await journey.phones.newPhone();
  await withFailureShot(
    journey.shots,
    () => [page],
    async () => {
      await loginAs(page, journey.product.url, APPLICANT);
      await byText(page, '通知设置').tap();
      await waitForTitle(page, '通知设置');
      const sms = app(page).locator('[role="switch"][aria-labelledby="notify-sms-label"]').locator('visible=true');
      await sms.waitFor();
      expect(await sms.getAttribute('aria-checked')).toBe('true');
      expect(await app(page).locator('[role="button"][aria-label="返回"]').locator('visible=true').count()).toBe(1);
      await journey.shots.take(page, 'notification-settings');

      await sms.tap();
      await byText(page, '已保存：短信通知已关闭').waitFor();
      expect(await sms.getAttribute('aria-checked')).toBe('false');
      await journey.shots.take(page, 'sms-off-saved');

      await page.reload();
      await waitForTitle(page, '通知设置');
      await sms.waitFor();
      expect(await sms.getAttribute('aria-checked')).toBe('false');
      expect(await app(page).locator('[role="switch"][aria-labelledby="notify-mail-label"]').locator('visible=true').getAttribute('aria-checked')).toBe('true');
      const token = await sessionToken(page);
      const stored = await makeClient(journey.product.url, token).get('/api/settings/notifications');
      expect(stored.body.settings).toEqual({ channels: { wechat: true, sms: false, mail: true }, notifyReplacedPrincipal: true });
      await journey.shots.take(page, 'sms-off-after-reload');
    },
  );
}, 300_000);
