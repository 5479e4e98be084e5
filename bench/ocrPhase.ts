// The main bench's OCR phase (issue 17): autosave under load alone, then the same load while 4 recognitions run on an
// OCR engine with the BFF's default settings, in one run. Recognition lives in worker processes at idle priority whoever owns
// them, so what it can take from autosave is CPU; its effect on the API's event loop is measured by `npm run bench:ocr`.
import { processPhoto } from '../bff/src/materials/pipeline';
import { createOcrEngine, OCR_ENGINE_DEFAULTS } from '../bff/src/ocr/engine';
import { ocrSample } from '../testing/ocr/sampleSet';
import { keepRecognitionsRunning, type OcrLoadPhoto } from './ocrLoad';
import { spread, type Row } from './measure';
import { latencyOf, type LoadResult } from './paced';

/** One way of loading the autosave path: a label for the table and a measurement (it must leave the drafts' versions in sync for the next call). */
export interface AutosaveLoad {
  label: string;
  run: () => Promise<LoadResult>;
  /** Idle and beside-OCR runs alternate this many times; runs that carry their samples (paced) are pooled. */
  rounds?: number;
}

export interface OcrPhaseResult {
  /** Per load, the same measurement with the engine idle and beside the recognitions (pooled), and each round's p99. */
  loads: { label: string; alone: LoadResult; withOcr: LoadResult; rounds: { alone: number; withOcr: number }[] }[];
  recognitions: { completed: number; unreadable: number; workers: number };
}

/** One result from several runs: their samples pooled when every run has them, else the single run. */
function pooled(runs: LoadResult[]): LoadResult {
  if (runs.length === 1 || runs.some((r) => !r.samples)) return runs[0];
  const samples = runs.flatMap((r) => r.samples ?? []).sort((a, b) => a - b);
  const sum = (pick: (r: LoadResult) => number) => runs.reduce((n, r) => n + pick(r), 0);
  return {
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    non2xx: sum((r) => r.non2xx),
    requests: { average: sum((r) => r.requests.average) / runs.length },
    latency: latencyOf(samples),
    samples,
  };
}

/**
 * Each load alone, then again while `concurrency` recognitions keep running, alternating `rounds` times so that a
 * drift of the machine (another tenant, the disk) falls on both sides. As many saves as the machine takes (50
 * connections, closed loop) shows what OCR's CPU costs at saturation, where on 2 cores any CPU taken is latency; a
 * fixed rate below saturation shows what an applicant typing meanwhile sees.
 */
export async function autosaveBesideRecognitions(loads: readonly AutosaveLoad[], concurrency = 4): Promise<OcrPhaseResult> {
  // The first four generated ID photos the upload pipeline accepts (fronts and backs), as the BFF reads them.
  const photos: OcrLoadPhoto[] = [];
  for (let index = 0; photos.length < 4 && index < 40; index++) {
    const sample = await ocrSample(index);
    if (sample.document !== 'id_front' && sample.document !== 'id_back') continue;
    const processed = await processPhoto(sample.jpeg).catch(() => null);
    if (processed) photos.push({ document: sample.document, jpeg: processed.jpeg });
  }
  const engine = createOcrEngine();
  const recognitions = { completed: 0, unreadable: 0, workers: OCR_ENGINE_DEFAULTS.workers };
  try {
    await engine.ready();
    const results: OcrPhaseResult['loads'] = [];
    // BENCH_OCR_ROUNDS=0 leaves the fixed-rate load out (no rows) rather than pooling nothing.
    for (const load of loads.filter((l) => (l.rounds ?? 1) > 0)) {
      const alone: LoadResult[] = [];
      const withOcr: LoadResult[] = [];
      for (let round = 0; round < (load.rounds ?? 1); round++) {
        alone.push(await load.run());
        const running = keepRecognitionsRunning(engine, photos, concurrency);
        withOcr.push(await load.run());
        const { completed, unreadable } = await running.stop();
        recognitions.completed += completed;
        recognitions.unreadable += unreadable;
      }
      const rounds = alone.map((a, i) => ({ alone: a.latency.p99, withOcr: withOcr[i].latency.p99 }));
      results.push({ label: load.label, alone: pooled(alone), withOcr: pooled(withOcr), rounds });
    }
    return { loads: results, recognitions };
  } finally {
    await engine.close();
  }
}

/** The bench table's rows of the phase: per load, autosave with the engine idle, then beside the recognitions. */
export function ocrPhaseRows({ loads, recognitions }: OcrPhaseResult): Row[] {
  const errors = (res: LoadResult) => res.errors + res.timeouts + res.non2xx;
  const read = `${recognitions.completed} photos read over the runs beside OCR (${recognitions.unreadable} unreadable), engine ${recognitions.workers} worker(s)`;
  const row = (path: string, res: LoadResult, note: string): Row => ({
    path,
    conns: 50,
    rps: res.requests.average,
    errors: errors(res),
    p50: res.latency.p50,
    p99: res.latency.p99,
    note,
  });
  return loads.flatMap(({ label, alone, withOcr, rounds }) => {
    const ratio = `p99 ${(withOcr.latency.p99 / Math.max(0.1, alone.latency.p99)).toFixed(2)}× idle`;
    const pooledNote =
      rounds.length > 1 && alone.samples
        ? `; ${rounds.length} rounds alternating, pooled; per-round p99 idle ${spread(
            rounds.map((r) => r.alone),
            1,
          )} ms, beside OCR ${spread(
            rounds.map((r) => r.withOcr),
            1,
          )} ms`
        : '';
    return [
      row(`BFF autosave ${label}, OCR engine idle`, alone, rounds.length > 1 ? 'alternating with the next line' : 'same run as the next line'),
      row(`BFF autosave ${label}, 4 recognitions running`, withOcr, `${ratio}${pooledNote}; ${read}`),
    ];
  });
}
