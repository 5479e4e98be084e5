// Starts the whole sandbox in-process: HTTP (review system, WeChat, SMS, homepages, panel, control) and SMTP, over one persisted state.
import Koa from 'koa';
import Router from '@koa/router';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { CallbackDispatcher } from './callbacks';
import { parseConfig, type SandboxConfig, type SandboxOptions } from './env';
import { servedPage } from './facts';
import { imageBytes } from './images';
import { PANEL_HTML } from './panel';
import { DeskError, ReviewDesk } from './reviewDesk';
import type { SandboxDeps } from './routes/context';
import { controlRouter } from './routes/control';
import { reviewRouter } from './routes/review';
import { smsRouter } from './routes/sms';
import { wechatRouter } from './routes/wechat';
import { verificationRouter } from './routes/verification';
import { VerificationDesk } from './verificationDesk';
import { buildSeed } from './seed';
import { startSmtp } from './smtp';
import { StateStore, type SandboxState } from './store';

export interface RunningSandbox {
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:4100. */
  url: string;
  smtpPort: number;
  config: SandboxConfig;
  /** Value for the BFF's HOMEPAGE_HOST_MAP (every seeded website host → this sandbox). */
  homepageHostMap: string;
  close(): Promise<void>;
}

/** `host=address,host=address,…`: where the BFF should send requests for each seeded website's host. */
export function homepageHostMap(address: string, state: Pick<SandboxState, 'sites'> = buildSeed()): string {
  return Object.keys(state.sites)
    .sort()
    .map((host) => `${host}=${address}`)
    .join(',');
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      done((server.address() as AddressInfo).port);
    });
  });
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const config = parseConfig(options);
  const log = (line: string) => {
    if (config.log) console.log(`[sandbox] ${line}`);
  };
  const store = new StateStore(resolve(config.dataDir), () => buildSeed());
  const desk = new ReviewDesk(store, config);
  let publicUrl = config.publicUrl?.replace(/\/$/, '') ?? '';
  let address = '';
  let smtpPort = config.smtpPort;
  const verification = new VerificationDesk(store, () => publicUrl);
  const deps: SandboxDeps = { store, desk, verification, config, publicUrl: () => publicUrl, smtpPort: () => smtpPort };
  const hostMap = () => homepageHostMap(address, store.state);

  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (e) {
      if (e instanceof DeskError) {
        ctx.status = e.status;
        ctx.body = { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) };
        return;
      }
      console.error('[sandbox] unexpected error', e);
      ctx.status = 500;
      ctx.body = { code: 'internal', message: '沙箱内部错误，请查看沙箱日志' };
    }
  });

  // seeded websites answer on their own host names (the BFF maps them to this server)
  app.use(async (ctx, next) => {
    const page = servedPage({ filings: store.state.filings, sites: store.state.sites }, ctx.hostname, ctx.path);
    if (!page) {
      await next();
      return;
    }
    ctx.status = page.status;
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = page.html;
  });

  const pages = new Router();
  pages.get('/', (ctx) => ctx.redirect('/panel'));
  pages.get('/panel', (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = PANEL_HTML;
  });
  pages.get('/files/:file', async (ctx) => {
    const match = /^([A-Za-z0-9_-]+)\.jpg$/.exec(ctx.params.file);
    const bytes = match ? await imageBytes(store.filesDir, match[1], store.state.images[match[1]]) : null;
    if (!bytes) throw new DeskError(404, 'not_found', `未找到图片“${ctx.params.file}”`);
    ctx.type = 'image/jpeg';
    ctx.set('Cache-Control', 'private, max-age=3600');
    ctx.body = bytes;
  });
  pages.get('/healthz', (ctx) => {
    ctx.body = { ok: true };
  });

  for (const router of [pages, reviewRouter(deps), wechatRouter(deps), smsRouter(deps), verificationRouter(deps), controlRouter(deps, hostMap)]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  app.use((ctx) => {
    ctx.status = 404;
    ctx.body = { code: 'not_found', message: `沙箱没有接口 ${ctx.method} ${ctx.path}，请对照 docs/contracts/ 中的路径` };
  });

  const handler = app.callback();
  const server = createServer((req, res) => void handler(req, res));
  const port = await listen(server, config.port, config.host);
  address = `${config.host}:${port}`;
  if (!publicUrl) publicUrl = `http://${address}`;
  let smtp;
  try {
    smtp = await startSmtp(store, config.host, config.smtpPort);
    smtpPort = smtp.port;
  } catch (e) {
    server.close();
    throw e;
  }

  const dispatcher = new CallbackDispatcher(store, config, log);
  let ticking = false;
  const timer = setInterval(() => {
    if (ticking) return;
    ticking = true;
    try {
      desk.runDueSteps();
      verification.expireDue();
    } catch (e) {
      console.error('[sandbox] automatic review step failed', e);
    }
    // deliveries run in the background; the next tick skips those still in flight
    dispatcher
      .run()
      .catch((e) => console.error('[sandbox] callback delivery failed', e))
      .finally(() => {
        ticking = false;
      });
  }, config.tickMs);
  timer.unref();

  log(`review system, WeChat API, SMS gateway and panel at ${publicUrl} (panel: ${publicUrl}/panel)`);
  log(`SMTP on ${config.host}:${smtp.port}; data in ${store.dataDir}; mode ${config.mode}; automatic review ${config.autoReview}`);
  log(`callbacks to ${config.callbackUrl ?? '(the callbackUrl of each submission)'} signed with SANDBOX_CALLBACK_SECRET`);
  log(`HOMEPAGE_HOST_MAP=${hostMap()}`);
  log(
    `BFF settings: REVIEW_SYSTEM_URL=${publicUrl} WECHAT_API_URL=${publicUrl} SMS_GATEWAY_URL=${publicUrl} SMTP_URL=smtp://${config.host}:${smtp.port} ` +
      '(REVIEW_API_KEY, SMS_API_KEY, REVIEW_CALLBACK_SECRET, WECHAT_APPID/SECRET must equal the SANDBOX_* values)',
  );

  let closed = false;
  return {
    url: publicUrl,
    smtpPort: smtp.port,
    config,
    homepageHostMap: hostMap(),
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      dispatcher.stop();
      server.closeAllConnections();
      await Promise.all([new Promise<void>((done) => server.close(() => done())), smtp.close()]);
    },
  };
}
