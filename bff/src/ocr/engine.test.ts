// The engine with real worker processes and the real models: reading, idle CPU priority, unreadable photos, timeout
// recycling, queue cap, close.
import { readdirSync, readFileSync } from 'node:fs';
import sharp from 'sharp';
import { ocrSample } from '../../../testing/ocr/sampleSet';
import { createOcrEngine, type OcrEngine } from './engine';
import type { OcrWorkerHandle } from './process';

jest.setTimeout(600_000);

describe('OCR engine', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = createOcrEngine({ workers: 1, threadsPerWorker: 2 });
    await engine.ready();
  });
  afterAll(() => engine.close());

  it('reads a generated ID front in its worker: fields with their confidences', async () => {
    const sample = await ocrSample(0);
    const result = await engine.recognize('id_front', sample.jpeg);
    expect(result.status).toBe('read');
    expect(result.fields.idNumber).toBe(sample.expected.idNumber);
    expect(result.fields.name).toBe(sample.expected.name);
    expect(result.confidence.idNumber).toBeGreaterThan(0.9);
  });

  it('runs its worker, every thread of it, at idle CPU priority (SCHED_IDLE): a waking API thread preempts it at once', async () => {
    const { pids } = engine.stats();
    expect(pids).toHaveLength(1);
    // /proc/<pid>/task/<tid>/stat: field 41 is the scheduling policy (5 = SCHED_IDLE); the libvips, libuv and V8 threads included.
    const policies = readdirSync(`/proc/${pids[0]}/task`).map((tid) => {
      const stat = readFileSync(`/proc/${pids[0]}/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[38]);
    });
    expect(policies.length).toBeGreaterThan(3);
    expect(new Set(policies)).toEqual(new Set([5]));
    expect(process.pid).not.toBe(pids[0]);
  });

  it('answers a photo without a document unreadable, claiming no field', async () => {
    const noise = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .jpeg()
      .toBuffer();
    const result = await engine.recognize('id_front', noise);
    expect(result).toMatchObject({ status: 'unreadable', fields: {}, confidence: {} });
  });

  it('abandons a photo past its timeout, replaces the worker, and reads the next photo', async () => {
    const sample = await ocrSample(4);
    const before = engine.stats();
    const stuck = await engine.recognize('id_back', sample.jpeg, { timeoutMs: 1 });
    expect(stuck).toMatchObject({ status: 'unreadable', reason: 'timeout', fields: {} });
    expect(engine.stats()).toMatchObject({ timedOut: before.timedOut + 1, workersStarted: before.workersStarted + 1 });
    const next = await engine.recognize('id_back', sample.jpeg);
    expect(next.status).toBe('read');
    expect(next.fields.validUntil).toBe(sample.expected.validUntil);
  });
});

describe('OCR engine timeout inside a native call', () => {
  it('times out a read while ONNX Runtime runs without aborting the process: its worker process is killed and replaced', async () => {
    // Terminating a worker thread inside ONNX Runtime aborted the whole process (Napi::Error); a worker process is
    // killed there safely. The timeout is set halfway through detection as this machine times it on a warm worker (a
    // fixed 600 ms let a fast machine finish the whole read first).
    const engine = createOcrEngine({ workers: 1, threadsPerWorker: 1 });
    try {
      await engine.ready();
      const sample = await ocrSample(0);
      await engine.recognize('id_front', sample.jpeg); // the first inference of a session also warms ONNX Runtime up
      const { timings } = await engine.recognize('id_front', sample.jpeg);
      if (!timings) throw new Error('a read answered without its stage timings');
      const timeoutMs = Math.max(1, Math.round(timings.decode + timings.detect / 2));
      expect(await engine.recognize('id_front', sample.jpeg, { timeoutMs })).toMatchObject({ status: 'unreadable', reason: 'timeout' });
      const next = await engine.recognize('id_front', sample.jpeg);
      expect(next.fields.idNumber).toBe(sample.expected.idNumber);
    } finally {
      await engine.close();
    }
  });
});

describe('OCR engine queue and close', () => {
  it('answers busy beyond the queue cap, and closed for queued photos and calls after close()', async () => {
    const engine = createOcrEngine({ workers: 1, threadsPerWorker: 1, maxQueued: 1 });
    await engine.ready();
    const { jpeg } = await ocrSample(1);
    const running = engine.recognize('id_front', jpeg);
    const queued = engine.recognize('id_front', jpeg);
    const refused = await engine.recognize('id_front', jpeg);
    expect(refused).toMatchObject({ status: 'unreadable', reason: 'busy' });
    expect(engine.stats()).toMatchObject({ busy: 1, queued: 1 });
    await engine.close();
    expect(await queued).toMatchObject({ status: 'unreadable', reason: 'closed' });
    expect((await running).reason).toBe('closed');
    expect(await engine.recognize('id_front', jpeg)).toMatchObject({ status: 'unreadable', reason: 'closed' });
  });
});

describe('OCR engine on a busy machine', () => {
  const stateOf = (pid: number) => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('stops a recognition while the rest of the machine is busy and finishes it after; the stop does not count as timeout', async () => {
    let load = 0.95;
    const engine = createOcrEngine({ workers: 1, threadsPerWorker: 1, timeoutMs: 6000, loadProbe: () => load, yieldToLoad: { sampleMs: 50, maxPauseMs: 60_000 } });
    try {
      await engine.ready();
      const sample = await ocrSample(0);
      let settled = false;
      const reading = engine.recognize('id_front', sample.jpeg).finally(() => {
        settled = true;
      });
      await sleep(300);
      const { pids, paused } = engine.stats();
      expect(paused).toBe(true);
      expect(stateOf(pids[0])).toBe('T'); // stopped by SIGSTOP
      await sleep(7000); // longer than the photo's timeout
      expect(settled).toBe(false);
      load = 0.1;
      const result = await reading;
      expect(result.status).toBe('read');
      expect(result.fields.idNumber).toBe(sample.expected.idNumber);
      expect(engine.stats()).toMatchObject({ paused: false, timedOut: 0 });
      expect(engine.stats().pausedMs).toBeGreaterThan(6500);
      expect(stateOf(pids[0])).not.toBe('T');
    } finally {
      await engine.close();
    }
  });

  it('a machine that stays busy slows recognitions but never starves them', async () => {
    const engine = createOcrEngine({ workers: 1, threadsPerWorker: 1, loadProbe: () => 0.95, yieldToLoad: { sampleMs: 50, maxPauseMs: 400, minRunMs: 200 } });
    try {
      await engine.ready();
      const sample = await ocrSample(0);
      const result = await engine.recognize('id_front', sample.jpeg);
      expect(result.fields.idNumber).toBe(sample.expected.idNumber);
      expect(engine.stats().pausedMs).toBeGreaterThan(300);
    } finally {
      await engine.close();
    }
  });
});

describe('OCR engine whose workers cannot start', () => {
  /** A worker that is gone as soon as it is started, before loading anything (a launcher the system refuses). */
  const stillborn = (started: { count: number }) => (): OcrWorkerHandle => {
    started.count += 1;
    let lost: (why: string) => void = () => {};
    setImmediate(() => lost('exited with code 1'));
    return { pid: undefined, onMessage: () => {}, onLost: (listener) => void (lost = listener), post: () => {}, terminate: async () => {} };
  };

  it('does not restart them in a loop: each photo tries once and is answered engine_unavailable', async () => {
    const started = { count: 0 };
    const engine = createOcrEngine({ workers: 2, yieldToLoad: false, spawnWorker: stillborn(started) });
    try {
      await expect(engine.ready()).rejects.toThrow('exited with code 1');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(started.count).toBe(2);
      const sample = await ocrSample(0);
      const result = await engine.recognize('id_front', sample.jpeg);
      expect(result).toMatchObject({ status: 'unreadable', fields: {} });
      expect(result.reason).toMatch(/^engine_unavailable: exited with code 1/);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(started.count).toBe(4); // one more try per worker for that photo, none since
    } finally {
      await engine.close();
    }
  });
});
