// The real entry point (bff/src/main.ts) as an operator starts it: production without its own secrets stops before
// listening, naming each variable; demo mode says so and listens on loopback only.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startRedis, freePort, type TestRedis } from '../../../testing/redis';
import { eventually } from '../../../testing/eventually';

const ROOT = join(__dirname, '..', '..', '..');
// Loopback addresses nothing listens on: the adapters are created, never called before the process stops.
const upstreams = {
  REVIEW_SYSTEM_URL: 'http://127.0.0.1:9',
  REVIEW_API_KEY: 'startup-test-key',
  WECHAT_API_URL: 'http://127.0.0.1:9',
  SMS_GATEWAY_URL: 'http://127.0.0.1:9',
  SMTP_URL: 'smtp://127.0.0.1:9',
  LOG_LEVEL: 'silent',
  RUN_WORKERS: 'false',
};

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

function run(env: Record<string, string>) {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', join('bff', 'src', 'main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', REDIS_URL: redis.url, ...upstreams, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

test('production without its own secrets exits 1 before listening, naming each variable', async () => {
  const port = await freePort();
  const bff = run({ PORT: String(port), REVIEW_CALLBACK_SECRET: 'demo-callback-secret', SMS_CODE_SECRET: 'short-secret' });
  expect(await bff.exited).toBe(1);
  expect(bff.output()).toMatch(/REVIEW_CALLBACK_SECRET: is a public default value/);
  expect(bff.output()).toMatch(/SMS_CODE_SECRET: is too short/);
  expect(bff.output()).toMatch(/MATERIALS_SECRET: is a public default value/);
  await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
});

test('demo mode says so and listens on 127.0.0.1 unless HOST is set', async () => {
  const port = await freePort();
  const bff = run({ PORT: String(port), DEMO_MODE: 'true', REVIEW_CALLBACK_SECRET: 'demo-callback-secret' });
  try {
    await eventually(() => /DEMO MODE/.test(bff.output()), 'the demo-mode line', 30_000);
    expect(bff.output()).toContain(`listening on 127.0.0.1:${port} (loopback only; set HOST to open it to a network)`);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  } finally {
    await bff.stop();
  }
});
