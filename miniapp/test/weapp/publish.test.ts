// What WeChat requires of a published mini-program, on the compiled weapp build: the privacy sheet takes over the first
// privacy API call (chooseMedia) through wx.onNeedPrivacyAuthorization, 同意 lets it go on and 拒绝 fails it with an
// explanation; a downloaded update is offered with a restart; every page of app.json loads in its package.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bootApp, DIST, renderPage, tapAgreePrivacyButton, writeRenderedHtml, wx, type RenderedPage } from './harness';
import { eventually, never } from '../../../testing/eventually';
import { buildDraft, buildFiling, buildProgress } from '../fakeBff';
import { PRIVACY_REFUSED_MESSAGE } from '../../../shared/data/privacy';

const AGREE_BUTTON = 'privacy-agree';
const ARTIFACTS = path.resolve(__dirname, '..', '..', '..', 'artifacts', 'weapp');
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

// Each test its own change: uploads of a slot outlive the page (by design).
const openCapture = (changeId: string) => renderPage('packageChange/pages/capture/index', { changeId, kind: 'id_front', subject: 'website_principal' });

describe('privacy authorization', () => {
  it('the first chooseMedia is held and the sheet shows; 同意并继续 (the agree button, by its id) lets it go on', async () => {
    page = await openCapture('chg_privacyAgree1');
    await page.tap('相册');
    await page.waitForText('隐私保护提示');
    expect(page.text()).toContain('身份证号码（证件号码）');
    expect(page.text()).toContain('选中的照片（证件照片、网站真实性核验单）');
    expect(page.text()).toContain('查看完整指引');
    // The guideline's name as WeChat reports it (getPrivacySetting).
    await page.waitForText('《备案变更助手小程序隐私保护指引》');
    expect(wx.calls('chooseMedia.held')).toHaveLength(1);
    expect(wx.calls('chooseMedia')).toHaveLength(0);
    // For a look at the weapp render (a browser screenshot of it: scripts in docs/wechat-publishing.md).
    writeRenderedHtml(page, 'packageChange/pages/capture/index', path.join(ARTIFACTS, 'privacy-sheet.html'));
    // The sheet told WeChat it was shown before any answer.
    expect(wx.privacy.resolved).toEqual([{ event: 'exposureAuthorization' }]);

    tapAgreePrivacyButton(page, AGREE_BUTTON);
    await page.waitForText('使用这张');
    expect(wx.privacy.resolved.at(-1)).toEqual({ buttonId: AGREE_BUTTON, event: 'agree' });
    expect(wx.privacy.agreed).toBe(true);
    expect(wx.calls('chooseMedia')).toHaveLength(1);
    expect(page.text()).not.toContain('隐私保护提示');
  });

  it('拒绝 fails the held call; the sheet says what cannot work, and 重新授权 asks WeChat again', async () => {
    page = await openCapture('chg_privacyRefuse1');
    await page.tap('相册');
    await page.waitForText('隐私保护提示');
    await page.tap('拒绝');
    await page.waitForText(PRIVACY_REFUSED_MESSAGE);
    writeRenderedHtml(page, 'packageChange/pages/capture/index', path.join(ARTIFACTS, 'privacy-refused.html'));
    expect(wx.privacy.resolved.at(-1)).toEqual({ event: 'disagree' });
    expect(wx.privacy.agreed).toBe(false);
    // The album never opened, and the capture screen adds no error of its own: the sheet explains.
    expect(page.text()).not.toContain('使用这张');
    expect(page.text()).not.toContain('无法打开相册，请重试');

    await page.tap('重新授权');
    await eventually(() => wx.calls('requirePrivacyAuthorize.held').length === 1, 'requirePrivacyAuthorize held for the sheet');
    await page.waitForText('同意并继续');
    tapAgreePrivacyButton(page, AGREE_BUTTON);
    await eventually(() => wx.privacy.agreed, 'the agreement recorded by WeChat');
    await eventually(() => !page?.text().includes('隐私保护提示'), 'the sheet to close');

    // Agreed now: the album opens at once.
    await page.tap('相册');
    await page.waitForText('使用这张');
    expect(wx.calls('chooseMedia.held')).toHaveLength(1);
  });

  it('asks again when WeChat reports new collection types (held again after an earlier agreement)', async () => {
    wx.privacy.agreed = true;
    page = await openCapture('chg_privacyAgain1');
    await page.tap('相册');
    await page.waitForText('使用这张');
    expect(wx.calls('chooseMedia.held')).toHaveLength(0);

    // The console now declares more: WeChat holds privacy calls again until the user agrees anew.
    wx.privacy.agreed = false;
    await page.tap('重拍');
    await page.tap('相册');
    await page.waitForText('隐私保护提示');
    expect(wx.calls('chooseMedia.held')).toHaveLength(1);
  });

  it('查看完整指引 opens WeChat’s page of the guideline declared in the MP console', async () => {
    page = await openCapture('chg_privacyGuide1');
    await page.tap('相册');
    await page.tap('查看完整指引');
    await eventually(() => wx.calls('openPrivacyContract').length === 1, 'openPrivacyContract');
    expect(wx.calls('navigateTo')).toHaveLength(0);
  });
});

describe('update manager', () => {
  it('a downloaded version is offered with a restart that keeps the draft; 重启 applies it', async () => {
    bootApp();
    wx.updateReady();
    await eventually(() => wx.calls('showModal').length === 1, 'the update prompt');
    const prompt = wx.calls('showModal')[0];
    expect(prompt).toMatchObject({ title: '新版本已准备好', confirmText: '重启', cancelText: '稍后' });
    expect(prompt.content).toContain('草稿已自动保存，重启后可继续填写');
    await eventually(() => wx.updateManager.applied === 1, 'applyUpdate after 重启');
  });

  it('稍后 leaves the running version alone', async () => {
    bootApp();
    wx.enqueue('showModal', { ok: { confirm: false, cancel: true, errMsg: 'showModal:ok' } });
    wx.updateReady();
    await eventually(() => wx.calls('showModal').length === 1, 'the update prompt');
    await never(() => wx.calls('updateManager.applyUpdate').length > 0, 'applyUpdate after 稍后', 100);
  });
});

describe('every page of app.json', () => {
  const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as { pages: string[]; subPackages: { root: string; pages: string[] }[] };
  const serveAll = () =>
    wx.serve({
      'GET /api/session/dev': () => ({ data: [] }),
      'GET /api/filings': () => ({ data: { filings: [buildFiling()] } }),
      'GET /api/changes': () => ({ data: { changes: [] } }),
      'GET /api/changes/chg_pages00001': () => ({ data: buildDraft({ id: 'chg_pages00001' }), header: { ETag: '"1"' } }),
      'GET /api/changes/chg_pages00001/checks': () => ({ data: { materials: [], checks: [], blockers: [], ready: false } }),
      'GET /api/changes/chg_pages00001/progress': () => ({ data: buildProgress() }),
      'GET /api/settings/notifications': () => ({ data: { settings: { channels: { wechat: true, sms: false, mail: true }, notifyReplacedPrincipal: true } } }),
    });
  /** What each page shows once loaded, and the query it is opened with. */
  const EXPECTED: Record<string, { query?: Record<string, string>; text: string }> = {
    'pages/login/index': { text: '微信一键登录' },
    'pages/overview/index': { text: '粤ICP备12345678号-1' },
    'pages/progress/index': { query: { changeId: 'chg_pages00001' }, text: '当前状态' },
    'pages/terms/index': { query: { doc: 'commitment' }, text: '互联网信息服务备案承诺书' },
    'packageChange/pages/wizard/index': { query: { changeId: 'chg_pages00001', step: 'website' }, text: '网站名称' },
    'packageChange/pages/capture/index': { query: { changeId: 'chg_pages00001', kind: 'verification_form', subject: 'website' }, text: '拍摄网站真实性核验单' },
    'packageChange/pages/record/index': { query: { filingId: 'filing-1', websiteId: 'site-2' }, text: '139****9000' },
    'packageChange/pages/notifications/index': { text: '通知被更换的原负责人' },
  };
  const pages = [...app.pages, ...app.subPackages.flatMap((sub) => sub.pages.map((p) => `${sub.root}/${p}`))];

  it('lists the main pages, and the wizard, capture, record and settings screens in the change subpackage preloaded from the overview', () => {
    expect(pages.sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(app.subPackages.map((sub) => sub.root)).toEqual(['packageChange']);
  });

  it.each(pages.map((p) => [p]))('%s loads and renders', async (route) => {
    serveAll();
    page = await renderPage(route, EXPECTED[route].query ?? {});
    await page.waitForText(EXPECTED[route].text);
  });
});
