// Debian's Chromium driven by playwright-core, a phone-sized context per applicant, and a screenshot folder per journey.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expectAccessible } from './axe';
import { ROOT } from './product';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const PHONE_USER_AGENT = 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';

export interface PhoneBrowser {
  browser: Browser;
  /** A new phone context (390×844 @2x, touch) with its own storage: a second device of the same person or another one. */
  newPhone(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/**
 * Chromium with a fresh profile: playwright refuses an explicit --user-data-dir on launch() and instead passes its own
 * new mkdtemp folder (playwright_chromiumdev_profile-*), deleted on close — so no state leaks between runs.
 */
export async function launchPhoneBrowser(): Promise<PhoneBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  return {
    browser,
    async newPhone() {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        // A phone's browser: Taro's H5 APIs look at the user agent (chooseMedia offers 拍摄 / 从相册选择 only on mobile).
        userAgent: PHONE_USER_AGENT,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      context.setDefaultTimeout(20000);
      const page = await context.newPage();
      return { context, page };
    },
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}

/** Numbered screenshots of one journey's key screens in artifacts/e2e/<journey>/ (or `dir`), emptied first; each screen passes axe first. */
export class Shots {
  readonly dir: string;
  private count = 0;

  constructor(journey: string, dir = join(ROOT, 'artifacts', 'e2e', journey)) {
    this.dir = dir;
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
  }

  /**
   * Saves the current screen. `whole`: the entire page content — Taro's H5 pages scroll inside their own element, so
   * the viewport is stretched to the content height for the shot (same width, same layout) and put back after.
   */
  async take(page: Page, name: string, whole = true): Promise<string> {
    // Every screen a journey shows is also checked with axe (a failure shot is not: the screen may be half-drawn).
    if (!name.startsWith('failed-')) await expectAccessible(page, name);
    this.count += 1;
    const file = join(this.dir, `${String(this.count).padStart(2, '0')}-${name}.png`);
    const viewport = page.viewportSize();
    const height = whole
      ? await page.evaluate(() =>
          Math.max(
            0,
            ...Array.from(document.querySelectorAll<HTMLElement>('.taro_page'))
              .filter((el) => getComputedStyle(el).display !== 'none')
              .map((el) => el.scrollHeight),
          ),
        )
      : 0;
    if (viewport && height > viewport.height) {
      await page.setViewportSize({ width: viewport.width, height: Math.min(height + 60, 6000) });
      await page.screenshot({ path: file });
      await page.setViewportSize(viewport);
    } else {
      await page.screenshot({ path: file });
    }
    return file;
  }
}

/** Runs a journey's steps; on failure saves what the phone showed (failed-<n>.png) before rethrowing. */
export async function withFailureShot<T>(shots: Shots, pages: () => Page[], steps: () => Promise<T>): Promise<T> {
  try {
    return await steps();
  } catch (err) {
    for (const [i, page] of pages().entries()) await shots.take(page, `failed-${i + 1}`, false).catch(() => undefined);
    throw err;
  }
}
