// Turns a flat document face into a phone photo of it: background, rotation, perspective, lighting, blur, noise, JPEG.
import sharp from 'sharp';
import { between, intBetween, pick, type Random } from './documents';
import { homography, type Point } from '../homography';

export interface PhotoParams {
  width: number;
  height: number;
  /** Share of the frame's width the document's top edge spans. */
  coverage: number;
  /** In-plane rotation in degrees. */
  rotation: number;
  /** Largest corner displacement of the perspective, as a share of the document width. */
  perspective: number;
  /** Lighting: darkest and brightest gain of the gradient across the frame. */
  light: [number, number];
  blurSigma: number;
  noiseSigma: number;
  jpegQuality: number;
  background: string;
}

/** Draws the photo parameters for one sample: ranges of hand-held phone photos that the upload pipeline accepts. */
export function photoParams(random: Random, document: { width: number; height: number }): PhotoParams {
  const landscape = document.width >= document.height ? random() < 0.8 : random() < 0.2;
  const longEdge = pick(random, [1600, 1800, 2000, 2400]);
  const shortEdge = Math.round((longEdge * 3) / 4);
  const low = between(random, 0.62, 0.95);
  return {
    width: landscape ? longEdge : shortEdge,
    height: landscape ? shortEdge : longEdge,
    coverage: between(random, 0.55, 0.85),
    rotation: between(random, -12, 12),
    perspective: between(random, 0, 0.06),
    light: [low, Math.min(1.12, low + between(random, 0.05, 0.35))],
    blurSigma: random() < 0.3 ? 0 : between(random, 0.4, 1.6),
    noiseSigma: between(random, 1.5, 6),
    jpegQuality: intBetween(random, 60, 92),
    background: pick(random, ['wood', 'desk', 'cloth', 'dark']),
  };
}

const NOISE_TABLE_SIZE = 1 << 16;

/** Standard-normal values (Box–Muller) from the seeded PRNG. */
function gaussianTable(random: Random): Float32Array {
  const table = new Float32Array(NOISE_TABLE_SIZE);
  for (let i = 0; i < NOISE_TABLE_SIZE; i += 2) {
    const r = Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12)));
    const angle = 2 * Math.PI * random();
    table[i] = r * Math.cos(angle);
    table[i + 1] = r * Math.sin(angle);
  }
  return table;
}

async function backgroundRaw(kind: string, width: number, height: number, random: Random): Promise<Buffer> {
  const lines: string[] = [];
  let base: string;
  if (kind === 'wood') {
    base = pick(random, ['#8a6a4a', '#a47d55', '#6e5238']);
    for (let i = 0; i < 80; i++) {
      const y = between(random, 0, height);
      lines.push(
        `<path d="M0 ${y.toFixed(0)} Q${width / 2} ${(y + between(random, -40, 40)).toFixed(0)} ${width} ${(y + between(random, -20, 20)).toFixed(0)}" stroke="#3b2a1a" stroke-width="${between(random, 1, 6).toFixed(1)}" opacity="${between(random, 0.05, 0.2).toFixed(2)}" fill="none"/>`,
      );
    }
  } else if (kind === 'desk') {
    base = pick(random, ['#d8d8d4', '#c9ccd1', '#e3ddd2']);
  } else if (kind === 'cloth') {
    base = pick(random, ['#3f5f7f', '#6f4f6f', '#4f6f4f']);
    for (let x = 0; x < width; x += 24) lines.push(`<rect x="${x}" y="0" width="8" height="${height}" fill="#ffffff" opacity="0.08"/>`);
    for (let y = 0; y < height; y += 24) lines.push(`<rect x="0" y="${y}" width="${width}" height="8" fill="#000000" opacity="0.08"/>`);
  } else {
    base = pick(random, ['#2a2a2e', '#3a3430']);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${base}"/>${lines.join('')}</svg>`;
  return sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer();
}

/** Renders `documentSvg` and photographs it with `params`; returns the JPEG a phone would upload. */
export async function photograph(documentSvg: string, params: PhotoParams, random: Random): Promise<Buffer> {
  const doc = await sharp(Buffer.from(documentSvg)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const dw = doc.info.width;
  const dh = doc.info.height;
  const { width, height } = params;
  const out = await backgroundRaw(params.background, width, height, random);

  // Where the document's corners land: scaled to the coverage, rotated, centred with some drift, corners jittered.
  const scale = Math.min((params.coverage * width) / dw, (0.9 * height) / dh);
  const angle = (params.rotation * Math.PI) / 180;
  const cx = width / 2 + between(random, -0.05, 0.05) * width;
  const cy = height / 2 + between(random, -0.05, 0.05) * height;
  const jitter = params.perspective * dw * scale;
  const corners: Point[] = [
    [-dw / 2, -dh / 2],
    [dw / 2, -dh / 2],
    [dw / 2, dh / 2],
    [-dw / 2, dh / 2],
  ].map(([x, y]) => {
    const sx = x * scale;
    const sy = y * scale;
    return [cx + sx * Math.cos(angle) - sy * Math.sin(angle) + between(random, -jitter, jitter), cy + sx * Math.sin(angle) + sy * Math.cos(angle) + between(random, -jitter, jitter)];
  });
  const h = homography(corners, [
    [0, 0],
    [dw, 0],
    [dw, dh],
    [0, dh],
  ]);

  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(...ys)));
  const src = doc.data;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const w = h[6] * x + h[7] * y + h[8];
      const u = (h[0] * x + h[1] * y + h[2]) / w;
      const v = (h[3] * x + h[4] * y + h[5]) / w;
      if (u < 0 || v < 0 || u >= dw - 1 || v >= dh - 1) continue;
      const ui = Math.floor(u);
      const vi = Math.floor(v);
      const fu = u - ui;
      const fv = v - vi;
      const i00 = (vi * dw + ui) * 4;
      const i10 = i00 + 4;
      const i01 = i00 + dw * 4;
      const i11 = i01 + 4;
      const w00 = (1 - fu) * (1 - fv);
      const w10 = fu * (1 - fv);
      const w01 = (1 - fu) * fv;
      const w11 = fu * fv;
      const alpha = (src[i00 + 3] * w00 + src[i10 + 3] * w10 + src[i01 + 3] * w01 + src[i11 + 3] * w11) / 255;
      if (alpha <= 0) continue;
      const o = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        const value = src[i00 + c] * w00 + src[i10 + c] * w10 + src[i01 + c] * w01 + src[i11 + c] * w11;
        out[o + c] = value * alpha + out[o + c] * (1 - alpha);
      }
    }
  }

  // Lighting: a linear gradient in a random direction between the two gains, then sensor noise drawn from a table of
  // normal values walked with a prime stride (a PRNG call per pixel is slow, and 40× slower inside jest's VM context).
  const noise = gaussianTable(random);
  let k = Math.floor(random() * NOISE_TABLE_SIZE);
  const direction = between(random, 0, Math.PI * 2);
  const dx = Math.cos(direction);
  const dy = Math.sin(direction);
  const span = Math.abs(dx) * width + Math.abs(dy) * height;
  const offset = Math.min(0, dx * width) + Math.min(0, dy * height);
  const [low, high] = params.light;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (dx * x + dy * y - offset) / span;
      const gain = low + (high - low) * t;
      const o = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        k = (k + 7919) & (NOISE_TABLE_SIZE - 1);
        const value = out[o + c] * gain + noise[k] * params.noiseSigma;
        out[o + c] = value < 0 ? 0 : value > 255 ? 255 : value;
      }
    }
  }

  let image = sharp(out, { raw: { width, height, channels: 3 } });
  if (params.blurSigma >= 0.3) image = image.blur(params.blurSigma);
  return image.jpeg({ quality: params.jpegQuality }).toBuffer();
}
