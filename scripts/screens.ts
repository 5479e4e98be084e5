// `npm run screens`: PNGs of the mini-program states the browser journeys do not reach (loading, empty, error,
// rejection, MIIT check, reviewing, terms, 320 px phones) into artifacts/screens/, from the H5 build against a
// canned BFF. The journeys (`e2e/`, part of `npm test`) already shoot the real stack's screens into artifacts/e2e/.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchPhoneBrowser, Shots } from '../e2e/support/browser';
import { startFixtureBff, type FixtureScenario } from '../e2e/support/fixtureBff';
import { ROOT } from '../e2e/support/product';
import { buildIfStale } from './buildBundle';

const log = (line: string): void => {
  process.stdout.write(`[screens] ${line}\n`);
};

/** The screen is ready to shoot once `text` shows. */
async function waitText(page: Page, text: string): Promise<void> {
  await page.getByText(text, { exact: false }).first().waitFor({ state: 'visible', timeout: 15000 });
}

async function main(): Promise<void> {
  if (!buildIfStale('h5', { log })) log('dist/h5 is up to date');
  const bff = await startFixtureBff(join(ROOT, 'dist', 'h5'));
  const phones = await launchPhoneBrowser();
  const shots = new Shots('screens', join(ROOT, 'artifacts', 'screens'));
  try {
    const { page } = await phones.newPhone();
    const shoot = async (name: string, text: string): Promise<void> => {
      await waitText(page, text);
      log(`saved ${await shots.take(page, name)}`);
    };
    const open = async (route: string, scenario: FixtureScenario): Promise<void> => {
      bff.setScenario(scenario);
      await page.goto(`${bff.url}/#/pages/${route}`);
      await page.reload(); // the hash router keeps the page otherwise: force the load with the new scenario
    };

    await open('login/index', 'normal');
    await shoot('login-demo', '选择演示账号');
    await page.getByText('深圳市云帆信息技术有限公司').first().click();
    await shoot('overview', '云帆科技官网');

    await open('overview/index', 'slow');
    await shoot('overview-loading', '选择要变更的网站');
    await open('overview/index', 'empty');
    await shoot('overview-empty', '暂无已备案的网站');
    await open('overview/index', 'error');
    await shoot('overview-error', '备案信息加载失败');

    await open('progress/index?changeId=change-r', 'normal');
    await shoot('progress-rejected', '审核意见');
    await open('progress/index?changeId=change-m', 'normal');
    await shoot('progress-miit-check', '工信部短信核验');
    await open('progress/index?changeId=change-i', 'normal');
    await shoot('progress-initial-review', '撤回');
    await open('terms/index', 'normal');
    await shoot('terms', '服务内容');

    // The narrowest phones (320 px wide): nothing may overflow or be cut.
    await page.setViewportSize({ width: 320, height: 640 });
    await open('overview/index', 'normal');
    await shoot('overview-320px', '云帆科技官网');
    await open('progress/index?changeId=change-r', 'normal');
    await shoot('progress-rejected-320px', '审核意见');
  } finally {
    await phones.close();
    await bff.close();
  }
  log('done');
}

main().catch((err: unknown) => {
  console.error(`[screens] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
