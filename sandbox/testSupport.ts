// Test helpers: a sandbox on free ports with a temp data dir, a callback receiver, HTTP shortcuts and submission fixtures.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { SubmissionRequest } from '../shared/contracts/reviewSystem';
import type { Filing } from '../shared/domain/filing';
import type { SandboxOptions } from './env';
import { startSandbox, type RunningSandbox } from './server';

export const REVIEW_KEY = 'test-review-key';
export const SMS_KEY = 'test-sms-key';
export const CALLBACK_SECRET = 'test-callback-secret';

export interface TestSandbox extends RunningSandbox {
  dataDir: string;
  /** Stop and start again on the same data dir (new ports). */
  restart(overrides?: SandboxOptions): Promise<TestSandbox>;
  /** Close and delete the data dir. */
  dispose(): Promise<void>;
}

export async function startTestSandbox(options: SandboxOptions = {}, dataDir = mkdtempSync(join(tmpdir(), 'sandbox-test-'))): Promise<TestSandbox> {
  const base: SandboxOptions = {
    port: 0,
    smtpPort: 0,
    dataDir,
    log: false,
    autoReview: 'off',
    reviewApiKey: REVIEW_KEY,
    smsApiKey: SMS_KEY,
    callbackSecret: CALLBACK_SECRET,
    callbackRetryBaseMs: 100,
    callbackRetryMaxMs: 400,
    tickMs: 25,
    ...options,
  };
  const running = await startSandbox(base);
  const sandbox: TestSandbox = {
    ...running,
    dataDir,
    async restart(overrides = {}) {
      await running.close();
      return startTestSandbox({ ...options, ...overrides }, dataDir);
    },
    async dispose() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return sandbox;
}

/**
 * The BFF settings that wire it to a test sandbox (keys, WeChat, SMS, SMTP, homepage map); the caller adds Redis, the
 * review-system URL (the sandbox's, or a gate in front of it) and its own knobs.
 */
export function bffEnvForSandbox(sandbox: TestSandbox): Record<string, string> {
  return {
    DEMO_MODE: 'true',
    REVIEW_API_KEY: REVIEW_KEY,
    REVIEW_CALLBACK_SECRET: CALLBACK_SECRET,
    WECHAT_API_URL: sandbox.url,
    WECHAT_APPID: sandbox.config.wechatAppId,
    WECHAT_SECRET: sandbox.config.wechatSecret,
    SMS_GATEWAY_URL: sandbox.url,
    SMS_API_KEY: SMS_KEY,
    SMTP_URL: `smtp://127.0.0.1:${sandbox.smtpPort}`,
    HOMEPAGE_HOST_MAP: sandbox.homepageHostMap,
  };
}

export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** JSON request; `auth` adds the review-system bearer key. */
export async function call<T = any>(base: string, method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; auth?: boolean } = {}): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.auth !== false) headers.authorization ??= `Bearer ${REVIEW_KEY}`;
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

export interface ReceivedCallback {
  headers: IncomingHttpHeaders;
  rawBody: string;
  status: number;
}

/** A tiny callback receiver: answers each POST with the next status of `answer` (the last one repeats). */
export async function startReceiver(answer: () => number = () => 204) {
  const received: ReceivedCallback[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = answer();
      received.push({ headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8'), status });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/callbacks/review`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A document-sized colour JPEG (or a smaller one to trigger the reviewer's size rule), base64. */
export async function jpegBase64(width = 1600, height = 1000): Promise<string> {
  const jpeg = await sharp({ create: { width, height, channels: 3, background: { r: 210, g: 225, b: 240 } } })
    .jpeg({ quality: 70 })
    .toBuffer();
  return jpeg.toString('base64');
}

export async function fetchFilings(base: string, applicantId: string): Promise<Filing[]> {
  const result = await call<Filing[]>(base, 'GET', `/review/v1/applicants/${applicantId}/filings`);
  if (result.status !== 200) throw new Error(`filings of ${applicantId}: HTTP ${result.status}`);
  return result.body;
}

/** A submission for one filed website: the filed values as the form, then `edit` applies the change. */
export function buildSubmission(filing: Filing, websiteId: string, edit: (request: SubmissionRequest) => void = () => undefined): SubmissionRequest {
  const website = filing.websites.find((w) => w.id === websiteId);
  if (!website) throw new Error(`no website ${websiteId} in ${filing.id}`);
  const request: SubmissionRequest = {
    changeId: `chg_${websiteId}_${Math.random().toString(36).slice(2, 8)}`,
    applicantId: filing.applicantId,
    filingId: filing.id,
    websiteId,
    filingRevision: filing.revision,
    form: {
      name: website.name,
      domains: [...website.domains],
      homepageUrl: website.homepageUrl,
      serviceContent: [...website.serviceContent],
      notes: website.notes,
      principalSameAsEntity: website.principalSameAsEntity,
      websitePrincipal: { ...website.principal },
      entityPrincipal: { ...filing.entity.principal },
    },
    diff: [],
    materials: [],
  };
  edit(request);
  return request;
}

/** Adds a legible, re-signed 核验单 photo: every change needs one (shared/rules/materials.ts). */
export async function withVerificationForm(request: SubmissionRequest): Promise<SubmissionRequest> {
  request.materials.push({ slot: 'website.verification_form', kind: 'verification_form', subject: 'website', contentType: 'image/jpeg', dataBase64: await jpegBase64() });
  return request;
}

/** Change the website principal's mobile (a typical contact change) and record it in the diff. */
export function changeMobile(request: SubmissionRequest, mobile: string): void {
  request.diff.push({ path: 'websitePrincipal.mobile', before: request.form.websitePrincipal.mobile, after: mobile });
  request.form.websitePrincipal.mobile = mobile;
  if (request.form.principalSameAsEntity) request.form.entityPrincipal.mobile = mobile;
}

/** GET `path` from the sandbox with a chosen Host header (fetch may not set Host; node:http can). */
export function getWithHost(base: string, host: string, path = '/'): Promise<{ status: number; body: string }> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname: url.hostname, port: url.port, path: url.pathname, headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}
