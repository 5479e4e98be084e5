// Journey: photos on a weak phone network (issue 14). The H5 build talks to the product through a TCP proxy shaped to
// 400 kbps / 400 ms RTT: a 12 MP photo is shrunk in the browser (upright, ≤ 600 KB) and uploaded in ≤ 30 s; a
// connection cut mid-upload recovers by itself; a refused photo says why and shows a good example; the upload shows
// on another phone; the pre-filled 核验单 downloads. No uncaught error in the page at any point.
import { readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { blurred, documentPhotoJpeg } from '../bff/src/materials/sampleImages';
import { makeClient } from '../bff/test/harness';
import { eventually } from '../testing/eventually';
import { startTcpProxy, targetOf, type TcpProxy } from '../testing/tcpProxy';
import { withFailureShot } from './support/browser';
import { changeIdOf, openChange } from './support/flows';
import { setUpJourney } from './support/journey';
import { app, byText, fillField, loginAs, materialCard, pickFromAlbum, pickPhoto, sessionToken, tap, websiteCard } from './support/ui';

const journey = setUpJourney('uploads', { photos: true });
const FORM = '《网站真实性核验单》';
const WEAK_LINK = { kbps: 400, rttMs: 400 };

let proxy: TcpProxy;
let twelveMp: string;
let blurredPhoto: string;
/** Content-Length of every photo upload the BFF received (what left the phone). */
const uploadSizes: number[] = [];

beforeAll(async () => {
  proxy = await startTcpProxy({ targets: [targetOf(journey.product.url)] });
  journey.product.bff.server.on('request', (req: IncomingMessage) => {
    if (req.method === 'POST' && /\/materials\//.test(req.url ?? '')) uploadSizes.push(Number(req.headers['content-length']));
  });
  // A phone camera's 12 MP JPEG (3 MB): stored as the sensor saw it (landscape) and tagged to be turned upright (EXIF 6).
  const upright = await documentPhotoJpeg({ width: 3000, height: 4000, shape: 'a4', noise: 6, seed: 21, quality: 92 });
  twelveMp = join(journey.photos.dir, 'IMG_12MP.jpg');
  writeFileSync(twelveMp, await sharp(upright).rotate(270).withMetadata({ orientation: 6 }).jpeg({ quality: 92 }).toBuffer());
  blurredPhoto = join(journey.photos.dir, 'blurred.jpg');
  writeFileSync(blurredPhoto, await blurred(readFileSync(journey.photos.verificationForm), 6));
}, 120_000);

afterAll(async () => {
  await proxy?.close();
});

/** Every uncaught exception and unhandled rejection of the page (Playwright reports both as pageerror). */
function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

const status = (page: Page) => app(page).locator('.capture__status').locator('visible=true').first();

/** Taro's H5 pages slide in from the right: wait until `selector` sits inside the phone's width before a screenshot. */
async function onScreen(page: Page, selector: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 390;
  await eventually(async () => {
    const box = await app(page).locator(selector).locator('visible=true').first().boundingBox();
    return box !== null && box.x >= 0 && box.x + box.width <= width;
  }, `${selector} to have slid into view`);
}

/** Waits until the <img> inside `locator` has loaded (a preview or example photo really arrived). */
async function loaded(image: ReturnType<Page['locator']>, what: string): Promise<void> {
  await eventually(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), what, 30_000);
}

test('a 12 MP photo at 400 kbps / 400 ms RTT: shrunk upright in the browser, uploaded in ≤ 30 s; a cut connection recovers by itself', async () => {
  const { page } = await journey.phones.newPhone();
  const pageErrors = collectPageErrors(page);
  await withFailureShot(
    journey.shots,
    () => [page],
    async () => {
      await openChange(page, journey.product, '杭州云栖网络科技有限公司', '云栖科技官网', proxy.url('http'));
      const changeId = changeIdOf(page);
      await fillField(page, '网站名称', '云栖科技产品中心');
      await tap(page, '保存并下一步，上传资料');
      await materialCard(page, FORM).getByText('需重新上传', { exact: true }).waitFor();

      await pickPhoto(page, `上传${FORM}`, twelveMp);
      proxy.setLink(WEAK_LINK);
      const started = Date.now();
      await tap(page, '使用这张');
      await byText(page, '下一步，确认备案信息').waitFor({ timeout: 90_000 });
      const seconds = (Date.now() - started) / 1000;
      console.log(`12 MP photo (${(readFileSync(twelveMp).length / 1e6).toFixed(1)} MB) at 400 kbps / 400 ms RTT: uploaded in ${seconds.toFixed(1)} s, ${uploadSizes.at(-1)} bytes sent`);
      expect(seconds).toBeLessThanOrEqual(30);
      // What left the phone: one upload, ≤ 600 KB with the form's few hundred bytes of multipart around the JPEG.
      expect(uploadSizes).toHaveLength(1);
      expect(uploadSizes[0]).toBeLessThanOrEqual(600 * 1024 + 1024);

      const client = makeClient(journey.product.url, await sessionToken(page));
      const first = (await client.get(`/api/changes/${changeId}`)).body.materials['website.verification_form'];
      // Upright (the EXIF orientation applied before the canvas) at the 2000 px long edge the browser shrank it to.
      expect([first.width, first.height]).toEqual([1500, 2000]);
      await materialCard(page, FORM).getByText('已重新上传', { exact: true }).waitFor();

      // The connection is cut in the middle of the next upload; nobody taps anything, it finishes by itself.
      await pickPhoto(page, `更换${FORM}`, twelveMp);
      await tap(page, '使用这张');
      await status(page)
        .getByText(/^正在上传 \d+%$/)
        .waitFor();
      proxy.cut();
      await status(page)
        .getByText(/^网络中断，\d+秒后第1次重试…$/)
        .waitFor({ timeout: 30_000 });
      await journey.shots.take(page, 'capture-retrying-after-cut', false);
      proxy.restore();
      await byText(page, '下一步，确认备案信息').waitFor({ timeout: 120_000 });
      const second = (await client.get(`/api/changes/${changeId}`)).body.materials['website.verification_form'];
      expect(second.fileId).not.toBe(first.fileId);
      expect(uploadSizes.length).toBeGreaterThanOrEqual(2);

      proxy.setLink(null);
      await loaded(materialCard(page, FORM).locator('[aria-label="《网站真实性核验单》缩略图，点击放大"] img'), 'the uploaded photo’s preview');
      await journey.shots.take(page, 'materials-uploaded-preview');
      expect(pageErrors).toEqual([]);
    },
  );
}, 300_000);

test('a refused photo says the server refused it and why, shows the example, and offers 重新拍摄 — not 重新上传这张', async () => {
  const { page } = await journey.phones.newPhone();
  const pageErrors = collectPageErrors(page);
  await withFailureShot(
    journey.shots,
    () => [page],
    async () => {
      await openChange(page, journey.product, '北京明德教育咨询有限公司', '明德教育咨询');
      await fillField(page, '网站名称', '明德教育咨询服务平台');
      await tap(page, '保存并下一步，上传资料');
      await tap(page, `上传${FORM}`);
      // The capture screen shows what a good photo of this document looks like (served by the BFF).
      await loaded(app(page).locator('[aria-label="网站真实性核验单示例照片"] img').locator('visible=true').first(), 'the example photo');
      await onScreen(page, '.capture__title');
      await journey.shots.take(page, 'capture-with-example', false);

      await pickFromAlbum(page, blurredPhoto);
      await tap(page, '使用这张');
      await byText(page, '这张照片不能使用').waitFor({ timeout: 60_000 });
      await byText(page, /^服务器拒收：照片模糊/).waitFor();
      expect(await app(page).getByText('重新上传这张').count()).toBe(0);
      await byText(page, '重新拍摄').waitFor();
      await onScreen(page, '.capture__title');
      await journey.shots.take(page, 'capture-refused', false);
      expect(pageErrors).toEqual([]);
    },
  );
}, 300_000);

test('the uploaded photo shows on another phone (not the filed one), and the pre-filled 核验单 downloads as a PDF', async () => {
  const first = await journey.phones.newPhone();
  const second = await journey.phones.newPhone();
  const pageErrors = [...collectPageErrors(first.page), ...collectPageErrors(second.page)];
  await withFailureShot(
    journey.shots,
    () => [first.page, second.page],
    async () => {
      await openChange(first.page, journey.product, '张伟', '张伟摄影作品集');
      await fillField(first.page, '网站名称', '张伟摄影作品展示');
      await tap(first.page, '保存并下一步，上传资料');
      await pickPhoto(first.page, `上传${FORM}`, journey.photos.verificationForm);
      await tap(first.page, '使用这张');
      await byText(first.page, '下一步，确认备案信息').waitFor({ timeout: 60_000 });

      // The second phone continues the same change (继续填写 opens the step saved: 上传资料) and sees the photo uploaded on the first.
      await loginAs(second.page, journey.product.url, '张伟');
      await websiteCard(second.page, '张伟摄影作品集').getByText('继续填写', { exact: true }).tap();
      await byText(second.page, '下一步，确认备案信息').waitFor();
      const card = materialCard(second.page, FORM);
      await card.getByText('已重新上传', { exact: true }).waitFor();
      const thumbnail = card.locator('[aria-label="《网站真实性核验单》缩略图，点击放大"] img');
      expect(await thumbnail.getAttribute('src')).toMatch(/^\/api\/materials\/[0-9a-f]{32}\?exp=\d+&sig=/);
      await loaded(thumbnail, 'the uploaded photo’s preview on the second phone');
      await card.getByText('下载核验单', { exact: true }).waitFor();
      await journey.shots.take(second.page, 'materials-on-second-phone');

      const download = second.page.waitForEvent('download');
      await card.getByText('下载核验单', { exact: true }).tap();
      const file = await download;
      expect(file.suggestedFilename()).toBe('网站备案信息真实性核验单.pdf');
      const pdf = readFileSync(await file.path());
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await card.getByText('核验单已下载，打印签字后拍照上传').waitFor();

      // Tap the thumbnail: the photo full screen.
      await thumbnail.tap();
      await second.page.locator('.preview-image img').first().waitFor();
      await journey.shots.take(second.page, 'preview-enlarged', false);
      expect(pageErrors).toEqual([]);
    },
  );
}, 300_000);
