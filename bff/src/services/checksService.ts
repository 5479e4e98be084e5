// Pre-submit checks: the shared rules plus the network ones (domain facts, homepage reachable, footer filing number).
import type { ReviewSystem } from '../adapters/reviewSystem';
import { fetchHomepage, type HostMap } from '../adapters/homepage';
import type { ChangeDraft } from '../../../shared/domain/change';
import type { PrecheckResult, RequiredMaterial } from '../../../shared/contracts/api';
import { offlinePrechecks } from '../../../shared/rules/prechecks';
import { requiredMaterials } from '../../../shared/rules/materials';
import { canonicalDomain } from '../../../shared/rules/canonical';
import { footerProblem } from '../../../shared/rules/footer';

export interface ChecksServiceDeps {
  reviewSystem: ReviewSystem;
  hostMap: HostMap;
  homepageTimeoutMs: number;
  now?: () => Date;
}

export interface ChecksReport {
  materials: RequiredMaterial[];
  checks: PrecheckResult[];
  ready: boolean;
}

export function createChecksService({ reviewSystem, hostMap, homepageTimeoutMs, now = () => new Date() }: ChecksServiceDeps) {
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

  async function homepageChecks(draft: ChangeDraft): Promise<PrecheckResult[]> {
    let page;
    try {
      new URL(draft.form.homepageUrl);
    } catch {
      return [{ id: 'homepage_reachable', title: '网站首页可访问', outcome: 'fail', field: 'homepageUrl', message: '网站首页地址格式不正确，无法访问' }];
    }
    try {
      page = await fetchHomepage(draft.form.homepageUrl, hostMap, homepageTimeoutMs);
    } catch (err) {
      return [
        {
          id: 'homepage_reachable',
          title: '网站首页可访问',
          outcome: 'fail',
          field: 'homepageUrl',
          message: `网站首页无法访问（${(err as Error).message}），备案期间网站须保持可访问`,
        },
        { id: 'footer_filing_number', title: '首页底部备案号', outcome: 'fail', field: 'homepageUrl', message: '首页无法访问，无法核对底部备案号' },
      ];
    }
    const reachable: PrecheckResult =
      page.status === 200
        ? { id: 'homepage_reachable', title: '网站首页可访问', outcome: 'pass', field: 'homepageUrl', message: '网站首页访问正常' }
        : { id: 'homepage_reachable', title: '网站首页可访问', outcome: 'fail', field: 'homepageUrl', message: `网站首页返回 HTTP ${page.status}，备案期间网站须能正常打开` };
    const problem = page.status === 200 ? footerProblem(page.body, draft.base) : '首页无法正常打开，无法核对底部备案号';
    const footer: PrecheckResult = problem
      ? { id: 'footer_filing_number', title: '首页底部备案号', outcome: 'fail', field: 'homepageUrl', message: problem }
      : { id: 'footer_filing_number', title: '首页底部备案号', outcome: 'pass', field: 'homepageUrl', message: '首页底部展示了备案号并链接到 beian.miit.gov.cn' };
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
