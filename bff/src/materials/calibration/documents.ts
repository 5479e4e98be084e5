// Flat renderings (SVG) of the documents applicants photograph: ID card front/back, A4 forms, business licences.
// Real Chinese text in Noto CJK (the CI font), so a photo of them has the strokes and spacing of real print.

export type DocumentKind = 'id_front' | 'id_back' | 'a4_form' | 'licence';

/** A box in document coordinates, as fractions of its width and height. */
export interface DocBox {
  u0: number;
  v0: number;
  u1: number;
  v1: number;
}

export interface DocumentArt {
  kind: DocumentKind;
  svg: string;
  width: number;
  height: number;
  /** Where the text is (a glare there hides it). */
  text: DocBox;
  /** A part of the document without text (a glare there hides nothing). */
  blank: DocBox;
}

/** Width / height of each document (ID card 85.6 × 54 mm, A4 210 × 297 mm portrait, licence landscape). */
export const DOCUMENT_ASPECT: Record<DocumentKind, number> = {
  id_front: 85.6 / 54,
  id_back: 85.6 / 54,
  a4_form: 210 / 297,
  licence: 297 / 210,
};

/** Size of the body text (font size, em) as a share of the document's width, as drawn below: values on an ID card are
 * 5.8 % of its height, the 核验单 prints 4.2 mm on 210 mm, the licence 5.2 mm on 297 mm. */
export const BODY_TEXT_SIZE: Record<DocumentKind, number> = {
  id_front: 0.058 / DOCUMENT_ASPECT.id_front,
  id_back: 0.058 / DOCUMENT_ASPECT.id_back,
  a4_form: 4.2 / 210,
  licence: 5.2 / 297,
};

const SANS = 'font-family="\'Noto Sans CJK SC\', sans-serif"';
const SERIF = 'font-family="\'Noto Serif CJK SC\', serif"';

const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄晓明', '周婷', '吴刚'];
const STREETS = ['南山区科技园科苑路15号', '天河区体育西路191号', '西湖区文三路478号', '浦东新区张江路88号', '鼓楼区中山北路30号'];
const CITIES = ['广东省深圳市', '广东省广州市', '浙江省杭州市', '上海市', '江苏省南京市'];
const COMPANIES = ['深圳市示例科技有限公司', '杭州云帆网络科技有限公司', '南京青禾信息技术有限公司', '上海明远数据服务有限公司'];
const PHRASES = [
  '本单位承诺所提交的备案信息真实有效',
  '网站内容与备案信息一致',
  '不从事新闻出版教育医疗等前置审批业务',
  '如有变更将及时办理变更手续',
  '网站负责人已知悉相关法律法规',
  '主办单位对网站内容承担全部责任',
  '同意接受电信管理机构的监督检查',
  '网站服务内容为企业介绍与产品展示',
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)];
const digits = (random: () => number, n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

function text(x: number, y: number, size: number, value: string, attrs = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${size.toFixed(1)}" ${SANS} ${attrs}>${esc(value)}</text>`;
}

function idFront(w: number, h: number, random: () => number): DocumentArt {
  const name = pick(random, NAMES);
  const address = pick(random, CITIES) + pick(random, STREETS);
  const id = `4403${digits(random, 2)}19${digits(random, 2)}0${1 + Math.floor(random() * 9)}1${digits(random, 1)}${digits(random, 4)}`;
  const label = (x: number, y: number, s: string) => text(w * x, h * y, h * 0.048, s, 'fill="#2f6f9a"');
  const value = (x: number, y: number, s: string, size = 0.058) => text(w * x, h * y, h * size, s, 'fill="#141414"');
  // Fine background guilloche: low contrast, like the printed security pattern.
  const waves = Array.from({ length: 14 }, (_, i) => {
    const y = h * (0.08 + i * 0.065);
    return `<path d="M0 ${y.toFixed(1)} Q ${(w * 0.25).toFixed(1)} ${(y - h * 0.03).toFixed(1)} ${(w * 0.5).toFixed(1)} ${y.toFixed(1)} T ${w} ${y.toFixed(1)}" stroke="#d9e3e6" stroke-width="${(h * 0.004).toFixed(1)}" fill="none"/>`;
  }).join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#eef2f2"/><stop offset="1" stop-color="#f4eee2"/></linearGradient></defs>` +
    `<rect width="${w}" height="${h}" rx="${(h * 0.05).toFixed(1)}" fill="url(#g)"/>${waves}` +
    label(0.06, 0.17, '姓名') +
    value(0.17, 0.17, name, 0.066) +
    label(0.06, 0.31, '性别') +
    value(0.17, 0.31, random() < 0.5 ? '男' : '女') +
    label(0.3, 0.31, '民族') +
    value(0.4, 0.31, '汉') +
    label(0.06, 0.45, '出生') +
    value(0.17, 0.45, `19${digits(random, 2)} 年 ${1 + Math.floor(random() * 12)} 月 ${1 + Math.floor(random() * 28)} 日`) +
    label(0.06, 0.59, '住址') +
    value(0.17, 0.59, address.slice(0, 11)) +
    value(0.17, 0.68, address.slice(11)) +
    label(0.06, 0.87, '公民身份号码') +
    value(0.33, 0.87, id, 0.07) +
    `<rect x="${w * 0.64}" y="${h * 0.12}" width="${w * 0.3}" height="${h * 0.62}" fill="#dfe7ec"/>` +
    `<ellipse cx="${w * 0.79}" cy="${h * 0.36}" rx="${w * 0.075}" ry="${h * 0.14}" fill="#5d4b40"/>` +
    `<path d="M${w * 0.66} ${h * 0.74} Q ${w * 0.79} ${h * 0.46} ${w * 0.92} ${h * 0.74} Z" fill="#3c4f6b"/>` +
    `</svg>`;
  return { kind: 'id_front', svg, width: w, height: h, text: { u0: 0.05, v0: 0.1, u1: 0.6, v1: 0.9 }, blank: { u0: 0.66, v0: 0.02, u1: 0.94, v1: 0.09 } };
}

function idBack(w: number, h: number, random: () => number): DocumentArt {
  const year = 2012 + Math.floor(random() * 10);
  const md = `${String(1 + Math.floor(random() * 12)).padStart(2, '0')}.${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  const star = (cx: number, cy: number, r: number) => {
    const pts = Array.from({ length: 10 }, (_, i) => {
      const a = -Math.PI / 2 + (i * Math.PI) / 5;
      const rr = i % 2 ? r * 0.4 : r;
      return `${(cx + rr * Math.cos(a)).toFixed(1)},${(cy + rr * Math.sin(a)).toFixed(1)}`;
    });
    return `<polygon points="${pts.join(' ')}" fill="#f2c94c"/>`;
  };
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#e8eef3"/><stop offset="1" stop-color="#f3efe6"/></linearGradient></defs>` +
    `<rect width="${w}" height="${h}" rx="${(h * 0.05).toFixed(1)}" fill="url(#g)"/>` +
    `<circle cx="${w * 0.14}" cy="${h * 0.24}" r="${h * 0.15}" fill="#c8102e"/>` +
    star(w * 0.14, h * 0.21, h * 0.06) +
    star(w * 0.1, h * 0.3, h * 0.02) +
    star(w * 0.18, h * 0.3, h * 0.02) +
    `<text x="${w * 0.3}" y="${h * 0.22}" font-size="${h * 0.08}" ${SERIF} font-weight="bold" fill="#1d1d1d">中华人民共和国</text>` +
    `<text x="${w * 0.3}" y="${h * 0.4}" font-size="${h * 0.12}" ${SERIF} font-weight="bold" fill="#1d1d1d" letter-spacing="${h * 0.02}">居民身份证</text>` +
    text(w * 0.18, h * 0.72, h * 0.05, '签发机关', 'fill="#2f6f9a"') +
    text(w * 0.36, h * 0.72, h * 0.058, `${pick(random, ['深圳市', '广州市', '杭州市'])}公安局${pick(random, ['南山', '天河', '西湖'])}分局`, 'fill="#141414"') +
    text(w * 0.18, h * 0.86, h * 0.05, '有效期限', 'fill="#2f6f9a"') +
    text(w * 0.36, h * 0.86, h * 0.058, `${year}.${md}-${year + 20}.${md}`, 'fill="#141414"') +
    `</svg>`;
  return { kind: 'id_back', svg, width: w, height: h, text: { u0: 0.16, v0: 0.6, u1: 0.9, v1: 0.92 }, blank: { u0: 0.8, v0: 0.05, u1: 0.97, v1: 0.5 } };
}

function a4Form(w: number, h: number, random: () => number, paper: string): DocumentArt {
  const s = w / 210; // px per mm
  const parts: string[] = [`<rect width="${w}" height="${h}" fill="${paper}"/>`];
  parts.push(`<text x="${w / 2}" y="${28 * s}" font-size="${7 * s}" ${SERIF} font-weight="bold" text-anchor="middle" fill="#111">网站备案信息真实性核验单</text>`);
  const rows: [string, string][] = [
    ['主办单位名称', pick(random, COMPANIES)],
    ['主体备案号', `粤ICP备${digits(random, 8)}号`],
    ['网站名称', '示例科技产品介绍'],
    ['网站备案号', `粤ICP备${digits(random, 8)}号-1`],
    ['网站域名', 'example.com；例子.中国'],
    ['网站负责人', pick(random, NAMES)],
    ['证件号码', `4403************${digits(random, 2)}1X`],
    ['联系电话', `139${digits(random, 8)}`],
  ];
  const x0 = 18 * s,
    x1 = w - 18 * s,
    col = 58 * s,
    rowH = 11 * s;
  let y = 38 * s;
  for (const [k, v] of rows) {
    parts.push(`<rect x="${x0}" y="${y}" width="${x1 - x0}" height="${rowH}" fill="none" stroke="#222" stroke-width="${0.35 * s}"/>`);
    parts.push(`<line x1="${x0 + col}" y1="${y}" x2="${x0 + col}" y2="${y + rowH}" stroke="#222" stroke-width="${0.35 * s}"/>`);
    parts.push(text(x0 + 3 * s, y + 7.3 * s, 4.2 * s, k, 'fill="#111"'));
    parts.push(text(x0 + col + 3 * s, y + 7.3 * s, 4.2 * s, v, 'fill="#111"'));
    y += rowH;
  }
  y += 10 * s;
  const textTop = 38 * s;
  for (let i = 0; i < 9; i++) {
    const line = Array.from({ length: 2 }, () => pick(random, PHRASES)).join('，') + '。';
    parts.push(text(x0, y, 4.2 * s, line, 'fill="#1a1a1a"'));
    y += 7.5 * s;
  }
  // The empty signature and fingerprint boxes: large blank areas framed by lines, as on the real form.
  const boxTop = y + 6 * s;
  parts.push(`<rect x="${x0}" y="${boxTop}" width="${(x1 - x0) * 0.62}" height="${38 * s}" fill="none" stroke="#222" stroke-width="${0.35 * s}"/>`);
  parts.push(`<rect x="${x0 + (x1 - x0) * 0.66}" y="${boxTop}" width="${(x1 - x0) * 0.34}" height="${38 * s}" fill="none" stroke="#222" stroke-width="${0.35 * s}"/>`);
  parts.push(text(x0 + 3 * s, boxTop + 7 * s, 4 * s, '网站负责人签字：', 'fill="#111"'));
  parts.push(text(x0 + (x1 - x0) * 0.66 + 3 * s, boxTop + 7 * s, 4 * s, '指纹：', 'fill="#111"'));
  parts.push(text(x1 - 60 * s, boxTop + 52 * s, 4.2 * s, `日期：2025年${1 + Math.floor(random() * 12)}月${1 + Math.floor(random() * 28)}日`, 'fill="#111"'));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${parts.join('')}</svg>`;
  return {
    kind: 'a4_form',
    svg,
    width: w,
    height: h,
    text: { u0: 0.08, v0: textTop / h, u1: 0.92, v1: y / h },
    blank: { u0: 0.1, v0: (boxTop + 12 * s) / h, u1: 0.6, v1: (boxTop + 36 * s) / h },
  };
}

function licence(w: number, h: number, random: () => number): DocumentArt {
  const s = w / 297;
  const parts: string[] = [
    `<rect width="${w}" height="${h}" fill="#f6f1e4"/>`,
    `<rect x="${8 * s}" y="${8 * s}" width="${w - 16 * s}" height="${h - 16 * s}" fill="none" stroke="#b8863b" stroke-width="${2.5 * s}"/>`,
    `<rect x="${12 * s}" y="${12 * s}" width="${w - 24 * s}" height="${h - 24 * s}" fill="none" stroke="#b8863b" stroke-width="${0.8 * s}"/>`,
    `<circle cx="${w / 2}" cy="${30 * s}" r="${10 * s}" fill="#c8102e"/>`,
    `<text x="${w / 2}" y="${62 * s}" font-size="${16 * s}" ${SERIF} font-weight="bold" text-anchor="middle" fill="#111" letter-spacing="${4 * s}">营业执照</text>`,
  ];
  const fields: [string, string][] = [
    ['统一社会信用代码', `91440300MA5D${digits(random, 5)}X`],
    ['名称', pick(random, COMPANIES)],
    ['类型', '有限责任公司'],
    ['法定代表人', pick(random, NAMES)],
    ['经营范围', '计算机软件开发；信息技术咨询服务'],
    ['注册资本', `人民币${100 + Math.floor(random() * 900)}万元`],
    ['成立日期', `20${10 + Math.floor(random() * 14)}年0${1 + Math.floor(random() * 9)}月1${Math.floor(random() * 9)}日`],
    ['住所', pick(random, CITIES) + pick(random, STREETS)],
  ];
  let y = 84 * s;
  for (const [k, v] of fields) {
    parts.push(text(30 * s, y, 5.2 * s, k, 'fill="#1a1a1a"'));
    parts.push(text(80 * s, y, 5.2 * s, v, 'fill="#1a1a1a"'));
    y += 11 * s;
  }
  // Registration seal (red ring with text) and a QR-like block in the corner.
  parts.push(`<circle cx="${w - 62 * s}" cy="${h - 48 * s}" r="${21 * s}" fill="none" stroke="#d2232a" stroke-width="${1.6 * s}" opacity="0.85"/>`);
  parts.push(`<text x="${w - 62 * s}" y="${h - 46 * s}" font-size="${4 * s}" ${SANS} text-anchor="middle" fill="#d2232a" opacity="0.85">登记机关</text>`);
  const qx = w - 60 * s,
    qy = 22 * s,
    cell = 1.6 * s;
  for (let i = 0; i < 21; i++)
    for (let j = 0; j < 21; j++) {
      if (random() < 0.5) parts.push(`<rect x="${(qx + i * cell).toFixed(1)}" y="${(qy + j * cell).toFixed(1)}" width="${cell.toFixed(1)}" height="${cell.toFixed(1)}" fill="#111"/>`);
    }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${parts.join('')}</svg>`;
  return { kind: 'licence', svg, width: w, height: h, text: { u0: 0.09, v0: 0.22, u1: 0.75, v1: (y - 4 * s) / h }, blank: { u0: 0.05, v0: 0.05, u1: 0.3, v1: 0.16 } };
}

/** The document of this kind at `width` px, its text and names drawn with `random`; `paper` only for A4 (scans are pure white). */
export function documentArt(kind: DocumentKind, width: number, random: () => number, paper = '#f7f6f1'): DocumentArt {
  const height = Math.round(width / DOCUMENT_ASPECT[kind]);
  switch (kind) {
    case 'id_front':
      return idFront(width, height, random);
    case 'id_back':
      return idBack(width, height, random);
    case 'a4_form':
      return a4Form(width, height, random, paper);
    case 'licence':
      return licence(width, height, random);
  }
}
