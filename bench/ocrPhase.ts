// The main bench's OCR phase (issue 17): autosave under load alone, then the same load while 4 recognitions run on an
// OCR engine with the BFF's default settings, in one run. Recognition lives in worker processes at idle priority whoever owns
// them, so what it can take from autosave is CPU; its effect on the API's event loop is measured by `npm run bench:ocr`.
import { processPhoto } from '../bff/src/materials/pipeline';
import { createOcrEngine, OCR_ENGINE_DEFAULTS } from '../bff/src/ocr/engine';
import { ocrSample } from '../testing/ocr/sampleSet';
import { keepRecognitionsRunning, type OcrLoadPhoto } from './ocrLoad';
import type { Row } from './measure';
import type { LoadResult } from './paced';

/** One way of loading the autosave path: a label for the table and a measurement (it must leave the drafts' versions in sync for the next call). */
export interface AutosaveLoad {
  label: string;
  run: () => Promise<LoadResult>;
}

export interface OcrPhaseResult {
  /** Per load, the same measurement with the engine idle and then beside the recognitions. */
  loads: { label: string; alone: LoadResult; withOcr: LoadResult }[];
  recognitions: { completed: number; unreadable: number; workers: number };
}

/**
 * Each load alone, then each again while `concurrency` recognitions keep running. As many saves as the machine takes
 * (50 connections, closed loop) shows what OCR's CPU costs at saturation, where on 2 cores any CPU taken is latency;
 * a fixed rate below saturation shows what an applicant typing meanwhile sees.
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
  try {
    await engine.ready();
    const alone: LoadResult[] = [];
    for (const load of loads) alone.push(await load.run());
    const running = keepRecognitionsRunning(engine, photos, concurrency);
    const withOcr: LoadResult[] = [];
    for (const load of loads) withOcr.push(await load.run());
    const { completed, unreadable } = await running.stop();
    return {
      loads: loads.map((load, i) => ({ label: load.label, alone: alone[i], withOcr: withOcr[i] })),
      recognitions: { completed, unreadable, workers: OCR_ENGINE_DEFAULTS.workers },
    };
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
  return loads.flatMap(({ label, alone, withOcr }) => [
    row(`BFF autosave ${label}, OCR engine idle`, alone, 'same run as the next line'),
    row(`BFF autosave ${label}, 4 recognitions running`, withOcr, `p99 ${(withOcr.latency.p99 / Math.max(1, alone.latency.p99)).toFixed(2)}× idle; ${read}`),
  ]);
}
