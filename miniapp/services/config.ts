// Constants of the mini-program: BFF location, request limits, subscribe-message templates, agreement wording.

/** weapp talks to the BFF by URL (set TARO_APP_BFF_URL at build time); the H5 demo is served by the BFF itself. */
export function bffBaseUrl(): string {
  if (process.env.TARO_ENV === 'h5') return '';
  return process.env.TARO_APP_BFF_URL || 'http://127.0.0.1:3000';
}

/** One request gives up after this long (WeChat's own default is 60 s, far beyond a user's patience). */
export const REQUEST_TIMEOUT_MS = 10_000;
/** wx allows at most 10 concurrent request/uploadFile calls; more are queued here instead of failing. */
export const MAX_CONCURRENT_REQUESTS = 10;
/** Retries of an idempotent call after a network failure or a 5xx/429 answer (so up to 3 attempts). */
export const MAX_RETRIES = 2;
/** First backoff; doubled per retry, plus jitter. */
export const RETRY_BASE_DELAY_MS = 400;
/** A Retry-After longer than this is not waited out silently: the caller gets the error and tells the user. */
export const MAX_SILENT_RETRY_AFTER_SECONDS = 5;

/**
 * One-off subscribe-message templates (review result, authority SMS check reminder): the ids the MP console granted,
 * set at build time with TARO_APP_TMPL_REVIEW_RESULT / TARO_APP_TMPL_MIIT_CHECK (docs/wechat-publishing.md lists the
 * fields each must have); without them the sandbox's demo ids.
 */
export const SUBSCRIBE_TEMPLATE_IDS = {
  reviewResult: process.env.TARO_APP_TMPL_REVIEW_RESULT || 'TPL_REVIEW_RESULT_demo_0001',
  miitCheck: process.env.TARO_APP_TMPL_MIIT_CHECK || 'TPL_MIIT_CHECK_demo_0002',
};
export const SUBSCRIBE_TEMPLATE_LIST: string[] = Object.values(SUBSCRIBE_TEMPLATE_IDS);
