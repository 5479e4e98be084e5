// Journey: a personal filing — the website principal is locked with the explanation, and a domain can be removed
// but never added.
import { setUpJourney } from './support/journey';
import { withFailureShot } from './support/browser';
import { openChange } from './support/flows';
import { app, byText, field, waitSaved } from './support/ui';

const journey = setUpJourney('personal');

test('personal filing: principal locked with the reason, a domain removed, none can be added', async () => {
  const { page } = await journey.phones.newPhone();
  await withFailureShot(
    journey.shots,
    () => [page],
    async () => {
      await openChange(page, journey.product, '张伟', '张伟摄影作品集');

      // The principal: the explanation, no inputs, no 同主体负责人 choice.
      await byText(page, /个人备案的网站负责人即主体负责人，网站变更不能修改网站负责人/).waitFor();
      for (const label of ['网站负责人姓名', '网站负责人手机号码', '网站负责人电子邮箱']) expect(await field(page, label).count()).toBe(0);
      expect(await app(page).locator('[role="checkbox"][aria-label="同主体负责人"]').count()).toBe(0);

      // Domains: a delete per domain, no way to add one.
      const domains = app(page).locator('#wz-domains');
      await domains.getByText('zhangwei-photo.cn', { exact: true }).waitFor();
      await domains.getByText('zwphoto.com.cn', { exact: true }).waitFor();
      await domains.getByText(/网站变更只能删除域名，新增域名请办理新增网站/).waitFor();
      expect(
        await app(page)
          .getByText(/添加域名|新增域名$/)
          .count(),
      ).toBe(0);
      expect(await domains.locator('input').count()).toBe(0);
      await journey.shots.take(page, 'principal-locked-domains');

      await domains.locator('[aria-label="删除域名 zwphoto.com.cn"]').tap();
      // Taro's confirm dialog.
      const confirm = page.locator('.taro-modal__content').locator('visible=true');
      await confirm.getByText(/确定从本网站删除域名 zwphoto\.com\.cn/).waitFor();
      await journey.shots.take(page, 'confirm-domain-removal', false);
      await confirm.locator('.taro-model__confirm', { hasText: '删除' }).tap();
      await domains.getByText('zwphoto.com.cn（将删除）').waitFor();
      // The last domain cannot go: a website keeps at least one.
      expect(await domains.locator('[aria-label="删除域名 zhangwei-photo.cn"]').getAttribute('disabled')).not.toBeNull();
      await waitSaved(page);
      await journey.shots.take(page, 'domain-removed');

      // The removal is on the server: it is still there after a reload.
      await page.reload();
      await app(page).locator('#wz-domains').getByText('zwphoto.com.cn（将删除）').waitFor();
    },
  );
}, 300_000);
