// Bench of the photo pipeline on a 12 MP document photo: median time, bytes in/out, and how much of it is sharp.
// Usage: npm run bench:photo -- [runs=7]. `benchPhoto()` is also used by `npm run bench` (bench/run.ts).
import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import { processPhoto, type ProcessedPhoto } from '../bff/src/materials/pipeline';
import { documentPhotoJpeg } from '../bff/src/materials/sampleImages';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value: number) => `${value.toFixed(0)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

function table(rows: string[][]): string {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  return rows.map((row) => row.map((cell, col) => cell.padStart(widths[col])).join('  ')).join('\n');
}

export interface PhotoBenchSummary {
  runs: number;
  bytesIn: number;
  bytesOut: number;
  medianTotalMs: number;
  medianSharpMs: number;
}

/** Runs the pipeline `runs` times after a warm-up, prints the per-run table through `log`, returns the medians. */
export async function benchPhoto(runs = 7, log: (line: string) => void = console.log): Promise<PhotoBenchSummary> {
  const input = await documentPhotoJpeg({ width: 4000, height: 3000, shape: 'id_card', noise: 6 });
  log(
    `photo pipeline bench: 4000×3000 ID-card photo (text + sensor noise), ${kb(input.length)} in, ${runs} runs after 1 warm-up; ` +
      `sharp ${sharp.versions.sharp} / libvips ${sharp.versions.vips}, ${availableParallelism()} cores, sharp concurrency ${sharp.concurrency()}`,
  );
  await processPhoto(input); // warm-up: first calls load codecs and fill caches

  const results: ProcessedPhoto[] = [];
  for (let i = 0; i < runs; i++) results.push(await processPhoto(input));

  const stepNames = [...new Set(results.flatMap((r) => Object.keys(r.timings.steps)))];
  const rows = [['run', 'total', 'in sharp', 'sharp share', ...stepNames, 'bytes out', 'quality']];
  results.forEach((r, i) =>
    rows.push([
      String(i + 1),
      ms(r.timings.totalMs),
      ms(r.timings.sharpMs),
      `${((r.timings.sharpMs / r.timings.totalMs) * 100).toFixed(1)}%`,
      ...stepNames.map((s) => ms(r.timings.steps[s] ?? 0)),
      kb(r.bytes),
      String(r.jpegQuality),
    ]),
  );
  const total = median(results.map((r) => r.timings.totalMs));
  const inSharp = median(results.map((r) => r.timings.sharpMs));
  rows.push([
    'median',
    ms(total),
    ms(inSharp),
    `${(median(results.map((r) => r.timings.sharpMs / r.timings.totalMs)) * 100).toFixed(1)}%`,
    ...stepNames.map((s) => ms(median(results.map((r) => r.timings.steps[s] ?? 0)))),
    kb(median(results.map((r) => r.bytes))),
    '',
  ]);
  log(table(rows));
  const last = results[results.length - 1];
  log(`bytes: ${input.length} in → ${last.bytes} out (${last.width}×${last.height}, ${((last.bytes / input.length) * 100).toFixed(0)}% of input)`);
  return { runs, bytesIn: input.length, bytesOut: last.bytes, medianTotalMs: total, medianSharpMs: inSharp };
}

if (require.main === module) {
  benchPhoto(Math.max(1, Number(process.argv[2] ?? 7) || 7)).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
