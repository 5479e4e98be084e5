// The OCR engine: a pool of worker threads (models loaded once each), a bounded FIFO queue, a timeout per photo.
// Recognition never runs on the API's event loop; a stuck or crashed worker is terminated and replaced.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { OcrDocumentKind, Recognition } from '../../../shared/domain/recognition';
import type { PaddleOptions, PaddleTimings } from './paddle';
import type { OcrBox } from './types';
import type { WorkerJob, WorkerMessage } from './worker';

export interface OcrEngineOptions {
  /** Worker threads, each holding the models (≈ 150 MB) and reading one photo at a time. */
  workers: number;
  /** ONNX Runtime threads per worker; workers × threads ≤ cores leaves the API its share of the CPU. */
  threadsPerWorker: number;
  /** A photo still being read after this is abandoned (unreadable, reason `timeout`) and its worker replaced. */
  timeoutMs: number;
  /** Photos waiting beyond this are answered unreadable (reason `busy`) at once instead of queueing without bound. */
  maxQueued: number;
  /** A worker is replaced after this many photos: OpenCV.js (box cropping) never frees its crops' heap. */
  recycleAfterJobs: number;
  /** Long edges the detector and the recogniser's crops work at (see paddle.ts). */
  detectionLongEdge: number;
  sourceLongEdge: number;
}

/** Defaults for a small server: one worker per two cores, leaving a core to the API; 20 s is ~10× a normal read. */
export const OCR_ENGINE_DEFAULTS: OcrEngineOptions = {
  workers: Math.max(1, Math.floor(availableParallelism() / 2)),
  threadsPerWorker: 1,
  timeoutMs: 20_000,
  maxQueued: 64,
  recycleAfterJobs: 200,
  detectionLongEdge: 960,
  sourceLongEdge: 2048,
};

export interface RecognizeOptions {
  /** Overrides the engine's timeout for this photo. */
  timeoutMs?: number;
  /** Also return the raw text boxes (for the bench's failure listing and debugging). */
  withBoxes?: boolean;
}

/** A recognition plus what the bench reports about it. */
export interface RecognitionResult extends Recognition {
  /** Time from the call to the answer, queueing included, ms. */
  elapsedMs: number;
  timings?: PaddleTimings;
  boxes?: OcrBox[];
}

export interface OcrEngineStats {
  workers: number;
  busy: number;
  queued: number;
  completed: number;
  failed: number;
  timedOut: number;
  workersStarted: number;
}

export interface OcrEngine {
  /** Reads one photo. Never rejects for a bad photo or a failure: those are `unreadable` with a reason. */
  recognize(document: OcrDocumentKind, jpeg: Buffer, options?: RecognizeOptions): Promise<RecognitionResult>;
  /** Resolves when every worker has loaded its models (recognize() works before that; it just waits). */
  ready(): Promise<void>;
  stats(): OcrEngineStats;
  /** Answers queued photos unreadable (reason `closed`), terminates the workers. */
  close(): Promise<void>;
}

interface Job {
  id: number;
  document: OcrDocumentKind;
  jpeg: Buffer;
  options: RecognizeOptions;
  enqueuedAt: number;
  resolve: (result: RecognitionResult) => void;
}

interface Slot {
  worker: Worker;
  state: 'loading' | 'ready' | 'failed';
  ready: Promise<void>;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  jobsDone: number;
  /** Loading the models, or a photo posted whose answer has not come back: the worker may be in ONNX Runtime's native code. */
  inFlight: boolean;
  /** Set when the slot was given up: terminate once idle (terminating inside a native call aborts the whole process). */
  retired: (() => void) | null;
}

/** The worker entry: under tsx (development, tests, `npm start`) the .ts file is loaded through tsx's CommonJS hook. */
function spawnWorker(options: OcrEngineOptions): Worker {
  const paddle: Partial<PaddleOptions> = { threads: options.threadsPerWorker, detectionLongEdge: options.detectionLongEdge, sourceLongEdge: options.sourceLongEdge };
  const compiled = __filename.endsWith('.js');
  if (compiled) return new Worker(join(__dirname, 'worker.js'), { workerData: paddle });
  const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(join(__dirname, 'worker.ts'))});`;
  return new Worker(bootstrap, { eval: true, workerData: paddle });
}

export function createOcrEngine(overrides: Partial<OcrEngineOptions> = {}): OcrEngine {
  const options: OcrEngineOptions = { ...OCR_ENGINE_DEFAULTS, ...overrides };
  if (options.workers < 1 || options.threadsPerWorker < 1 || options.timeoutMs <= 0) throw new Error('createOcrEngine: workers, threadsPerWorker and timeoutMs must be positive');
  const queue: Job[] = [];
  const slots: Slot[] = [];
  const counters = { completed: 0, failed: 0, timedOut: 0, workersStarted: 0 };
  let nextId = 1;
  let closed = false;

  const unreadable = (job: Job, reason: string, timings?: PaddleTimings): RecognitionResult => ({
    document: job.document,
    status: 'unreadable',
    fields: {},
    confidence: {},
    reason,
    durationMs: 0,
    elapsedMs: performance.now() - job.enqueuedAt,
    timings,
  });

  function finish(slot: Slot, result: RecognitionResult): void {
    const job = slot.job;
    if (!job) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    slot.jobsDone++;
    job.resolve(result);
  }

  function startSlot(index: number): void {
    const worker = spawnWorker(options);
    counters.workersStarted++;
    let markReady: () => void = () => {};
    let markFailed: (error: Error) => void = () => {};
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markFailed = reject;
    });
    ready.catch(() => {}); // a failed load is reported through the jobs it fails
    const slot: Slot = { worker, state: 'loading', ready, job: null, timer: null, jobsDone: 0, inFlight: true, retired: null };
    slots[index] = slot;
    worker.on('message', (message: WorkerMessage) => {
      slot.inFlight = false;
      if (slot.retired) {
        slot.retired();
        return;
      }
      if (message.type === 'ready') {
        slot.state = 'ready';
        markReady();
        dispatch();
      } else if (message.type === 'load_failed') {
        slot.state = 'failed';
        markFailed(new Error(message.error));
        if (slots.every((s) => s.state === 'failed')) failQueued(`engine_unavailable: ${message.error}`);
      } else if (slot.job && message.id === slot.job.id) {
        const job = slot.job;
        if (message.type === 'failed') {
          counters.failed++;
          finish(slot, unreadable(job, `failed: ${message.error}`));
        } else {
          counters.completed++;
          const { parsed, timings, totalMs, boxes } = message;
          finish(slot, {
            document: job.document,
            status: parsed.readable ? 'read' : 'unreadable',
            fields: parsed.fields,
            confidence: parsed.confidence,
            reason: parsed.readable ? undefined : 'no_key_field',
            durationMs: totalMs,
            elapsedMs: performance.now() - job.enqueuedAt,
            timings,
            boxes,
          });
        }
        if (slot.jobsDone >= options.recycleAfterJobs) replace(index);
        else dispatch();
      }
    });
    const lost = (why: string) => {
      if (closed || slots[index] !== slot || slot.state === 'failed') return;
      markFailed(new Error(why));
      if (slot.job) {
        counters.failed++;
        finish(slot, unreadable(slot.job, `worker_error: ${why}`));
      }
      replace(index);
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`exited with code ${code}`));
  }

  /**
   * Terminates a worker once it is idle. Terminating a thread while ONNX Runtime runs in it aborts the process
   * ("terminate called after throwing an instance of 'Napi::Error'"), so a worker whose photo timed out is terminated
   * when that read's answer arrives; one stuck beyond 10 timeouts is terminated anyway (no better option is left).
   */
  function retire(slot: Slot): Promise<void> {
    return new Promise((resolve) => {
      const terminate = () => {
        slot.retired = () => undefined;
        clearTimeout(stuck);
        void slot.worker.terminate().finally(resolve);
      };
      const stuck = setTimeout(terminate, 10 * options.timeoutMs);
      stuck.unref();
      if (!slot.inFlight) terminate();
      else slot.retired = terminate;
    });
  }

  /** Retires the worker of slot `index` (its job, if any, already answered) and starts a fresh one at once. */
  function replace(index: number): void {
    void retire(slots[index]);
    if (closed) return;
    startSlot(index);
  }

  function failQueued(reason: string): void {
    while (queue.length) {
      const job = queue.shift() as Job;
      counters.failed++;
      job.resolve(unreadable(job, reason));
    }
  }

  function dispatch(): void {
    for (let index = 0; index < slots.length && queue.length; index++) {
      const slot = slots[index];
      if (slot.job || slot.state !== 'ready') continue;
      const job = queue.shift() as Job;
      slot.job = job;
      const timeoutMs = job.options.timeoutMs ?? options.timeoutMs;
      slot.timer = setTimeout(() => {
        if (slot.job !== job) return;
        counters.timedOut++;
        finish(slot, unreadable(job, 'timeout'));
        replace(index);
      }, timeoutMs);
      // Copy into a fresh ArrayBuffer and transfer it: the worker gets the bytes without a second copy.
      const bytes = new Uint8Array(job.jpeg.length);
      bytes.set(job.jpeg);
      const message: WorkerJob = { id: job.id, document: job.document, jpeg: bytes.buffer, withBoxes: job.options.withBoxes ?? false };
      slot.inFlight = true;
      slot.worker.postMessage(message, [bytes.buffer]);
    }
  }

  for (let i = 0; i < options.workers; i++) startSlot(i);

  return {
    recognize(document, jpeg, recognizeOptions = {}) {
      return new Promise<RecognitionResult>((resolve) => {
        const job: Job = { id: nextId++, document, jpeg, options: recognizeOptions, enqueuedAt: performance.now(), resolve };
        if (closed) return resolve(unreadable(job, 'closed'));
        if (queue.length >= options.maxQueued) {
          counters.failed++;
          return resolve(unreadable(job, 'busy'));
        }
        queue.push(job);
        // A worker whose models failed to load is tried again when work arrives (the files may be back).
        slots.forEach((slot, index) => {
          if (slot.state === 'failed') replace(index);
        });
        dispatch();
      });
    },
    async ready() {
      await Promise.all(slots.map((s) => s.ready));
    },
    stats() {
      return { workers: slots.length, busy: slots.filter((s) => s.job).length, queued: queue.length, ...counters };
    },
    async close() {
      closed = true;
      failQueued('closed');
      for (const slot of slots) {
        if (slot.job) finish(slot, unreadable(slot.job, 'closed'));
      }
      await Promise.all(slots.map((s) => retire(s)));
    },
  };
}
