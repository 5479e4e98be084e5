// Pre-submit checks: the shared rules plus the network ones (domain facts, homepage reachable, footer filing number).
import type { Logger } from 'pino';
import type { ReviewSystem } from '../adapters/reviewSystem';
import type { OutboundClient, OutboundResult } from '../adapters/outbound';
import type { ChangeDraft } from '../../../shared/domain/change';
import type { PrecheckResult, RequiredMaterial } from '../../../shared/contracts/api';
import { offlinePrechecks } from '../../../shared/rules/prechecks';
import { requiredMaterials } from '../../../shared/rules/materials';
import { canonicalDomain } from '../../../shared/rules/canonical';
import { footerProblem } from '../../../shared/rules/footer';
import { homepageIssues } from '../../../shared/rules/formIssues';
import { uniqueDomains } from '../../../shared/rules/canonical';
import { isHostOnDomain } from '../../../shared/validators/domain';

export interface ChecksServiceDeps {
  reviewSystem: ReviewSystem;
  /** The outbound client (adapters/outbound.ts): the homepage is a URL the applicant typed. */
  outbound: OutboundClient;
  homepageTimeoutMs: number;
  logger?: Logger;
  now?: () => Date;
}

export interface ChecksReport {
  materials: RequiredMaterial[];
  checks: PrecheckResult[];
  ready: boolean;
}

const REACHABLE = { id: 'homepage_reachable', title: '网站首页可访问', field: 'homepageUrl' } as const;
const FOOTER = { id: 'footer_filing_number', title: '首页底部备案号', field: 'homepageUrl' } as const;

export function createChecksService({ reviewSystem, outbound, homepageTimeoutMs, logger, now = () => new Date() }: ChecksServiceDeps) {
  async function domainChecks(draft: ChangeDraft): Promise<PrecheckResult[]> {
    const out: PrecheckResult[] = [];
    const registrant = draft.base.entityKind === 'personal' ? draft.base.entityPrincipal.name : draft.base.entityName;
    const threeMonths = new Date(now().getTime() + 90 * 24 * 3600 * 1000);
    for (const domain of [...new Set(draft.form.domains.map(canonicalDomain).filter(Boolean))]) {
      const id = `domain:${domain}`;
      let facts;
      try {
        facts = await reviewSystem.domainFacts(domain);
      } catch {
        out.push({ id, title: `域名 ${domain}`, outcome: 'warn', field: 'domains', message: '暂时无法查询域名注册信息，提交后由审核人员核验' });
        continue;
      }
      if (!facts) {
        out.push({ id, title: `域名 ${domain}`, outcome: 'fail', field: 'domains', message: '查询不到该域名的注册信息，请确认域名已注册且拼写正确' });
        continue;
      }
      const problems: string[] = [];
      if (!facts.registrarDomestic) problems.push(`注册商“${facts.registrar}”不是境内注册商，请先转入境内有资质的注册商`);
      if (new Date(facts.expiresAt) <= threeMonths) problems.push(`域名将于 ${facts.expiresAt.slice(0, 10)} 到期，剩余不足3个月，请先续费`);
      if (!facts.realNameVerified) problems.push('域名未完成实名认证，请在注册商处完成实名认证');
      if (facts.registrantName.trim() !== registrant.trim()) problems.push(`域名持有者“${facts.registrantName}”与备案主体“${registrant}”不一致，请先过户或修改域名持有者`);
      out.push({
        id,
        title: `域名 ${domain}`,
        outcome: problems.length ? 'fail' : 'pass',
        field: 'domains',
        message: problems.length ? problems.join('；') : '境内注册商、已实名、有效期超过3个月、持有者与主体一致',
      });
    }
    return out;
  }

  /** One message for every way the fetch can fail, except a host off the website's domains (nothing fetched there). */
  function unreachableMessage(page: Extract<OutboundResult, { ok: false }>): string {
    if (page.reason === 'host_not_allowed') {
      return page.redirected ? '网站首页跳转到了本网站域名以外的地址，备案期间首页须在本网站的域名下正常打开' : '网站首页地址的域名不是本网站的域名，请使用本网站的域名';
    }
    return `网站首页无法访问：${Math.round(homepageTimeoutMs / 1000)} 秒内没有从公网打开首页（域名解析失败、无法连接或响应过慢都会如此），备案期间网站须保持可访问`;
  }

  /**
   * The homepage is fetched only when it is on one of the change's own domains (the shared rule; off-domain is a hard
   * fail and nothing is fetched), and then only through the outbound client, which also holds every redirect to those
   * domains. Every network failure reads the same to the applicant, so the check cannot be used to probe addresses.
   */
  async function homepageChecks(draft: ChangeDraft): Promise<PrecheckResult[]> {
    const offDomain = homepageIssues(draft.form).errors[0];
    if (offDomain) {
      return [
        { ...REACHABLE, outcome: 'fail', message: offDomain.message },
        { ...FOOTER, outcome: 'fail', message: '首页地址不符合要求，未访问首页，无法核对底部备案号' },
      ];
    }
    const domains = uniqueDomains(draft.form.domains);
    const homepageUrl = draft.form.homepageUrl.trim();
    // The shared rule reads the URL as typed; the host the client would connect to is WHATWG's reading of it (a
    // backslash ends the host there), so the client holds that host, and every redirect's, to the domains too.
    const page = await outbound.get(homepageUrl, { allowHost: (host) => domains.some((d) => isHostOnDomain(host, d)) });
    if (!page.ok) {
      logger?.info({ changeId: draft.id, reason: page.reason, detail: page.detail }, 'homepage check: not reachable');
      return [
        { ...REACHABLE, outcome: 'fail', message: unreachableMessage(page) },
        { ...FOOTER, outcome: 'fail', message: '首页无法访问，无法核对底部备案号' },
      ];
    }
    const reachable: PrecheckResult =
      page.status === 200
        ? { ...REACHABLE, outcome: 'pass', message: '网站首页访问正常' }
        : { ...REACHABLE, outcome: 'fail', message: `网站首页返回 HTTP ${page.status}，备案期间网站须能正常打开` };
    const problem = page.status === 200 ? footerProblem(page.body.toString('utf8'), draft.base) : '首页无法正常打开，无法核对底部备案号';
    const footer: PrecheckResult = problem ? { ...FOOTER, outcome: 'fail', message: problem } : { ...FOOTER, outcome: 'pass', message: '首页底部展示了备案号并链接到 beian.miit.gov.cn' };
    return [reachable, footer];
  }

  return {
    /** Every check; `agreed` overrides the saved agreement (the submit body carries it). */
    async run(draft: ChangeDraft, agreed?: boolean): Promise<ChecksReport> {
      const subject = agreed === undefined ? draft : { ...draft, agreement: { ...draft.agreement, agreed } };
      const [domains, homepage] = await Promise.all([domainChecks(draft), homepageChecks(draft)]);
      const checks = [...offlinePrechecks(subject, now()), ...domains, ...homepage];
      return { materials: requiredMaterials(draft, now()), checks, ready: checks.every((c) => c.outcome !== 'fail') };
    },
  };
}
export type ChecksService = ReturnType<typeof createChecksService>;
