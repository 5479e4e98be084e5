// The photo pipeline: sniff the type from the bytes, refuse what a reviewer would refuse, deliver a clean JPEG ≤ 2 MB.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { payloadTooLarge, photoNeedsRetake, photoRejected, unsupportedMediaType } from '../errors';
import { greyCopies, judgeQuality, measureGrey, type QualityMeasures } from './quality';

/** Limits of the pipeline; the upload and output limits are explained in docs/photos.md (strictest provider: JPEG ≤ 2 MB). */
export const PHOTO_LIMITS = {
  /** Bytes accepted from the client (checked while streaming). */
  maxUploadBytes: 10 * 1024 * 1024,
  /** Decoded pixels accepted (a 50 MP phone photo is the biggest real one; more is a decompression bomb). */
  maxInputPixels: 50_000_000,
  /** Documents need a long edge of at least 1200 px upstream. */
  minLongEdge: 1200,
  /** Long edge delivered at most (more only costs bytes; a reviewer does not zoom further). */
  maxLongEdge: 2400,
  maxOutputBytes: 2 * 1024 * 1024,
  /** JPEG qualities tried in order before the image is made smaller. */
  jpegQualities: [85, 78, 70, 62],
  /** Each shrink step multiplies the long edge by this, down to minLongEdge. */
  shrinkFactor: 0.85,
  /**
   * Photos processed at once. One: under 20 concurrent 27 MP uploads the BFF grew +80 MB with one, +159 MB with two
   * (both with BFF_MALLOC_ENV; docs/photos.md, memory), and libvips runs one thread per photo here, so on the shared
   * 2-core machine two at once drained the burst no faster (20.5 s vs 21.2 s).
   */
  concurrency: 1,
} as const;

export const PHOTO_MESSAGES = {
  tooLarge: '照片不能超过10MB，请重新拍摄，或从相册选择后由小程序压缩再上传',
  unsupported: '只支持JPEG或PNG格式的照片，收到的文件不是这两种图片（文件名和类型不作数），请重新拍摄或从相册选择照片',
  heicUndecodable: '暂不支持HEIC格式的照片，请在手机相机设置中选择“兼容性最佳”（JPEG）后重拍，或从相册选择照片由小程序转换后上传',
  tooManyPixels: '照片像素过多（超过5000万像素），无法处理，请用手机相机正常拍摄后重新上传',
  lowResolution: (longEdge: number) => `照片分辨率过低（长边仅${longEdge}像素，至少需要${PHOTO_LIMITS.minLongEdge}像素），请用手机后置相机靠近证件、使证件占满取景框后重拍`,
  corrupt: '照片文件不完整或已损坏，请重新拍摄或从相册重新选择',
  incompressible: '照片细节过多，无法压缩到2MB以内，请对准证件、避开杂乱背景后重拍',
} as const;

export type InputFormat = 'jpeg' | 'png' | 'heif';

/** Called after each step with its duration; `sharp` tells whether the time was spent inside sharp (libvips). */
export type StepHook = (step: string, ms: number, sharp: boolean) => void;

export interface PipelineTimings {
  totalMs: number;
  sharpMs: number;
  steps: Record<string, number>;
}

export interface ProcessedPhoto {
  jpeg: Buffer;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  jpegQuality: number;
  inputFormat: InputFormat;
  inputBytes: number;
  measures: QualityMeasures;
  warnings: string[];
  timings: PipelineTimings;
}

/** A tiny semaphore: callers beyond the limit wait in FIFO order. */
function createLimiter(max: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((resume) => waiting.push(resume));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
const limit = createLimiter(PHOTO_LIMITS.concurrency);

/** The photo as bytes, or as a file the upload was streamed to (decoded from disk: the upload never sits in memory). */
export type PhotoInput = Buffer | { path: string; bytes: number };

export function processPhoto(input: PhotoInput, options: { onStep?: StepHook } = {}): Promise<ProcessedPhoto> {
  return limit(() => runPipeline(input, options.onStep));
}

async function runPipeline(photo: PhotoInput, onStep?: StepHook): Promise<ProcessedPhoto> {
  const input = Buffer.isBuffer(photo) ? photo : photo.path;
  const inputBytes = Buffer.isBuffer(photo) ? photo.length : photo.bytes;
  const started = performance.now();
  const timings: PipelineTimings = { totalMs: 0, sharpMs: 0, steps: {} };
  const step = async <T>(name: string, inSharp: boolean, work: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      const ms = performance.now() - t0;
      timings.steps[name] = (timings.steps[name] ?? 0) + ms;
      if (inSharp) timings.sharpMs += ms;
      onStep?.(name, ms, inSharp);
    }
  };

  if (inputBytes > PHOTO_LIMITS.maxUploadBytes) throw payloadTooLarge(PHOTO_MESSAGES.tooLarge);

  // 1. The type comes from the bytes only. metadata() reads headers without decoding, so a bomb costs nothing here.
  const meta = await step('probe', true, () =>
    sharp(input, { limitInputPixels: false })
      .metadata()
      .catch(() => null),
  );
  if (!meta || !meta.width || !meta.height) throw unsupportedMediaType(PHOTO_MESSAGES.unsupported);
  let inputFormat: InputFormat;
  if (meta.format === 'jpeg' || meta.format === 'png') inputFormat = meta.format;
  else if (meta.format === 'heif' && meta.compression === 'hevc') inputFormat = 'heif';
  else throw unsupportedMediaType(PHOTO_MESSAGES.unsupported);

  if (meta.width * meta.height > PHOTO_LIMITS.maxInputPixels) {
    throw payloadTooLarge(PHOTO_MESSAGES.tooManyPixels);
  }
  const longEdge = Math.max(meta.width, meta.height);
  if (longEdge < PHOTO_LIMITS.minLongEdge) throw photoNeedsRetake('low_resolution', PHOTO_MESSAGES.lowResolution(longEdge));

  // 2. Decode once: apply EXIF orientation, flatten transparency onto white, cap the long edge, keep raw sRGB pixels.
  const decoded = await step('decode', true, () =>
    sharp(input, { limitInputPixels: PHOTO_LIMITS.maxInputPixels })
      .rotate()
      .resize({ width: PHOTO_LIMITS.maxLongEdge, height: PHOTO_LIMITS.maxLongEdge, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true })
      .catch((error: unknown) => {
        if (inputFormat === 'heif') throw unsupportedMediaType(PHOTO_MESSAGES.heicUndecodable);
        if (error instanceof Error && /pixel limit/i.test(error.message)) {
          throw payloadTooLarge(PHOTO_MESSAGES.tooManyPixels);
        }
        throw photoRejected(PHOTO_MESSAGES.corrupt);
      }),
  );
  const rawOptions = { raw: { width: decoded.info.width, height: decoded.info.height, channels: decoded.info.channels } };

  // 3. Quality on greyscale copies: the photo as delivered (text height) and a small one (the rest).
  const copies = await step('analyse-resize', true, () => greyCopies(decoded.data, rawOptions.raw));
  const measures = await step('analyse-measure', false, () => measureGrey(copies.analysis, copies.delivered));
  const verdict = judgeQuality(measures);
  if (!verdict.ok) throw photoNeedsRetake(verdict.reason, verdict.message);

  // 4. Encode: lower the quality first, then the size, until the JPEG fits. sharp writes no metadata by default.
  const floor = Math.min(PHOTO_LIMITS.minLongEdge, Math.max(decoded.info.width, decoded.info.height));
  let targetEdge = Math.max(decoded.info.width, decoded.info.height);
  for (;;) {
    for (const quality of PHOTO_LIMITS.jpegQualities) {
      const encoded = await step('encode', true, () =>
        sharp(decoded.data, rawOptions)
          .resize({ width: targetEdge, height: targetEdge, fit: 'inside', withoutEnlargement: true })
          .jpeg({ quality, chromaSubsampling: '4:2:0' })
          .toBuffer({ resolveWithObject: true }),
      );
      if (encoded.data.length <= PHOTO_LIMITS.maxOutputBytes) {
        timings.totalMs = performance.now() - started;
        return {
          jpeg: encoded.data,
          width: encoded.info.width,
          height: encoded.info.height,
          bytes: encoded.data.length,
          sha256: createHash('sha256').update(encoded.data).digest('hex'),
          jpegQuality: quality,
          inputFormat,
          inputBytes,
          measures,
          warnings: verdict.warnings,
          timings,
        };
      }
    }
    if (targetEdge <= floor) throw photoRejected(PHOTO_MESSAGES.incompressible);
    targetEdge = Math.max(floor, Math.round(targetEdge * PHOTO_LIMITS.shrinkFactor));
  }
}
