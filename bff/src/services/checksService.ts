// Pre-submit checks: the shared rules plus the network ones (domain facts, homepage reachable, footer filing number).
import type { ReviewSystem } from '../adapters/reviewSystem';
import { fetchHomepage, type HostMap } from '../adapters/homepage';
import type { ChangeDraft } from '../../../shared/domain/change';
import type { PrecheckResult, RequiredMaterial } from '../../../shared/contracts/api';
import { entityNumberOf } from '../../../shared/validators/filingNumber';
import { offlinePrechecks, phonesNeedingVerification, requiredMaterials, validateForm } from './rules';
import { maskMobile } from '../../../shared/validators/contact';

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

const MIIT_LINK = /<a\b[^>]*href\s*=\s*["']?https?:\/\/beian\.miit\.gov\.cn\/?[^"'\s>]*["']?[^>]*>([\s\S]*?)<\/a>/gi;

function stripTags(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/\s+/g, '');
}

export function createChecksService({ reviewSystem, hostMap, homepageTimeoutMs, now = () => new Date() }: ChecksServiceDeps) {
  async function domainChecks(draft: ChangeDraft): Promise<PrecheckResult[]> {
    const out: PrecheckResult[] = [];
    const registrant = draft.base.entityKind === 'personal' ? draft.base.entityPrincipal.name : draft.base.entityName;
    const threeMonths = new Date(now().getTime() + 90 * 24 * 3600 * 1000);
    for (const domain of draft.form.domains.map((d) => d.trim().toLowerCase()).filter(Boolean)) {
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
    const websiteNumber = draft.base.website.websiteFilingNumber;
    // Guangdong shows the entity number in the footer; everywhere else the website number with its -N suffix.
    const expected = draft.base.province === '粤' ? [websiteNumber, entityNumberOf(websiteNumber)] : [websiteNumber];
    const links = [...page.body.matchAll(MIIT_LINK)].map((m) => stripTags(m[1]));
    const linked = links.some((text) => expected.some((n) => text.includes(n)));
    const text = stripTags(page.body);
    const shown = expected.some((n) => text.includes(n));
    const footer: PrecheckResult = linked
      ? { id: 'footer_filing_number', title: '首页底部备案号', outcome: 'pass', field: 'homepageUrl', message: `首页底部展示了备案号 ${expected[0]} 并链接到 beian.miit.gov.cn` }
      : {
          id: 'footer_filing_number',
          title: '首页底部备案号',
          outcome: 'fail',
          field: 'homepageUrl',
          message: shown
            ? `首页展示了备案号，但没有链接到 https://beian.miit.gov.cn/，请为备案号加上该链接`
            : `首页底部未找到网站备案号 ${websiteNumber}，请在首页底部展示并链接到 https://beian.miit.gov.cn/`,
        };
    return [reachable, footer];
  }

  return {
    async run(draft: ChangeDraft): Promise<ChecksReport> {
      const formProblems: PrecheckResult[] = validateForm(draft, now()).map((p) => ({
        id: `field:${p.path}`,
        title: '填写内容',
        outcome: 'fail',
        field: p.path,
        message: p.message,
      }));
      const phones: PrecheckResult[] = phonesNeedingVerification(draft).map((phone) => {
        const ok = draft.verifiedPhones.includes(phone);
        const field = draft.form.websitePrincipal.mobile.includes(phone.slice(-8)) ? 'websitePrincipal.mobile' : 'entityPrincipal.mobile';
        return {
          id: `phone:${phone}`,
          title: '手机号验证',
          outcome: ok ? 'pass' : 'fail',
          field,
          message: ok ? `手机号 ${maskMobile(phone)} 已验证` : `新手机号 ${maskMobile(phone)} 尚未完成短信验证，请获取验证码并验证`,
        };
      });
      const materials = requiredMaterials(draft);
      const missing: PrecheckResult[] = materials
        .filter((m) => !m.provided)
        .map((m) => ({ id: `material:${m.slot}`, title: '材料', outcome: 'fail', field: `materials.${m.slot}`, message: m.reason }));
      const [domains, homepage] = await Promise.all([domainChecks(draft), homepageChecks(draft)]);
      const checks = [...offlinePrechecks(draft, now()), ...formProblems, ...phones, ...missing, ...domains, ...homepage];
      return { materials, checks, ready: checks.every((c) => c.outcome !== 'fail') };
    },
  };
}
export type ChecksService = ReturnType<typeof createChecksService>;
