// SVG faces of the documents (ID card front and back, business licence, 核验单), laid out like the real ones, in CJK fonts.
import type { BusinessLicence, IdCardHolder, Random, VerificationFormContent } from './documents';
import { between, pick } from './documents';

/** Pixels per millimetre the card faces are drawn at (an ID card is 85.6 × 54 mm → 1712 × 1080). */
const MM = 20;
export const ID_CARD_SIZE = { width: Math.round(85.6 * MM), height: Math.round(54 * MM) };
export const LICENCE_SIZE = { width: 1700, height: 1200 };
export const FORM_SIZE = { width: 1240, height: 1754 };

const SANS = `'Noto Sans CJK SC', 'Noto Sans CJK', 'WenQuanYi Zen Hei', sans-serif`;
const SERIF = `'Noto Serif CJK SC', 'Noto Serif CJK', 'Noto Sans CJK SC', serif`;
const MONO = `'DejaVu Sans Mono', 'Liberation Mono', 'Noto Sans Mono CJK SC', monospace`;

const text = (x: number, y: number, size: number, fill: string, content: string, family = SANS, extra = '') =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${family}" font-size="${size.toFixed(1)}" fill="${fill}" ${extra}>${content}</text>`;

/** Faint guilloche waves, as on the security background of the card (they cross the text, as on a real one). */
function guilloche(random: Random, width: number, height: number, colour: string, count: number): string {
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const y0 = between(random, 0, height);
    const amplitude = between(random, 10, 60);
    const period = between(random, 120, 400);
    const phase = between(random, 0, Math.PI * 2);
    let d = `M0 ${y0.toFixed(1)}`;
    for (let x = 20; x <= width; x += 20) d += ` L${x} ${(y0 + amplitude * Math.sin((x / period) * Math.PI * 2 + phase)).toFixed(1)}`;
    paths.push(`<path d="${d}" stroke="${colour}" stroke-width="${between(random, 1, 2.5).toFixed(1)}" fill="none" opacity="${between(random, 0.25, 0.5).toFixed(2)}"/>`);
  }
  return paths.join('');
}

/** Address as the card prints it: at most 11 characters a line, up to 3 lines. */
export function addressLines(address: string, perLine = 11): string[] {
  const chars = Array.from(address);
  const lines: string[] = [];
  for (let i = 0; i < chars.length && lines.length < 3; i += perLine) lines.push(chars.slice(i, i + perLine).join(''));
  return lines;
}

const cardFrame = (random: Random, tint: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${ID_CARD_SIZE.width}" height="${ID_CARD_SIZE.height}">` +
  `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${tint}"/><stop offset="1" stop-color="#f6f4ee"/></linearGradient></defs>` +
  `<rect width="100%" height="100%" rx="${3.2 * MM}" fill="url(#g)"/>` +
  guilloche(random, ID_CARD_SIZE.width, ID_CARD_SIZE.height, pick(random, ['#b8cbe0', '#d8c0cc', '#c6d8c6']), 14);

/** Front: 姓名 性别 民族 出生 住址 公民身份号码, the portrait on the right. */
export function idFrontSvg(holder: IdCardHolder, random: Random): string {
  const label = '#3b6fa3';
  const ink = '#161616';
  const [by, bm, bd] = holder.birthDate.split('-').map(Number);
  const x0 = 6 * MM;
  const xv = 17 * MM;
  const address = addressLines(holder.address)
    .map((line, i) => text(xv, 32 * MM + i * 4.6 * MM, 3.4 * MM, ink, line))
    .join('');
  const portrait =
    `<rect x="${55 * MM}" y="${6 * MM}" width="${25 * MM}" height="${32 * MM}" fill="#d9dee4" opacity="0.6"/>` +
    `<ellipse cx="${67.5 * MM}" cy="${19 * MM}" rx="${7 * MM}" ry="${9 * MM}" fill="#6d5a4c"/>` +
    `<path d="M${57 * MM} ${38 * MM} Q${67.5 * MM} ${24 * MM} ${78 * MM} ${38 * MM} Z" fill="#2f3540"/>`;
  return (
    cardFrame(random, pick(random, ['#e9eef2', '#eef0ea', '#f1ece9'])) +
    portrait +
    text(x0, 11 * MM, 3 * MM, label, '姓　名') +
    text(xv, 11 * MM, 4 * MM, ink, holder.name) +
    text(x0, 18 * MM, 3 * MM, label, '性　别') +
    text(xv, 18 * MM, 3.4 * MM, ink, holder.gender) +
    text(24 * MM, 18 * MM, 3 * MM, label, '民　族') +
    text(34.5 * MM, 18 * MM, 3.4 * MM, ink, holder.ethnicity) +
    text(x0, 25 * MM, 3 * MM, label, '出　生') +
    text(xv, 25 * MM, 3.4 * MM, ink, `${by}`) +
    text(26 * MM, 25 * MM, 3 * MM, label, '年') +
    text(30.5 * MM, 25 * MM, 3.4 * MM, ink, `${bm}`) +
    text(35.5 * MM, 25 * MM, 3 * MM, label, '月') +
    text(40 * MM, 25 * MM, 3.4 * MM, ink, `${bd}`) +
    text(44.5 * MM, 25 * MM, 3 * MM, label, '日') +
    text(x0, 32 * MM, 3 * MM, label, '住　址') +
    address +
    text(x0, 47.5 * MM, 3 * MM, label, '公民身份号码') +
    text(28 * MM, 47.5 * MM, 3.9 * MM, ink, holder.idNumber, MONO, `letter-spacing="${0.55 * MM}" font-weight="bold"`) +
    `</svg>`
  );
}

/** The national emblem, drawn simply: a red disc, a gold ring and five stars. */
function emblem(cx: number, cy: number, r: number): string {
  const star = (x: number, y: number, s: number) => {
    const points = Array.from({ length: 10 }, (_, i) => {
      const a = -Math.PI / 2 + (i * Math.PI) / 5;
      const rr = i % 2 === 0 ? s : s * 0.4;
      return `${(x + rr * Math.cos(a)).toFixed(1)},${(y + rr * Math.sin(a)).toFixed(1)}`;
    });
    return `<polygon points="${points.join(' ')}" fill="#f2c230"/>`;
  };
  return (
    `<circle cx="${cx}" cy="${cy}" r="${r}" fill="#c8202a"/><circle cx="${cx}" cy="${cy}" r="${r * 0.93}" fill="none" stroke="#f2c230" stroke-width="${r * 0.06}"/>` +
    star(cx, cy - r * 0.35, r * 0.3) +
    [-0.55, -0.2, 0.2, 0.55].map((dx, i) => star(cx + dx * r, cy - r * 0.62 + (i === 0 || i === 3 ? 0.15 : 0) * r, r * 0.1)).join('')
  );
}

/** Back: emblem, 中华人民共和国 居民身份证, 签发机关, 有效期限 (`2016.03.07-2036.03.07` or `…-长期`). */
export function idBackSvg(holder: IdCardHolder, random: Random): string {
  const label = '#2b2b2b';
  const ink = '#161616';
  const dot = (iso: string) => iso.replaceAll('-', '.');
  const validity = `${dot(holder.validFrom)}-${holder.validUntil ? dot(holder.validUntil) : '长期'}`;
  return (
    cardFrame(random, pick(random, ['#e6edf3', '#eceff0'])) +
    emblem(15 * MM, 15 * MM, 9 * MM) +
    text(30 * MM, 15 * MM, 5.6 * MM, ink, '中华人民共和国', SERIF, 'font-weight="bold" letter-spacing="8"') +
    text(30 * MM, 26 * MM, 7.2 * MM, ink, '居民身份证', SERIF, 'font-weight="bold" letter-spacing="16"') +
    text(16 * MM, 41 * MM, 3 * MM, label, '签发机关') +
    text(31 * MM, 41 * MM, 3.4 * MM, ink, holder.issuingAuthority) +
    text(16 * MM, 48 * MM, 3 * MM, label, '有效期限') +
    text(31 * MM, 48 * MM, 3.4 * MM, ink, validity) +
    `</svg>`
  );
}

/** Business licence: a patterned border, 营业执照, the credit code, two columns of fields and a red seal. */
export function licenceSvg(licence: BusinessLicence, random: Random): string {
  const { width, height } = LICENCE_SIZE;
  const ink = '#1a1a1a';
  const border = '#b0462e';
  const labelSize = 30;
  const valueSize = 32;
  const row = (y: number, x: number, labelText: string, value: string) => text(x, y, labelSize, ink, labelText) + text(x + 170, y, valueSize, ink, value);
  const [ey, em, ed] = licence.establishedOn.split('-').map(Number);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="100%" height="100%" fill="#fbf8ef"/>` +
    `<rect x="30" y="30" width="${width - 60}" height="${height - 60}" fill="none" stroke="${border}" stroke-width="18"/>` +
    `<rect x="58" y="58" width="${width - 116}" height="${height - 116}" fill="none" stroke="${border}" stroke-width="4"/>` +
    guilloche(random, width, height, '#e5d2b0', 6) +
    emblem(width / 2, 150, 60) +
    text(width / 2, 300, 96, ink, '营业执照', SERIF, 'font-weight="bold" text-anchor="middle" letter-spacing="30"') +
    text(120, 190, 26, ink, '统一社会信用代码') +
    text(120, 236, 32, ink, licence.creditCode, MONO, 'letter-spacing="2"') +
    text(width - 330, 190, 26, ink, '（副　本）') +
    row(420, 120, '名　　称', licence.entityName) +
    row(500, 120, '类　　型', '有限责任公司（自然人投资或控股）') +
    row(580, 120, '法定代表人', licence.legalRepresentative) +
    text(120, 660, labelSize, ink, '经营范围') +
    text(290, 660, 28, ink, '技术开发、技术服务、技术咨询；软件开发；') +
    text(290, 705, 28, ink, '信息系统集成服务；广告设计、制作。') +
    row(420, 900, '注册资本', licence.registeredCapital) +
    row(500, 900, '成立日期', `${ey}年${String(em).padStart(2, '0')}月${String(ed).padStart(2, '0')}日`) +
    row(580, 900, '住　　所', licence.address.slice(0, 14)) +
    text(1070, 625, valueSize, ink, licence.address.slice(14)) +
    text(1060, 960, 30, ink, '登记机关') +
    `<circle cx="1260" cy="960" r="110" fill="none" stroke="#d42a2a" stroke-width="8" opacity="0.75"/>` +
    `<polygon points="1260,905 1275,950 1322,950 1284,978 1298,1024 1260,996 1222,1024 1236,978 1198,950 1245,950" fill="#d42a2a" opacity="0.7"/>` +
    text(1040, 1080, 28, ink, `${ey + 1}年${em}月${ed}日`) +
    `</svg>`
  );
}

/** 网站备案信息真实性核验单: a bordered table with 主办单位名称 and 网站名称 among the rows, and a signature box. */
export function verificationFormSvg(form: VerificationFormContent, random: Random): string {
  const { width, height } = FORM_SIZE;
  const ink = '#151515';
  const left = 100;
  const right = width - 100;
  const split = 420;
  const rows: [string, string][] = [
    ['主办单位名称', form.entityName],
    ['网站名称', form.websiteName],
    ['网站负责人姓名', form.principalName],
    ['网站域名', form.domain],
    ['网站首页网址', `https://www.${form.domain}/`],
    ['核验人员', pick(random, ['张敏', '李娜', '王强'])],
  ];
  const top = 330;
  const rowH = 110;
  const table = rows
    .map(([labelText, value], i) => {
      const y = top + i * rowH;
      return (
        `<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" stroke="${ink}" stroke-width="2"/>` + text(left + 24, y + 68, 32, ink, labelText) + text(split + 24, y + 68, 34, ink, value)
      );
    })
    .join('');
  const bottom = top + rows.length * rowH;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="100%" height="100%" fill="#fdfdfb"/>` +
    text(width / 2, 200, 56, ink, '网站备案信息真实性核验单', SERIF, 'font-weight="bold" text-anchor="middle"') +
    text(left, 280, 26, ink, '（本单由接入服务单位留存，请认真核对，如实填写）') +
    table +
    `<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="${ink}" stroke-width="2"/>` +
    `<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="${ink}" stroke-width="3"/>` +
    `<line x1="${split}" y1="${top}" x2="${split}" y2="${bottom}" stroke="${ink}" stroke-width="2"/>` +
    text(left, bottom + 110, 30, ink, '本人已认真阅读上述内容，确认所填信息真实有效。') +
    text(left, bottom + 260, 30, ink, '网站负责人签字：') +
    `<path d="M${left + 260} ${bottom + 250} q40 -50 80 0 t80 -10 t70 5" stroke="#1d2a6b" stroke-width="4" fill="none"/>` +
    text(left, bottom + 360, 30, ink, `日期：${2025}年${String(Math.floor(between(random, 1, 13))).padStart(2, '0')}月`) +
    `</svg>`
  );
}
