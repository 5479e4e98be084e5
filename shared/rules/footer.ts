// What the live homepage footer must show: the filing number the province expects, linked to the MIIT site.
import { provinceRules } from '../data/provinceRules';
import type { ChangeBase } from '../domain/change';

export const MIIT_BEIAN_URL = 'https://beian.miit.gov.cn/';

/** The number the footer must show: the website number (`-N`), or the entity number where the province says so (广东). */
export function expectedFooterNumber(base: Pick<ChangeBase, 'province' | 'entityFilingNumber' | 'website'>): string {
  return provinceRules(base.province).footerShowsEntityNumber ? base.entityFilingNumber : base.website.websiteFilingNumber;
}

/** The exact HTML to paste into the homepage footer: the expected number linked to the MIIT site. */
export function footerSnippet(base: Pick<ChangeBase, 'province' | 'entityFilingNumber' | 'website'>): string {
  return `<a href="${MIIT_BEIAN_URL}" target="_blank">${expectedFooterNumber(base)}</a>`;
}

/**
 * The page's text with its tags removed, in one pass: `html.replace(/<[^>]*>/g, '')` does the same but takes
 * quadratic time on a page of unclosed `<` — and the page is whatever the applicant's server answers.
 */
export function visibleText(html: string): string {
  const parts: string[] = [];
  let i = 0;
  while (i < html.length) {
    const open = html.indexOf('<', i);
    if (open < 0) break;
    const close = html.indexOf('>', open + 1);
    if (close < 0) break; // an unclosed `<` is text, like everything after it
    parts.push(html.slice(i, open));
    i = close + 1;
  }
  parts.push(html.slice(i));
  return parts.join('');
}

/**
 * Whether a homepage's HTML shows the expected number and links to the MIIT site (the online footer check feeds it the
 * fetched page). Whitespace inside the number is ignored because pages often wrap it in spans.
 */
export function footerProblem(html: string, base: Pick<ChangeBase, 'province' | 'entityFilingNumber' | 'website'>): string | null {
  const expected = expectedFooterNumber(base);
  const text = visibleText(html).replace(/\s+/g, '');
  if (!text.includes(expected)) return `网站首页底部没有显示备案号“${expected}”，请在首页底部添加`;
  // A website number shown where the entity one is expected (or vice versa) contains the other as a prefix; check the exact form.
  if (expected === base.entityFilingNumber && text.includes(`${expected}-`)) {
    return `本省要求网站首页底部显示主体备案号“${expected}”（不带“-序号”），请修改`;
  }
  if (!/beian\.miit\.gov\.cn/i.test(html)) return `网站首页底部的备案号需链接到 ${MIIT_BEIAN_URL}，请添加链接`;
  return null;
}
