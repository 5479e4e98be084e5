// Material images: draws seeded ID photos and verification forms (SVG → JPEG with sharp) and inspects uploaded ones.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { maskResidentId } from '../shared/validators/identity';
import type { ImageSpec } from './store';

const FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Zen Hei', sans-serif";

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function text(x: number, y: number, size: number, value: string, extra = ''): string {
  // an attribute given twice makes the SVG unreadable: `extra` may bring its own fill
  const fill = /\bfill=/.test(extra) ? '' : 'fill="#1f2933" ';
  return `<text x="${x}" y="${y}" font-family="${FONT}" font-size="${size}" ${fill}${extra}>${esc(value)}</text>`;
}

function watermark(width: number, height: number): string {
  return `<text x="${width / 2}" y="${height / 2}" font-family="${FONT}" font-size="${Math.round(width / 14)}" fill="#c0392b" fill-opacity="0.18" text-anchor="middle" transform="rotate(-18 ${width / 2} ${height / 2})">仅供备案使用 · 沙箱样例</text>`;
}

function idFront(spec: ImageSpec): string {
  const id = spec.idNumber;
  const birth = `${id.slice(6, 10)}年${Number(id.slice(10, 12))}月${Number(id.slice(12, 14))}日`;
  const sex = Number(id[16]) % 2 === 1 ? '男' : '女';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1010">
  <rect width="1600" height="1010" fill="#dfe9f2"/>
  <rect x="40" y="40" width="1520" height="930" rx="40" fill="#f4f8fb" stroke="#9fb3c8" stroke-width="4"/>
  ${text(120, 200, 52, `姓名  ${spec.name}`)}
  ${text(120, 300, 52, `性别  ${sex}      民族  汉`)}
  ${text(120, 400, 52, `出生  ${birth}`)}
  ${text(120, 500, 52, '住址  （沙箱样例地址）')}
  ${text(120, 820, 56, `公民身份号码  ${id}`, 'letter-spacing="4"')}
  <rect x="1130" y="140" width="320" height="400" rx="12" fill="#cfd8e3"/>
  <circle cx="1290" cy="290" r="90" fill="#9fb3c8"/>
  <rect x="1170" y="400" width="240" height="140" rx="70" fill="#9fb3c8"/>
  ${watermark(1600, 1010)}
</svg>`;
}

function idBack(spec: ImageSpec): string {
  const until = spec.idValidUntil ? spec.idValidUntil.replace(/-/g, '.') : '长期';
  const from = spec.idValidUntil ? `${Number(spec.idValidUntil.slice(0, 4)) - 20}${spec.idValidUntil.slice(4).replace(/-/g, '.')}` : '2016.03.01';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1010">
  <rect width="1600" height="1010" fill="#dfe9f2"/>
  <rect x="40" y="40" width="1520" height="930" rx="40" fill="#f4f8fb" stroke="#9fb3c8" stroke-width="4"/>
  <circle cx="260" cy="260" r="130" fill="none" stroke="#c0392b" stroke-width="10"/>
  ${text(260, 285, 60, '★', 'text-anchor="middle" fill="#c0392b"')}
  ${text(800, 260, 84, '中华人民共和国', 'text-anchor="middle" letter-spacing="12"')}
  ${text(800, 400, 110, '居民身份证', 'text-anchor="middle" letter-spacing="30"')}
  ${text(300, 720, 50, '签发机关  （沙箱样例）公安分局')}
  ${text(300, 820, 50, `有效期限  ${from}-${until}`)}
  ${watermark(1600, 1010)}
</svg>`;
}

function verificationForm(spec: ImageSpec): string {
  const rows: [string, string][] = [
    ['主体单位/个人名称', spec.entityName ?? ''],
    ['网站名称', spec.websiteName ?? ''],
    ['网站域名', (spec.domains ?? []).join('、')],
    ['网站负责人', spec.name],
    ['证件号码', maskResidentId(spec.idNumber)],
  ];
  const rowSvg = rows
    .map(([label, value], i) => {
      const y = 420 + i * 130;
      return `<rect x="120" y="${y}" width="1000" height="130" fill="none" stroke="#52606d" stroke-width="3"/>
  <line x1="500" y1="${y}" x2="500" y2="${y + 130}" stroke="#52606d" stroke-width="3"/>
  ${text(145, y + 78, 34, label)}${text(525, y + 78, 32, value)}`;
    })
    .join('\n  ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754">
  <rect width="1240" height="1754" fill="#fdfdfb"/>
  ${text(620, 220, 72, '网站备案信息真实性核验单', 'text-anchor="middle" font-weight="bold"')}
  ${text(620, 310, 34, '（沙箱样例，仅供备案使用）', 'text-anchor="middle" fill="#52606d"')}
  ${rowSvg}
  ${text(150, 1240, 38, '核验结论：经当面核验，上述信息真实有效。')}
  ${text(150, 1420, 38, `网站负责人签字：${spec.name}`)}
  ${text(150, 1520, 38, '核验人签字：沙箱审核员')}
  <circle cx="950" cy="1460" r="120" fill="none" stroke="#c0392b" stroke-width="8" stroke-opacity="0.8"/>
  ${text(950, 1475, 34, '核验专用章', 'text-anchor="middle" fill="#c0392b"')}
  ${watermark(1240, 1754)}
</svg>`;
}

export function renderImageSvg(spec: ImageSpec): string {
  switch (spec.kind) {
    case 'id_front':
      return idFront(spec);
    case 'id_back':
      return idBack(spec);
    case 'verification_form':
      return verificationForm(spec);
  }
}

/** The JPEG of an image id: the stored file, or a seeded spec rendered now and cached. null when unknown. */
export async function imageBytes(filesDir: string, imageId: string, spec: ImageSpec | undefined): Promise<Buffer | null> {
  const file = join(filesDir, `${imageId}.jpg`);
  if (existsSync(file)) return readFileSync(file);
  if (!spec) return null;
  const jpeg = await sharp(Buffer.from(renderImageSvg(spec)))
    .jpeg({ quality: 82 })
    .toBuffer();
  writeFileSync(file, jpeg);
  return jpeg;
}

export interface ImageFacts {
  format: string | null;
  width: number | null;
  height: number | null;
}

/** What a reviewer can tell about an uploaded image without looking: its format and size (null when it cannot be decoded). */
export async function inspectImage(bytes: Buffer): Promise<ImageFacts> {
  try {
    const meta = await sharp(bytes).metadata();
    return { format: meta.format ?? null, width: meta.width ?? null, height: meta.height ?? null };
  } catch {
    return { format: null, width: null, height: null };
  }
}
