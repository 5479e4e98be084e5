// Generates the capture screen's example photos (what a good photo of each material kind looks like) into
// bff/assets/material-examples/<kind>.jpg: the sandbox's sample documents, flat on a desk, all four corners in the
// frame, evenly lit, marked 示例. The BFF serves them (GET /api/material-examples/:kind), so no package carries them.
// Usage: npm run examples:photos   (re-run after changing the documents; the JPEGs are committed)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { materialKind, type MaterialKind } from '../shared/domain/filing';
import { renderImageSvg } from '../sandbox/images';
import { makeResidentId } from '../sandbox/seed';
import { EXAMPLES_DIR } from '../bff/src/materials/examples';

const FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Zen Hei', sans-serif";
const PERSON = { name: '王示例', idNumber: makeResidentId('330106', '19880412', '021'), idValidUntil: '2036-04-12' };

/** An A4 letter (authorisation, change statement, other) drawn like the sandbox's forms: title, lines of text, signature. */
function letterSvg(title: string, lines: string[]): string {
  const body = lines.map((line, i) => `<text x="150" y="${430 + i * 80}" font-family="${FONT}" font-size="38" fill="#1f2933">${line}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754">
  <rect width="1240" height="1754" fill="#fdfdfb"/>
  <text x="620" y="240" font-family="${FONT}" font-size="72" font-weight="bold" fill="#1f2933" text-anchor="middle">${title}</text>
  ${body}
  <text x="150" y="1420" font-family="${FONT}" font-size="38" fill="#1f2933">签字：${PERSON.name}</text>
  <text x="150" y="1520" font-family="${FONT}" font-size="38" fill="#1f2933">日期：2026年03月18日</text>
  <circle cx="950" cy="1460" r="120" fill="none" stroke="#c0392b" stroke-width="8" stroke-opacity="0.8"/>
  <text x="950" y="1475" font-family="${FONT}" font-size="34" fill="#c0392b" text-anchor="middle">公章</text>
</svg>`;
}

function documentSvg(kind: MaterialKind): string {
  switch (kind) {
    case 'id_front':
    case 'id_back':
      return renderImageSvg({ kind, ...PERSON });
    case 'verification_form':
      return renderImageSvg({ kind, ...PERSON, entityName: '杭州示例网络科技有限公司', websiteName: '示例科技官网', domains: ['example-tech.cn'] });
    case 'authorization_letter':
      return letterSvg('授权书', ['兹授权王示例办理本单位网站备案变更事宜，', '包括提交资料、接收核验短信等。', '授权单位：杭州示例网络科技有限公司', '有效期：自签署之日起三个月']);
    case 'change_letter':
      return letterSvg('变更说明', ['本单位网站“示例科技官网”因业务调整，', '申请变更网站名称及网站负责人，', '特此说明。', '单位：杭州示例网络科技有限公司']);
    case 'pre_approval':
      return letterSvg('前置审批文件', ['（示例）出版物经营许可证', '许可证编号：新出发浙字第示例号', '经营单位：杭州示例网络科技有限公司', '有效期至：2029年12月31日']);
    case 'other':
      return letterSvg('补充材料', ['按管局要求提供的其他材料：', '整页拍摄，四角完整，', '文字清晰，无反光、无遮挡。']);
  }
}

/** The document flat on a light desk, filling most of the frame with a margin on every side, a soft contact shadow. */
async function examplePhoto(kind: MaterialKind): Promise<Buffer> {
  const landscape = kind === 'id_front' || kind === 'id_back';
  const frame = landscape ? { width: 720, height: 520 } : { width: 540, height: 720 };
  const docWidth = Math.round(frame.width * (landscape ? 0.84 : 0.8));
  const doc = await sharp(Buffer.from(documentSvg(kind)))
    .resize({ width: docWidth })
    .png()
    .toBuffer({ resolveWithObject: true });
  const left = Math.round((frame.width - doc.info.width) / 2);
  const top = Math.round((frame.height - doc.info.height) / 2);
  const radius = landscape ? 18 : 2;
  const rounded = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${doc.info.width}" height="${doc.info.height}"><rect width="100%" height="100%" rx="${radius}" fill="#fff"/></svg>`,
  );
  const card = await sharp(doc.data)
    .composite([{ input: rounded, blend: 'dest-in' }])
    .png()
    .toBuffer();
  const desk = `<svg xmlns="http://www.w3.org/2000/svg" width="${frame.width}" height="${frame.height}">
  <defs><linearGradient id="d" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#d9cdb8"/><stop offset="1" stop-color="#c9bba2"/></linearGradient>
  <filter id="s" x="-10%" y="-10%" width="120%" height="120%"><feGaussianBlur stdDeviation="7"/></filter></defs>
  <rect width="100%" height="100%" fill="url(#d)"/>
  <rect x="${left + 4}" y="${top + 7}" width="${doc.info.width}" height="${doc.info.height}" rx="${radius}" fill="#000" fill-opacity="0.28" filter="url(#s)"/>
</svg>`;
  const badge = `<svg xmlns="http://www.w3.org/2000/svg" width="${frame.width}" height="${frame.height}">
  <rect x="${frame.width - 112}" y="14" width="98" height="44" rx="22" fill="#0052d9"/>
  <text x="${frame.width - 63}" y="44" font-family="${FONT}" font-size="24" font-weight="bold" fill="#fff" text-anchor="middle">示例</text>
</svg>`;
  return sharp(Buffer.from(desk))
    .composite([
      { input: card, left, top },
      { input: Buffer.from(badge), left: 0, top: 0 },
    ])
    .jpeg({ quality: 72, mozjpeg: true })
    .toBuffer();
}

async function main(): Promise<void> {
  mkdirSync(EXAMPLES_DIR, { recursive: true });
  for (const kind of materialKind.options) {
    const jpeg = await examplePhoto(kind);
    writeFileSync(join(EXAMPLES_DIR, `${kind}.jpg`), jpeg);
    console.log(`${kind}.jpg  ${(jpeg.length / 1024).toFixed(1)} KB`);
  }
}

void main();
