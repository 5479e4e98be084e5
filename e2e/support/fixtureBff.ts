// A canned BFF for screenshots of states real data does not show on demand (loading, empty, error, rejection, MIIT
// check): serves an H5 build and answers the few API calls those screens make from fixtures, per scenario.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

/** What the fixture BFF answers: `slow` holds every API answer for 4 s (the loading skeleton), `error` fails filings. */
export type FixtureScenario = 'normal' | 'slow' | 'empty' | 'error';

export interface FixtureBff {
  url: string;
  /** Switch the answers before loading the next screen. */
  setScenario(scenario: FixtureScenario): void;
  close(): Promise<void>;
}

const hour = 3600_000;
const iso = (offsetMs: number): string => new Date(Date.now() + offsetMs).toISOString();

function principal(name: string, mobile: string) {
  return { name, idType: 'resident_id', idNumber: '440305199001011234', idValidUntil: '2035-01-01', mobile, email: 'contact@example.com' };
}

function website(id: string, n: number, name: string, domains: string[], status = 'filed') {
  return {
    id,
    websiteFilingNumber: `粤ICP备2021088888号-${n}`,
    name,
    domains,
    homepageUrl: `https://www.${domains[0]}`,
    serviceContent: ['企业展示'],
    preApprovalItems: [],
    notes: '',
    principalSameAsEntity: true,
    principal: principal('陈明远', '13800138000'),
    access: { provider: '腾讯云', region: '广州', ips: ['203.0.113.10'] },
    status,
    materials: [],
  };
}

const FILING = {
  id: 'filing-1',
  applicantId: 'demo-org',
  revision: 4,
  entity: {
    kind: 'organisation',
    name: '深圳市云帆信息技术有限公司',
    certificateType: 'business_licence',
    certificateNumber: '91440300MA5G8XXXXP',
    province: '粤',
    address: '广东省深圳市南山区粤海街道科技园',
    entityFilingNumber: '粤ICP备2021088888号',
    principal: principal('陈明远', '13800138000'),
  },
  websites: [
    website('site-1', 1, '云帆科技官网', ['yunfan-tech.com']),
    website('site-2', 2, '云帆开发者文档中心', ['docs.yunfan-tech.cn', 'dev.yunfan-tech.cn'], 'change_in_review'),
    website('site-3', 3, '云帆客户服务平台', ['service.yunfan-tech.com']),
  ],
};

const summary = (id: string, websiteId: string, websiteName: string, status: string) => ({
  id,
  filingId: 'filing-1',
  websiteId,
  websiteName,
  status,
  version: 3,
  updatedAt: iso(-2 * hour),
  expiresAt: iso(40 * 24 * hour),
});

const submitted = { id: 't1', at: iso(-50 * hour), status: 'submitted', title: '已提交变更申请', detail: '变更内容：网站名称、网站负责人手机号码', reasons: [] };
const initial = { id: 't2', at: iso(-49.9 * hour), status: 'initial_review', title: '服务商初审中', detail: '初审一般在 1 个工作日内完成', reasons: [] };

/** Progress of the three changes the screens show, by the letter after `change-`. */
const PROGRESS: Record<string, unknown> = {
  r: {
    changeId: 'change-r',
    status: 'initial_rejected',
    timeline: [
      submitted,
      initial,
      {
        id: 't3',
        at: iso(-30 * hour),
        status: 'initial_rejected',
        title: '初审未通过',
        detail: '请按审核意见修改后重新提交，未提及的内容无需修改。',
        reasons: [
          { target: { type: 'field', path: 'name' }, message: '网站名称需与网站首页展示的名称一致' },
          { target: { type: 'material', path: 'website_principal.id_front' }, message: '证件照片反光，请在光线均匀处重新拍摄' },
        ],
      },
    ],
    miitCheck: null,
    subscriptionsLeft: 1,
  },
  m: {
    changeId: 'change-m',
    status: 'authority_review',
    timeline: [
      submitted,
      initial,
      { id: 't3', at: iso(-26 * hour), status: 'authority_pending', title: '初审通过，已提交管局', detail: null, reasons: [] },
      { id: 't4', at: iso(-3 * hour), status: 'authority_review', title: '管局审核中', detail: '工信部已向网站负责人手机发送核验短信', reasons: [] },
    ],
    miitCheck: { deadline: iso(21 * hour), instructions: '请使用网站负责人手机 138****8000，按短信提示回复验证码、手机号和证件号码后六位完成核验。' },
    subscriptionsLeft: 0,
  },
  i: { changeId: 'change-i', status: 'initial_review', timeline: [submitted, initial], miitCheck: null, subscriptionsLeft: 0 },
};

function fixtureAnswer(scenario: FixtureScenario, method: string, path: string): [number, unknown] {
  if (method === 'GET' && path === '/api/session/dev')
    return [
      200,
      [
        { applicantId: 'demo-org', name: '深圳市云帆信息技术有限公司', kind: 'organisation' },
        { applicantId: 'demo-person', name: '王晓雨', kind: 'personal' },
      ],
    ];
  if (method === 'POST' && path === '/api/session/dev') return [200, { token: 'fixture-token', expiresAt: iso(12 * hour) }];
  if (method === 'GET' && path === '/api/filings') {
    if (scenario === 'error') return [503, { code: 'upstream_unavailable', message: '备案审核系统暂时无法连接，请稍后重试' }];
    return [200, { filings: scenario === 'empty' ? [] : [FILING] }];
  }
  if (method === 'GET' && path === '/api/changes')
    return [
      200,
      { changes: scenario === 'empty' ? [] : [summary('change-d', 'site-3', '云帆客户服务平台', 'draft'), summary('change-i', 'site-2', '云帆开发者文档中心', 'initial_review')] },
    ];
  const progress = /^\/api\/changes\/change-(\w)\/progress$/.exec(path);
  if (method === 'GET' && progress) {
    const found = PROGRESS[progress[1]];
    return found ? [200, found] : [404, { code: 'not_found', message: '变更不存在或无权访问' }];
  }
  return [404, { code: 'not_found', message: '内容不存在或无权访问' }];
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** Serves `h5Dir` and the fixture API on a free loopback port. */
export async function startFixtureBff(h5Dir: string): Promise<FixtureBff> {
  let scenario: FixtureScenario = 'normal';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      const [status, body] = fixtureAnswer(scenario, req.method ?? 'GET', url.pathname);
      const answer = () => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      // On purpose: a slow network keeps the loading skeleton on screen long enough to photograph it.
      if (scenario === 'slow') setTimeout(answer, 4000);
      else answer();
      return;
    }
    const file = normalize(join(h5Dir, url.pathname === '/' ? 'index.html' : url.pathname));
    if (!file.startsWith(h5Dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setScenario(next) {
      scenario = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
