// BFF configuration: parsed once from the environment with zod; a wrong setting stops the process naming the variable.
import { RECENT_DRAFTS_DEFAULT } from './stores/recentDrafts';
import { availableParallelism } from 'node:os';
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

/** Values anyone can read in this repository (defaults, the demo's and the tests' settings): never a production secret. */
const PUBLIC_SECRETS = new Set(['change-me-sms-code-secret', 'change-me-materials-secret', 'demo-callback-secret', 'test-callback-secret', 'route-table-test-secret']);
export const MIN_SECRET_BYTES = 32;

/** Bytes of randomness a secret carries, read by its alphabet: hex 4 bits a character, base64 6, anything else 8. */
function secretBytes(value: string): number {
  if (/^[0-9a-f]+$/i.test(value)) return Math.floor(value.length / 2);
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return Math.floor((value.replace(/=+$/, '').length * 3) / 4);
  return Buffer.byteLength(value);
}

/** Why a value cannot be a production secret, or null. Messages name the fix (the variable is named by the caller). */
export function secretProblem(value: string | undefined): string | null {
  const howTo = `set it to at least ${MIN_SECRET_BYTES} random bytes of its own, e.g. \`openssl rand -hex 32\``;
  if (!value) return `is not set; ${howTo}`;
  if (PUBLIC_SECRETS.has(value)) return `is a public default value; ${howTo}`;
  const bytes = secretBytes(value);
  if (bytes < MIN_SECRET_BYTES) return `is too short (${bytes} bytes); ${howTo}`;
  if (new Set(value).size < 10) return `does not look random (${new Set(value).size} distinct characters); ${howTo}`;
  return null;
}

/** The secrets production must be given (each signs or hashes something an attacker would like to forge). */
export const PRODUCTION_SECRETS = ['REVIEW_CALLBACK_SECRET', 'SMS_CODE_SECRET', 'MATERIALS_SECRET'] as const;

const baseSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Listening address. Default: 0.0.0.0, or 127.0.0.1 in demo mode (its login picker must not face a network). */
  HOST: z.string().min(1).optional(),
  /**
   * Proxies in front of the BFF that append to X-Forwarded-For (load balancer, CDN). 0: the header is ignored and the
   * client address is the socket's; N: the N-th address from the right, the one the outermost trusted proxy saw.
   * Login and SMS limits key on it, so a value higher than the real chain lets clients pick their own address.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
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
  /** HMAC secret of the review system's signed callbacks; required (checked below, with the other secrets). */
  REVIEW_CALLBACK_SECRET: z.string().min(8).optional(),
  /** Where the review system should post progress events for our submissions (absent: its configured URL). */
  REVIEW_CALLBACK_URL: z.url().optional(),
  /** The identity verification service (电子化核验); default: the review system's URL (the provider hosts both, same API key). */
  VERIFICATION_SERVICE_URL: z.url().optional(),
  /**
   * Where the verification service should post task completions (signed with REVIEW_CALLBACK_SECRET). Default: the
   * verification-events route at REVIEW_CALLBACK_URL's origin; absent both, the service's configured URL.
   */
  VERIFICATION_CALLBACK_URL: z.url().optional(),
  WECHAT_API_URL: z.url(),
  // Defaults below equal the sandbox's own defaults (sandbox/env.ts), so a demo needs no extra settings.
  WECHAT_APPID: z.string().min(1).default('wx-demo-appid'),
  WECHAT_SECRET: z.string().min(1).default('wx-demo-secret'),
  SMS_GATEWAY_URL: z.url(),
  SMS_API_KEY: z.string().min(1).default('sandbox-sms-key'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://'),
  MAIL_FROM: z.string().default('备案变更助手 <noreply@beian-helper.example>'),
  /** Secret mixed into stored SMS-code hashes (so a Redis dump does not reveal codes). The default is for demo mode only. */
  SMS_CODE_SECRET: z.string().min(8).default('change-me-sms-code-secret'),
  /** Origin the mini-program reaches the BFF at (absolute preview URLs); default: path-only URLs. */
  PUBLIC_BASE_URL: z.url().optional(),
  /** Secret of the signed material preview URLs (a forged signature returns an ID photo). The default is for demo mode only. */
  MATERIALS_SECRET: z.string().min(8).default('change-me-materials-secret'),
  /** Photo uploads one instance takes at once; one more is answered 503 + Retry-After (bff/src/materials/intake.ts). */
  UPLOAD_MAX_CONCURRENT: z.coerce.number().int().positive().default(24),
  /** An upload that sends nothing for this long is dropped and its temp file deleted. */
  UPLOAD_STALL_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  HOMEPAGE_HOST_MAP: hostMap,
  /**
   * Origins the H5 page may load images from besides itself (its Content-Security-Policy), comma-separated: where the
   * filed materials' images live (the review system's, or its object store's). The review system's own origin is always in.
   */
  CSP_IMAGE_ORIGINS: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const origins: string[] = [];
      for (const entry of (raw ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        let origin: string | null = null;
        try {
          const url = new URL(entry);
          if ((url.protocol === 'https:' || url.protocol === 'http:') && url.pathname === '/' && !url.search) origin = url.origin;
        } catch {
          origin = null;
        }
        if (!origin) {
          ctx.addIssue({ code: 'custom', message: `entry "${entry}" must be an origin like https://materials.example.com` });
          return z.NEVER;
        }
        origins.push(origin);
      }
      return origins;
    }),
  HOMEPAGE_TIMEOUT_MS: z.coerce.number().int().positive().default(4000),
  SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * 24 * 3600),
  FILINGS_CACHE_SECONDS: z.coerce.number().int().positive().default(60),
  /** Drafts kept in memory for autosave's single round trip (stores/recentDrafts.ts); 0 = read every draft from Redis. */
  DRAFT_CACHE_ENTRIES: z.coerce.number().int().min(0).default(RECENT_DRAFTS_DEFAULT),
  /** Codes per phone number per Beijing day (with one per phone per 60 s). */
  SMS_DAILY_CAP: z.coerce.number().int().positive().default(10),
  // SMS budgets on top of the per-phone limits, so cycling numbers cannot pump SMS (each refusal says when to retry):
  /** Distinct numbers one change may send codes to per Beijing day (a change has at most two principals' phones). */
  SMS_NUMBERS_PER_CHANGE_PER_DAY: z.coerce.number().int().positive().default(5),
  /** Codes per applicant per Beijing day, all changes together. */
  SMS_PER_APPLICANT_PER_DAY: z.coerce.number().int().positive().default(20),
  /** Codes per client address per clock hour (the address TRUST_PROXY_HOPS yields; a carrier NAT shares one). */
  SMS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().positive().default(10),
  /** Codes the whole service sends per minute; beyond it every send is 503 and an alert is logged once a minute. */
  SMS_GLOBAL_PER_MINUTE: z.coerce.number().int().positive().default(100),
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
  /**
   * Read uploaded ID cards and 核验单 with the OCR engine (bff/src/ocr, docs/ocr.md). Off: no recognition starts, the
   * recognition route answers `failed` and the checklist's photo comparison says it could not compare.
   */
  OCR_ENABLED: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** OCR worker processes at idle CPU priority (each loads the models once, ≈ 150 MB); default one per two cores, at least one. */
  OCR_WORKERS: z.coerce
    .number()
    .int()
    .min(1)
    .max(16)
    .default(Math.max(1, Math.floor(availableParallelism() / 2))),
  /** A photo still being read after this is answered unreadable and its worker replaced (≈ 10× a normal read). */
  OCR_TIMEOUT_MS: z.coerce.number().int().min(1000).default(20_000),
  /** Relay retry: first backoff delay and its cap (ms). */
  JOB_BACKOFF_MS: z.coerce.number().int().positive().default(1000),
  JOB_BACKOFF_MAX_MS: z.coerce.number().int().positive().default(60000),
});

/**
 * Production (DEMO_MODE off) refuses to start on a missing, public or weak secret, naming the variable; demo mode
 * accepts the defaults and listens on loopback unless HOST says otherwise.
 */
export const envSchema = baseSchema
  .superRefine((env, ctx) => {
    if (env.DEMO_MODE) {
      if (!env.REVIEW_CALLBACK_SECRET) ctx.addIssue({ code: 'custom', path: ['REVIEW_CALLBACK_SECRET'], message: 'is not set (the review system signs its callbacks with it)' });
      return;
    }
    for (const name of PRODUCTION_SECRETS) {
      const problem = secretProblem(env[name]);
      if (problem) ctx.addIssue({ code: 'custom', path: [name], message: `${problem} (DEMO_MODE is off, so this is production)` });
    }
  })
  .transform(({ HOST, REVIEW_CALLBACK_SECRET, ...env }) => ({
    ...env,
    REVIEW_CALLBACK_SECRET: REVIEW_CALLBACK_SECRET ?? '',
    HOST: HOST ?? (env.DEMO_MODE ? '127.0.0.1' : '0.0.0.0'),
  }));
export type Env = z.infer<typeof envSchema>;

/** Parse settings; throws an Error naming every wrong variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
  throw new Error(`BFF configuration is wrong, fix these environment variables:\n${lines.join('\n')}`);
}
