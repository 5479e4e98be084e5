// The OCR engine: a pool of worker processes at idle CPU priority (models loaded once each; process.ts says why not
// threads), a bounded FIFO queue, a timeout per photo. Recognition never runs in the API's process; a stuck or crashed
// worker is killed and replaced.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { OcrDocumentKind, Recognition } from '../../../shared/domain/recognition';
import type { PaddleTimings } from './paddle';
import type { OcrBox } from './types';
import { spawnOcrProcess, type OcrWorkerHandle } from './process';
import { createCpuYield, procLoadProbe, YIELD_DEFAULTS, type LoadProbe, type YieldOptions } from './yield';

export interface OcrEngineOptions {
  /** Worker processes, each holding the models (≈ 150 MB) and reading one photo at a time. */
  workers: number;
  /** ONNX Runtime threads per worker; workers × threads ≤ cores leaves the API its share of the CPU. */
  threadsPerWorker: number;
  /** A photo still being read after this is abandoned (unreadable, reason `timeout`) and its worker killed and replaced. */
  timeoutMs: number;
  /** Photos waiting beyond this are answered unreadable (reason `busy`) at once instead of queueing without bound. */
  maxQueued: number;
  /** A worker is replaced after this many photos: OpenCV.js (box cropping) never frees its crops' heap. */
  recycleAfterJobs: number;
  /** Long edges the detector and the recogniser's crops work at (see paddle.ts). */
  detectionLongEdge: number;
  sourceLongEdge: number;
  /** Stop busy workers while the rest of the machine is busy (yield.ts); false = never. */
  yieldToLoad: Partial<YieldOptions> | false;
  /** Where the load comes from (tests inject one); default /proc on Linux. */
  loadProbe?: LoadProbe;
  /** Starts a worker (tests inject one); default a child process (process.ts). */
  spawnWorker?: (options: OcrEngineOptions) => OcrWorkerHandle;
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
  yieldToLoad: {},
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
  /** CPU the worker process spent on this photo (all its threads), ms. */
  cpuMs?: number;
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
  /** Process ids of the current workers. */
  pids: number[];
  /** Busy workers are stopped now because the machine is busy (yield.ts), and for how long in all, ms. */
  paused: boolean;
  pausedMs: number;
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
  worker: OcrWorkerHandle;
  state: 'loading' | 'ready' | 'failed';
  ready: Promise<void>;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  /** What is left of the job's timeout, and since when it runs (time stopped by yield.ts does not count). */
  timeLeftMs: number;
  timerStartedAt: number;
  jobsDone: number;
  /** Set when the slot was given up: its late messages and its exit are ignored. */
  retired: boolean;
}

function spawnProcess(options: OcrEngineOptions): OcrWorkerHandle {
  return spawnOcrProcess({ threads: options.threadsPerWorker, detectionLongEdge: options.detectionLongEdge, sourceLongEdge: options.sourceLongEdge });
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
    updateSampler();
  }

  function startSlot(index: number): void {
    const worker = (options.spawnWorker ?? spawnProcess)(options);
    counters.workersStarted++;
    let markReady: () => void = () => {};
    let markFailed: (error: Error) => void = () => {};
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markFailed = reject;
    });
    ready.catch(() => {}); // a failed load is reported through the jobs it fails
    const slot: Slot = { worker, state: 'loading', ready, job: null, timer: null, timeLeftMs: 0, timerStartedAt: 0, jobsDone: 0, retired: false };
    slots[index] = slot;
    worker.onMessage((message) => {
      if (slot.retired) return;
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
          const { parsed, timings, totalMs, cpuMs, boxes } = message;
          finish(slot, {
            document: job.document,
            status: parsed.readable ? 'read' : 'unreadable',
            fields: parsed.fields,
            confidence: parsed.confidence,
            reason: parsed.readable ? undefined : 'no_key_field',
            durationMs: totalMs,
            elapsedMs: performance.now() - job.enqueuedAt,
            timings,
            cpuMs,
            boxes,
          });
        }
        if (slot.jobsDone >= options.recycleAfterJobs) replace(index);
        else dispatch();
      }
    });
    worker.onLost((why) => {
      if (closed || slot.retired || slots[index] !== slot || slot.state === 'failed') return;
      markFailed(new Error(why));
      if (slot.state === 'loading') {
        // Gone before it ever loaded (it could not start, or died loading): a failed load, tried again when the next
        // photo arrives — never restarted at once, which would spin as fast as processes start.
        slot.state = 'failed';
        if (slots.every((s) => s.state === 'failed')) failQueued(`engine_unavailable: ${why}`);
        return;
      }
      if (slot.job) {
        counters.failed++;
        finish(slot, unreadable(slot.job, `worker_error: ${why}`));
      }
      replace(index);
    });
  }

  /** Kills a slot's worker (a process: safe even inside ONNX Runtime's native code); resolves once it has exited. */
  function retire(slot: Slot): Promise<void> {
    slot.retired = true;
    return slot.worker.terminate();
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
    updateSampler();
  }

  /** Runs what is left of the slot's timeout (all of it for a new job). */
  function armTimeout(slot: Slot): void {
    const job = slot.job;
    if (!job || slot.timer) return;
    slot.timerStartedAt = performance.now();
    slot.timer = setTimeout(() => {
      if (slot.job !== job) return;
      counters.timedOut++;
      finish(slot, unreadable(job, 'timeout'));
      replace(slots.indexOf(slot));
    }, slot.timeLeftMs);
  }

  const yielder =
    options.yieldToLoad === false
      ? null
      : createCpuYield({ ...YIELD_DEFAULTS, ...options.yieldToLoad }, options.loadProbe ?? procLoadProbe(), {
          busyPids: () => slots.flatMap((s) => (s.job && s.worker.pid !== undefined ? [s.worker.pid] : [])),
          onChange(paused) {
            for (const slot of slots) {
              if (paused && slot.timer) {
                clearTimeout(slot.timer);
                slot.timer = null;
                slot.timeLeftMs -= performance.now() - slot.timerStartedAt;
              } else if (!paused) armTimeout(slot);
            }
            if (!paused) dispatch();
          },
        });
  let sampler: NodeJS.Timeout | null = null;
  /** The load is read only while there is work: an idle engine costs nothing. */
  function updateSampler(): void {
    const working = !closed && (queue.length > 0 || slots.some((s) => s.job));
    if (working && yielder && !sampler) {
      sampler = setInterval(() => yielder.sample(), { ...YIELD_DEFAULTS, ...(options.yieldToLoad || {}) }.sampleMs);
      sampler.unref();
    } else if (!working && sampler) {
      clearInterval(sampler);
      sampler = null;
      yielder?.release();
    }
  }

  function dispatch(): void {
    // While the machine is busy nothing new starts; queued photos wait (their timeout has not started).
    for (let index = 0; index < slots.length && queue.length && !yielder?.paused; index++) {
      const slot = slots[index];
      if (slot.job || slot.state !== 'ready') continue;
      const job = queue.shift() as Job;
      slot.job = job;
      slot.timeLeftMs = job.options.timeoutMs ?? options.timeoutMs;
      armTimeout(slot);
      slot.worker.post({ id: job.id, document: job.document, jpeg: job.jpeg, withBoxes: job.options.withBoxes ?? false });
    }
    updateSampler();
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
      return {
        workers: slots.length,
        busy: slots.filter((s) => s.job).length,
        queued: queue.length,
        ...counters,
        pids: slots.flatMap((s) => (s.worker.pid === undefined ? [] : [s.worker.pid])),
        paused: yielder?.paused ?? false,
        pausedMs: yielder?.pausedMs ?? 0,
      };
    },
    async close() {
      closed = true;
      yielder?.release();
      updateSampler();
      failQueued('closed');
      for (const slot of slots) {
        if (slot.job) finish(slot, unreadable(slot.job, 'closed'));
      }
      await Promise.all(slots.map((s) => retire(s)));
    },
  };
}
