// Test stand-in for `miniapp/services/api`: the agreed `api` surface backed by an in-memory BFF with real ETag,
// 412, offline and idempotency behaviour, and an ApiRequestError of the agreed shape.
import type { ChangeDraft } from '../../../../shared/domain/change';
import { isOpenForEditing } from '../../../../shared/domain/status';
import type { ChangeView, PatchChangeRequest } from '../../../../shared/contracts/api';
import type { FieldError } from '../../../../shared/contracts/fieldError';
import type { Api, ChecksResult } from '../../../services/api';
import { ApiRequestError } from '../../../services/errors';
import { phonesNeedingVerification } from '../../../../shared/rules/phones';

export { ApiRequestError };

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export interface PatchCall {
  patch: PatchChangeRequest;
  ifMatch: string;
  status: number;
}

export class FakeBff {
  draft: ChangeDraft;
  offline = false;
  patches: PatchCall[] = [];
  smsSent: string[] = [];
  /** Outcomes for the next sendSms calls: a number = answer 429 with that Retry-After. */
  smsQueue: number[] = [];
  submitKeys: string[] = [];
  submissions = new Map<string, string>();
  /** Accept the next submit but lose the answer (the phone sees a network failure). */
  loseNextSubmitAnswer = false;
  subscriptions: string[][] = [];
  checks: ChecksResult = { materials: [], checks: [], blockers: [], ready: true };
  /** Field problems the BFF reports for saved values. */
  problemsFor: (draft: ChangeDraft) => FieldError[] = () => [];

  constructor(draft: ChangeDraft) {
    this.draft = clone(draft);
  }

  get etag(): string {
    return `"${this.draft.version}"`;
  }

  private guard(): void {
    if (this.offline) throw new ApiRequestError({ status: 0, code: 'offline', message: '网络不可用，请检查网络连接', offline: true });
  }

  /** Another device saves an edit of the form. */
  editElsewhere(form: Partial<ChangeDraft['form']>): void {
    this.draft = { ...this.draft, form: { ...this.draft.form, ...form }, version: this.draft.version + 1 };
  }

  /** Like the BFF: every replaced material answered with a preview link signed for this read (the stored draft has none). */
  private present(draft: ChangeDraft): ChangeView {
    const materials = Object.fromEntries(Object.entries(draft.materials).map(([slot, m]) => [slot, { ...m, previewUrl: `/api/materials/${m.fileId}?exp=1900000000&sig=test` }]));
    return { ...clone(draft), materials };
  }

  async getChange(_id: string) {
    this.guard();
    return { draft: this.present(this.draft), etag: this.etag };
  }

  async patchChange(_id: string, patch: PatchChangeRequest, ifMatch: string) {
    this.guard();
    if (!isOpenForEditing(this.draft.status)) {
      throw new ApiRequestError({ status: 409, code: 'not_editable', message: '该变更当前不能修改，请等待审核结果' });
    }
    if (ifMatch !== this.etag) {
      this.patches.push({ patch: clone(patch), ifMatch, status: 412 });
      throw new ApiRequestError({
        status: 412,
        code: 'version_mismatch',
        message: '该变更已在其他设备上修改',
        body: { code: 'version_mismatch', message: '该变更已在其他设备上修改', draft: clone(this.draft) },
      });
    }
    this.patches.push({ patch: clone(patch), ifMatch, status: 200 });
    const f = patch.form ?? {};
    const form = {
      ...this.draft.form,
      ...f,
      websitePrincipal: { ...this.draft.form.websitePrincipal, ...f.websitePrincipal },
      entityPrincipal: { ...this.draft.form.entityPrincipal, ...f.entityPrincipal },
    };
    this.draft = {
      ...this.draft,
      form,
      step: patch.step ?? this.draft.step,
      agreement: patch.agreement ? { ...this.draft.agreement, agreed: patch.agreement.agreed } : this.draft.agreement,
      version: this.draft.version + 1,
    };
    return { draft: this.present(this.draft), etag: this.etag, problems: this.problemsFor(this.draft) };
  }

  async sendSms(_id: string, phone: string) {
    this.guard();
    // Like the BFF: a code only goes to a number of the saved draft that needs one.
    if (!phonesNeedingVerification(this.draft.base, this.draft.form).includes(phone)) {
      throw new ApiRequestError({
        status: 422,
        code: 'validation_failed',
        message: '该手机号码不是本次变更中需要验证的号码',
        fields: [{ path: 'phone', message: '该手机号码不是本次变更中需要验证的号码' }],
      });
    }
    this.smsSent.push(phone);
    const next = this.smsQueue.shift();
    if (next !== undefined) throw new ApiRequestError({ status: 429, code: 'rate_limited', message: '发送过于频繁', retryAfterSeconds: next });
    return { phone, resendAfterSeconds: 60, expiresInSeconds: 300 };
  }

  async verifySms(_id: string, phone: string, code: string) {
    this.guard();
    if (code !== '123456') throw new ApiRequestError({ status: 422, code: 'validation_failed', message: '验证码不正确，请核对短信中的6位数字' });
    this.draft = { ...this.draft, verifiedPhones: [...this.draft.verifiedPhones, phone] };
    return { phone, verified: true as const, verifiedPhones: [...this.draft.verifiedPhones] };
  }

  async getChecks(_id: string) {
    this.guard();
    return clone(this.checks);
  }

  async submit(id: string, key: string) {
    this.guard();
    this.submitKeys.push(key);
    if (!this.submissions.has(key)) this.submissions.set(key, `s${this.submissions.size + 1}`);
    if (this.loseNextSubmitAnswer) {
      this.loseNextSubmitAnswer = false;
      throw new ApiRequestError({ status: 0, code: 'offline', message: '网络不可用', offline: true });
    }
    return { changeId: id, submissionId: this.submissions.get(key)!, status: 'submitted' as const, submittedAt: '2026-11-26T00:00:00Z' };
  }

  async addSubscriptions(_id: string, templateIds: string[]) {
    this.subscriptions.push(templateIds);
    return { subscriptionsLeft: templateIds.length };
  }
}

let current: FakeBff | null = null;

/** Point the `api` below at this fake BFF for the current test. */
export function installFakeBff(bff: FakeBff): FakeBff {
  current = bff;
  return bff;
}

function bff(): FakeBff {
  if (!current) throw new Error('fakeApi: call installFakeBff(new FakeBff(draft)) first');
  return current;
}

/** The part of the real api the wizard uses, answered by the installed FakeBff (typed by the real one). */
export const FAKE_BFF_URL = 'http://127.0.0.1:3000';

export const api: Pick<Api, 'getChange' | 'patchChange' | 'sendSms' | 'verifySms' | 'getChecks' | 'submit' | 'addSubscriptions' | 'baseUrl' | 'authHeader'> = {
  baseUrl: () => FAKE_BFF_URL,
  authHeader: () => ({ Authorization: 'Bearer fake-token' }),
  getChange: (id: string) => bff().getChange(id),
  patchChange: (id: string, patch: PatchChangeRequest, etag: string) => bff().patchChange(id, patch, etag),
  sendSms: (id: string, phone: string) => bff().sendSms(id, phone),
  verifySms: (id: string, phone: string, code: string) => bff().verifySms(id, phone, code),
  getChecks: (id: string) => bff().getChecks(id),
  submit: (id: string, key: string) => bff().submit(id, key),
  addSubscriptions: (id: string, templateIds: string[]) => bff().addSubscriptions(id, templateIds),
};
