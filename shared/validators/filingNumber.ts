// Filing numbers: entity 粤ICP备12345678号, website 粤ICP备12345678号-3 (8 or 10 digits).
import { z } from 'zod';
import { EVERYDAY_SHORT_NAMES, PROVINCE_CODES, provinceName } from '../rules/provinces';

const PROV = `[${PROVINCE_CODES.join('')}]`;
const ENTITY = new RegExp(`^${PROV}ICP备(\\d{8}|\\d{10})号$`);
const WEBSITE = new RegExp(`^${PROV}ICP备(\\d{8}|\\d{10})号-([1-9]\\d{0,3})$`);
// Licences (经营许可证) often carry a province prefix too: 粤B2-20090059.
const LICENCE = new RegExp(`ICP证|^${PROV}?B\\d-\\d{8}$`);

/** Far above the longest real number (粤ICP备2026001073号-1234, with spaces a paste may add): checked before any pattern. */
const FILING_NUMBER_MAX = 40;

function normalise(s: string): string {
  return s
    .trim()
    .replace(/\s+/g, '')
    .replace(/icp/gi, 'ICP')
    .replace(/－|—|–/g, '-');
}

function filingMessage(s: string, kind: 'entity' | 'website'): string {
  if (LICENCE.test(s)) return '这是ICP经营许可证号，不是备案号；备案号形如 粤ICP备12345678号';
  const prefix = EVERYDAY_SHORT_NAMES[s.charAt(0)];
  if (prefix && s.slice(1).startsWith('ICP备')) {
    return `${provinceName(prefix)}的备案号以“${prefix}”开头，不是“${s.charAt(0)}”，应形如 ${prefix}${s.slice(1)}`;
  }
  if (kind === 'entity' && WEBSITE.test(s)) return '这是网站备案号，主体备案号不带“-序号”，形如 粤ICP备12345678号';
  if (kind === 'website' && ENTITY.test(s)) return '网站备案号需带“-序号”，形如 粤ICP备12345678号-1';
  return kind === 'entity' ? '主体备案号格式不正确，应形如 粤ICP备12345678号' : '网站备案号格式不正确，应形如 粤ICP备12345678号-1';
}

export const entityFilingNumber = z
  .string({ error: '请填写主体备案号' })
  .max(FILING_NUMBER_MAX, { error: '主体备案号格式不正确，应形如 粤ICP备12345678号' })
  .transform(normalise)
  .superRefine((s, ctx) => {
    if (!ENTITY.test(s)) ctx.addIssue({ code: 'custom', message: filingMessage(s, 'entity') });
  });

export const websiteFilingNumber = z
  .string({ error: '请填写网站备案号' })
  .max(FILING_NUMBER_MAX, { error: '网站备案号格式不正确，应形如 粤ICP备12345678号-1' })
  .transform(normalise)
  .superRefine((s, ctx) => {
    if (!WEBSITE.test(s)) ctx.addIssue({ code: 'custom', message: filingMessage(s, 'website') });
  });

/** The entity number a website number belongs to (粤ICP备12345678号-3 → 粤ICP备12345678号). */
export function entityNumberOf(websiteNumber: string): string {
  return websiteNumber.replace(/-\d+$/, '');
}
