// Bench of the photo pipeline on a 12 MP document photo: median time, bytes in/out, and how much of it is sharp.
// Usage: npm run bench:photo -- [runs=7]
import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import { processPhoto, type ProcessedPhoto } from '../bff/src/materials/pipeline';
import { documentPhotoJpeg } from '../bff/src/materials/sampleImages';

const runs = Math.max(1, Number(process.argv[2] ?? 7) || 7);

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

async function main() {
  const input = await documentPhotoJpeg({ width: 4000, height: 3000, shape: 'id_card', noise: 6 });
  console.log(
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
    `${((median(results.map((r) => r.timings.sharpMs / r.timings.totalMs))) * 100).toFixed(1)}%`,
    ...stepNames.map((s) => ms(median(results.map((r) => r.timings.steps[s] ?? 0)))),
    kb(median(results.map((r) => r.bytes))),
    '',
  ]);
  console.log(table(rows));
  const last = results[results.length - 1];
  console.log(`bytes: ${input.length} in → ${last.bytes} out (${last.width}×${last.height}, ${((last.bytes / input.length) * 100).toFixed(0)}% of input)`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
