#!/usr/bin/env node
// `npm run screens`: PNGs of every mini-program screen (H5 build in headless Chromium, phone viewport) into
// artifacts/screens/. Two passes: the real stack (scripts/start.ts: Redis + sandbox + BFF serving dist/h5), and an
// in-script fixture BFF for states real data does not show on demand (empty, error, loading, rejection, MIIT check).
// Flags: --real-only, --fixtures-only.
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const h5 = join(root, 'dist', 'h5');
const out = join(root, 'artifacts', 'screens');
const args = new Set(process.argv.slice(2));
const log = (line) => process.stdout.write(`[screens] ${line}\n`);

// --- build H5 when missing or older than its sources

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : info.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) if (name !== 'node_modules' && name !== 'test' && !name.startsWith('.')) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function buildH5IfStale() {
  const marker = join(h5, 'index.html');
  const sources = Math.max(...['miniapp', 'shared', 'config', 'babel.config.js'].map((p) => newestMtime(join(root, p))));
  if (existsSync(marker) && statSync(marker).mtimeMs >= sources) return log('dist/h5 is up to date');
  log('building dist/h5 (production)…');
  const res = spawnSync(process.execPath, [join(root, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'h5'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (res.status !== 0) throw new Error(`taro build --type h5 failed (exit ${res.status})`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// --- the browser

async function openBrowser() {
  const userDataDir = mkdtempSync(join(tmpdir(), 'screens-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

async function shoot(page, name) {
  await sleep(300); // let transitions and late setState settle
  const file = join(out, `${name}.png`);
  // Taro's H5 page scrolls inside its own container, so fullPage alone stops at the viewport: grow the viewport to
  // the content for the shot, then restore the phone size.
  const viewport = page.viewportSize();
  const contentHeight = await page.evaluate(() => {
    const scrollers = [document.documentElement, ...document.querySelectorAll('.taro_page, .taro_router > div')];
    return Math.max(...scrollers.map((el) => el.scrollHeight));
  });
  if (contentHeight > viewport.height) await page.setViewportSize({ width: viewport.width, height: Math.min(contentHeight, 4000) });
  await page.screenshot({ path: file, fullPage: true });
  await page.setViewportSize(viewport);
  log(`saved artifacts/screens/${name}.png`);
}

async function waitText(page, text, timeout = 15000) {
  await page.getByText(text, { exact: false }).first().waitFor({ state: 'visible', timeout });
}

// --- pass 1: the real stack

async function realPass() {
  if (!existsSync(join(root, 'bff', 'src', 'main.ts')) || !existsSync(join(root, 'scripts', 'start.ts'))) {
    log('real BFF not available (bff/src/main.ts or scripts/start.ts missing): skipping the real pass');
    return;
  }
  const [port, sandboxPort, smtpPort] = [await freePort(), await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), 'screens-data-'));
  const stack = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), SANDBOX_PORT: String(sandboxPort), SANDBOX_SMTP_PORT: String(smtpPort), DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  stack.stdout.on('data', (chunk) => (output += chunk));
  const stopStack = async () => {
    if (stack.exitCode === null && stack.signalCode === null) {
      const exited = new Promise((resolve) => stack.once('exit', resolve));
      stack.kill('SIGTERM');
      await Promise.race([exited, sleep(10000)]);
      if (stack.exitCode === null && stack.signalCode === null) stack.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const browser = await openBrowser().catch(async (err) => {
    await stopStack();
    throw err;
  });
  try {
    const deadline = Date.now() + 480000; // it may build dist/h5 and dist/weapp first
    while (!output.includes('ready in')) {
      if (stack.exitCode !== null) throw new Error(`scripts/start.ts exited (${stack.exitCode}):\n${output}`);
      if (Date.now() > deadline) throw new Error(`the stack did not get ready in 480 s:\n${output}`);
      await sleep(250);
    }
    const base = `http://127.0.0.1:${port}`;
    log(`real stack up on ${base}`);
    const page = await browser.context.newPage();

    await page.goto(`${base}/#/pages/login/index`);
    await waitText(page, '选择演示账号');
    await shoot(page, 'real-01-login');

    await page.getByText('单位备案').first().click();
    // The overview's cards, not the skeleton (the first filings call warms the review-system cache).
    await page.locator('.overview-filing').first().waitFor({ state: 'visible', timeout: 30000 });
    await shoot(page, 'real-02-overview');

    const change = page.getByText('继续填写').or(page.getByText('变更网站', { exact: true })).first();
    await change.click();
    await page.waitForURL(/pages\/wizard/, { timeout: 15000 });
    await waitText(page, '网站名称');
    await shoot(page, 'real-03-wizard-website');

    await page.goto(`${base}/#/pages/terms/index`);
    await waitText(page, '服务内容');
    await shoot(page, 'real-04-terms');
    await page.close();
  } finally {
    await browser.close();
    await stopStack();
  }
}

// --- pass 2: fixture BFF for states on demand

const hour = 3600_000;
const iso = (offsetMs) => new Date(Date.now() + offsetMs).toISOString();

function principal(name, mobile) {
  return { name, idType: 'resident_id', idNumber: '440305199001011234', idValidUntil: '2035-01-01', mobile, email: 'contact@example.com' };
}

function website(id, n, name, domains, status = 'filed') {
  return {
    id,
    websiteFilingNumber: `粤ICP备2021088888号-${n}`,
    name,
    domains,
    homepageUrl: `https://www.${domains[0]}`,
    serviceContent: ['企业展示'],
    preApprovalItems: [],
    notes: '',
    principalSameAsEntity: true,
    principal: principal('陈明远', '13800138000'),
    access: { provider: '腾讯云', region: '广州', ips: ['203.0.113.10'] },
    status,
    materials: [],
  };
}

const FILING = {
  id: 'filing-1',
  applicantId: 'demo-org',
  revision: 4,
  entity: {
    kind: 'organisation',
    name: '深圳市云帆信息技术有限公司',
    certificateType: 'business_licence',
    certificateNumber: '91440300MA5G8XXXXP',
    province: '粤',
    address: '广东省深圳市南山区粤海街道科技园',
    entityFilingNumber: '粤ICP备2021088888号',
    principal: principal('陈明远', '13800138000'),
  },
  websites: [
    website('site-1', 1, '云帆科技官网', ['yunfan-tech.com']),
    website('site-2', 2, '云帆开发者文档中心', ['docs.yunfan-tech.cn', 'dev.yunfan-tech.cn'], 'change_in_review'),
    website('site-3', 3, '云帆客户服务平台', ['service.yunfan-tech.com']),
  ],
};

const summary = (id, websiteId, websiteName, status) => ({ id, filingId: 'filing-1', websiteId, websiteName, status, version: 3, updatedAt: iso(-2 * hour), expiresAt: iso(40 * 24 * hour) });

const submitted = { id: 't1', at: iso(-50 * hour), status: 'submitted', title: '已提交变更申请', detail: '变更内容：网站名称、网站负责人手机号码', reasons: [] };
const initial = { id: 't2', at: iso(-49.9 * hour), status: 'initial_review', title: '服务商初审中', detail: '初审一般在 1 个工作日内完成', reasons: [] };

const PROGRESS = {
  rejected: {
    changeId: 'change-r',
    status: 'initial_rejected',
    timeline: [
      submitted,
      initial,
      {
        id: 't3',
        at: iso(-30 * hour),
        status: 'initial_rejected',
        title: '初审未通过',
        detail: '请按审核意见修改后重新提交，未提及的内容无需修改。',
        reasons: [
          { target: { type: 'field', path: 'name' }, message: '网站名称需与网站首页展示的名称一致' },
          { target: { type: 'material', path: 'website_principal.id_front' }, message: '证件照片反光，请在光线均匀处重新拍摄' },
        ],
      },
    ],
    miitCheck: null,
    subscriptionsLeft: 1,
  },
  miit: {
    changeId: 'change-m',
    status: 'authority_review',
    timeline: [
      submitted,
      initial,
      { id: 't3', at: iso(-26 * hour), status: 'authority_pending', title: '初审通过，已提交管局', detail: null, reasons: [] },
      { id: 't4', at: iso(-3 * hour), status: 'authority_review', title: '管局审核中', detail: '工信部已向网站负责人手机发送核验短信', reasons: [] },
    ],
    miitCheck: { deadline: iso(21 * hour), instructions: '请使用网站负责人手机 138****8000，按短信提示回复验证码、手机号和证件号码后六位完成核验。' },
    subscriptionsLeft: 0,
  },
  reviewing: { changeId: 'change-i', status: 'initial_review', timeline: [submitted, initial], miitCheck: null, subscriptionsLeft: 0 },
};

/** What the fixture BFF answers; the pass switches scenario before each screen. */
let scenario = 'normal';

function fixtureAnswer(method, path) {
  if (method === 'GET' && path === '/api/session/dev')
    return [200, [{ applicantId: 'demo-org', name: '深圳市云帆信息技术有限公司', kind: 'organisation' }, { applicantId: 'demo-person', name: '王晓雨', kind: 'personal' }]];
  if (method === 'POST' && path === '/api/session/dev') return [200, { token: 'fixture-token', expiresAt: iso(12 * hour) }];
  if (method === 'GET' && path === '/api/filings') {
    if (scenario === 'error') return [503, { code: 'upstream_unavailable', message: '备案审核系统暂时无法连接，请稍后重试' }];
    return [200, { filings: scenario === 'empty' ? [] : [FILING] }];
  }
  if (method === 'GET' && path === '/api/changes')
    return [200, { changes: scenario === 'empty' ? [] : [summary('change-d', 'site-3', '云帆客户服务平台', 'draft'), summary('change-i', 'site-2', '云帆开发者文档中心', 'initial_review')] }];
  const progress = path.match(/^\/api\/changes\/change-(\w)\/progress$/);
  if (method === 'GET' && progress) {
    const byId = { r: PROGRESS.rejected, m: PROGRESS.miit, i: PROGRESS.reviewing };
    return byId[progress[1]] ? [200, byId[progress[1]]] : [404, { code: 'not_found', message: '变更不存在或无权访问' }];
  }
  return [404, { code: 'not_found', message: '内容不存在或无权访问' }];
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.json': 'application/json' };

function startFixtureServer(port) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      if (scenario === 'slow') await sleep(4000);
      const [status, body] = fixtureAnswer(req.method, url.pathname);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
      return;
    }
    const file = normalize(join(h5, url.pathname === '/' ? 'index.html' : url.pathname));
    if (!file.startsWith(h5) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

async function fixturePass() {
  const port = await freePort();
  const server = await startFixtureServer(port);
  const base = `http://127.0.0.1:${port}`;
  const browser = await openBrowser();
  try {
    const page = await browser.context.newPage();
    const open = async (route, scene) => {
      scenario = scene;
      await page.goto(`${base}/#/pages/${route}`);
      await page.reload(); // the hash router keeps the page otherwise: force the load with the new scenario
    };

    scenario = 'normal';
    await page.goto(`${base}/#/pages/login/index`);
    await waitText(page, '选择演示账号');
    await shoot(page, 'fixture-01-login-demo');
    await page.getByText('深圳市云帆信息技术有限公司').first().click();
    await waitText(page, '云帆科技官网');
    await shoot(page, 'fixture-02-overview');

    await open('overview/index', 'slow');
    await waitText(page, '选择要变更的网站');
    await shoot(page, 'fixture-03-overview-loading');

    await open('overview/index', 'empty');
    await waitText(page, '暂无已备案的网站');
    await shoot(page, 'fixture-04-overview-empty');

    await open('overview/index', 'error');
    await waitText(page, '备案信息加载失败');
    await shoot(page, 'fixture-05-overview-error');

    await open('progress/index?changeId=change-r', 'normal');
    await waitText(page, '审核意见');
    await shoot(page, 'fixture-06-progress-rejected');

    await open('progress/index?changeId=change-m', 'normal');
    await waitText(page, '工信部短信核验');
    await shoot(page, 'fixture-07-progress-miit-check');

    await open('progress/index?changeId=change-i', 'normal');
    await waitText(page, '撤回');
    await shoot(page, 'fixture-08-progress-initial-review');

    await open('terms/index', 'normal');
    await waitText(page, '服务内容');
    await shoot(page, 'fixture-09-terms');

    // The narrowest phones (320 px wide): nothing may overflow or be cut.
    await page.setViewportSize({ width: 320, height: 640 });
    await open('overview/index', 'normal');
    await waitText(page, '云帆科技官网');
    await shoot(page, 'fixture-10-overview-320px');
    await open('progress/index?changeId=change-r', 'normal');
    await waitText(page, '审核意见');
    await shoot(page, 'fixture-11-progress-rejected-320px');
    await page.close();
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

async function main() {
  mkdirSync(out, { recursive: true });
  buildH5IfStale();
  if (!args.has('--fixtures-only')) await realPass();
  if (!args.has('--real-only')) await fixturePass();
  log('done');
}

main().catch((err) => {
  console.error(`[screens] ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
