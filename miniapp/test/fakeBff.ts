// An in-test BFF answering Taro.request from a route table, plus fixture builders typed from the shared contract.
import { changeBaseOf, type ChangeDraft } from '../../shared/domain/change';
import type { Filing, Principal } from '../../shared/domain/filing';
import type { ChangeSummary, Progress } from '../services/api';
import { taroMock } from './taro-mock';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: any;
  header: Record<string, string>;
}

export interface FakeResponse {
  status?: number;
  data?: unknown;
  header?: Record<string, string>;
}

/** A route answer: a response, or a thrown `{ errMsg }` for a request that never got an answer. */
export type FakeRoute = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

export interface FakeBff {
  routes: Map<string, FakeRoute>;
  on(methodAndPath: string, route: FakeRoute): FakeBff;
  /** Every request that reached the fake, in order. */
  requests: FakeRequest[];
  count(methodAndPath: string): number;
}

/** Installs a fake BFF as the Taro.request handler. Unknown routes answer 404 like the real BFF. */
export function installFakeBff(): FakeBff {
  const bff: FakeBff = {
    routes: new Map(),
    requests: [],
    on(methodAndPath, route) {
      bff.routes.set(methodAndPath, route);
      return bff;
    },
    count(methodAndPath) {
      return bff.requests.filter((r) => `${r.method} ${r.path}` === methodAndPath).length;
    },
  };
  taroMock.setDefault('request', {
    handler: async (options: { url: string; method?: string; data?: unknown; header?: Record<string, string> }) => {
      const url = new URL(options.url, 'http://bff.test');
      const req: FakeRequest = {
        method: (options.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        query: url.searchParams,
        body: options.data,
        header: options.header ?? {},
      };
      bff.requests.push(req);
      const route = bff.routes.get(`${req.method} ${req.path}`);
      const response = route ? await route(req) : { status: 404, data: { code: 'not_found', message: '内容不存在或无权访问' } };
      return { statusCode: response.status ?? 200, data: response.data ?? {}, header: response.header ?? {}, errMsg: 'request:ok' };
    },
  });
  return bff;
}

/** A stored, unexpired session (what the login screens leave behind). */
export function seedSession(token = 'token-1'): void {
  taroMock.storage.set('beian.session', { token, expiresAt: new Date(Date.now() + 3600_000).toISOString() });
}

// --- fixture builders

export function buildPrincipal(partial: Partial<Principal> = {}): Principal {
  return {
    name: '张伟',
    idType: 'resident_id',
    idNumber: '440305199001011234',
    idValidUntil: '2035-01-01',
    mobile: '13800138000',
    email: 'zhangwei@example.com',
    ...partial,
  };
}

export function buildFiling(partial: Partial<Filing> = {}): Filing {
  return {
    id: 'filing-1',
    applicantId: 'applicant-1',
    revision: 3,
    entity: {
      kind: 'organisation',
      name: '深圳市示例科技有限公司',
      certificateType: 'business_licence',
      certificateNumber: '91440300MA5DXXXX1X',
      province: '粤',
      address: '广东省深圳市南山区科技园路 1 号',
      entityFilingNumber: '粤ICP备12345678号',
      principal: buildPrincipal(),
    },
    websites: [
      {
        id: 'site-1',
        websiteFilingNumber: '粤ICP备12345678号-1',
        name: '示例科技官网',
        domains: ['example.com'],
        homepageUrl: 'https://www.example.com',
        serviceContent: ['企业展示'],
        preApprovalItems: [],
        notes: '',
        principalSameAsEntity: true,
        principal: buildPrincipal(),
        access: { provider: '腾讯云', region: '广州', ips: ['203.0.113.10'] },
        status: 'filed',
        materials: [],
      },
      {
        id: 'site-2',
        websiteFilingNumber: '粤ICP备12345678号-2',
        name: '示例科技帮助中心',
        domains: ['help.example.cn', 'example.cn'],
        homepageUrl: 'https://help.example.cn',
        serviceContent: ['企业展示'],
        preApprovalItems: [],
        notes: '',
        principalSameAsEntity: false,
        principal: buildPrincipal({ name: '李娜', mobile: '13900139000', email: 'lina@example.com' }),
        access: { provider: '腾讯云', region: '广州', ips: ['203.0.113.11'] },
        status: 'filed',
        materials: [],
      },
    ],
    ...partial,
  };
}

export function buildChangeSummary(partial: Partial<ChangeSummary> = {}): ChangeSummary {
  return {
    id: 'change-1',
    filingId: 'filing-1',
    websiteId: 'site-1',
    websiteName: '示例科技官网',
    status: 'draft',
    version: 2,
    updatedAt: '2026-11-20T08:00:00.000Z',
    expiresAt: '2027-01-04T08:00:00.000Z',
    ...partial,
  };
}

export function buildDraft(partial: Partial<ChangeDraft> = {}): ChangeDraft {
  const filing = buildFiling();
  const website = filing.websites[0];
  return {
    id: 'change-1',
    applicantId: 'applicant-1',
    filingId: filing.id,
    websiteId: website.id,
    status: 'draft',
    version: 1,
    step: 'website',
    base: changeBaseOf(filing, website),
    form: {
      name: website.name,
      domains: website.domains,
      homepageUrl: website.homepageUrl,
      serviceContent: website.serviceContent,
      notes: website.notes,
      principalSameAsEntity: website.principalSameAsEntity,
      websitePrincipal: website.principal,
      entityPrincipal: filing.entity.principal,
    },
    verifiedPhones: [],
    materials: {},
    agreement: { agreed: false, termsVersion: null, agreedAt: null },
    rejection: null,
    submissionCount: 0,
    createdAt: '2026-11-20T08:00:00.000Z',
    updatedAt: '2026-11-20T08:00:00.000Z',
    expiresAt: '2027-01-04T08:00:00.000Z',
    ...partial,
  };
}

export function buildProgress(partial: Partial<Progress> = {}): Progress {
  return {
    changeId: 'change-1',
    status: 'initial_review',
    timeline: [
      { id: 't1', at: '2026-11-20T09:00:00.000Z', status: 'submitted', title: '已提交变更申请', detail: null, reasons: [] },
      { id: 't2', at: '2026-11-20T09:00:05.000Z', status: 'initial_review', title: '服务商初审中', detail: '预计 1 个工作日内完成', reasons: [] },
    ],
    miitCheck: null,
    subscriptionsLeft: 0,
    ...partial,
  };
}
