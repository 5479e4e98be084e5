// The compiled weapp build (dist/weapp) in miniprogram-simulate: login, overview, progress and wizard pages render from the
// BFF's answers, and taps and typing reach the app's handlers and wx APIs as on a phone.
import { buildChangeSummary, buildDraft, buildFiling, buildProgress } from '../fakeBff';
import { renderPage, wx, type RenderedPage } from './harness';
import { eventually } from '../../../testing/eventually';

const session = () => ({ token: 'tok', expiresAt: new Date(Date.now() + 3600_000).toISOString() });
let page: RenderedPage | null = null;

beforeEach(() => {
  wx.reset();
  wx.storage.set('beian.session', session());
});

afterEach(() => {
  page?.unmount();
  page = null;
});

it('login: 微信一键登录 exchanges the wx.login code for a session and opens the overview', async () => {
  wx.storage.clear();
  const sessions: unknown[] = [];
  wx.serve({
    'POST /api/session': (req) => {
      sessions.push(req.body);
      return { status: 201, data: session() };
    },
  });
  page = await renderPage('pages/login/index');
  await page.tap('微信一键登录');
  await eventually(() => wx.calls('reLaunch').length === 1, 'reLaunch');
  expect(wx.calls('login')).toHaveLength(1);
  expect(sessions).toEqual([{ code: 'wx-login-code' }]);
  expect(wx.calls('reLaunch')[0].url).toBe('/pages/overview/index');
  expect(wx.storage.get('beian.session')).toMatchObject({ token: 'tok' });
});

it('overview: shows the filed websites and 变更网站 creates the change and opens the wizard', async () => {
  const created: unknown[] = [];
  wx.serve({
    'GET /api/filings': () => ({ data: { filings: [buildFiling()] } }),
    'GET /api/changes': () => ({ data: { changes: [buildChangeSummary({ id: 'change-3', websiteId: 'site-2', status: 'draft' })] } }),
    'POST /api/changes': (req) => {
      created.push(req.body);
      return { status: 201, data: buildDraft({ id: 'change-8' }), header: { ETag: '"1"' } };
    },
  });
  page = await renderPage('pages/overview/index');
  await page.waitForText('粤ICP备12345678号-1');
  expect(page.text()).toContain('深圳市示例科技有限公司');
  expect(page.text()).toContain('继续填写');
  expect(page.text()).not.toContain('张伟');
  await page.tap('变更网站');
  await eventually(() => wx.calls('navigateTo').length === 1, 'navigateTo');
  expect(created).toEqual([{ filingId: 'filing-1', websiteId: 'site-1' }]);
  expect(wx.calls('navigateTo')[0].url).toBe('/packageChange/pages/wizard/index?changeId=change-8&step=website');
  // The token travelled with every call.
  expect(wx.calls('request').every((r) => r.header.Authorization === 'Bearer tok')).toBe(true);
});

it('progress: shows the rejection reasons, 去修改 opens the wizard, and subscribing asks WeChat before the BFF', async () => {
  const subscribed: unknown[] = [];
  wx.serve({
    'GET /api/changes/change-1/progress': () => ({
      data: buildProgress({
        status: 'initial_rejected',
        timeline: [
          { id: 't1', at: '2026-11-20T01:00:00.000Z', status: 'submitted', title: '已提交变更申请', detail: null, reasons: [] },
          {
            id: 't2',
            at: '2026-11-21T02:30:00.000Z',
            status: 'initial_rejected',
            title: '初审未通过',
            detail: null,
            reasons: [{ target: { type: 'field', path: 'websitePrincipal.mobile' }, message: '手机号码无法接通，请填写本人常用手机号' }],
          },
        ],
      }),
    }),
    'POST /api/changes/change-1/subscriptions': (req) => {
      subscribed.push(req.body);
      return { data: { subscriptionsLeft: 2 } };
    },
  });
  page = await renderPage('pages/progress/index', { changeId: 'change-1' });
  await page.waitForText('手机号码无法接通，请填写本人常用手机号');
  expect(page.text()).toContain('网站负责人手机号码：');
  expect(page.text()).not.toContain('撤回');

  // 去修改 lands on the first flagged item: step 1, focused on the flagged field.
  await page.tap('去修改');
  await eventually(() => wx.calls('navigateTo').length === 1, 'navigateTo');
  expect(wx.calls('navigateTo')[0].url).toBe('/packageChange/pages/wizard/index?changeId=change-1&step=website&focus=websitePrincipal.mobile');

  wx.enqueue('requestSubscribeMessage', { ok: { TPL_REVIEW_RESULT_demo_0001: 'accept', TPL_MIIT_CHECK_demo_0002: 'accept', errMsg: 'requestSubscribeMessage:ok' } });
  await page.tap('订阅审核结果通知');
  await page.waitForText('已订阅，还可接收 2 次微信通知');
  const order = wx.callOrder();
  expect(order.indexOf('requestSubscribeMessage')).toBeLessThan(order.lastIndexOf('request'));
  expect(subscribed).toEqual([{ templateIds: ['TPL_REVIEW_RESULT_demo_0001', 'TPL_MIIT_CHECK_demo_0002'] }]);
});

it('wizard: typing a new website name is saved to the draft with its version', async () => {
  const patches: Array<{ body: any; ifMatch: string | undefined }> = [];
  let version = 1;
  wx.serve({
    'GET /api/changes/change-1': () => ({ data: buildDraft({ version }), header: { ETag: `"${version}"` } }),
    'PATCH /api/changes/change-1': (req) => {
      patches.push({ body: req.body, ifMatch: req.header['If-Match'] });
      version += 1;
      const draft = buildDraft({ version, form: { ...buildDraft().form, ...req.body.form } });
      return { data: { draft, problems: [] }, header: { ETag: `"${version}"` } };
    },
    'GET /api/changes/change-1/checks': () => ({ data: { materials: [], checks: [], blockers: [], ready: false } }),
  });
  page = await renderPage('packageChange/pages/wizard/index', { changeId: 'change-1', step: 'website' });
  await page.waitForText('网站名称');
  // base.wxml holds 12 template levels (config/index.ts baseLevel; deeper nodes go through Taro's `comp`): the whole
  // step renders, down to its last field and the footer.
  expect(page.text()).toContain('备注');
  expect(page.text()).toContain('保存并下一步');
  await page.input('网站名称', '示例科技新官网');
  await eventually(() => patches.length > 0, 'the autosave PATCH', 5000);
  expect(patches[0].body.form.name).toBe('示例科技新官网');
  expect(patches[0].ifMatch).toBe('"1"');
});
