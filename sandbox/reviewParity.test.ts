// Property (issue 13 item 1): the checklist is at least as strict as the reviewer. Generated changes — names with and
// without reserved words and symbols, domains expiring or not, footers with and without the number, principals old,
// new and under 18, IDs valid or not, email slips, personal and organisation filings, provinces, materials present or
// missing, pre-approval contents — go through the BFF's real checks service (facts fetched from a loopback server that
// serves the sandbox's homepages, the registrar facts from the sandbox's table) and the sandbox's real automatic
// reviewer. A change whose checklist has no `fail` passes review; every reason the reviewer gives is a `fail` of the
// checklist on the same field or material.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { createOutboundClient } from '../bff/src/adapters/outbound';
import { createChecksService } from '../bff/src/services/checksService';
import type { ReviewSystem } from '../bff/src/adapters/reviewSystem';
import type { DomainFacts } from '../shared/contracts/reviewSystem';
import type { ChangeDraft, WebsiteForm } from '../shared/domain/change';
import type { Filing, FiledWebsite, Principal, ProvinceCode } from '../shared/index';
import { canonicalForm } from '../shared/rules/canonical';
import { requiredMaterials } from '../shared/rules/materials';
import { phonesNeedingVerification } from '../shared/rules/phones';
import { filedForm, syncSamePrincipal } from '../shared/rules/principals';
import { lookupDomain, servedPage, type SandboxWorld } from './facts';
import { initialReviewFindings } from './reviewRules';
import { hostsOf, makeCreditCode, makeResidentId } from './seed';
import type { SiteRecord, StoredSubmission, StoredVerificationTask } from './store';
import { requiredVerifications, type VerificationFact } from '../shared/rules/verification';

const NOW = new Date('2026-03-10T04:00:00Z');
const DAY = 24 * 3600 * 1000;
const inDays = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();
const dateIn = (days: number) => inDays(days).slice(0, 10);

/** The world the current run sees: the loopback server answers homepages from it, the fake registrar from its table. */
let world: SandboxWorld = { filings: [], domains: {}, sites: {} };
let server: Server;
let port = 0;

beforeAll(async () => {
  // Plays the hosted websites: answers by Host header exactly as the sandbox's own server does; a host no website
  // answers on drops the connection (unreachable).
  server = createServer((req, res) => {
    const page = servedPage(world, (req.headers.host ?? '').split(':')[0], new URL(req.url ?? '/', 'http://x').pathname);
    if (!page) {
      req.socket.destroy();
      return;
    }
    res.writeHead(page.status, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page.html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/**
 * The BFF's checks service for one run: its registrar answers from the run's table, and every homepage host of the
 * run is mapped to the loopback server (HOMEPAGE_HOST_MAP), so no fetch ever leaves this machine.
 */
function checksFor(run: SandboxWorld, hosts: string[], verifications: Record<string, VerificationFact> = {}) {
  return createChecksService({
    // The applicant's side is done: every new principal passed 电子化核验 (the same tasks the sandbox holds).
    verificationFacts: () => Promise.resolve(verifications),
    // The review system's domain route answers with lookupDomain over the same table (sandbox/routes/review.ts).
    reviewSystem: { domainFacts: (domain: string) => Promise.resolve(lookupDomain(run.domains, domain)) } as unknown as ReviewSystem,
    outbound: createOutboundClient({ timeoutMs: 2000, hostMap: Object.fromEntries(hosts.map((host) => [host, { host: '127.0.0.1', port }])) }),
    homepageTimeoutMs: 2000,
    now: () => NOW,
  });
}

// --- generators -----------------------------------------------------------------------------------------------------

const PROVINCES: ProvinceCode[] = ['粤', '浙', '京', '湘', '沪', '苏', '蜀'];

interface EntitySpec {
  kind: 'personal' | 'organisation';
  certificateType: Filing['entity']['certificateType'];
  certificateNumber: string;
  name: string;
}

const organisations: EntitySpec[] = [
  { kind: 'organisation', certificateType: 'business_licence', certificateNumber: makeCreditCode('91330106MA2H7K4P1'), name: '杭州示例网络科技有限公司' },
  { kind: 'organisation', certificateType: 'institution_certificate', certificateNumber: makeCreditCode('12330000470001234'), name: '浙江省示例研究院' },
  { kind: 'organisation', certificateType: 'other', certificateNumber: makeCreditCode('11330000002482084'), name: '某市示例管理局' },
  { kind: 'organisation', certificateType: 'social_org_certificate', certificateNumber: makeCreditCode('51110000500012345'), name: '北京市示例协会' },
];

function person(name: string, birth: string, sequence: string, extra: Partial<Principal> = {}): Principal {
  return {
    name,
    idType: 'resident_id',
    idNumber: makeResidentId('330106', birth, sequence),
    idValidUntil: dateIn(3650),
    mobile: `139${birth.slice(2, 8)}${sequence.slice(0, 2)}`,
    email: `${sequence}@example-mail.cn`,
    ...extra,
  };
}

/** Mostly `clean`, sometimes one of `others`: each knob alone breaks a rule now and then, so some changes are clean. */
function mostly<T>(clean: T, ...others: T[]): fc.Arbitrary<T> {
  return fc.oneof({ weight: 7, arbitrary: fc.constant(clean) }, { weight: 1, arbitrary: fc.constantFrom(...others) });
}

const principalArb = fc.record({
  name: fc.constantFrom('周晓峰', '王芳', '李小明'),
  birth: mostly('19850321', '19990101', '20081120', '20110305'),
  sequence: fc.constantFrom('011', '027', '043'),
  validity: mostly<number | null>(3650, null, 60, -10),
  email: mostly('ok', 'qq.con', 'gmial.com', 'broken'),
  badCheck: mostly(false, true),
  emergency: mostly('ok', 'none', 'same', 'bad'),
  office: mostly('ok', 'none', 'bad'),
  sameMobileAsEntity: mostly(false, true),
});

type PrincipalSpec = typeof principalArb extends fc.Arbitrary<infer T> ? T : never;

function principalFrom(spec: PrincipalSpec, entityPrincipal: Principal): Principal {
  const p = person(spec.name, spec.birth, spec.sequence);
  let idNumber = p.idNumber;
  if (spec.badCheck) idNumber = `${idNumber.slice(0, 17)}${idNumber[17] === '1' ? '2' : '1'}`;
  const local = `p${spec.sequence}`;
  const email = spec.email === 'ok' ? `${local}@example-mail.cn` : spec.email === 'broken' ? `${local}-at-mail` : `${local}@${spec.email}`;
  const mobile = spec.sameMobileAsEntity ? entityPrincipal.mobile : p.mobile;
  return {
    ...p,
    idNumber,
    idValidUntil: spec.validity === null ? null : dateIn(spec.validity),
    mobile,
    email,
    ...(spec.emergency === 'none' ? {} : { emergencyPhone: spec.emergency === 'ok' ? '0571-86701234' : spec.emergency === 'same' ? mobile : '12345' }),
    ...(spec.office === 'none' ? {} : { officePhone: spec.office === 'ok' ? '010-62561234' : '99' }),
  };
}

const caseArb = fc.record({
  province: fc.constantFrom(...PROVINCES),
  personal: fc.boolean(),
  organisation: fc.constantFrom(...organisations),
  filedName: mostly('示例科技产品中心', '示例网站！', '中国示例服务平台'),
  filedDomains: mostly(['example-site.cn', '示例站点.中国'], ['demo-site.com'], ['demo-site.com', 'demo-site.io'], ['示例站点.中国', 'example-site.cn', 'demo-site.com']),
  filedSameAsEntity: fc.boolean(),
  filedContent: mostly(['企业官网'], ['新闻']),
  filedPreApproval: fc.boolean(),
  filedEmergency: mostly(true, false),
  name: mostly<string | null>(
    '示例科技产品展示',
    null,
    '中国示例科技',
    '国家示例中心',
    '示例网站！',
    '示例',
    '123456',
    'ABCdef',
    'example-site.cn',
    '张三的技术博客',
    '张三的摄影门户',
    '示例科技ＡＢＣ',
  ),
  dropDomain: fc.boolean(),
  addDomain: mostly(false, true),
  homepage: mostly('filed', 'off_domain', 'not_http', 'other_path'),
  sameAsEntity: fc.constantFrom<boolean | null>(null, true, false),
  newWebsitePrincipal: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: principalArb }),
  entityEdit: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: principalArb }),
  content: mostly('keep', 'add_news_with_number', 'add_news_without_number', 'add_education_bad_number', 'empty'),
  facts: fc.array(
    fc.record({
      known: mostly(true, false),
      expiresInDays: mostly(400, 30, 89, 95),
      domestic: mostly(true, false),
      realName: mostly(true, false),
      registrantMatches: mostly(true, false),
    }),
    { minLength: 4, maxLength: 4 },
  ),
  site: mostly('footer', 'no_footer', 'unreachable'),
  materials: mostly(['upload_required'], [], ['upload_required', 'small'], ['upload_required', 'extra_id'], ['extra_id']),
  skipSlot: mostly(99, 0, 1, 2, 3),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function build(c: Case): { draft: ChangeDraft; filing: Filing; website: FiledWebsite; world: SandboxWorld } {
  const entity = c.personal ? null : c.organisation;
  const entityPrincipal = person('陈静', '19790214', '026', c.filedEmergency ? { emergencyPhone: '0571-86709999', officePhone: '0571-86708888' } : {});
  const websitePrincipal = c.personal || c.filedSameAsEntity ? entityPrincipal : person('王磊', '19920907', '015', c.filedEmergency ? { emergencyPhone: '13588120456' } : {});
  const entityFilingNumber = `${c.province}ICP备2026001073号`;
  const website: FiledWebsite = {
    id: 'site-1',
    websiteFilingNumber: `${entityFilingNumber}-1`,
    name: c.filedName,
    domains: c.filedDomains,
    homepageUrl: `https://www.${c.filedDomains[0]}/`,
    serviceContent: c.filedContent,
    preApprovalItems: [],
    ...(c.filedContent.includes('新闻') && c.filedPreApproval ? { preApprovals: [{ content: '新闻', number: '浙新网备〔2025〕12号' }] } : {}),
    notes: '',
    principalSameAsEntity: c.personal || c.filedSameAsEntity,
    principal: websitePrincipal,
    access: { provider: '腾讯云', region: '华东1（杭州）', ips: ['47.96.120.8'] },
    status: 'filed',
    materials: [],
  };
  const filing: Filing = {
    id: 'filing-1',
    applicantId: 'applicant-1',
    revision: 1,
    entity: {
      kind: c.personal ? 'personal' : 'organisation',
      name: entity ? entity.name : entityPrincipal.name,
      certificateType: entity ? entity.certificateType : 'resident_id',
      certificateNumber: entity ? entity.certificateNumber : entityPrincipal.idNumber,
      province: c.province,
      address: '某地某路1号',
      entityFilingNumber,
      principal: entityPrincipal,
    },
    websites: [website],
  };

  // The registrar's table and the served homepages.
  const registrant = c.personal ? entityPrincipal.name : filing.entity.name;
  const domains: Record<string, DomainFacts> = {};
  c.filedDomains.forEach((domain, i) => {
    const f = c.facts[i];
    if (!f.known) return;
    domains[domain] = {
      domain,
      registrar: f.domestic ? '阿里云计算有限公司（万网）' : 'NameCheap, Inc.',
      registrarDomestic: f.domestic,
      expiresAt: inDays(f.expiresInDays),
      realNameVerified: f.realName,
      registrantName: f.registrantMatches ? registrant : 'Someone Else',
    };
  });
  const sites: Record<string, SiteRecord> = {};
  if (c.site !== 'unreachable') for (const host of hostsOf(website)) sites[host] = { filingId: filing.id, websiteId: website.id, footerShowsFilingNumber: c.site === 'footer' };

  // The edited form.
  let form: WebsiteForm = filedForm({
    filingRevision: 1,
    entityKind: filing.entity.kind,
    certificateType: filing.entity.certificateType,
    entityName: filing.entity.name,
    province: c.province,
    certificateNumber: filing.entity.certificateNumber,
    entityFilingNumber,
    entityPrincipal,
    website,
  });
  if (c.name !== null) form.name = c.name;
  if (c.dropDomain && form.domains.length > 1) form.domains = form.domains.slice(1);
  if (c.addDomain) form.domains = [...form.domains, 'new-site.cn'];
  const own = `https://www.${form.domains[0]}`;
  form.homepageUrl =
    c.homepage === 'off_domain' ? 'https://www.other-site.cn/' : c.homepage === 'not_http' ? `ftp://www.${form.domains[0]}/` : c.homepage === 'other_path' ? `${own}/about` : `${own}/`;
  if (c.content === 'add_news_with_number') form = { ...form, serviceContent: [...form.serviceContent, '新闻'], preApprovals: [{ content: '新闻', number: '浙新网备〔2026〕3号' }] };
  if (c.content === 'add_news_without_number') form = { ...form, serviceContent: [...form.serviceContent, '新闻'], preApprovals: [] };
  if (c.content === 'add_education_bad_number') form = { ...form, serviceContent: [...form.serviceContent, '教育'], preApprovals: [{ content: '教育', number: '已办' }] };
  if (c.content === 'empty') form = { ...form, serviceContent: [] };
  if (!c.personal && c.sameAsEntity !== null) form.principalSameAsEntity = c.sameAsEntity;
  if (c.newWebsitePrincipal) {
    const p = principalFrom(c.newWebsitePrincipal, entityPrincipal);
    if (form.principalSameAsEntity) form.entityPrincipal = p;
    else form.websitePrincipal = p;
  }
  if (c.entityEdit) form.entityPrincipal = { ...form.entityPrincipal, email: principalFrom(c.entityEdit, entityPrincipal).email };
  form = syncSamePrincipal(form);

  const base = {
    filingRevision: 1,
    entityKind: filing.entity.kind,
    certificateType: filing.entity.certificateType,
    entityName: filing.entity.name,
    province: c.province,
    certificateNumber: filing.entity.certificateNumber,
    entityFilingNumber,
    entityPrincipal,
    website,
  };
  // Uploads: every required material but one (sometimes), some too small, sometimes an extra ID photo.
  const materials: ChangeDraft['materials'] = {};
  if (c.materials.includes('upload_required')) {
    const required = requiredMaterials({ base, form, materials: {} }, NOW);
    required.forEach((m, i) => {
      if (i === c.skipSlot) return;
      const small = c.materials.includes('small') && i === 0;
      materials[m.slot] = {
        kind: m.kind,
        subject: m.subject,
        fileId: `f${i}`,
        width: small ? 900 : 1600,
        height: small ? 600 : 1200,
        bytes: 200_000,
        sha256: 'x',
        uploadedAt: NOW.toISOString(),
      };
    });
  }
  if (c.materials.includes('extra_id')) {
    materials['website_principal.id_front'] = {
      kind: 'id_front',
      subject: 'website_principal',
      fileId: 'fx',
      width: 1600,
      height: 1000,
      bytes: 200_000,
      sha256: 'x',
      uploadedAt: NOW.toISOString(),
    };
  }

  const draft: ChangeDraft = {
    id: 'chg_parity000001',
    applicantId: filing.applicantId,
    filingId: filing.id,
    websiteId: website.id,
    status: 'draft',
    version: 3,
    step: 'confirm',
    base,
    form,
    // The applicant's own steps done, so the checklist's fails are about the change itself.
    verifiedPhones: phonesNeedingVerification(base, form),
    materials,
    agreement: { agreed: true, termsVersion: 'v1', agreedAt: NOW.toISOString() },
    rejection: null,
    submissionCount: 0,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    expiresAt: inDays(45),
  };
  return { draft, filing, website, world: { filings: [filing], domains, sites } };
}

/** Every host a generated homepage URL can name: the website's own, and the off-domain one (never fetched: refused offline). */
function homepageHosts(website: FiledWebsite): string[] {
  return ['www.other-site.cn', 'www.new-site.cn', 'new-site.cn', ...hostsOf(website)];
}

/** The submission as the BFF relays it (canonical form, every upload) and the review system stores it. */
function submissionOf(draft: ChangeDraft, tasks: StoredVerificationTask[] = []): StoredSubmission {
  return {
    submissionId: 'sub_parity',
    changeId: draft.id,
    applicantId: draft.applicantId,
    filingId: draft.filingId,
    websiteId: draft.websiteId,
    filingRevision: 1,
    status: 'received',
    receivedAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    reasons: [],
    miitCheck: null,
    events: [],
    form: canonicalForm(draft.form),
    diff: [],
    materials: Object.entries(draft.materials).map(([slot, m]) => ({ slot, kind: m.kind, subject: m.subject, imageId: m.fileId, bytes: m.bytes, width: m.width, height: m.height })),
    callbackUrl: null,
    verifications: tasks.map((t) => ({ role: t.role, taskId: t.taskId, status: t.status, completedAt: t.completedAt })),
    autoStepAt: null,
  };
}

/** A passed verification task for each principal the change must verify. */
function passedTasks(draft: ChangeDraft): StoredVerificationTask[] {
  return requiredVerifications(draft.base, draft.form).map((r) => ({
    taskId: `vt_parity_${r.role}`,
    token: 'parity',
    changeId: draft.id,
    filingId: draft.filingId,
    role: r.role,
    name: r.principal.name.trim(),
    idType: r.principal.idType,
    idNumber: canonicalForm(draft.form)[r.role].idNumber,
    mobile: '13800000000',
    status: 'passed',
    reason: null,
    createdAt: NOW.toISOString(),
    expiresAt: NOW.toISOString(),
    completedAt: NOW.toISOString(),
    callbackUrl: null,
    events: [],
  }));
}

test('a change with no failing check passes the automatic review; every rejection reason is a failing check on the same field', async () => {
  let passedBoth = 0;
  let rejected = 0;
  await fc.assert(
    fc.asyncProperty(caseArb, async (c) => {
      const built = build(c);
      world = built.world;
      const tasks = passedTasks(built.draft);
      const facts = Object.fromEntries(requiredVerifications(built.draft.base, built.draft.form).map((r) => [r.role, { status: 'passed' as const, reason: null, identity: r.identity }]));
      const report = await checksFor(world, homepageHosts(built.website), facts).run(built.draft);
      const reasons = initialReviewFindings(submissionOf(built.draft, tasks), {
        filing: built.filing,
        website: built.website,
        domains: world.domains,
        sites: world.sites,
        filings: world.filings,
        verificationTasks: tasks,
        now: NOW,
      });

      const failing = report.checks.flatMap((line) => line.problems.filter((p) => p.severity === 'fail'));
      if (failing.length === 0) {
        expect(reasons).toEqual([]);
        passedBoth += 1;
      }
      for (const reason of reasons) {
        // The reason, with the checklist's fails on its field: the same rule must be among them.
        expect({ reason, checklist: failing.filter((p) => p.path === reason.target.path) }).toEqual({
          reason,
          checklist: expect.arrayContaining([expect.objectContaining({ path: reason.target.path, ruleId: reason.rule, message: reason.message })]),
        });
      }
      if (reasons.length > 0) rejected += 1;
    }),
    { numRuns: Number(process.env.PARITY_RUNS ?? 300), seed: Number(process.env.PARITY_SEED ?? 13) },
  );
  console.log(`parity: ${passedBoth} changes passed both, ${rejected} rejected by the reviewer (each reason a checklist fail)`);
  // The generators reach both sides of the property.
  expect(passedBoth).toBeGreaterThan(5);
  expect(rejected).toBeGreaterThan(100);
}, 120_000);
