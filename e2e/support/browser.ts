// Debian's Chromium driven by playwright-core, a phone-sized context per applicant, and a screenshot folder per journey.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './product';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

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

/** Numbered screenshots of one journey's key screens in artifacts/e2e/<journey>/. */
export class Shots {
  readonly dir: string;
  private count = 0;

  constructor(journey: string) {
    this.dir = join(ROOT, 'artifacts', 'e2e', journey);
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
  }

  async take(page: Page, name: string, fullPage = true): Promise<string> {
    this.count += 1;
    const file = join(this.dir, `${String(this.count).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage });
    return file;
  }
}
