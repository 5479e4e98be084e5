// Sandbox configuration: every setting with its default, parsed once with zod from the environment or from startSandbox options.
import { z } from 'zod';

const flag = z.enum(['on', 'off']);
const port = z.coerce.number().int().min(0).max(65535);
const ms = z.coerce.number().int().min(0);

/** Defaults of every setting, documented in one place (docs/contracts/sandbox.md repeats them). */
export const SANDBOX_DEFAULTS = {
  port: 4100,
  smtpPort: 2525,
  host: '127.0.0.1',
  dataDir: '.data/sandbox',
  mode: 'demo' as 'demo' | 'realistic',
  autoReview: 'on' as 'on' | 'off',
  reviewApiKey: 'sandbox-review-key',
  smsApiKey: 'sandbox-sms-key',
  callbackSecret: 'sandbox-callback-secret',
  // the BFF's own defaults, so the two agree when neither is configured
  wechatAppId: 'wx-demo-appid',
  wechatSecret: 'wx-demo-secret',
  callbackRetryBaseMs: 1000,
  callbackRetryMaxMs: 5 * 60 * 1000,
  tickMs: 200,
};

/** Demo delays; `realistic` mode counts working days instead (see reviewer.ts). */
export const DEMO_DELAYS_MS = { initialReview: 4000, authorityStart: 3000, authorityReview: 8000 };
export const REALISTIC_WORKING_DAYS = { initialReview: 1, authorityStart: 1, authorityReview: 10 };

export const sandboxConfig = z.object({
  port: port.default(SANDBOX_DEFAULTS.port),
  smtpPort: port.default(SANDBOX_DEFAULTS.smtpPort),
  host: z.string().min(1).default(SANDBOX_DEFAULTS.host),
  /** Base of absolute URLs the sandbox hands out (material images); default http://<host>:<port>. */
  publicUrl: z.url().optional(),
  dataDir: z.string().min(1).default(SANDBOX_DEFAULTS.dataDir),
  mode: z.enum(['demo', 'realistic']).default(SANDBOX_DEFAULTS.mode),
  autoReview: flag.default(SANDBOX_DEFAULTS.autoReview),
  /** Explicit delays win over the mode's defaults. */
  initialReviewDelayMs: ms.optional(),
  authorityStartDelayMs: ms.optional(),
  authorityReviewDelayMs: ms.optional(),
  /** Where progress callbacks go when a submission names no callbackUrl. */
  callbackUrl: z.url().optional(),
  callbackSecret: z.string().min(8).default(SANDBOX_DEFAULTS.callbackSecret),
  callbackRetryBaseMs: ms.default(SANDBOX_DEFAULTS.callbackRetryBaseMs),
  callbackRetryMaxMs: ms.default(SANDBOX_DEFAULTS.callbackRetryMaxMs),
  reviewApiKey: z.string().min(8).default(SANDBOX_DEFAULTS.reviewApiKey),
  smsApiKey: z.string().min(8).default(SANDBOX_DEFAULTS.smsApiKey),
  wechatAppId: z.string().min(1).default(SANDBOX_DEFAULTS.wechatAppId),
  wechatSecret: z.string().min(1).default(SANDBOX_DEFAULTS.wechatSecret),
  /** How often due reviews and callback deliveries are looked at. */
  tickMs: z.coerce.number().int().min(10).default(SANDBOX_DEFAULTS.tickMs),
  /** false = no startup log lines (tests). */
  log: z.boolean().default(true),
});
export type SandboxConfig = z.infer<typeof sandboxConfig>;
export type SandboxOptions = z.input<typeof sandboxConfig>;

/** Environment variable of each setting. */
const ENV_NAMES: Record<Exclude<keyof SandboxOptions, 'log'>, string> = {
  port: 'SANDBOX_PORT',
  smtpPort: 'SANDBOX_SMTP_PORT',
  host: 'SANDBOX_HOST',
  publicUrl: 'SANDBOX_PUBLIC_URL',
  dataDir: 'SANDBOX_DATA_DIR',
  mode: 'SANDBOX_MODE',
  autoReview: 'SANDBOX_AUTO_REVIEW',
  initialReviewDelayMs: 'SANDBOX_INITIAL_REVIEW_DELAY_MS',
  authorityStartDelayMs: 'SANDBOX_AUTHORITY_START_DELAY_MS',
  authorityReviewDelayMs: 'SANDBOX_AUTHORITY_REVIEW_DELAY_MS',
  callbackUrl: 'SANDBOX_CALLBACK_URL',
  callbackSecret: 'SANDBOX_CALLBACK_SECRET',
  callbackRetryBaseMs: 'SANDBOX_CALLBACK_RETRY_BASE_MS',
  callbackRetryMaxMs: 'SANDBOX_CALLBACK_RETRY_MAX_MS',
  reviewApiKey: 'SANDBOX_REVIEW_API_KEY',
  smsApiKey: 'SANDBOX_SMS_API_KEY',
  wechatAppId: 'SANDBOX_WECHAT_APPID',
  wechatSecret: 'SANDBOX_WECHAT_SECRET',
  tickMs: 'SANDBOX_TICK_MS',
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function explain(error: z.ZodError, nameOf: (key: string) => string): string {
  return error.issues.map((i) => `${nameOf(String(i.path[0] ?? ''))}: ${i.message}`).join('; ');
}

/** Parse options given in code (startSandbox); a wrong one throws a ConfigError naming it. */
export function parseConfig(options: SandboxOptions = {}): SandboxConfig {
  const result = sandboxConfig.safeParse(options);
  if (!result.success) throw new ConfigError(`invalid sandbox option ${explain(result.error, (k) => k)}`);
  return result.data;
}

/** Read the SANDBOX_* variables; empty values count as unset. A wrong one throws a ConfigError naming the variable. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): SandboxConfig {
  const raw: Record<string, string> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const result = sandboxConfig.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(`invalid sandbox setting ${explain(result.error, (k) => ENV_NAMES[k as keyof typeof ENV_NAMES] ?? k)}`);
  }
  return result.data;
}
