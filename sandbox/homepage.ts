// Homepages of the seeded websites, served by Host header (the reviewer judges their footer with the shared footer rule).
import type { FiledEntity, FiledWebsite } from '../shared/domain/filing';
import { expectedFooterNumber, MIIT_BEIAN_URL } from '../shared/rules/footer';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The HTML a seeded website serves at `/`: the footer shows the number its province expects (广东: the entity number),
 * linked to the MIIT site; with `footerShowsFilingNumber` false it has no filing number (the broken site).
 */
export function renderHomepage(entity: FiledEntity, website: FiledWebsite, footerShowsFilingNumber: boolean): string {
  const number = expectedFooterNumber({ province: entity.province, entityFilingNumber: entity.entityFilingNumber, website });
  const footer = footerShowsFilingNumber
    ? `<p>© ${new Date().getFullYear()} ${esc(entity.name)} 版权所有 · <a href="${MIIT_BEIAN_URL}" target="_blank" rel="noopener">${esc(number)}</a></p>`
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
