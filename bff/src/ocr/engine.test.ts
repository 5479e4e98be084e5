// The engine with real worker threads and the real models: reading, unreadable photos, timeout recycling, queue cap, close.
import sharp from 'sharp';
import { ocrSample } from '../../../testing/ocr/sampleSet';
import { createOcrEngine, type OcrEngine } from './engine';

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
  it('times out a read while ONNX Runtime runs without aborting the process: the worker is terminated once idle', async () => {
    // Terminating a thread inside ONNX Runtime aborts the process (Napi::Error); 600 ms lands inside detection.
    const engine = createOcrEngine({ workers: 1, threadsPerWorker: 1 });
    try {
      await engine.ready();
      const sample = await ocrSample(0);
      expect(await engine.recognize('id_front', sample.jpeg, { timeoutMs: 600 })).toMatchObject({ status: 'unreadable', reason: 'timeout' });
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
