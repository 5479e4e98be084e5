// A phone photo (or a flatbed scan) of a document, simulated: the document warped in perspective onto a table,
// lit unevenly, shadowed, with specular glare, lens/motion blur, sensor noise and JPEG — deterministic from a seed.
import sharp from 'sharp';
import { gaussianTable, prng } from '../sampleImages';
import { ocrSample } from '../../../../testing/ocr/sampleSet';
import { DOCUMENT_ASPECT, documentArt, type DocBox, type DocumentKind } from './documents';
import { projector, type Point } from '../../../../testing/homography';

export type Background = 'wood' | 'dark_desk' | 'light_desk' | 'fabric';

export interface PhotoPlan {
  type: 'photo';
  width: number;
  height: number;
  document: DocumentKind;
  background: Background;
  /** Document centre (fractions of the frame), share of the frame its long side spans, rotation (°), corner jitter (perspective, share of its size). */
  place: { cx: number; cy: number; cover: number; rotation: number; perspective: number };
  /** exposure: gain on the lit scene; gradient: brightness change across the frame (±share); vignette: darkening at the corners. */
  light: { exposure: number; gradient: number; vignette: number };
  /** A cast shadow (hand, phone) from one side reaching `reach` of the frame, darkening by `strength`. */
  shadow?: { side: 'left' | 'right' | 'top' | 'bottom'; reach: number; strength: number };
  /** A specular reflection: over the text, over a blank part of the document, or on the table; radius as a share of the document's width. */
  glare?: { at: 'text' | 'blank' | 'table'; radius: number; intensity: number };
  blur?: { kind: 'defocus'; sigma: number } | { kind: 'motion'; length: number; angle: number };
  /** Sensor noise (σ in 8-bit levels) and the JPEG quality the phone saves at. */
  noise: number;
  quality: number;
}

export interface ScanPlan {
  type: 'scan';
  /** A4 page at this many dots per inch; an A4 form, or an ID card copied onto the page. */
  dpi: number;
  document: 'a4_form' | 'id_front' | 'id_back';
  rotation: number;
  quality: number;
}

/** A photo of the OCR test set (`testing/ocr/`): its own documents, backgrounds and light, drawn by another generator. */
export interface OcrScenePlan {
  type: 'ocr';
  index: number;
  seed: number;
}

export type ScenePlan = PhotoPlan | ScanPlan | OcrScenePlan;

/** Seeded value noise stretched along one axis (wood grain) or not (fabric), resized by sharp: deterministic. */
async function texture(width: number, height: number, random: () => number, cellsX: number, cellsY: number): Promise<Float32Array> {
  const small = Buffer.alloc(cellsX * cellsY);
  for (let i = 0; i < small.length; i++) small[i] = Math.floor(random() * 256);
  const big = await sharp(small, { raw: { width: cellsX, height: cellsY, channels: 1 } })
    .resize(width, height, { fit: 'fill', kernel: 'cubic' })
    .raw()
    .toBuffer();
  const out = new Float32Array(big.length);
  for (let i = 0; i < big.length; i++) out[i] = big[i] / 255 - 0.5;
  return out;
}

async function backgroundPixels(plan: PhotoPlan, random: () => number): Promise<Float32Array> {
  const { width, height } = plan;
  const out = new Float32Array(width * height * 3);
  const base: Record<Background, [number, number, number]> = {
    wood: [148, 102, 66],
    dark_desk: [38, 38, 42],
    light_desk: [196, 194, 188],
    fabric: [92, 104, 122],
  };
  const [r, g, b] = base[plan.background];
  const grain =
    plan.background === 'wood'
      ? await texture(width, height, random, 6, Math.max(8, Math.round(height / 6)))
      : await texture(width, height, random, Math.round(width / 4), Math.round(height / 4));
  const depth = plan.background === 'wood' ? 0.45 : plan.background === 'fabric' ? 0.3 : 0.08;
  for (let i = 0; i < width * height; i++) {
    const k = 1 + grain[i] * depth;
    out[i * 3] = r * k;
    out[i * 3 + 1] = g * k;
    out[i * 3 + 2] = b * k;
  }
  return out;
}

function boxPoint(box: DocBox, random: () => number): Point {
  return [box.u0 + (box.u1 - box.u0) * (0.2 + 0.6 * random()), box.v0 + (box.v1 - box.v0) * (0.2 + 0.6 * random())];
}

/**
 * Sensor noise, then the ADC's clipping, then the JPEG the phone or scanner saves. Noise comes before the clipping, as
 * on a sensor: a blown-out highlight is flat 255 in a real photo, not 255 minus noise.
 */
async function expose(scene: Float32Array, width: number, height: number, noise: number, quality: number, random: () => number): Promise<Buffer> {
  const pixels = new Uint8ClampedArray(scene.length);
  const table = gaussianTable(random);
  let k = Math.floor(random() * table.length);
  for (let i = 0; i < scene.length; i++) {
    k = (k + 7919) % table.length;
    pixels[i] = scene[i] + table[k] * noise;
  }
  return sharp(Buffer.from(pixels.buffer), { raw: { width, height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();
}

/** A separable gaussian blur of an interleaved 3-channel float image (the lens's softness, before the sensor clips). */
function blurFloat(image: Float32Array, width: number, height: number, sigma: number): Float32Array {
  const radius = Math.ceil(sigma * 2.5);
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  const total = kernel.reduce((a, b) => a + b, 0);
  const row = width * 3;
  // Whole rows at a time (sequential memory), edges repeated.
  const across = new Float32Array(image.length);
  for (let y = 0; y < height; y++) {
    const base = y * row;
    for (let t = -radius; t <= radius; t++) {
      const w = kernel[t + radius] / total;
      for (let x = 0; x < width; x++) {
        const from = base + (x + t < 0 ? 0 : x + t >= width ? width - 1 : x + t) * 3;
        const to = base + x * 3;
        across[to] += w * image[from];
        across[to + 1] += w * image[from + 1];
        across[to + 2] += w * image[from + 2];
      }
    }
  }
  const out = new Float32Array(image.length);
  for (let y = 0; y < height; y++) {
    for (let t = -radius; t <= radius; t++) {
      const w = kernel[t + radius] / total;
      const from = Math.min(height - 1, Math.max(0, y + t)) * row;
      const to = y * row;
      for (let i = 0; i < row; i++) out[to + i] += w * across[from + i];
    }
  }
  return out;
}

function motionKernel(length: number, angleDeg: number): { width: number; height: number; kernel: number[] } {
  const size = Math.max(3, Math.ceil(length) | 1);
  const kernel = new Array<number>(size * size).fill(0);
  const c = (size - 1) / 2;
  const dx = Math.cos((angleDeg * Math.PI) / 180);
  const dy = Math.sin((angleDeg * Math.PI) / 180);
  for (let s = -length / 2; s <= length / 2; s += 0.25) {
    const x = Math.round(c + s * dx);
    const y = Math.round(c + s * dy);
    kernel[y * size + x] += 1;
  }
  return { width: size, height: size, kernel };
}

async function renderPhoto(plan: PhotoPlan, seed: number): Promise<Buffer> {
  const random = prng(seed);
  const { width: W, height: H } = plan;
  const aspect = DOCUMENT_ASPECT[plan.document];
  // The document's size in the photo; rendered at that size so the warp only resamples lightly.
  const longSide = plan.place.cover * (aspect >= 1 ? W : H);
  const docW = Math.round(aspect >= 1 ? longSide : longSide * aspect);
  const art = documentArt(plan.document, docW, random);
  const doc = await sharp(Buffer.from(art.svg)).ensureAlpha().raw().toBuffer();
  const dw = art.width;
  const dh = art.height;

  // Corners in the photo: rotated rectangle around the centre, each corner jittered (perspective of a tilted phone).
  const rot = (plan.place.rotation * Math.PI) / 180;
  const cx = plan.place.cx * W;
  const cy = plan.place.cy * H;
  const corners: Point[] = (
    [
      [-1, -1],
      [1, -1],
      [1, 1],
      [-1, 1],
    ] as Point[]
  ).map(([sx, sy]) => {
    const jx = (random() - 0.5) * 2 * plan.place.perspective * dw;
    const jy = (random() - 0.5) * 2 * plan.place.perspective * dh;
    const x = (sx * dw) / 2 + jx;
    const y = (sy * dh) / 2 + jy;
    return [cx + x * Math.cos(rot) - y * Math.sin(rot), cy + x * Math.sin(rot) + y * Math.cos(rot)];
  });
  const docCorners: Point[] = [
    [0, 0],
    [dw, 0],
    [dw, dh],
    [0, dh],
  ];
  const toDoc = projector(corners, docCorners);
  const toPhoto = projector(docCorners, corners);

  const scene = await backgroundPixels(plan, random);
  const alpha = new Float32Array(W * H);
  const x0 = Math.max(0, Math.floor(Math.min(...corners.map((p) => p[0]))) - 1);
  const x1 = Math.min(W - 1, Math.ceil(Math.max(...corners.map((p) => p[0]))) + 1);
  const y0 = Math.max(0, Math.floor(Math.min(...corners.map((p) => p[1]))) - 1);
  const y1 = Math.min(H - 1, Math.ceil(Math.max(...corners.map((p) => p[1]))) + 1);
  const docPixels = new Float32Array(W * H * 3);
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const [u, v] = toDoc(x + 0.5, y + 0.5);
      const fu = u - 0.5;
      const fv = v - 0.5;
      const iu = Math.floor(fu);
      const iv = Math.floor(fv);
      if (iu < -1 || iv < -1 || iu >= dw || iv >= dh) continue;
      const au = fu - iu;
      const av = fv - iv;
      let a = 0;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < 4; k++) {
        const px = iu + (k & 1);
        const py = iv + (k >> 1);
        if (px < 0 || py < 0 || px >= dw || py >= dh) continue;
        const wgt = (k & 1 ? au : 1 - au) * (k >> 1 ? av : 1 - av);
        const o = (py * dw + px) * 4;
        const pa = (doc[o + 3] / 255) * wgt;
        a += pa;
        r += doc[o] * pa;
        g += doc[o + 1] * pa;
        b += doc[o + 2] * pa;
      }
      if (a <= 0) continue;
      const i = y * W + x;
      alpha[i] = a;
      docPixels[i * 3] = r / a;
      docPixels[i * 3 + 1] = g / a;
      docPixels[i * 3 + 2] = b / a;
    }
  }

  // Contact shadow under the document, then the document over the table.
  const alphaBytes = Buffer.alloc(W * H);
  for (let i = 0; i < alphaBytes.length; i++) alphaBytes[i] = Math.round(alpha[i] * 255);
  const shadowMask = await sharp(alphaBytes, { raw: { width: W, height: H, channels: 1 } })
    .blur(Math.max(2, W * 0.006))
    .raw()
    .toBuffer();
  const off = Math.round(W * 0.004);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const sy = Math.max(0, y - off);
      const sx = Math.max(0, x - off);
      const dark = 1 - 0.45 * (shadowMask[sy * W + sx] / 255);
      const a = alpha[i];
      for (let c = 0; c < 3; c++) scene[i * 3 + c] = scene[i * 3 + c] * dark * (1 - a) + docPixels[i * 3 + c] * a;
    }
  }

  // Light: exposure, a gradient across the frame, vignetting, a soft cast shadow; then the specular glare on top.
  const gAngle = random() * Math.PI * 2;
  const gdx = Math.cos(gAngle);
  const gdy = Math.sin(gAngle);
  let glareAt: Point | null = null;
  if (plan.glare) {
    if (plan.glare.at === 'table') {
      // Beside the document: towards the frame edge farthest from it.
      glareAt = [cx < W / 2 ? W * 0.88 : W * 0.12, cy < H / 2 ? H * 0.85 : H * 0.15];
    } else {
      const [u, v] = boxPoint(plan.glare.at === 'text' ? art.text : art.blank, random);
      glareAt = toPhoto(u * dw, v * dh);
    }
  }
  const glareR = plan.glare ? plan.glare.radius * dw : 1;
  const glareA = plan.glare ? plan.glare.intensity * 255 : 0;
  const glareRot = random() * Math.PI;
  const shadowTilt = (random() - 0.5) * 0.6;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const nx = x / W - 0.5;
      const ny = y / H - 0.5;
      let light = plan.light.exposure * (1 + plan.light.gradient * 2 * (nx * gdx + ny * gdy)) * (1 - plan.light.vignette * (nx * nx + ny * ny) * 2);
      if (plan.shadow) {
        const { side, reach, strength } = plan.shadow;
        const along = side === 'left' || side === 'right' ? ny : nx;
        const depth = side === 'left' ? reach - (nx + 0.5) : side === 'right' ? nx + 0.5 - (1 - reach) : side === 'top' ? reach - (ny + 0.5) : ny + 0.5 - (1 - reach);
        light *= 1 - strength / (1 + Math.exp(-(depth + along * shadowTilt) / 0.025));
      }
      let add = 0;
      if (glareAt) {
        const ex = x - glareAt[0];
        const ey = y - glareAt[1];
        const rx = (ex * Math.cos(glareRot) + ey * Math.sin(glareRot)) / glareR;
        const ry = (-ex * Math.sin(glareRot) + ey * Math.cos(glareRot)) / (glareR * 0.7);
        const rho = Math.sqrt(rx * rx + ry * ry);
        add = glareA * (rho < 1 ? 1 : Math.exp(-(((rho - 1) / 0.45) ** 2)));
      }
      const i = (y * W + x) * 3;
      for (let c = 0; c < 3; c++) scene[i + c] = scene[i + c] * light + add;
    }
  }

  const optics = 0.7;
  if (!plan.blur) return expose(blurFloat(scene, W, H, optics), W, H, plan.noise, plan.quality, random);
  // Defocus and motion are blurred by sharp on the clipped image (their highlights are not what they are judged on).
  let image = sharp(Buffer.from(Uint8ClampedArray.from(scene).buffer), { raw: { width: W, height: H, channels: 3 } });
  if (plan.blur.kind === 'defocus') image = image.blur(Math.hypot(optics, plan.blur.sigma));
  else image = image.blur(optics).convolve(motionKernel(plan.blur.length, plan.blur.angle));
  return expose(Float32Array.from(await image.raw().toBuffer()), W, H, plan.noise, plan.quality, random);
}

async function renderScan(plan: ScanPlan, seed: number): Promise<Buffer> {
  const random = prng(seed);
  const pageW = Math.round((210 / 25.4) * plan.dpi);
  const pageH = Math.round((297 / 25.4) * plan.dpi);
  const docW = plan.document === 'a4_form' ? pageW : Math.round((85.6 / 25.4) * plan.dpi);
  const art = documentArt(plan.document, docW, random, '#ffffff');
  const margin = Math.round(plan.dpi * 0.6);
  const rotated = await sharp(Buffer.from(art.svg)).flatten({ background: '#ffffff' }).rotate(plan.rotation, { background: '#ffffff' }).png().toBuffer({ resolveWithObject: true });
  // A full-page form is cropped back to the page after the skew; a card copy sits in the page's top-left corner.
  const layer =
    plan.document === 'a4_form'
      ? await sharp(rotated.data)
          .extract({
            left: Math.max(0, Math.floor((rotated.info.width - pageW) / 2)),
            top: Math.max(0, Math.floor((rotated.info.height - pageH) / 2)),
            width: Math.min(pageW, rotated.info.width),
            height: Math.min(pageH, rotated.info.height),
          })
          .toBuffer()
      : rotated.data;
  const placed = plan.document === 'a4_form' ? { left: 0, top: 0 } : { left: margin, top: margin };
  // Composited first and filtered in a second pass: sharp applies a composite after every other operation.
  const flat = await sharp({ create: { width: pageW, height: pageH, channels: 3, background: '#ffffff' } })
    .composite([{ input: layer, ...placed }])
    .png()
    .toBuffer();
  const page = await sharp(flat).removeAlpha().blur(0.5).raw().toBuffer();
  // The scanner's white point a little above the rendered white: blank paper reads a flat 255.
  const scene = Float32Array.from(page, (v) => v * 1.02 + 2);
  return expose(scene, pageW, pageH, 1.2, plan.quality, random);
}

/** The JPEG of a planned photo or scan; the same plan and seed give the same bytes. */
export async function renderScene(plan: ScenePlan, seed: number): Promise<Buffer> {
  switch (plan.type) {
    case 'photo':
      return renderPhoto(plan, seed);
    case 'scan':
      return renderScan(plan, seed);
    case 'ocr':
      return (await ocrSample(plan.index, plan.seed)).jpeg;
  }
}
