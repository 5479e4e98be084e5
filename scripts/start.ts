// The README's run command: builds the mini-program if stale, starts Redis, the sandbox and the BFF (demo mode),
// prints the URL to open, and stops everything it started on Ctrl-C. Data lives under .data/ and survives restarts.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { networkInterfaces } from 'node:os';
import { BFF_MALLOC_ENV, BFF_NODE_ARGS } from '../bff/src/mallocEnv';
import { buildIfStale } from './buildBundle';
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

/** A port someone else already listens on would make a child die with EADDRINUSE: say which setting to change instead. */
function assertPortFree(value: number, variable: string): Promise<void> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', () => fail(new Error(`port ${value} is already in use: stop what runs there or set ${variable} to another port`)));
    probe.listen(value, '0.0.0.0', () => probe.close(() => done()));
  });
}

function startChild(name: string, script: string, env: Record<string, string>, nodeArgs: readonly string[] = []): ChildProcess {
  // One process per part (tsx as a loader, not its CLI wrapper): a signal reaches the program itself.
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((l) => `[${name}] ${l}\n`)
      .join('');
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
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          done();
        }, 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          done();
        });
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

/**
 * When the command was typed: the start of the oldest ancestor that is still part of `npm start` (npm, sh, the bootstrap, tsx),
 * read from /proc (Linux); elsewhere this process's own start.
 */
function commandStartedAt(): number {
  try {
    const ticksPerSecond = 100; // USER_HZ: 100 on every Linux we target
    const bootSeconds = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    // Fields after the process name (which may contain spaces): state, ppid, …
    const statOf = (pid: number) => {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    };
    let earliest = performance.timeOrigin;
    let pid = process.ppid;
    while (pid > 1) {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (!/\bnpm\b|tsx|start\.ts|bootstrap\.mjs|^(\/usr\/bin\/|\/bin\/)?sh -c/.test(cmdline)) break;
      const fields = statOf(pid);
      // fields[1] is the ppid, fields[19] the start time in ticks since boot (see proc(5), counted after the name)
      earliest = Math.min(earliest, (bootSeconds + Number(fields[19]) / ticksPerSecond) * 1000);
      pid = Number(fields[1]);
    }
    return earliest;
  } catch {
    return performance.timeOrigin;
  }
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const commandStart = commandStartedAt();

  if (!process.env.REDIS_URL && !redisServerExists()) {
    console.error(REDIS_MISSING);
    process.exit(1);
  }
  await assertPortFree(port, 'PORT');
  await assertPortFree(sandboxPort, 'SANDBOX_PORT');
  await assertPortFree(smtpPort, 'SANDBOX_SMTP_PORT');
  for (const type of ['h5', 'weapp'] as const) {
    if (!buildIfStale(type, { log })) log(`dist/${type} is up to date`);
  }

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
    // demo mode: the automatic reviewer decides within seconds (initial review ≈ 4 s, authority ≈ 11 s)
    SANDBOX_MODE: process.env.SANDBOX_MODE ?? 'demo',
    SANDBOX_AUTO_REVIEW: process.env.SANDBOX_AUTO_REVIEW ?? 'on',
    SANDBOX_CALLBACK_URL: `${bffUrl}/api/review-events`,
    SANDBOX_CALLBACK_SECRET: secret,
    SANDBOX_REVIEW_API_KEY: apiKey,
    SANDBOX_SMS_API_KEY: smsKey,
  });
  await waitForHttp(`${sandboxUrl}/healthz`);
  // The seeded websites' homepages are served by the sandbox: the BFF's homepage checks reach them through this map.
  const info = (await (await fetch(`${sandboxUrl}/control/info`)).json()) as { homepageHostMap: string };

  startChild(
    'bff',
    'bff/src/main.ts',
    {
      ...BFF_MALLOC_ENV,
      PORT: String(port),
      REDIS_URL: redisUrl,
      DEMO_MODE: 'true',
      REVIEW_SYSTEM_URL: sandboxUrl,
      REVIEW_API_KEY: apiKey,
      REVIEW_CALLBACK_SECRET: secret,
      REVIEW_CALLBACK_URL: `${bffUrl}/api/review-events`,
      WECHAT_API_URL: sandboxUrl,
      SMS_GATEWAY_URL: sandboxUrl,
      SMS_API_KEY: smsKey,
      HOMEPAGE_HOST_MAP: info.homepageHostMap,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      STATIC_DIR: join(root, 'dist', 'h5'),
      DATA_DIR: join(dataDir, 'bff'),
    },
    BFF_NODE_ARGS,
  );
  await waitForHttp(`${bffUrl}/readyz`);

  // Demo mode listens on loopback unless HOST says otherwise: its applicant picker lets anyone who reaches it in.
  const host = process.env.HOST;
  const lan = host && !/^(127\.|localhost$|::1$)/.test(host) ? lanAddress() : null;
  log(`ready in ${((Date.now() - commandStart) / 1000).toFixed(1)} s from the command (this script: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  log(
    `open in a browser: http://localhost:${port}/${
      lan ? `  (on your network: http://${lan}:${port}/ — anyone there can log in as a demo applicant)` : '  (this machine only; HOST=0.0.0.0 npm start opens it to your network)'
    }`,
  );
  log(`reviewer's control panel: ${sandboxUrl}/panel`);
  if ((process.env.SANDBOX_AUTO_REVIEW ?? 'on') === 'off') {
    log("the sandbox's automatic review is OFF (SANDBOX_AUTO_REVIEW=off): submissions wait until you decide them in the reviewer's panel");
  }
  const weappBff = weappBffUrl();
  log(`WeChat DevTools: import ${root} (project.config.json → ${join(root, 'dist', 'weapp')}); the weapp build calls the BFF at ${weappBff.url} (${weappBff.from})`);
  if (weappBff.url.replace(/\/$/, '') !== bffUrl)
    log(`note: this BFF listens on ${bffUrl}, not ${weappBff.url}: rebuild the weapp with TARO_APP_BFF_URL=${bffUrl} or start with PORT matching it`);
  log(`data in ${dataDir} (kept between starts)`);
  log('Ctrl-C stops everything');
}

/** The BFF origin a weapp build bakes in (config/index.ts): TARO_APP_BFF_URL from the shell, else Taro's production .env files, else the default. */
function weappBffUrl(): { url: string; from: string } {
  if (process.env.TARO_APP_BFF_URL) return { url: process.env.TARO_APP_BFF_URL, from: 'TARO_APP_BFF_URL in the environment' };
  // Taro reads these in production mode, the later ones overriding the earlier.
  for (const file of ['.env.production.local', '.env.production', '.env.local', '.env']) {
    const path = join(root, file);
    if (!existsSync(path)) continue;
    const line = readFileSync(path, 'utf8')
      .split('\n')
      .find((l) => /^\s*TARO_APP_BFF_URL\s*=/.test(l));
    if (line)
      return {
        url: line
          .split('=')
          .slice(1)
          .join('=')
          .trim()
          .replace(/^["']|["']$/g, ''),
        from: `TARO_APP_BFF_URL in ${file}`,
      };
  }
  return { url: 'http://127.0.0.1:3000', from: 'the default; set TARO_APP_BFF_URL to change it' };
}

main().catch((err: unknown) => {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  void shutdown(1);
});
