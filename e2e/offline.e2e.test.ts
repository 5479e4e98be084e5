// Journey: the network drops in the middle of step 1; the applicant keeps typing; when it comes back nothing is lost
// (after a reload the values come from the server, which is also asked directly).
import { setUpJourney } from './support/journey';
import { withFailureShot } from './support/browser';
import { changeIdOf, openChange } from './support/flows';
import { byText, fillField, saveStatus, sessionToken, typeInto, valueOf, waitSaved } from './support/ui';
import { makeClient } from '../bff/test/harness';

const journey = setUpJourney('offline');

test('offline in the middle of step 1: typing goes on, everything reaches the server when the network is back', async () => {
  const { context, page } = await journey.phones.newPhone();
  await withFailureShot(
    journey.shots,
    () => [page],
    async () => {
      await openChange(page, journey.product, '杭州云栖网络科技有限公司', '云栖科技官网');
      const changeId = changeIdOf(page);
      await fillField(page, '网站名称', '云栖数据服务平台');
      await waitSaved(page);

      await context.setOffline(true);
      await typeInto(page, '备注', '断网期间填写：网站改版，新增产品文档栏目');
      await fillField(page, '网站首页地址', 'https://www.yunqi-tech.cn/index.html');
      await saveStatus(page).getByText('离线，已暂存本机').waitFor();
      await journey.shots.take(page, 'offline-kept-on-phone');

      await context.setOffline(false);
      await waitSaved(page, 60_000);
      await journey.shots.take(page, 'back-online-saved');

      const token = await sessionToken(page);
      const saved = await makeClient(journey.product.url, token).get(`/api/changes/${changeId}`);
      expect(saved.body.form).toMatchObject({
        name: '云栖数据服务平台',
        notes: '断网期间填写：网站改版，新增产品文档栏目',
        homepageUrl: 'https://www.yunqi-tech.cn/index.html',
      });

      // A fresh load shows the server's values.
      await page.evaluate(() => {
        for (const key of Object.keys(localStorage)) if (key !== 'beian.session') localStorage.removeItem(key);
      });
      await page.reload();
      await byText(page, '保存并下一步，上传资料').waitFor();
      expect(await valueOf(page, '网站名称')).toBe('云栖数据服务平台');
      expect(await valueOf(page, '备注')).toBe('断网期间填写：网站改版，新增产品文档栏目');
      expect(await valueOf(page, '网站首页地址')).toBe('https://www.yunqi-tech.cn/index.html');
      await journey.shots.take(page, 'reloaded-from-server');
    },
  );
}, 300_000);
