// OCR bench: field accuracy and latency on the generated set, and what recognition costs the API's event loop.
// Usage: npm run bench:ocr. BENCH_OCR_COUNT (default 250 photos), BENCH_OCR_WORKERS (1), BENCH_OCR_THREADS (2).
import { readFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createOcrEngine, OCR_ENGINE_DEFAULTS, type RecognitionResult } from '../bff/src/ocr/engine';
import { createPaddleOcr } from '../bff/src/ocr/paddle';
import { processPhoto } from '../bff/src/materials/pipeline';
import { DEFAULT_SET_DIR, DEFAULT_SET_SIZE, writeSampleSet, type ManifestEntry } from '../testing/ocr/sampleSet';
import { KEY_FIELDS, scoreFields, type FieldScore } from '../testing/ocr/score';
import { keepRecognitionsRunning, type OcrLoadPhoto } from './ocrLoad';

const count = Number(process.env.BENCH_OCR_COUNT ?? DEFAULT_SET_SIZE);
const workers = Number(process.env.BENCH_OCR_WORKERS ?? 1);
const threads = Number(process.env.BENCH_OCR_THREADS ?? 2);

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN;
};
const ms = (v: number) => `${v.toFixed(0)} ms`;
const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '–');
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function table(rows: string[][]): string {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  return rows.map((row) => `| ${row.map((cell, col) => cell.padEnd(widths[col])).join(' | ')} |`).join('\n');
}

/** Event-loop delay (ms) of this thread while `during` runs: p50, p99, max. */
async function loopDelay(during: () => Promise<unknown>): Promise<{ p50: number; p99: number; max: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  await during();
  histogram.disable();
  return { p50: histogram.percentile(50) / 1e6, p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6 };
}

async function main(): Promise<void> {
  console.log(
    `OCR bench: ${count} photos, engine ${workers} worker(s) × ${threads} ONNX thread(s); ${availableParallelism()} cores (${cpus()[0]?.model.trim()}), Node ${process.version}; load average at start ${load()}`,
  );
  const started = performance.now();
  const entries = await writeSampleSet({ count, log: (line) => console.log(`  ${line}`) });
  console.log(`set: ${entries.length} photos in ${DEFAULT_SET_DIR} (${((performance.now() - started) / 1000).toFixed(0)} s incl. generation)`);

  // What the integration will read is the upload pipeline's output: run each photo through it first (not timed).
  const photos: { entry: ManifestEntry; jpeg: Buffer }[] = [];
  const refused: string[] = [];
  for (const entry of entries) {
    try {
      photos.push({ entry, jpeg: (await processPhoto(await readFile(join(DEFAULT_SET_DIR, entry.file)))).jpeg });
    } catch (error) {
      refused.push(`${entry.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  console.log(`upload pipeline: ${photos.length} accepted, ${refused.length} refused${refused.length ? ` (${refused.slice(0, 5).join('; ')})` : ''}`);

  const engine = createOcrEngine({ workers, threadsPerWorker: threads });
  let t0 = performance.now();
  await engine.ready();
  console.log(`engine ready (models loaded in each worker) in ${ms(performance.now() - t0)}`);

  // 1. Accuracy and latency: one photo at a time, as a single upload would be served.
  const results: { entry: ManifestEntry; result: RecognitionResult; scores: FieldScore[] }[] = [];
  // CPU time per photo (each worker process reports its own): a per-photo cost that other jobs on the machine do not
  // inflate, unlike the wall-clock latency.
  for (const [i, photo] of photos.entries()) {
    const result = await engine.recognize(photo.entry.document, photo.jpeg);
    results.push({ entry: photo.entry, result, scores: scoreFields(photo.entry.expected, result.fields) });
    if ((i + 1) % 25 === 0) console.log(`  recognised ${i + 1}/${photos.length} (load ${load()})`);
  }

  // Reported by each worker process for its own photos (all its threads), since the workers are not this process.
  const cpuPerPhoto = results.reduce((sum, r) => sum + (r.result.cpuMs ?? 0), 0) / Math.max(1, results.length);

  const byField = new Map<string, { document: string; correct: number; total: number; claimedWrong: number }>();
  for (const { entry, scores } of results) {
    for (const s of scores) {
      const key = `${entry.document}.${s.field}`;
      const row = byField.get(key) ?? { document: entry.document, correct: 0, total: 0, claimedWrong: 0 };
      row.total++;
      if (s.correct) row.correct++;
      else if (s.got !== undefined && !(s.field === 'validity' && String(s.got).includes('?'))) row.claimedWrong++;
      byField.set(key, row);
    }
  }
  console.log('\nField accuracy (exact match; "wrong claims" = a value given that is not the printed one, the rest were not claimed):');
  console.log(
    table([
      ['document.field', 'correct', 'total', 'accuracy', 'wrong claims'],
      ...[...byField].map(([k, v]) => [k, String(v.correct), String(v.total), pct(v.correct, v.total), String(v.claimedWrong)]),
    ]),
  );
  const key = results.flatMap((r) => r.scores.filter((s) => (KEY_FIELDS as readonly string[]).includes(s.field)));
  const keyCorrect = key.filter((s) => s.correct).length;
  const all = results.flatMap((r) => r.scores.filter((s) => s.field !== 'validFrom' && s.field !== 'validUntil'));
  console.log(
    `\nKEY FIELDS (ID number, name, validity): ${keyCorrect}/${key.length} = ${pct(keyCorrect, key.length)}; all fields: ${all.filter((s) => s.correct).length}/${all.length} = ${pct(all.filter((s) => s.correct).length, all.length)}`,
  );
  const unreadable = results.filter((r) => r.result.status === 'unreadable');
  console.log(
    `unreadable: ${unreadable.length}${
      unreadable.length
        ? ` (${unreadable
            .slice(0, 10)
            .map((r) => `${r.entry.id}: ${r.result.reason}`)
            .join('; ')})`
        : ''
    }`,
  );

  const elapsed = results.map((r) => r.result.elapsedMs);
  const stage = (name: 'decode' | 'detect' | 'crop' | 'recognise') =>
    quantile(
      results.map((r) => r.result.timings?.[name] ?? 0),
      0.5,
    );
  console.log(
    `\nLATENCY per photo (call → answer, one at a time): median ${ms(quantile(elapsed, 0.5))}, p95 ${ms(quantile(elapsed, 0.95))}, max ${ms(Math.max(...elapsed))}; ` +
      `median stages: decode ${ms(stage('decode'))}, detect ${ms(stage('detect'))}, crop ${ms(stage('crop'))}, recognise ${ms(stage('recognise'))}`,
  );
  console.log(`time the workers were stopped because the rest of the machine was busy (yield.ts): ${ms(engine.stats().pausedMs)} over the whole set`);
  console.log(
    `CPU time per photo (user + system, all threads): ${ms(cpuPerPhoto)} — on ${threads} ONNX thread(s) an unshared machine needs about this divided by the threads' parallel share`,
  );
  for (const document of ['id_front', 'id_back', 'business_licence', 'verification_form']) {
    const times = results.filter((r) => r.entry.document === document).map((r) => r.result.elapsedMs);
    if (times.length) console.log(`  ${document}: median ${ms(quantile(times, 0.5))}, p95 ${ms(quantile(times, 0.95))} (${times.length} photos)`);
  }

  const failures = results.flatMap((r) => r.scores.filter((s) => !s.correct).map((s) => `${r.entry.id} ${s.field}: expected ${JSON.stringify(s.expected)}, got ${JSON.stringify(s.got)}`));
  if (failures.length) console.log(`\nFailures (${failures.length}, first 40):\n  ${failures.slice(0, 40).join('\n  ')}`);

  // 2. The API's side: event-loop delay of this (main) thread idle, with 4 recognitions running in the engine, and
  //    — for contrast — with the same recognition run on this thread instead of a worker.
  const loadPhotos: OcrLoadPhoto[] = photos.slice(0, 16).map((p) => ({ document: p.entry.document, jpeg: p.jpeg }));
  const idle = await loopDelay(() => new Promise((resolve) => setTimeout(resolve, 5000)));
  t0 = performance.now();
  let finished = 0;
  const busy = await loopDelay(async () => {
    const running = keepRecognitionsRunning(engine, loadPhotos, 4);
    while (running.completed() < 8) await new Promise((resolve) => setTimeout(resolve, 50));
    finished = (await running.stop()).completed;
  });
  const busySeconds = (performance.now() - t0) / 1000;
  await engine.close();
  // The same with the engine's defaults (one worker per two cores, one ONNX thread each), as the BFF would start it.
  const defaults = createOcrEngine();
  await defaults.ready();
  t0 = performance.now();
  let finishedDefaults = 0;
  const busyDefaults = await loopDelay(async () => {
    const running = keepRecognitionsRunning(defaults, loadPhotos, 4);
    while (running.completed() < 8) await new Promise((resolve) => setTimeout(resolve, 50));
    finishedDefaults = (await running.stop()).completed;
  });
  const defaultsSeconds = (performance.now() - t0) / 1000;
  await defaults.close();
  const inline = await createPaddleOcr({ threads });
  const blocking = await loopDelay(async () => {
    for (const p of loadPhotos.slice(0, 2)) await inline.read(p.jpeg);
  });
  console.log('\nMain-thread event-loop delay (monitorEventLoopDelay, 10 ms resolution):');
  console.log(
    table([
      ['while', 'p50', 'p99', 'max'],
      ['idle, 5 s', ms(idle.p50), ms(idle.p99), ms(idle.max)],
      [`4 recognitions running, engine ${workers}×${threads} (${finished} photos in ${busySeconds.toFixed(1)} s)`, ms(busy.p50), ms(busy.p99), ms(busy.max)],
      [
        `4 recognitions running, engine defaults ${OCR_ENGINE_DEFAULTS.workers}×${OCR_ENGINE_DEFAULTS.threadsPerWorker} (${finishedDefaults} photos in ${defaultsSeconds.toFixed(1)} s)`,
        ms(busyDefaults.p50),
        ms(busyDefaults.p99),
        ms(busyDefaults.max),
      ],
      ['for contrast: 2 recognitions on the main thread', ms(blocking.p50), ms(blocking.p99), ms(blocking.max)],
    ]),
  );
  console.log(`\nbench took ${((performance.now() - started) / 1000).toFixed(0)} s; load average at end ${load()}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
