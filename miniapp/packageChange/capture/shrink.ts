// Shrinks a photo in the browser (the H5 build) before it is uploaded, as weapp does with Taro.compressImage: EXIF
// orientation applied, long edge 2000 px, JPEG ≈ 0.8 — a 12 MP phone photo leaves the phone as ≤ 600 KB.

/** What leaves the phone: the BFF needs a long edge ≥ 1200 px; 2000 px keeps headroom for the reviewer's zoom. */
export const SHRINK = {
  longEdge: 2000,
  /** Tried in order until the JPEG fits in maxBytes … */
  qualities: [0.8, 0.72, 0.64],
  maxBytes: 600 * 1024,
  /** … then once more at this long edge (still well above the BFF's 1200 px). */
  fallbackLongEdge: 1600,
} as const;

export interface ShrunkPhoto {
  blob: Blob;
  width: number;
  height: number;
}

interface Decoded {
  source: CanvasImageSource;
  width: number;
  height: number;
  release(): void;
}

/**
 * Decodes with the EXIF orientation applied: createImageBitmap with `imageOrientation: 'from-image'` (Chromium,
 * Firefox, Safari ≥ 16.4), else an <img>, which browsers draw upright (Safari ≥ 13.1, Chrome ≥ 81: CSS
 * `image-orientation: from-image` is the default) — older Safari rejects the option's value, hence the fallback.
 */
async function decode(blob: Blob): Promise<Decoded> {
  if (typeof createImageBitmap === 'function') {
    try {
      const bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
      return { source: bitmap, width: bitmap.width, height: bitmap.height, release: () => bitmap.close() };
    } catch {
      // Fall through to <img>.
    }
  }
  const url = URL.createObjectURL(blob);
  const image = new Image();
  image.src = url;
  try {
    await image.decode();
  } catch (error) {
    URL.revokeObjectURL(url);
    throw error;
  }
  return { source: image, width: image.naturalWidth, height: image.naturalHeight, release: () => URL.revokeObjectURL(url) };
}

function encode(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('canvas.toBlob gave no JPEG'))), 'image/jpeg', quality);
  });
}

function draw(decoded: Decoded, longEdge: number): HTMLCanvasElement {
  const scale = Math.min(1, longEdge / Math.max(decoded.width, decoded.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(decoded.width * scale);
  canvas.height = Math.round(decoded.height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  // JPEG has no transparency: a transparent PNG would turn black.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(decoded.source, 0, 0, canvas.width, canvas.height);
  return canvas;
}

/** The photo as a JPEG of at most SHRINK.longEdge px, upright; null when the original is already small enough to send. */
export async function shrinkPhoto(original: Blob): Promise<ShrunkPhoto | null> {
  const decoded = await decode(original);
  try {
    const small = Math.max(decoded.width, decoded.height) <= SHRINK.longEdge;
    if (small && original.size <= SHRINK.maxBytes && original.type === 'image/jpeg') return null;
    let smallest: ShrunkPhoto | null = null;
    for (const longEdge of [SHRINK.longEdge, SHRINK.fallbackLongEdge]) {
      const canvas = draw(decoded, longEdge);
      for (const quality of SHRINK.qualities) {
        const blob = await encode(canvas, quality);
        const shrunk = { blob, width: canvas.width, height: canvas.height };
        if (blob.size <= SHRINK.maxBytes) return shrunk;
        if (!smallest || blob.size < smallest.blob.size) smallest = shrunk;
      }
    }
    return smallest;
  } finally {
    decoded.release();
  }
}

/** The shrunk photo of a picked file (`blob:` URL from Taro.chooseMedia on H5) as a new `blob:` URL Taro.uploadFile can send. */
export async function shrinkInBrowser(filePath: string): Promise<string> {
  const original = await (await fetch(filePath)).blob();
  const shrunk = await shrinkPhoto(original);
  return shrunk ? URL.createObjectURL(shrunk.blob) : filePath;
}
