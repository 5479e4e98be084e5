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
export const validationFailed = (fields: FieldError[], message = '填写内容有误，请按提示修改') => new AppError(422, 'validation_failed', message, fields);

export const badRequest = (message: string, fields?: FieldError[]) => new AppError(400, 'bad_request', message, fields);
export const conflict = (message: string) => new AppError(409, 'conflict', message);
export const notEditable = (statusLabel: string) => new AppError(409, 'not_editable', `该变更当前状态为“${statusLabel}”，不能修改；如需修改请等待审核结果或撤回后重新办理`);
export const changeInReview = () => new AppError(409, 'change_in_review', '该主体有一项变更正在审核中，审核结束前不能为同一主体办理新的变更');
export const preconditionRequired = () => new AppError(428, 'precondition_required', '保存时缺少版本号（If-Match 请求头），请刷新后重试');
export const versionMismatch = (current: unknown) => new AppError(412, 'version_mismatch', '草稿已在其他设备或页面更新，已为您载入最新内容，请确认后再保存', undefined, { current });
export const ruleLocked = (fields: FieldError[], message = '部分内容不能在网站变更中修改，请按提示处理') => new AppError(422, 'rule_locked', message, fields);
export const rateLimited = (retryAfterSeconds: number, message: string) =>
  new AppError(429, 'rate_limited', message, undefined, { retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });
export const serviceUnavailable = (retryAfterSeconds = 5) =>
  new AppError(503, 'service_unavailable', '服务暂时繁忙，请稍后重试（您填写的内容不会丢失）', undefined, undefined, {
    'Retry-After': String(retryAfterSeconds),
  });
export const upstreamUnavailable = (what = '备案审核系统') => new AppError(503, 'upstream_unavailable', `${what}暂时无法连接，请稍后重试`, undefined, undefined, { 'Retry-After': '10' });
export const submitBlocked = (fields: FieldError[]) => new AppError(422, 'submit_blocked', `还有 ${fields.length} 项未完成，完成后才能提交`, fields);

// --- requests the BFF cannot read
export const invalidJson = () => badRequest('请求内容不是有效的 JSON，请检查后重试');
export const payloadTooLarge = (message = '提交的内容过大，请精简后重试') => new AppError(413, 'payload_too_large', message);
export const unsupportedMediaType = (message = '请求格式不支持，请以 JSON 提交') => new AppError(415, 'unsupported_media_type', message);
export const routeNotFound = () => new AppError(404, 'not_found', '接口不存在，请检查地址');

// --- session
export const wechatCodeInvalid = () => new AppError(401, 'unauthenticated', '微信登录凭证已失效或已使用，请重新进入小程序登录');
export const noFilingForWechat = () => new AppError(404, 'not_found', '当前微信账号下没有已备案的主体，请使用办理备案时的微信账号登录');

// --- changes
/** A server-side read-modify-write kept losing to other writers. */
export const concurrentWrite = () => conflict('该变更正在被同时修改，请稍后重试');
export const alreadyProcessed = () => conflict('该操作已处理');
export const illegalTransition = (statusLabel: string) => conflict(`该变更当前状态为“${statusLabel}”，不能执行此操作`);
export const notSubmittedYet = () => conflict('该变更尚未提交，无需撤回');
/** Withdrawing after initial review finished; without a label when the review system said so. */
export const withdrawTooLate = (statusLabel?: string) => conflict(statusLabel ? `初审已结束（当前状态：${statusLabel}），不能撤回` : '初审已结束，不能撤回');
export const notDiscardable = (statusLabel: string) => conflict(`该变更当前状态为“${statusLabel}”，不能放弃；审核中的变更请使用“撤回”，已结束的变更无需放弃`);
export const draftChangedDuringSubmit = () => conflict('草稿刚刚有更新，请确认最新内容后再提交');
/** A key already used for another body: replaying the first answer would tell the client its different request went through. */
export const idempotencyKeyReused = () =>
  validationFailed(
    [{ path: 'Idempotency-Key', message: '该 Idempotency-Key 已用于内容不同的另一次提交，请刷新页面后重新提交' }],
    '提交内容与此前使用同一请求编号的提交不一致，请刷新页面后重新提交',
  );
export const idempotencyKeyMissing = () => badRequest('提交缺少有效的 Idempotency-Key 请求头（1–128 个可见 ASCII 字符），请刷新页面后重试');
export const smsNotSent = (maskedPhone: string) =>
  new AppError(503, 'upstream_unavailable', `验证码短信发送失败（${maskedPhone}），请稍后重试`, undefined, undefined, { 'Retry-After': '5' });

// --- SMS budgets beyond the per-phone limits (issue 12): each says when to try again
export const smsNumbersPerChangeExhausted = (cap: number, retryAfterSeconds: number) =>
  rateLimited(retryAfterSeconds, `本次变更今天已向 ${cap} 个不同的手机号发送过验证码，请明天（北京时间0点后）再向新的号码发送；今天已收到验证码的号码仍可重新获取`);
export const smsApplicantDayExhausted = (cap: number, retryAfterSeconds: number) => rateLimited(retryAfterSeconds, `您今天获取验证码已达 ${cap} 次上限，请明天（北京时间0点后）再试`);
export const smsAddressHourExhausted = (cap: number, retryAfterSeconds: number) =>
  rateLimited(retryAfterSeconds, `当前网络一小时内获取验证码已达 ${cap} 次上限，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`);
/** The whole service's per-minute budget: not the applicant's doing, so 503 rather than 429. */
export const smsServiceBusy = (retryAfterSeconds: number) =>
  new AppError(
    503,
    'service_unavailable',
    `验证码短信发送繁忙，请 ${retryAfterSeconds} 秒后再试（您填写的内容不会丢失）`,
    undefined,
    { retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );

// --- materials
export const photoRejected = (message: string) => new AppError(422, 'photo_rejected', message);
/**
 * A refusal of what the photo shows: the body also carries `reason` and `retake: true` — a new photo can fix it, sending
 * the same bytes again cannot (so the client offers 重拍, not 重新上传这张).
 */
export const photoNeedsRetake = (reason: string, message: string) => new AppError(422, 'photo_rejected', message, undefined, { reason, retake: true });
export const notMultipart = () => badRequest('请以multipart/form-data方式上传照片，照片放在表单字段file中');
export const uploadIncomplete = () => badRequest('上传的数据不完整，请检查网络后重新上传');
export const uploadAborted = () => badRequest('上传已中断，请重新上传');
/** An upload that sent nothing for the stall deadline (the connection is dropped; the client retries it). */
export const uploadStalled = () => new AppError(408, 'upload_timeout', '上传超时：长时间没有收到照片数据，请检查网络后重新上传');
/** Every upload slot of this instance is taken: come back after `retryAfterSeconds` (the client retries by itself). */
export const uploadsBusy = (retryAfterSeconds: number) =>
  new AppError(503, 'service_unavailable', `当前上传的照片较多，请${retryAfterSeconds}秒后重新上传`, undefined, { retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });
export const noPhotoReceived = () => badRequest('没有收到照片，请重新拍摄或选择照片后上传（表单字段file）');
/** A preview link whose signature does not verify, or whose time is up (an <Image> cannot log in, so 403). */
export const previewLinkRefused = (expired: boolean) =>
  new AppError(403, 'unauthenticated', expired ? '照片预览链接已过期，请返回材料页重新打开照片' : '照片预览链接无效，请返回材料页重新打开照片');

// --- the review system's callback
export const callbackSignatureInvalid = () => new AppError(401, 'unauthenticated', '回调签名无效或时间戳已过期');
export const callbackNotJson = () => badRequest('回调内容不是有效的 JSON');
export const callbackOffContract = (fields: FieldError[]) => badRequest('回调内容不符合约定格式', fields);
/** An event ahead of one still missing: refused so the sender retries it after the missing one. */
export const eventOutOfSequence = () => conflict('事件序号不连续，请先投递前面的事件后重试');
