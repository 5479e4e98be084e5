// The one place that turns failed requests (status, error code, network failure) into ApiRequestError with a
// Chinese message the applicant can act on.
import type { ErrorCode } from '../../shared/contracts/api';
import type { FieldError } from '../../shared/contracts/fieldError';

export interface ApiRequestErrorInit {
  status: number;
  code: string;
  message: string;
  fields?: FieldError[];
  body?: unknown;
  offline?: boolean;
  retryAfterSeconds?: number;
}

/** Every failure of the api module. `message` is Chinese and may be shown as is. */
export class ApiRequestError extends Error {
  /** HTTP status; 0 when no answer arrived (offline, timeout). */
  readonly status: number;
  /** The BFF's stable code (see ERROR_CODES), or `network` / `timeout` / `bad_response` from this module. */
  readonly code: string;
  readonly fields: FieldError[];
  /** The raw response body (e.g. the current draft on a 412). */
  readonly body: unknown;
  /** True when the device has no network: the caller should keep the user's input and offer to retry. */
  readonly offline: boolean;
  readonly retryAfterSeconds?: number;

  constructor(init: ApiRequestErrorInit) {
    super(init.message);
    this.name = 'ApiRequestError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? [];
    this.body = init.body;
    this.offline = init.offline ?? false;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

export const OFFLINE_MESSAGE = '网络未连接，请检查手机网络后重试（已填写的内容不会丢失）';
export const TIMEOUT_MESSAGE = '服务器响应超时，请检查网络后重试';
export const NETWORK_MESSAGE = '无法连接服务器，请检查网络后重试';
export const BAD_RESPONSE_MESSAGE = '服务返回的数据无法识别，请稍后重试；如持续出现请更新小程序';

/** Fallback messages by code, used when the BFF's body carries no message (e.g. a proxy answered). */
const CODE_MESSAGES: Record<ErrorCode, string> = {
  bad_request: '请求内容有误，请返回上一页重试',
  validation_failed: '填写内容有误，请按提示修改',
  unauthenticated: '登录已失效，请重新登录',
  not_found: '要查看的内容不存在或已被删除，请返回总览刷新',
  conflict: '操作与当前状态冲突，请刷新后重试',
  not_editable: '该变更当前不能修改，请等待审核结果',
  change_in_review: '该主体有一项变更正在审核中，审核结束前不能办理新的变更',
  version_mismatch: '内容已在其他设备更新，已为您载入最新内容，请确认后再保存',
  precondition_required: '保存时缺少版本信息，请刷新后重试',
  rule_locked: '部分内容不能在网站变更中修改，请按提示处理',
  rate_limited: '操作太频繁，请稍后再试',
  payload_too_large: '文件过大，请重新拍摄或选择不超过 10 MB 的照片',
  upload_timeout: '上传超时，请检查网络后重新上传',
  unsupported_media_type: '文件格式不支持，请上传 JPG 或 PNG 照片',
  photo_rejected: '照片不符合要求，请按提示重新拍摄',
  submit_blocked: '还有未完成的项目，完成后才能提交',
  upstream_unavailable: '备案审核系统暂时无法连接，请稍后重试',
  service_unavailable: '服务暂时繁忙，请稍后重试（您填写的内容不会丢失）',
  internal: '服务出现异常，请稍后重试；如持续出现请联系客服',
};

/** Fallback messages by HTTP status when neither body message nor known code is present. */
function statusMessage(status: number): string {
  if (status === 401) return CODE_MESSAGES.unauthenticated;
  if (status === 403) return '没有权限查看或修改该备案信息';
  if (status === 404) return CODE_MESSAGES.not_found;
  if (status === 408) return TIMEOUT_MESSAGE;
  if (status === 409) return CODE_MESSAGES.conflict;
  if (status === 412) return CODE_MESSAGES.version_mismatch;
  if (status === 413) return CODE_MESSAGES.payload_too_large;
  if (status === 429) return CODE_MESSAGES.rate_limited;
  if (status >= 500) return CODE_MESSAGES.service_unavailable;
  return `请求失败（${status}），请稍后重试`;
}

function isKnownCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && code in CODE_MESSAGES;
}

function retryAfterFrom(headerValue: string | undefined, body: Record<string, unknown>): number | undefined {
  const fromBody = body.retryAfterSeconds;
  if (typeof fromBody === 'number' && fromBody >= 0) return fromBody;
  if (headerValue === undefined) return undefined;
  const seconds = Number(headerValue);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(headerValue);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** An error answer of the BFF (status ≥ 400) as ApiRequestError; the BFF's own Chinese message wins. */
function isFieldError(value: unknown): value is FieldError {
  if (!value || typeof value !== 'object') return false;
  const { path, message } = value as Record<string, unknown>;
  return typeof path === 'string' && typeof message === 'string';
}

export function errorFromResponse(status: number, data: unknown, retryAfterHeader?: string): ApiRequestError {
  const body = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  const code = typeof body.code === 'string' ? body.code : `http_${status}`;
  const bodyMessage = typeof body.message === 'string' && body.message.trim() ? body.message : undefined;
  const message = bodyMessage ?? (isKnownCode(code) ? CODE_MESSAGES[code] : statusMessage(status));
  const fields = Array.isArray(body.fields) ? (body.fields as unknown[]).filter(isFieldError) : [];
  return new ApiRequestError({ status, code, message, fields, body: data, retryAfterSeconds: retryAfterFrom(retryAfterHeader, body) });
}

/** A request that got no answer: offline (no network at all), timeout, or another network failure. */
export function errorFromNetworkFailure(errMsg: string, offline: boolean): ApiRequestError {
  if (offline) return new ApiRequestError({ status: 0, code: 'network', message: OFFLINE_MESSAGE, offline: true });
  if (/timeout|timed out/i.test(errMsg)) return new ApiRequestError({ status: 0, code: 'timeout', message: TIMEOUT_MESSAGE });
  return new ApiRequestError({ status: 0, code: 'network', message: NETWORK_MESSAGE });
}

/** A 2xx answer whose body does not match the shared contract. */
export function errorFromBadResponse(status: number, data: unknown): ApiRequestError {
  return new ApiRequestError({ status, code: 'bad_response', message: BAD_RESPONSE_MESSAGE, body: data });
}

/** The message to show for anything a page caught (ApiRequestError or an unexpected exception). */
export function userMessage(err: unknown): string {
  if (err instanceof ApiRequestError) return err.message;
  return '出现了意外错误，请稍后重试';
}
