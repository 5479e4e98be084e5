// Domain rules: offline (format, fileable suffix) and the registrar's facts (registered, domestic registrar, real-name
// verified, registrant = the entity, valid long enough), each about one of the website's remaining domains.
import { provinceRules } from '../../../data/provinceRules';
import { checkFileableDomain } from '../../../validators/domain';
import { canonicalDomain, uniqueDomains } from '../../canonical';
import { addMonths, beijingDate, chinaDate } from '../../dates';
import type { DomainFacts } from '../../../contracts/reviewSystem';
import type { BlockerKind, Reporter, Rule, RuleContext } from '../types';

/** The path of the first form entry holding `domain` (`domains.1`), so the applicant lands on that line. */
function pathOf(ctx: RuleContext, domain: string): string {
  const index = ctx.form.domains.findIndex((d) => canonicalDomain(d) === domain);
  return index >= 0 ? `domains.${index}` : 'domains';
}

/** The remaining domains the registrar's facts are about: well-formed, fileable and on file (the others fail offline). */
function checkedDomains(ctx: RuleContext): string[] {
  const filed = new Set(uniqueDomains(ctx.base.website.domains));
  return uniqueDomains(ctx.form.domains).filter((d) => filed.has(d) && 'domain' in checkFileableDomain(d));
}

/** The registrant a domain must be held by: the person of a personal filing, the organisation otherwise. */
export function expectedRegistrant(ctx: Pick<RuleContext, 'base'>): string {
  return (ctx.base.entityKind === 'personal' ? ctx.base.entityPrincipal.name : ctx.base.entityName).trim();
}

function registrarRule(id: string, title: string, why: string, blocker: BlockerKind | undefined, problem: (facts: DomainFacts, ctx: RuleContext, domain: string) => string | null): Rule {
  return {
    id,
    severity: 'fail',
    group: 'domain_registration',
    scope: 'submission',
    needs: ['domains'],
    fields: ['domains'],
    title,
    why,
    blocker,
    check(ctx, out: Reporter) {
      for (const domain of checkedDomains(ctx)) {
        const lookup = ctx.facts.domains?.[domain];
        if (!lookup || lookup.status === 'unavailable') {
          out.unknown(`暂时无法查询域名“${domain}”的注册信息，提交后由审核人员核验；请自行确认该域名已实名认证、在境内注册商处注册、有效期剩余3个月以上`);
          continue;
        }
        if (lookup.status === 'not_found') continue; // domain_registered says it
        const message = problem(lookup.facts, ctx, domain);
        if (message) out.problem(pathOf(ctx, domain), message);
      }
    },
  };
}

export const DOMAIN_RULES: readonly Rule[] = [
  {
    id: 'domain_format',
    severity: 'fail',
    group: 'domain_fileable',
    scope: 'submission',
    needs: [],
    fields: ['domains'],
    title: '域名格式正确且不重复',
    why: 'DOMAIN.md "Formats": hostname syntax, Unicode or punycode; a domain is listed once.',
    check(ctx, out) {
      const seen = new Set<string>();
      ctx.form.domains.forEach((raw, index) => {
        const result = checkFileableDomain(raw);
        if ('error' in result) {
          if (result.code !== 'suffix_not_fileable') out.problem(`domains.${index}`, result.error);
          return;
        }
        if (seen.has(result.domain)) out.problem(`domains.${index}`, `域名“${result.domain}”重复，请删除重复的一项`);
        seen.add(result.domain);
      });
    },
  },
  {
    id: 'domain_suffix_fileable',
    severity: 'fail',
    group: 'domain_fileable',
    scope: 'submission',
    needs: [],
    fields: ['domains'],
    title: '域名后缀在可备案列表中',
    why: 'DOMAIN.md "Checks — Domain": the top-level domain is on the provider\'s fileable list (data/tlds.ts).',
    blocker: 'remove_domain',
    check(ctx, out) {
      ctx.form.domains.forEach((raw, index) => {
        const result = checkFileableDomain(raw);
        if ('error' in result && result.code === 'suffix_not_fileable') {
          const domain = canonicalDomain(raw);
          const suffix = domain.slice(domain.lastIndexOf('.'));
          out.problem(
            `domains.${index}`,
            `域名“${domain}”的后缀 ${suffix} 不在可备案的顶级域名列表中，不能随本网站备案：请在本次变更中删除该域名；如仍需使用，请换用 .cn、.com 等可备案后缀的域名，作为新网站办理备案`,
          );
        }
      });
    },
  },
  {
    id: 'domain_registered',
    severity: 'fail',
    group: 'domain_registration',
    scope: 'submission',
    needs: ['domains'],
    fields: ['domains'],
    title: '域名已注册',
    why: 'The reviewer looks the domain up at its registrar; an unknown registration cannot be filed.',
    check(ctx, out) {
      for (const domain of checkedDomains(ctx)) {
        if (ctx.facts.domains?.[domain]?.status === 'not_found') {
          out.problem(pathOf(ctx, domain), `查询不到域名“${domain}”的注册信息，请确认域名已注册且拼写正确`);
        }
      }
    },
  },
  registrarRule(
    'domain_registrar_domestic',
    '域名在境内注册商处注册',
    'DOMAIN.md "Checks — Domain": registered with a domestic registrar.',
    'fix_domain_registration',
    (facts, _ctx, domain) => (facts.registrarDomestic ? null : `域名“${domain}”的注册商“${facts.registrar}”不是境内注册商；请先将域名转入境内有资质的注册商，转入后重新检测`),
  ),
  registrarRule('domain_real_name', '域名已完成实名认证', 'DOMAIN.md "Checks — Domain": real-name verified.', 'fix_domain_registration', (facts, _ctx, domain) =>
    facts.realNameVerified ? null : `域名“${domain}”未完成实名认证；请在注册商处完成实名认证后重新检测`,
  ),
  registrarRule('domain_registrant', '域名持有者与备案主体一致', 'DOMAIN.md "Checks — Domain": registrant matches the entity.', 'fix_domain_registration', (facts, ctx, domain) => {
    const expected = expectedRegistrant(ctx);
    return facts.registrantName.trim() === expected
      ? null
      : `域名“${domain}”的持有者“${facts.registrantName}”与备案主体“${expected}”不一致；请先在注册商处将持有者变更为“${expected}”，完成后重新检测`;
  }),
  registrarRule(
    'domain_expiry',
    '域名有效期剩余3个月以上',
    'DOMAIN.md "Checks — Domain": registration valid for more than 3 months *(varies: province table domainMinValidityMonths)*.',
    'renew_domain',
    (facts, ctx, domain) => {
      const months = provinceRules(ctx.base.province).domainMinValidityMonths;
      const expires = beijingDate(facts.expiresAt);
      return expires < addMonths(chinaDate(ctx.today), months) ? `域名“${domain}”将于 ${expires} 到期，剩余不足${months}个月；请先续费，续费后重新检测` : null;
    },
  ),
];
