// Deterministic, realistic sample photos (a document on a table, with sensor noise) for tests, the bench and calibration.
import sharp from 'sharp';

export type DocumentShape = 'id_card' | 'a4';

export interface DocumentPhotoOptions {
  /** Output size in pixels (the photo, not the document). */
  width: number;
  height: number;
  shape?: DocumentShape;
  /** Standard deviation of the added gaussian sensor noise, in 8-bit levels. */
  noise?: number;
  /** Seed of the noise, so the same options give the same bytes. */
  seed?: number;
}

/** Small seeded PRNG (mulberry32): test images must be identical from run to run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A table of precomputed standard-normal values (Box–Muller), cycled with a random stride: fast and good enough. */
export function gaussianTable(random: () => number, size = 65536): Float32Array {
  const table = new Float32Array(size);
  for (let i = 0; i < size; i += 2) {
    const u = Math.max(random(), 1e-12);
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    table[i] = r * Math.cos(2 * Math.PI * v);
    table[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return table;
}

/** SVG of a card or A4 sheet lying on a table: white paper, dark text lines, a portrait box on ID cards. */
export function documentSvg(width: number, height: number, shape: DocumentShape = 'id_card'): string {
  // The document covers ~80% of the frame, as the capture guide frame asks.
  const aspect = shape === 'id_card' ? 85.6 / 54 : 210 / 297;
  let docW = width * 0.8;
  let docH = docW / aspect;
  if (docH > height * 0.8) {
    docH = height * 0.8;
    docW = docH * aspect;
  }
  const x0 = (width - docW) / 2;
  const y0 = (height - docH) / 2;
  const lineH = docH * (shape === 'id_card' ? 0.055 : 0.018);
  const gap = lineH * (shape === 'id_card' ? 1.9 : 1.7);
  const textX = x0 + docW * 0.08;
  const textW = shape === 'id_card' ? docW * 0.5 : docW * 0.84;
  const parts: string[] = [];
  const random = prng(7);
  let y = y0 + docH * 0.12;
  while (y + lineH < y0 + docH * 0.9) {
    // Each "line" is a run of glyph-like blocks: strokes with gaps, so it has edges like real print. Shapes, not
    // <text>: font rendering depends on the fonts installed, and the measures must not.
    let x = textX;
    const lineEnd = textX + textW * (0.55 + 0.45 * random());
    while (x < lineEnd) {
      const glyphW = lineH * (0.35 + 0.5 * random());
      parts.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${glyphW.toFixed(1)}" height="${lineH.toFixed(1)}" fill="#1d1d22"/>`);
      parts.push(`<rect x="${(x + glyphW * 0.3).toFixed(1)}" y="${(y + lineH * 0.3).toFixed(1)}" width="${(glyphW * 0.4).toFixed(1)}" height="${(lineH * 0.4).toFixed(1)}" fill="#ecebe6"/>`);
      x += glyphW + lineH * (0.15 + 0.3 * random());
    }
    y += gap;
  }
  const portrait =
    shape === 'id_card'
      ? `<rect x="${x0 + docW * 0.66}" y="${y0 + docH * 0.14}" width="${docW * 0.26}" height="${docH * 0.6}" fill="#b9c4cf"/>` +
        `<ellipse cx="${x0 + docW * 0.79}" cy="${y0 + docH * 0.36}" rx="${docW * 0.07}" ry="${docH * 0.13}" fill="#6b5a4e"/>`
      : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="100%" height="100%" fill="#7d6f5e"/>` +
    `<rect x="${x0}" y="${y0}" width="${docW}" height="${docH}" rx="${docW * 0.03}" fill="#ecebe6"/>` +
    portrait +
    parts.join('') +
    `</svg>`
  );
}

/** Raw RGB pixels of a document photo with sensor noise. */
export async function documentPhotoRaw(options: DocumentPhotoOptions): Promise<{ data: Buffer; width: number; height: number }> {
  const { width, height, shape = 'id_card', noise = 6, seed = 1 } = options;
  const data = await sharp(Buffer.from(documentSvg(width, height, shape)))
    .removeAlpha()
    .raw()
    .toBuffer();
  if (noise > 0) {
    const random = prng(seed);
    const table = gaussianTable(random);
    let k = Math.floor(random() * table.length);
    const stride = 7919; // prime stride through the table so neighbouring pixels do not repeat the same values
    for (let i = 0; i < data.length; i++) {
      k = (k + stride) % table.length;
      const v = data[i] + table[k] * noise;
      data[i] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
  return { data, width, height };
}

/** A JPEG photo of a document, as a phone would produce it (quality 92, no metadata). */
export async function documentPhotoJpeg(options: DocumentPhotoOptions & { quality?: number }): Promise<Buffer> {
  const raw = await documentPhotoRaw(options);
  return sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 3 } })
    .jpeg({ quality: options.quality ?? 92 })
    .toBuffer();
}

/** Pure random noise: the hardest thing to compress (the output size limit is tested on it). */
export async function noiseImage(width: number, height: number, format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } });
  return format === 'png' ? image.png({ compressionLevel: 1 }).toBuffer() : image.jpeg({ quality: 80 }).toBuffer();
}

/** A copy of a photo as if shot out of focus (gaussian blur of the given sigma, at the photo's own resolution). */
export function blurred(photo: Buffer, sigma: number): Promise<Buffer> {
  return sharp(photo).blur(sigma).jpeg({ quality: 92 }).toBuffer();
}

/** A copy with exposure changed: out = in * gain + bias (gain < 1 darker, > 1 brighter). */
export function exposed(photo: Buffer, gain: number, bias = 0): Promise<Buffer> {
  return sharp(photo).linear(gain, bias).jpeg({ quality: 92 }).toBuffer();
}

/** A minimal but valid-looking PDF: what a user might rename to `.jpg`. */
export function minimalPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  );
}

/** A PNG whose header declares a huge size (a decompression bomb): signature + IHDR with a valid CRC + a tiny IDAT. */
export function pngDeclaring(width: number, height: number): Buffer {
  const crcTable = new Uint32Array(256).map((_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, body: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([len, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
