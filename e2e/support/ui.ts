// What a person does on the H5 build, in their words: tap a visible Chinese label, type into the field of that label,
// photograph a document through the file chooser; each helper waits for the screen state instead of sleeping.
import type { Locator, Page } from 'playwright-core';

/** The page content (Taro's H5 navigation bar repeats the page title, so texts are looked up inside #app). */
export function app(page: Page): Locator {
  return page.locator('#app');
}

/** The element showing exactly `text`, visible on the current page (hidden pages of the Taro stack are ignored). */
export function byText(page: Page, text: string | RegExp): Locator {
  return app(page)
    .getByText(text, { exact: typeof text === 'string' })
    .locator('visible=true')
    .first();
}

export async function tap(page: Page, text: string | RegExp): Promise<void> {
  await byText(page, text).tap();
}

/** The text input (or multi-line box, e.g. 备注) labelled `label` (FormField passes its label as aria-label) on the visible page. */
export function field(page: Page, label: string): Locator {
  return app(page).locator(`taro-input-core[aria-label="${label}"] input, taro-textarea-core[aria-label="${label}"] textarea`).locator('visible=true').first();
}

/** The masked display of an ID number field (tapping it opens the input). */
export function maskedField(page: Page, label: string): Locator {
  return app(page).locator(`[role="button"][aria-label^="${label}："]`).locator('visible=true');
}

/** Replace the value of the field labelled `label`, as typing would (Taro listens to input events). */
export async function fillField(page: Page, label: string, value: string): Promise<void> {
  // An ID number shows masked until tapped (FormField's masked display names itself `label：value，点按修改`).
  const masked = maskedField(page, label);
  if (await masked.count()) await masked.tap();
  const input = field(page, label);
  await input.tap();
  await input.fill(value);
}

/** Type key by key (for the offline journey: each keystroke goes through the autosave path). */
export async function typeInto(page: Page, label: string, value: string): Promise<void> {
  const input = field(page, label);
  await input.tap();
  await input.fill('');
  await input.pressSequentially(value, { delay: 20 });
}

export async function valueOf(page: Page, label: string): Promise<string> {
  return field(page, label).inputValue();
}

/** Log in on the H5 demo by picking the applicant, and wait for the overview. */
export async function loginAs(page: Page, baseUrl: string, applicantName: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await tap(page, applicantName);
  await waitForTitle(page, '备案信息总览');
}

export async function waitForTitle(page: Page, title: string): Promise<void> {
  await app(page).locator('.page-title', { hasText: title }).locator('visible=true').first().waitFor();
}

/** The card of a filed website on the overview. */
export function websiteCard(page: Page, websiteName: string): Locator {
  return app(page)
    .locator('.ui-card', { has: page.locator('.ui-card__title').getByText(websiteName, { exact: true }) })
    .locator('visible=true')
    .first();
}

/**
 * Open the capture page of a material and pick a photo: the wizard's button opens the capture page; on H5 its button
 * opens the privacy consent the first time, then Taro's action sheet (拍摄 / 从相册选择) and then a hidden file input. The
 * filechooser wait is registered before the tap that opens it (after it, Chromium has already cancelled the chooser).
 * Ends on the review screen (使用这张).
 */
export async function pickPhoto(page: Page, materialButton: string | RegExp, file: string): Promise<void> {
  await tap(page, materialButton);
  await pickFromAlbum(page, file);
}

/** On the capture page: 拍照或从相册选择, the privacy consent if it asks, 拍摄, then `file`; ends on the review screen. */
export async function pickFromAlbum(page: Page, file: string): Promise<void> {
  await tap(page, '拍照或从相册选择');
  const sheetItem = page.getByText('拍摄', { exact: true }).locator('visible=true').first();
  // The first time on this phone the privacy sheet asks before the album opens.
  const agree = app(page).getByText('同意并继续', { exact: true }).locator('visible=true').first();
  await sheetItem.or(agree).first().waitFor();
  if (await agree.isVisible()) await agree.tap();
  await sheetItem.waitFor();
  const chooser = page.waitForEvent('filechooser');
  await sheetItem.tap();
  await (await chooser).setFiles(file);
  await byText(page, '使用这张').waitFor();
}

/** Replace a material by photographing it (pickPhoto, then 使用这张); back on the wizard once uploaded. */
export async function photograph(page: Page, materialButton: string | RegExp, file: string): Promise<void> {
  await pickPhoto(page, materialButton, file);
  await tap(page, '使用这张');
  await byText(page, '下一步，确认备案信息').waitFor({ timeout: 60_000 });
}

/** The card of one material on the materials step, by its label (e.g. 网站负责人证件正面照片). */
export function materialCard(page: Page, label: string): Locator {
  return app(page)
    .locator('.wz-material', { has: page.locator('.wz-material__label').getByText(label, { exact: true }) })
    .locator('visible=true')
    .first();
}

/** The session token the H5 build keeps (Taro's localStorage wrapper stores `{ data: value }`). */
export async function sessionToken(page: Page): Promise<string> {
  const raw = await page.evaluate(() => localStorage.getItem('beian.session'));
  const parsed = raw ? (JSON.parse(raw) as { data?: { token?: string }; token?: string }) : null;
  const token = parsed?.data?.token ?? parsed?.token;
  if (!token) throw new Error(`no session token in the page's storage (${raw})`);
  return token;
}

/** The whole block of one form field (label, value or input, hints, errors), found by its label. */
export function fieldBlock(page: Page, label: string): Locator {
  return app(page)
    .locator('.ui-field', { has: page.locator('.ui-field__label').getByText(label, { exact: true }) })
    .locator('visible=true')
    .first();
}

/** The save line of the wizard (已保存 / 待保存 / 保存中 / 离线，已暂存本机 / …). */
export function saveStatus(page: Page): Locator {
  return app(page).locator('.wz-save').locator('visible=true').first();
}

/** Wait until the wizard says everything is on the server. */
export async function waitSaved(page: Page, timeoutMs = 30_000): Promise<void> {
  await saveStatus(page).getByText('已保存', { exact: true }).waitFor({ timeout: timeoutMs });
}

/** Reload until `text` shows (a page that loads once on show, like the progress page, after a server-side change). */
export async function reloadUntil(page: Page, text: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await page.reload();
    const shown = await byText(page, text)
      .waitFor({ timeout: 3000 })
      .then(
        () => true,
        () => false,
      );
    if (shown) return;
    if (Date.now() > until) throw new Error(`“${text}” did not show within ${timeoutMs / 1000} s of reloading ${page.url()}`);
  }
}
