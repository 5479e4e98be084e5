// OCR worker thread: loads the PP-OCRv4 models once, then reads one photo at a time for the engine (engine.ts).
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { OcrDocumentKind } from '../../../shared/domain/recognition';
import { createPaddleOcr, type PaddleOptions, type PaddleTimings } from './paddle';
import { parseDocument } from './parsers';
import type { Parsed } from './parsers/fields';
import type { OcrBox } from './types';

export interface WorkerJob {
  id: number;
  document: OcrDocumentKind;
  /** The JPEG's bytes (transferred, not copied). */
  jpeg: ArrayBuffer;
  /** Also return the raw text boxes (the bench's failure listing). */
  withBoxes: boolean;
}

export type WorkerMessage =
  | { type: 'ready'; loadMs: number }
  | { type: 'load_failed'; error: string }
  | { type: 'done'; id: number; parsed: Parsed & { readable: boolean }; timings: PaddleTimings; totalMs: number; boxes?: OcrBox[] }
  | { type: 'failed'; id: number; error: string };

/**
 * Nice value of this thread (and of the ONNX Runtime threads it creates, which inherit it): OCR takes only the CPU the
 * API, Redis and the rest leave idle, so autosave latency does not pay for a recognition (README, bench OCR phase).
 * On Linux a nice value belongs to a thread; `setPriority(0, …)` here changes this worker thread, not the API's.
 */
export const OCR_THREAD_NICE = 19;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('worker.ts runs only as a worker thread');
  try {
    setPriority(0, OCR_THREAD_NICE);
  } catch {
    // Not permitted or not supported here: OCR then competes at normal priority (slower API under load, nothing worse).
  }
  const post = (message: WorkerMessage) => port.postMessage(message);
  const started = performance.now();
  let ocr: Awaited<ReturnType<typeof createPaddleOcr>>;
  try {
    ocr = await createPaddleOcr(workerData as Partial<PaddleOptions>);
  } catch (error) {
    post({ type: 'load_failed', error: error instanceof Error ? error.message : String(error) });
    return;
  }
  post({ type: 'ready', loadMs: performance.now() - started });
  const run = async (job: WorkerJob): Promise<void> => {
    const jobStarted = performance.now();
    try {
      const { boxes, timings } = await ocr.read(Buffer.from(job.jpeg));
      const parsed = parseDocument(job.document, boxes);
      post({ type: 'done', id: job.id, parsed, timings, totalMs: performance.now() - jobStarted, boxes: job.withBoxes ? boxes : undefined });
    } catch (error) {
      post({ type: 'failed', id: job.id, error: error instanceof Error ? error.message : String(error) });
    }
  };
  // run() answers every failure itself, so nothing is left to reject.
  port.on('message', (job: WorkerJob) => void run(job));
}

void main();
