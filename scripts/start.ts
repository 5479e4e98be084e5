// The README's run command: builds the mini-program if stale, starts Redis, the sandbox and the BFF (demo mode),
// prints the URL to open, and stops everything it started on Ctrl-C. Data lives under .data/ and survives restarts.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { networkInterfaces } from 'node:os';
import { freePort, launchRedisServer, REDIS_MISSING, redisServerExists, waitForPing } from './redisServer';

const started = Date.now();
const root = resolve(__dirname, '..');
const dataDir = resolve(process.env.DATA_DIR ?? join(root, '.data'));
const port = Number(process.env.PORT ?? 3000);
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 4100);
const smtpPort = Number(process.env.SANDBOX_SMTP_PORT ?? 2525);
const children: ChildProcess[] = [];
let stopping = false;

function log(line: string): void {
  process.stdout.write(`[start] ${line}\n`);
}

/** Newest modification time of any file below the given folders (sources of a build). */
function newestMtime(paths: string[]): number {
  let newest = 0;
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const entry of readdirSync(p)) if (entry !== 'node_modules' && !entry.endsWith('.test.ts') && !entry.endsWith('.test.tsx')) walk(join(p, entry));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach(walk);
  return newest;
}

function buildIfStale(type: 'h5' | 'weapp'): void {
  const marker = join(root, 'dist', type, type === 'h5' ? 'index.html' : 'app.json');
  const sources = newestMtime(['miniapp', 'shared', 'config', 'babel.config.js'].map((p) => join(root, p)));
  if (existsSync(marker) && statSync(marker).mtimeMs >= sources) {
    log(`${type} build is up to date`);
    return;
  }
  log(`building the ${type} bundle (production)…`);
  const res = spawnSync(process.execPath, [join(root, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', type], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (res.status !== 0) throw new Error(`taro build --type ${type} failed (exit ${res.status})`);
}

function startChild(name: string, script: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).map((l) => `[${name}] ${l}\n`).join('');
  child.stdout?.on('data', (c: Buffer) => process.env.START_VERBOSE && process.stdout.write(prefix(c)));
  child.stderr?.on('data', (c: Buffer) => process.stderr.write(prefix(c)));
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} stopped unexpectedly (${signal ?? code}); stopping everything`);
      void shutdown(1);
    }
  });
  children.push(child);
  return child;
}

async function waitForHttp(url: string, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const child of [...children].reverse()) {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((done) => {
        const timer = setTimeout(() => { child.kill('SIGKILL'); done(); }, 5000);
        child.once('exit', () => { clearTimeout(timer); done(); });
        child.kill('SIGTERM');
      });
    }
  }
  log('stopped everything it started');
  process.exit(code);
}

function lanAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  if (!process.env.REDIS_URL && !redisServerExists()) {
    console.error(REDIS_MISSING);
    process.exit(1);
  }
  buildIfStale('h5');
  buildIfStale('weapp');

  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redisDir = join(dataDir, 'redis');
    mkdirSync(redisDir, { recursive: true });
    const redisPort = Number(process.env.REDIS_PORT ?? (await freePort()));
    children.push(await launchRedisServer({ port: redisPort, dir: redisDir, appendfsync: 'always' }));
    redisUrl = `redis://127.0.0.1:${redisPort}`;
    log(`Redis on ${redisUrl} (AOF, appendfsync always, data in ${redisDir})`);
  } else {
    await waitForPing(redisUrl);
    log(`Redis from REDIS_URL`);
  }

  const secret = process.env.REVIEW_CALLBACK_SECRET ?? 'demo-callback-secret';
  const apiKey = process.env.REVIEW_API_KEY ?? 'demo-review-api-key';
  const smsKey = process.env.SMS_API_KEY ?? 'demo-sms-api-key';
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const bffUrl = `http://127.0.0.1:${port}`;
  startChild('sandbox', 'sandbox/main.ts', {
    SANDBOX_PORT: String(sandboxPort),
    SANDBOX_SMTP_PORT: String(smtpPort),
    SANDBOX_DATA_DIR: join(dataDir, 'sandbox'),
    SANDBOX_CALLBACK_URL: `${bffUrl}/api/review-events`,
    SANDBOX_CALLBACK_SECRET: secret,
    SANDBOX_REVIEW_API_KEY: apiKey,
    SANDBOX_SMS_API_KEY: smsKey,
  });
  await waitForHttp(`${sandboxUrl}/healthz`);
  // The seeded websites' homepages are served by the sandbox: the BFF's homepage checks reach them through this map.
  const info = (await (await fetch(`${sandboxUrl}/control/info`)).json()) as { homepageHostMap: string };

  startChild('bff', 'bff/src/main.ts', {
    PORT: String(port),
    REDIS_URL: redisUrl,
    DEMO_MODE: 'true',
    REVIEW_SYSTEM_URL: sandboxUrl,
    REVIEW_API_KEY: apiKey,
    REVIEW_CALLBACK_SECRET: secret,
    WECHAT_API_URL: sandboxUrl,
    SMS_GATEWAY_URL: sandboxUrl,
    SMS_API_KEY: smsKey,
    HOMEPAGE_HOST_MAP: info.homepageHostMap,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    DATA_DIR: join(dataDir, 'bff'),
  });
  await waitForHttp(`${bffUrl}/readyz`);

  const lan = lanAddress();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(`ready in ${seconds} s`);
  log(`open on a phone or desktop browser: http://localhost:${port}/${lan ? `  (on your network: http://${lan}:${port}/)` : ''}`);
  log(`reviewer's control panel: ${sandboxUrl}/panel`);
  log(`WeChat DevTools: import this folder (project.config.json → dist/weapp/)`);
  log('Ctrl-C stops everything');
}

main().catch((err: unknown) => {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  void shutdown(1);
});
