// Homepage rules: the URL is on one of the website's own domains (offline), the live page answers, and its footer shows
// the filing number linked to the MIIT site (both from the fetched page; the fetch itself is the BFF's network code).
import { footerProblem, footerSnippet } from '../../footer';
import { homepageIssues } from '../../formIssues';
import type { Rule, RuleContext } from '../types';

/** Only a homepage on the website's own domains is fetched (a URL elsewhere fails offline and is never requested). */
export function homepageOnOwnDomain(ctx: Pick<RuleContext, 'form'>): boolean {
  return homepageIssues(ctx.form).errors.length === 0;
}

export const HOMEPAGE_RULES: readonly Rule[] = [
  {
    id: 'homepage_on_domain',
    severity: 'fail',
    group: 'homepage_reachable',
    scope: 'submission',
    needs: [],
    fields: ['homepageUrl'],
    title: '网站首页地址使用本网站的域名',
    why: "The homepage must be one of the website's own domains; reviewers open it (and we never fetch an address elsewhere).",
    check(ctx, out) {
      for (const e of homepageIssues(ctx.form).errors) out.problem(e.path, e.message);
    },
  },
  {
    id: 'homepage_reachable',
    severity: 'fail',
    group: 'homepage_reachable',
    scope: 'submission',
    needs: ['homepage'],
    fields: ['homepageUrl'],
    title: '网站首页可以访问',
    why: 'DOMAIN.md "Checks — Homepage reachable": HTTP 200 within a few seconds; the website must stay reachable during the change.',
    appliesTo: homepageOnOwnDomain,
    check(ctx, out) {
      const page = ctx.facts.homepage;
      if (!page) return;
      const url = ctx.form.homepageUrl.trim();
      if (!page.reachable && page.offDomain === 'url') out.problem('homepageUrl', `网站首页地址 ${url} 在浏览器中打开的不是本网站的域名，请使用本网站的域名`);
      else if (!page.reachable && page.offDomain === 'redirect') out.problem('homepageUrl', `网站首页 ${url} 跳转到了本网站域名以外的地址；备案期间首页须在本网站的域名下正常打开`);
      else if (!page.reachable)
        out.problem('homepageUrl', `网站首页无法访问：${url} 没有从公网打开（域名解析失败、无法连接或响应过慢都会如此）；备案期间网站须保持可以访问，请恢复访问后重新检测`);
      else if (page.status !== 200) out.problem('homepageUrl', `网站首页 ${url} 返回 HTTP ${page.status}；备案期间首页须能正常打开，请修复后重新检测`);
    },
  },
  {
    id: 'footer_filing_number',
    severity: 'fail',
    group: 'footer_filing_number',
    scope: 'submission',
    needs: ['homepage'],
    fields: ['homepageUrl'],
    title: '首页底部展示备案号并链接到工信部网站',
    why: 'DOMAIN.md "Checks — Footer": the live homepage shows the website number with -N (广东: the entity number) linked to https://beian.miit.gov.cn/.',
    blocker: 'fix_footer',
    appliesTo: homepageOnOwnDomain,
    check(ctx, out) {
      const page = ctx.facts.homepage;
      if (!page) return;
      if (!page.reachable || page.status !== 200) {
        out.unknown('首页无法正常打开，无法核对底部备案号；恢复访问后重新检测');
        return;
      }
      const problem = footerProblem(page.html, ctx.base);
      if (problem) out.problem('homepageUrl', `${problem}。可复制以下代码加入首页底部：${footerSnippet(ctx.base)}，发布后重新检测`);
    },
  },
];
