// BFF configuration: parsed once from the environment with zod; a wrong setting stops the process naming the variable.
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

/** `www.a.cn=127.0.0.1:4100,b.cn=127.0.0.1:4100` → host → address. */
const hostMap = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const map: Record<string, { host: string; port: number | null }> = {};
    for (const entry of (raw ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const m = /^([^=\s]+)=([^:\s]+)(?::(\d{1,5}))?$/.exec(entry);
      if (!m) {
        ctx.addIssue({ code: 'custom', message: `entry "${entry}" must look like www.example.cn=127.0.0.1:4100` });
        return z.NEVER;
      }
      map[m[1].toLowerCase()] = { host: m[2], port: m[3] ? Number(m[3]) : null };
    }
    return map;
  });

export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .default('redis://127.0.0.1:6379'),
  /**
   * Redis Cluster seed nodes `host:port,host:port` (absent: the single Redis of REDIS_URL). REDIS_URL still supplies
   * the password, user and TLS. Every multi-key operation stays on one slot (keys share hash tags, see stores/keys.ts).
   */
  REDIS_CLUSTER_NODES: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const nodes: { host: string; port: number }[] = [];
      for (const entry of (raw ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        const m = /^([^:\s]+):(\d{1,5})$/.exec(entry);
        if (!m) {
          ctx.addIssue({ code: 'custom', message: `entry "${entry}" must look like 10.0.0.5:6379` });
          return z.NEVER;
        }
        nodes.push({ host: m[1], port: Number(m[2]) });
      }
      return nodes;
    }),
  /** Demo/test mode: enables the applicant picker (`/api/session/dev`). Never in production. */
  DEMO_MODE: bool,
  REVIEW_SYSTEM_URL: z.url(),
  REVIEW_API_KEY: z.string().min(1),
  /** HMAC secret of the review system's signed callbacks. */
  REVIEW_CALLBACK_SECRET: z.string().min(8),
  /** Where the review system should post progress events for our submissions (absent: its configured URL). */
  REVIEW_CALLBACK_URL: z.url().optional(),
  WECHAT_API_URL: z.url(),
  // Defaults below equal the sandbox's own defaults (sandbox/env.ts), so a demo needs no extra settings.
  WECHAT_APPID: z.string().min(1).default('wx-demo-appid'),
  WECHAT_SECRET: z.string().min(1).default('wx-demo-secret'),
  SMS_GATEWAY_URL: z.url(),
  SMS_API_KEY: z.string().min(1).default('sandbox-sms-key'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://'),
  MAIL_FROM: z.string().default('备案变更助手 <noreply@beian-helper.example>'),
  /** Secret mixed into stored SMS-code hashes (so a Redis dump does not reveal codes). */
  SMS_CODE_SECRET: z.string().min(8).default('change-me-sms-code-secret'),
  /** Origin the mini-program reaches the BFF at (absolute preview URLs); default: path-only URLs. */
  PUBLIC_BASE_URL: z.url().optional(),
  /** Secret of the signed material preview URLs. */
  MATERIALS_SECRET: z.string().min(8).default('change-me-materials-secret'),
  /** Photo uploads one instance takes at once; one more is answered 503 + Retry-After (bff/src/materials/intake.ts). */
  UPLOAD_MAX_CONCURRENT: z.coerce.number().int().positive().default(24),
  /** An upload that sends nothing for this long is dropped and its temp file deleted. */
  UPLOAD_STALL_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  HOMEPAGE_HOST_MAP: hostMap,
  HOMEPAGE_TIMEOUT_MS: z.coerce.number().int().positive().default(4000),
  SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * 24 * 3600),
  FILINGS_CACHE_SECONDS: z.coerce.number().int().positive().default(60),
  SMS_DAILY_CAP: z.coerce.number().int().positive().default(10),
  /** Login attempts (wx code exchanges and demo logins) allowed per client address per minute. */
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  STATIC_DIR: z.string().default('dist/h5'),
  DATA_DIR: z.string().default('.data/bff'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Run the relay and notification workers in this process (false: API only; another process drains the queues). */
  RUN_WORKERS: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** Relay retry: first backoff delay and its cap (ms). */
  JOB_BACKOFF_MS: z.coerce.number().int().positive().default(1000),
  JOB_BACKOFF_MAX_MS: z.coerce.number().int().positive().default(60000),
});
export type Env = z.infer<typeof envSchema>;

/** Parse settings; throws an Error naming every wrong variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
  throw new Error(`BFF configuration is wrong, fix these environment variables:\n${lines.join('\n')}`);
}
