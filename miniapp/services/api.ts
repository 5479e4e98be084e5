// The mini-program's one door to the BFF: one typed function per route of the shared contract, each built from its
// BFF_ENDPOINTS entry (method, path, auth) with the body and answer types of its BFF_ROUTES schemas, over the transport.
// The schemas themselves stay out of this module: it is part of the main package, which must not carry zod (≈ 97 KB of
// the 400 KB budget). That the BFF answers exactly its schemas is proven by its tests (testing/bffClient.ts checks every
// answer field for field); here an answer must be a JSON document, so a Wi-Fi login page or a proxy's error page
// answering 200 is refused instead of reaching the screens.
import Taro from '@tarojs/taro';
import { BFF_ENDPOINTS, fillPath } from '../../shared/contracts/bffEndpoints';
import type { BffRouteName, RouteBody, RouteParams, RouteResponse } from '../../shared/contracts/bffRoutes';
import type { PatchChangeRequest } from '../../shared/contracts/api';
import type { FieldError } from '../../shared/contracts/fieldError';
import type { ChangeDraft } from '../../shared/domain/change';
import type { MaterialKind, MaterialSubject } from '../../shared/domain/materialSlot';
import { ApiRequestError, errorFromBadResponse } from './errors';
import { clearToken, setToken } from './session';
import { createTransport, headerValue, newIdempotencyKey, type TransportOptions } from './transport';
import { loginUrl } from '../pageUrls';

export { ApiRequestError } from './errors';

// What the screens work with: the contract's response types, never written twice.
export type DevApplicant = RouteResponse<'devApplicants'>[number];
export type Filing = RouteResponse<'listFilings'>['filings'][number];
export type ChangeSummary = RouteResponse<'listChanges'>['changes'][number];
export type ChecksResult = RouteResponse<'getChecks'>;
export type Blocker = RouteResponse<'websiteBlockers'>['blockers'][number];
export type Progress = RouteResponse<'getProgress'>;
export type SubmitResult = RouteResponse<'submit'>;
export type SmsSendResult = RouteResponse<'sendSms'>;
export type SmsVerifyResult = RouteResponse<'verifySms'>;
export type SubscriptionsResult = RouteResponse<'addSubscriptions'>;
export type MaterialUploadResult = RouteResponse<'uploadMaterialPost'>;
export type PrincipalVerification = RouteResponse<'listVerifications'>['verifications'][number];
export type MaterialRecognition = RouteResponse<'materialRecognition'>;

export interface DraftWithEtag {
  draft: ChangeDraft;
  etag: string;
}

export type ApiOptions = TransportOptions;

/** What one call of a route sends besides its method and path (both come from the contract). */
interface CallInput<N extends BffRouteName> {
  params: RouteParams<N>;
  query?: Record<string, string | undefined>;
  body?: RouteBody<N>;
  headers?: Record<string, string>;
}

/** The ETag the BFF sent, or the draft's version in ETag form (a proxy may drop the header). */
function etagOf(header: Record<string, string>, draft: ChangeDraft): string {
  return headerValue(header, 'ETag') ?? `"${draft.version}"`;
}

/** A JSON object or array: what every JSON route of the BFF answers (a string here is an HTML page or plain text). */
function isJsonDocument(data: unknown): data is object {
  return typeof data === 'object' && data !== null;
}

export function createApi(options: ApiOptions = {}) {
  const transport = createTransport(options);

  /** One call of a contract route: its method and path, its body, its answer typed by its schema (a JSON document). */
  async function call<N extends BffRouteName>(name: N, { params, query, body, headers }: CallInput<N>): Promise<{ data: RouteResponse<N>; header: Record<string, string>; status: number }> {
    const endpoint = BFF_ENDPOINTS[name];
    const response = await transport.request({ method: endpoint.method, path: fillPath(name, params, query), body, headers, auth: endpoint.auth === 'applicant' });
    if (!isJsonDocument(response.data)) throw errorFromBadResponse(response.status, response.data);
    return { data: response.data as RouteResponse<N>, header: response.header, status: response.status };
  }

  async function weappLogin(): Promise<void> {
    let code: string;
    try {
      ({ code } = await Taro.login());
    } catch {
      throw new ApiRequestError({ status: 0, code: 'login_failed', message: '微信登录失败，请检查网络后重试' });
    }
    const { data } = await call('login', { params: {}, body: { code } });
    setToken(data.token, data.expiresAt);
  }

  transport.onUnauthenticated(async () => {
    if (process.env.TARO_ENV === 'h5') {
      // The H5 demo has no WeChat login to fall back on: the applicant picks an account again.
      clearToken();
      void Taro.reLaunch({ url: loginUrl() }).catch(() => undefined);
      throw new ApiRequestError({ status: 401, code: 'unauthenticated', message: '登录已失效，请重新选择账号登录' });
    }
    await weappLogin();
  });

  return {
    /**
     * Any contract route, typed by it. Routes only subpackage pages use (通知设置) are called through this from there:
     * a wrapper per route here would be main-package bytes (each async function compiles to a state machine).
     */
    call,
    /** H5 demo: the applicants one may log in as. */
    async devApplicants(): Promise<DevApplicant[]> {
      return (await call('devApplicants', { params: {} })).data;
    },
    /** H5 demo: log in as one applicant; keeps the token. */
    async devLogin(applicantId: string): Promise<void> {
      const { data } = await call('devLogin', { params: {}, body: { applicantId } });
      setToken(data.token, data.expiresAt);
    },
    /** weapp: Taro.login → POST /api/session; keeps the token. */
    login: weappLogin,
    /**
     * Logs this device out: the BFF revokes the token, and the token is forgotten here whatever the answer (already
     * expired, or no network: the server's copy then lapses with its TTL). Never renews the session it is ending.
     */
    async logout(): Promise<void> {
      try {
        await transport.request({ method: BFF_ENDPOINTS.logout.method, path: fillPath('logout', {}), auth: true, renewSession: false });
      } catch (err) {
        if (!(err instanceof ApiRequestError)) throw err;
      } finally {
        clearToken();
      }
    },
    async listFilings(): Promise<Filing[]> {
      return (await call('listFilings', { params: {} })).data.filings;
    },
    /** What already blocks a change of a filed website (registrar, homepage and ID facts), before any change exists. */
    async websiteBlockers(filingId: string, websiteId: string): Promise<Blocker[]> {
      return (await call('websiteBlockers', { params: { filingId, websiteId } })).data.blockers;
    },
    async listChanges(): Promise<ChangeSummary[]> {
      return (await call('listChanges', { params: {} })).data.changes;
    },
    /** Creates the website's change, or answers the existing open one (`created: false`). */
    async createChange(input: RouteBody<'createChange'>): Promise<DraftWithEtag & { created: boolean }> {
      // The server answers the same change for a repeat, and the key lets a lost answer be retried.
      const { data, header, status } = await call('createChange', { params: {}, body: input, headers: { 'Idempotency-Key': newIdempotencyKey() } });
      return { draft: data, etag: etagOf(header, data), created: status === 201 };
    },
    async getChange(id: string): Promise<DraftWithEtag> {
      const { data, header } = await call('getChange', { params: { id } });
      return { draft: data, etag: etagOf(header, data) };
    },
    async patchChange(id: string, patch: PatchChangeRequest, etag: string): Promise<DraftWithEtag & { problems: FieldError[] }> {
      const { data, header } = await call('patchChange', { params: { id }, body: patch, headers: { 'If-Match': etag } });
      return { draft: data.draft, etag: etagOf(header, data.draft), problems: data.problems };
    },
    /** Not retried: a repeat would send a second SMS. */
    async sendSms(id: string, phone: string): Promise<SmsSendResult> {
      return (await call('sendSms', { params: { id }, body: { phone } })).data;
    },
    async verifySms(id: string, phone: string, code: string): Promise<SmsVerifyResult> {
      return (await call('verifySms', { params: { id }, body: { phone, code } })).data;
    },
    async getChecks(id: string): Promise<ChecksResult> {
      return (await call('getChecks', { params: { id } })).data;
    },
    /** The same key for every attempt of one submit, so a repeat is answered, never submitted twice. */
    async submit(id: string, idempotencyKey: string): Promise<SubmitResult> {
      return (await call('submit', { params: { id }, body: { agreed: true }, headers: { 'Idempotency-Key': idempotencyKey } })).data;
    },
    async withdraw(id: string): Promise<DraftWithEtag> {
      const { data, header } = await call('withdraw', { params: { id }, headers: { 'Idempotency-Key': newIdempotencyKey() } });
      return { draft: data, etag: etagOf(header, data) };
    },
    /** 放弃本次变更 (draft or rejected change): ends it and deletes its photos. */
    async discardChange(id: string): Promise<DraftWithEtag> {
      const { data, header } = await call('discardChange', { params: { id }, headers: { 'Idempotency-Key': newIdempotencyKey() } });
      return { draft: data, etag: etagOf(header, data) };
    },
    async getProgress(id: string): Promise<Progress> {
      return (await call('getProgress', { params: { id } })).data;
    },
    async addSubscriptions(id: string, templateIds: string[]): Promise<SubscriptionsResult> {
      return (await call('addSubscriptions', { params: { id }, body: { templateIds } })).data;
    },
    /** Who must verify their identity in this change (电子化核验), and where each stands. */
    async listVerifications(id: string): Promise<PrincipalVerification[]> {
      return (await call('listVerifications', { params: { id } })).data.verifications;
    },
    /** Starts or restarts one principal's verification; a pending or passed one is answered as it is. */
    async startVerification(id: string, role: PrincipalVerification['role']): Promise<PrincipalVerification> {
      return (await call('startVerification', { params: { id, role } })).data;
    },
    /** What OCR read from the photo in a slot, and where it disagrees with the saved form (poll while `pending`). */
    async materialRecognition(id: string, kind: MaterialKind, subject: MaterialSubject): Promise<MaterialRecognition> {
      return (await call('materialRecognition', { params: { id, kind }, query: { subject } })).data;
    },
    /** For uploads (Taro.uploadFile, see packageChange/capture/upload.ts): the same concurrency cap, base URL and token. */
    withRequestSlot: transport.withRequestSlot,
    baseUrl: transport.baseUrl,
    authHeader: transport.authHeader,
    /** Requests running and waiting (diagnostics and tests). */
    get load() {
      return transport.load;
    },
  };
}

export type Api = ReturnType<typeof createApi>;

export const api: Api = createApi();
