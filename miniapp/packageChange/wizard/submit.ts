// Submitting a change: ask for subscribe messages inside the tap, then submit with a kept idempotency key.
import Taro from '@tarojs/taro';
import { api, ApiRequestError } from '../../services/api';
import { SUBSCRIBE_TEMPLATE_LIST } from '../../services/config';
import type { FieldError } from '../../../shared/contracts/fieldError';
import { AGREEMENT_TEXT } from '../../../shared/data/terms';
import { forgetSubmitKey, submitKeyFor } from './submitKey';

/** The agreement line split into plain text and the linked documents (《…》), for the checkbox label. */
export function agreementSegments(text: string = AGREEMENT_TEXT): { text: string; document: boolean }[] {
  return text
    .split(/(《[^》]+》)/)
    .filter(Boolean)
    .map((part) => ({ text: part, document: part.startsWith('《') }));
}

/** One-off subscribe-message templates (review result, authority SMS check), at most 3 per request. */
export function subscribeTemplateIds(): string[] {
  return SUBSCRIBE_TEMPLATE_LIST.slice(0, 3);
}

/**
 * Show WeChat's subscribe dialog. Must be called synchronously from the tap handler (WeChat refuses it otherwise);
 * resolves with the accepted template ids and never rejects, because a refusal must not block submitting.
 */
export function askForSubscriptions(templateIds: string[]): Promise<string[]> {
  if (templateIds.length === 0) return Promise.resolve([]);
  let pending: Promise<unknown>;
  try {
    pending = Promise.resolve(Taro.requestSubscribeMessage({ tmplIds: templateIds } as Taro.requestSubscribeMessage.Option));
  } catch {
    return Promise.resolve([]);
  }
  return pending.then((res) => templateIds.filter((id) => (res as Record<string, unknown> | undefined)?.[id] === 'accept')).catch(() => []);
}

export type SubmitOutcome = { ok: true; submissionId: string } | { ok: false; retryable: boolean; message: string; fields?: FieldError[] };

/**
 * Submit with the change's idempotency key. The key is reused until the BFF answers definitively, so a retry after a
 * lost answer can never create a second submission.
 */
export async function submitChange(changeId: string): Promise<SubmitOutcome> {
  const key = submitKeyFor(changeId);
  try {
    const res = await api.submit(changeId, key);
    forgetSubmitKey(changeId);
    return { ok: true, submissionId: res.submissionId };
  } catch (err) {
    if (err instanceof ApiRequestError && !err.offline && err.status >= 400 && err.status < 500 && err.status !== 409 && err.status !== 429) {
      // Refused without submitting: a later attempt (after fixing what was named) is a new submission.
      forgetSubmitKey(changeId);
      return { ok: false, retryable: false, message: err.message, fields: err.fields };
    }
    return {
      ok: false,
      retryable: true,
      message:
        err instanceof ApiRequestError && err.status === 429 && err.retryAfterSeconds
          ? `提交过于频繁，请 ${err.retryAfterSeconds} 秒后重试`
          : '网络异常，暂未确认提交结果。请重试：重复提交不会产生两份申请',
    };
  }
}
