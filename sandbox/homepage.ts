// Homepages of the seeded websites, served by Host header, and the footer check a reviewer runs on them.
import type { FiledEntity, FiledWebsite } from '../shared/domain/filing';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The HTML a seeded website serves at `/`; with `footerShowsFilingNumber` false the footer has no filing number (the broken site). */
export function renderHomepage(entity: FiledEntity, website: FiledWebsite, footerShowsFilingNumber: boolean): string {
  const footer = footerShowsFilingNumber
    ? `<p>© ${new Date().getFullYear()} ${esc(entity.name)} 版权所有 · <a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener">${esc(website.websiteFilingNumber)}</a></p>`
    : `<p>© ${new Date().getFullYear()} ${esc(entity.name)} 版权所有 · 联系我们：${esc(website.principal.email)}</p>`;
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(website.name)}</title>
<style>body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:0;color:#1f2933}header{background:#1d4ed8;color:#fff;padding:48px 24px}main{padding:24px;max-width:720px}footer{border-top:1px solid #e4e7eb;padding:16px 24px;color:#52606d;font-size:14px}footer a{color:#52606d}</style>
</head>
<body>
<header><h1>${esc(website.name)}</h1><p>${esc(website.serviceContent.join(' · '))}</p></header>
<main><p>欢迎访问${esc(website.name)}。本站由${esc(entity.name)}运营。</p></main>
<footer>${footer}</footer>
</body>
</html>`;
}

const MIIT_LINK = /<a\b[^>]*href\s*=\s*["']https?:\/\/beian\.miit\.gov\.cn\/?["'][^>]*>([\s\S]*?)<\/a>/gi;

export type FooterProblem = 'no_link' | 'wrong_number' | null;

/**
 * Whether a homepage shows the filing number linked to beian.miit.gov.cn: the website number with its `-N`
 * suffix, or in 广东 the entity number (DOMAIN.md).
 */
export function footerProblem(html: string, websiteNumber: string, entityNumber: string, province: string): FooterProblem {
  const texts = [...html.matchAll(MIIT_LINK)].map((m) => m[1].replace(/<[^>]+>/g, '').replace(/\s+/g, ''));
  if (texts.length === 0) return 'no_link';
  const accepted = province === '粤' ? [websiteNumber, entityNumber] : [websiteNumber];
  return texts.some((t) => accepted.includes(t)) ? null : 'wrong_number';
}
