// OCR worker process: loads the PP-OCRv4 models once, then reads one photo at a time for the engine (engine.ts), which
// starts it at idle CPU priority (process.ts) and talks to it over the IPC channel.
import { setPriority } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { OcrDocumentKind } from '../../../shared/domain/recognition';
import { createPaddleOcr, type PaddleOptions, type PaddleTimings } from './paddle';
import { parseDocument } from './parsers';
import type { Parsed } from './parsers/fields';
import type { OcrBox } from './types';
import { OCR_WORKER_OPTIONS_ENV } from './process';

export interface WorkerJob {
  id: number;
  document: OcrDocumentKind;
  /** The JPEG's bytes. */
  jpeg: Uint8Array;
  /** Also return the raw text boxes (the bench's failure listing). */
  withBoxes: boolean;
}

export type WorkerMessage =
  | { type: 'ready'; loadMs: number }
  | { type: 'load_failed'; error: string }
  | { type: 'done'; id: number; parsed: Parsed & { readable: boolean }; timings: PaddleTimings; totalMs: number; cpuMs: number; boxes?: OcrBox[] }
  | { type: 'failed'; id: number; error: string };

/**
 * Nice value the worker gives its main thread (and the threads it creates after, which inherit it) when it was not
 * started under SCHED_IDLE or nice 19 already (process.ts picks the launcher; a system without `chrt` and `nice`).
 */
export const OCR_THREAD_NICE = 19;

async function main(): Promise<void> {
  const send = process.send?.bind(process);
  if (!send) throw new Error('worker.ts runs only as a child process with an IPC channel (process.ts)');
  try {
    setPriority(0, OCR_THREAD_NICE);
  } catch {
    // Not permitted or not supported here: OCR then competes at normal priority (slower API under load, nothing worse).
  }
  // The engine's process is gone: nothing will ask for a photo again.
  process.on('disconnect', () => process.exit(0));
  const post = (message: WorkerMessage) => void send(message);
  const started = performance.now();
  let ocr: Awaited<ReturnType<typeof createPaddleOcr>>;
  try {
    ocr = await createPaddleOcr(JSON.parse(process.env[OCR_WORKER_OPTIONS_ENV] ?? '{}') as Partial<PaddleOptions>);
  } catch (error) {
    post({ type: 'load_failed', error: error instanceof Error ? error.message : String(error) });
    return;
  }
  post({ type: 'ready', loadMs: performance.now() - started });
  const run = async (job: WorkerJob): Promise<void> => {
    const jobStarted = performance.now();
    const cpuBefore = process.cpuUsage(); // the whole worker process: ONNX, libvips and V8 threads included
    try {
      const { boxes, timings } = await ocr.read(Buffer.from(job.jpeg.buffer, job.jpeg.byteOffset, job.jpeg.byteLength));
      const parsed = parseDocument(job.document, boxes);
      const cpu = process.cpuUsage(cpuBefore);
      post({ type: 'done', id: job.id, parsed, timings, totalMs: performance.now() - jobStarted, cpuMs: (cpu.user + cpu.system) / 1000, boxes: job.withBoxes ? boxes : undefined });
    } catch (error) {
      post({ type: 'failed', id: job.id, error: error instanceof Error ? error.message : String(error) });
    }
  };
  // run() answers every failure itself, so nothing is left to reject.
  process.on('message', (job: WorkerJob) => void run(job));
}

void main();
