// What a person does on the H5 build, in their words: tap a visible Chinese label, type into the field of that label,
// photograph a document through the file chooser; each helper waits for the screen state instead of sleeping.
import type { Locator, Page } from 'playwright-core';

/** The page content (Taro's H5 navigation bar repeats the page title, so texts are looked up inside #app). */
export function app(page: Page): Locator {
  return page.locator('#app');
}

/** The element showing exactly `text`, visible on the current page (hidden pages of the Taro stack are ignored). */
export function byText(page: Page, text: string | RegExp): Locator {
  return app(page).getByText(text, { exact: typeof text === 'string' }).locator('visible=true').first();
}

export async function tap(page: Page, text: string | RegExp): Promise<void> {
  await byText(page, text).tap();
}

/** The text input labelled `label` (FormField passes its label as aria-label) on the visible page. */
export function field(page: Page, label: string): Locator {
  return app(page).locator(`taro-input-core[aria-label="${label}"] input`).locator('visible=true').first();
}

/** Replace the value of the field labelled `label`, as typing would (Taro listens to input events). */
export async function fillField(page: Page, label: string, value: string): Promise<void> {
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
  return app(page).locator('.card', { has: page.getByText(websiteName, { exact: true }) }).locator('visible=true').first();
}

/**
 * Photograph a document: tap the button, pick 拍摄 in Taro's action sheet and hand the file to the chooser. The
 * filechooser wait is registered before the tap that opens it (after it, Chromium has already cancelled).
 */
export async function photograph(page: Page, buttonText: string, file: string): Promise<void> {
  await tap(page, buttonText);
  const sheetItem = page.getByText('拍摄', { exact: true }).locator('visible=true').first();
  const chooser = page.waitForEvent('filechooser');
  await sheetItem.tap();
  await (await chooser).setFiles(file);
}
