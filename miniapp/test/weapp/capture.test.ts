// The compiled capture page (dist/weapp) in miniprogram-simulate: the guide frame follows the document's shape per kind,
// a photo goes camera → review → upload (or back to the camera), and a refused camera explains itself and opens settings.
import { dispatch, renderPage, wx, type RenderedPage } from './harness';
import { eventually, never } from '../../../testing/eventually';

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

/** The guide frame as rendered: its classes and its pixel size from the inline style. */
function guideFrame(rendered: RenderedPage): { className: string; width: number; height: number } {
  const frame = Array.from(rendered.dom.querySelectorAll('wx-camera wx-view')).find((el) => /capture__frame\b/.test(el.className));
  if (!frame) throw new Error(`no guide frame inside the camera; page: ${rendered.dom.innerHTML.slice(0, 600)}`);
  const style = (frame as HTMLElement).style;
  return { className: frame.className, width: parseFloat(style.width), height: parseFloat(style.height) };
}

/**
 * The example photo's element on the page. miniprogram-simulate keeps no properties of a built-in <image> (src and
 * aria-label are not observable), so the tests check its presence here and its URL through 示例's previewImage call.
 */
function exampleImage(rendered: RenderedPage): Element | null {
  return Array.from(rendered.dom.querySelectorAll('wx-image')).find((el) => /capture__example-image\b/.test(el.className)) ?? null;
}

// Each test uses its own change: uploads live in a registry that outlives the page (by design), per change + slot.
const open = (changeId: string, kind: string, subject = 'website_principal') => renderPage('packageChange/pages/capture/index', { changeId, kind, subject });

describe('guide frame per kind', () => {
  it.each([
    ['id_front', '拍摄身份证人像面', '人像面朝上'],
    ['id_back', '拍摄身份证国徽面', '国徽面朝上'],
  ])('%s: a landscape ID-card frame (85.6 × 54) with the side to photograph', async (kind, title, tip) => {
    page = await open(`guide-${kind}`, kind);
    await page.waitForText(title);
    expect(page.text()).toContain(tip);
    expect(page.text()).toContain('四角完整、避免反光');
    const frame = guideFrame(page);
    expect(frame.className).toContain('capture__frame--landscape');
    expect(frame.width).toBeGreaterThan(frame.height);
    expect(frame.width / frame.height).toBeCloseTo(85.6 / 54, 1);
    expect(page.text()).not.toContain('签字后整页拍摄');
  });

  it('verification_form: a portrait A4 frame (210 × 297) asking for the signed whole page', async () => {
    page = await open('guide-form', 'verification_form', 'website');
    await page.waitForText('拍摄网站真实性核验单');
    expect(page.text()).toContain('签字后整页拍摄');
    const frame = guideFrame(page);
    expect(frame.className).toContain('capture__frame--portrait');
    expect(frame.height).toBeGreaterThan(frame.width);
    expect(frame.width / frame.height).toBeCloseTo(210 / 297, 1);
    expect(page.text()).not.toContain('人像面朝上');
  });
});

describe('take photo → review', () => {
  it('使用这张 uploads the photo as field `file` to the slot, reports 上传完成 and returns to the wizard', async () => {
    const uploads: Array<{ body: any; header: Record<string, string>; subject: string | null }> = [];
    wx.serve({
      'POST /api/changes/change-up/materials/id_front': (req) => {
        uploads.push({ body: req.body, header: req.header, subject: req.query.get('subject') });
        return { status: 201, data: { slot: 'website_principal.id_front', width: 1500, height: 2000, bytes: 420_000, previewUrl: '/api/previews/p1', warnings: [] } };
      },
    });
    wx.enqueue('cameraContext.takePhoto', { ok: { tempImagePath: 'wxfile://tmp/shot-1.jpg', errMsg: 'operateCamera:ok' } });
    page = await open('change-up', 'id_front');
    await page.tap('拍照');
    await page.waitForText('使用这张');
    expect(page.text()).toContain('请确认四角完整、文字清晰、没有反光');
    expect(page.text()).toContain('重拍');
    expect(wx.calls('cameraContext.takePhoto')).toHaveLength(1);
    expect(wx.calls('uploadFile')).toHaveLength(0);

    await page.tap('使用这张');
    await eventually(() => wx.calls('navigateBack').length === 1, 'navigateBack after the upload');
    await page.waitForText('上传完成');
    const [call] = wx.calls('uploadFile');
    const url = new URL(call.url);
    expect(url.pathname).toBe('/api/changes/change-up/materials/id_front');
    expect(url.searchParams.get('subject')).toBe('website_principal');
    expect(call.name).toBe('file');
    // The photo taken (compressed first), with the session's token.
    expect(call.filePath).toBe('wxfile://tmp/shot-1.jpg.compressed.jpg');
    expect(wx.calls('compressImage')[0].src).toBe('wxfile://tmp/shot-1.jpg');
    expect(uploads).toEqual([
      { body: { subject: 'website_principal', file: 'wxfile://tmp/shot-1.jpg.compressed.jpg' }, header: { Authorization: 'Bearer tok' }, subject: 'website_principal' },
    ]);
    expect(wx.calls('uploadFile')).toHaveLength(1);
  });

  it('a photo the BFF refuses says so with its reason and the example photo; 重新拍摄 (not 重新上传这张) goes back to the camera', async () => {
    wx.serve({
      'POST /api/changes/change-rejected/materials/verification_form': () => ({
        status: 422,
        data: { code: 'photo_rejected', message: '照片分辨率过低（长边仅900像素，至少需要1200像素），请靠近后重拍', reason: 'low_resolution', retake: true },
      }),
    });
    wx.enqueue('cameraContext.takePhoto', { ok: { tempImagePath: 'wxfile://tmp/form.jpg', errMsg: 'operateCamera:ok' } });
    page = await open('change-rejected', 'verification_form', 'website');
    await page.tap('拍照');
    await page.tap('使用这张');
    await page.waitForText('这张照片不能使用');
    expect(page.text()).toContain('服务器拒收：照片分辨率过低（长边仅900像素，至少需要1200像素），请靠近后重拍');
    expect(page.text()).not.toContain('重新上传这张');
    expect(wx.calls('navigateBack')).toHaveLength(0);
    expect(exampleImage(page)).not.toBeNull();
    expect(page.text()).toContain('示例：平放在桌上，四角完整，文字清晰，没有反光（点击放大）');
    await page.tap('示例：平放在桌上，四角完整，文字清晰，没有反光（点击放大）');
    await eventually(() => wx.calls('previewImage').length === 1, 'previewImage');
    expect(wx.calls('previewImage')[0].urls).toEqual([expect.stringMatching(/\/api\/material-examples\/verification_form$/)]);

    await page.tap('重新拍摄');
    await eventually(() => page!.dom.querySelector('wx-camera') !== null, 'the camera again');
    expect(wx.calls('uploadFile')).toHaveLength(1);
  });

  it('the camera bar shows the example photo of the kind; tapping it opens it full screen', async () => {
    page = await open('example-id', 'id_back');
    await page.waitForText('拍摄身份证国徽面');
    expect(exampleImage(page)).not.toBeNull();
    await page.tap('示例');
    await eventually(() => wx.calls('previewImage').length === 1, 'previewImage');
    const src = wx.calls('previewImage')[0].current;
    expect(src).toMatch(/^http:\/\/.+\/api\/material-examples\/id_back$/);
    expect(wx.calls('previewImage')[0]).toMatchObject({ urls: [src], current: src });
  });

  it('重拍 returns to the camera without uploading, and the next shot is the one reviewed', async () => {
    wx.enqueue(
      'cameraContext.takePhoto',
      { ok: { tempImagePath: 'wxfile://tmp/blurry.jpg', errMsg: 'operateCamera:ok' } },
      { ok: { tempImagePath: 'wxfile://tmp/sharp.jpg', errMsg: 'operateCamera:ok' } },
    );
    page = await open('change-retake', 'id_back');
    await page.tap('拍照');
    await page.waitForText('使用这张');
    await page.tap('重拍');
    await page.waitForText('国徽面朝上');
    expect(page.text()).not.toContain('使用这张');
    expect(guideFrame(page).className).toContain('capture__frame--landscape');
    // 重拍 discards the shot: nothing may be uploaded or closed in the moments after.
    await never(() => wx.calls('uploadFile').length > 0 || wx.calls('navigateBack').length > 0, 'an upload or navigateBack after 重拍', 100);

    await page.tap('拍照');
    await page.waitForText('使用这张');
    expect(wx.calls('cameraContext.takePhoto')).toHaveLength(2);
  });

  it('a failed shot stays on the camera and says to retry', async () => {
    wx.enqueue('cameraContext.takePhoto', { fail: 'camera busy' });
    page = await open('change-shot-fail', 'id_front');
    await page.tap('拍照');
    await page.waitForText('拍照失败，请重试，或从相册选择照片');
    expect(page.text()).not.toContain('使用这张');
    expect(guideFrame(page).className).toContain('capture__frame--landscape');
  });
});

describe('camera permission refused', () => {
  it('the camera component reporting an error shows the explanation, and 去设置 opens WeChat settings', async () => {
    page = await open('change-denied', 'id_front');
    await page.waitForText('拍摄身份证人像面');
    const camera = page.dom.querySelector('wx-camera');
    if (!camera) throw new Error('no camera rendered');
    // The native camera cannot fail in the simulator: send its error event the way WeChat does when access is refused.
    dispatch(camera, 'error', { errMsg: 'insertCamera:fail auth deny' });
    await page.waitForText('需要使用摄像头');
    expect(page.text()).toContain('您可能未允许小程序使用摄像头');
    expect(page.text()).toContain('从相册选择');
    expect(page.dom.querySelector('wx-camera')).toBeNull();

    // The applicant allows the camera in settings: back to the camera with its frame.
    await page.tap('去设置');
    await eventually(() => wx.calls('openSetting').length === 1, 'openSetting');
    await page.waitForText('人像面朝上');
    expect(guideFrame(page).className).toContain('capture__frame--landscape');
  });

  it('a refusal WeChat remembers (scope.camera false) shows the explanation at once; still refused in settings keeps it', async () => {
    wx.enqueue('getSetting', { ok: { authSetting: { 'scope.camera': false }, errMsg: 'getSetting:ok' } });
    wx.enqueue('openSetting', { ok: { authSetting: { 'scope.camera': false }, errMsg: 'openSetting:ok' } });
    page = await open('change-remembered', 'verification_form', 'website');
    await page.waitForText('需要使用摄像头');
    expect(page.text()).toContain('请点击“去设置”打开“摄像头”权限');
    await page.tap('去设置');
    await eventually(() => wx.calls('openSetting').length === 1, 'openSetting');
    // Still refused: the explanation must stay once the settings answer has been handled.
    await never(() => !page?.text().includes('需要使用摄像头') || page?.dom.querySelector('wx-camera') != null, 'the camera after a refusal in settings', 100);
    expect(page.text()).toContain('需要使用摄像头');
    expect(page.dom.querySelector('wx-camera')).toBeNull();
  });
});
