// One error vocabulary for the BFF: status, stable code, Chinese message (shown to the applicant), field paths.
import type { ErrorCode } from '../../shared/contracts/api';
import type { FieldError } from '../../shared/contracts/fieldError';

export type { FieldError };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    /** Chinese, safe to show to the applicant. */
    message: string,
    readonly fields?: FieldError[],
    /** Extra JSON merged into the error body (e.g. the current draft on 412). */
    readonly extra?: Record<string, unknown>,
    /** Extra response headers (e.g. Retry-After). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** A copy carrying more JSON in its body (e.g. the names of the rules a PATCH broke). */
  withExtra(extra: Record<string, unknown>): AppError {
    return new AppError(this.status, this.code, this.message, this.fields, { ...this.extra, ...extra }, this.headers);
  }

  toBody(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}), ...(this.extra ?? {}) };
  }
}

export const notFound = (what = '内容') => new AppError(404, 'not_found', `${what}不存在或无权访问`);
export const unauthenticated = () => new AppError(401, 'unauthenticated', '登录已失效，请重新登录');
export const validationFailed = (fields: FieldError[], message = '填写内容有误，请按提示修改') =>
  new AppError(422, 'validation_failed', message, fields);

export const badRequest = (message: string, fields?: FieldError[]) => new AppError(400, 'bad_request', message, fields);
export const conflict = (message: string) => new AppError(409, 'conflict', message);
export const notEditable = (statusLabel: string) =>
  new AppError(409, 'not_editable', `该变更当前状态为“${statusLabel}”，不能修改；如需修改请等待审核结果或撤回后重新办理`);
export const changeInReview = () =>
  new AppError(409, 'change_in_review', '该主体有一项变更正在审核中，审核结束前不能为同一主体办理新的变更');
export const preconditionRequired = () =>
  new AppError(428, 'precondition_required', '保存时缺少版本号（If-Match 请求头），请刷新后重试');
export const versionMismatch = (current: unknown) =>
  new AppError(412, 'version_mismatch', '草稿已在其他设备或页面更新，已为您载入最新内容，请确认后再保存', undefined, { current });
export const ruleLocked = (fields: FieldError[], message = '部分内容不能在网站变更中修改，请按提示处理') =>
  new AppError(422, 'rule_locked', message, fields);
export const rateLimited = (retryAfterSeconds: number, message: string) =>
  new AppError(429, 'rate_limited', message, undefined, { retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });
export const serviceUnavailable = (retryAfterSeconds = 5) =>
  new AppError(503, 'service_unavailable', '服务暂时繁忙，请稍后重试（您填写的内容不会丢失）', undefined, undefined, {
    'Retry-After': String(retryAfterSeconds),
  });
export const upstreamUnavailable = (what = '备案审核系统') =>
  new AppError(503, 'upstream_unavailable', `${what}暂时无法连接，请稍后重试`, undefined, undefined, { 'Retry-After': '10' });
export const submitBlocked = (fields: FieldError[]) =>
  new AppError(422, 'submit_blocked', `还有 ${fields.length} 项未完成，完成后才能提交`, fields);
