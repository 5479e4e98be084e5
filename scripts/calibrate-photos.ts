// Generates the photo calibration set into artifacts/photo-calibration/ and prints how the pipeline judges it: the
// confusion table (expected × got, per class) and each class's quality measures, as Markdown for docs/photos.md.
// Then, as a second check drawn by another generator, the first `--ocr` photos of the OCR test set (testing/ocr/), all
// meant to be legible: how many pass the quality checks.
// Usage: npm run calibrate:photos -- [--seed 2026] [--per-class 12] [--ocr 50] [--classes a,b] [--sheets] [--out dir]
// (--classes runs only those classes, e.g. to share the set between processes; --ocr 0 skips the OCR set).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { AppError } from '../bff/src/errors';
import { CALIBRATION_CLASSES, calibrationSet, type CalibrationClass, type CalibrationCase } from '../bff/src/materials/calibration/set';
import { renderScene } from '../bff/src/materials/calibration/scene';
import { PHOTO_LIMITS, processPhoto } from '../bff/src/materials/pipeline';
import { ocrSample } from '../testing/ocr/sampleSet';
import { greyCopies, measureGrey, type QualityMeasures } from '../bff/src/materials/quality';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const seed = Number(arg('seed', '2026'));
const perClass = Number(arg('per-class', '12'));
const ocrCount = Number(arg('ocr', '50'));
const out = arg('out', 'artifacts/photo-calibration');
const sheets = process.argv.includes('--sheets');
const allClasses = Object.keys(CALIBRATION_CLASSES) as CalibrationClass[];
const classes = arg('classes', '') ? (arg('classes', '').split(',') as CalibrationClass[]) : allClasses;
const unknown = classes.filter((cls) => !allClasses.includes(cls));
if (unknown.length) throw new Error(`unknown classes: ${unknown.join(', ')}`);

/** The pipeline's greyscale copies (decoded at ≤ 2400 px), to report the measures of refused photos too. */
async function measuresOf(jpeg: Buffer): Promise<QualityMeasures | null> {
  const meta = await sharp(jpeg).metadata();
  if (Math.max(meta.width ?? 0, meta.height ?? 0) < PHOTO_LIMITS.minLongEdge) return null;
  const edge = PHOTO_LIMITS.maxLongEdge;
  const decoded = await sharp(jpeg).rotate().resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
  const { analysis, delivered } = await greyCopies(decoded.data, { width: decoded.info.width, height: decoded.info.height, channels: decoded.info.channels });
  return measureGrey(analysis, delivered);
}

interface Result {
  c: CalibrationCase;
  got: string;
  warned: boolean;
  message: string;
  m: QualityMeasures | null;
}

async function judge(jpeg: Buffer): Promise<Omit<Result, 'c'>> {
  const m = await measuresOf(jpeg);
  try {
    const photo = await processPhoto(jpeg);
    return { got: 'accept', warned: photo.warnings.length > 0, message: photo.warnings.join('；'), m };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const reason = typeof error.extra?.reason === 'string' ? error.extra.reason : error.code;
    return { got: reason, warned: false, message: error.message, m };
  }
}

const fmt = (values: number[], digits: number) => {
  if (!values.length) return '—';
  const s = [...values].sort((a, b) => a - b);
  const f = (v: number) => v.toFixed(digits);
  return `${f(s[Math.floor(s.length / 2)])} (${f(s[0])}–${f(s[s.length - 1])})`;
};

async function contactSheet(cls: CalibrationClass, files: Buffer[]): Promise<void> {
  const tile = 480;
  const thumbs = await Promise.all(files.slice(0, 6).map((f) => sharp(f).resize(tile, tile, { fit: 'contain', background: '#ffffff' }).png().toBuffer()));
  const sheet = await sharp({ create: { width: tile * 3, height: tile * Math.ceil(thumbs.length / 3), channels: 3, background: '#ffffff' } })
    .composite(thumbs.map((input, i) => ({ input, left: (i % 3) * tile, top: Math.floor(i / 3) * tile })))
    .png()
    .toBuffer();
  writeFileSync(join(out, `sheet-${cls}.png`), sheet);
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const cases = calibrationSet(seed, perClass).filter((c) => classes.includes(c.cls));
  const results: Result[] = [];
  const byClass = new Map<CalibrationClass, Buffer[]>();
  for (const c of cases) {
    const jpeg = await renderScene(c.plan, c.seed);
    writeFileSync(join(out, `${c.id}.jpg`), jpeg);
    byClass.set(c.cls, [...(byClass.get(c.cls) ?? []), jpeg]);
    const r = { c, ...(await judge(jpeg)) };
    results.push(r);
    const ok = (r.got === 'accept') === (c.expected === 'accept') && (r.got === 'accept' || r.got === c.expected);
    process.stderr.write(`${ok ? ' ' : '✗'} ${c.id.padEnd(20)} expected ${c.expected.padEnd(15)} got ${r.got}${r.warned ? ' (warned)' : ''}  ${r.message}\n`);
  }
  if (sheets) for (const [cls, files] of byClass) await contactSheet(cls, files);

  const outcomes = ['accept', 'too_dark', 'glare', 'blurred', 'too_small', 'low_resolution'];
  const lines: string[] = [];
  lines.push(`Seed ${seed}, ${perClass} per class, ${cases.length} photos.`, '');
  lines.push(`| Class | Expected | ${outcomes.map((o) => (o === 'accept' ? 'accept (warned)' : o)).join(' | ')} | other | Wrong |`);
  lines.push(`|---|---|${outcomes.map(() => '---:').join('|')}|---:|---:|`);
  let wrong = 0;
  for (const cls of classes) {
    const rs = results.filter((r) => r.c.cls === cls);
    const expected = CALIBRATION_CLASSES[cls].expected;
    const cellsFor = outcomes.map((o) => {
      const n = rs.filter((r) => r.got === o).length;
      return o === 'accept' ? `${n} (${rs.filter((r) => r.got === o && r.warned).length})` : String(n);
    });
    const other = rs.filter((r) => !outcomes.includes(r.got)).length;
    const bad = rs.filter((r) => r.got !== expected).length;
    wrong += bad;
    lines.push(`| ${cls} | ${expected} | ${cellsFor.join(' | ')} | ${other} | ${bad} |`);
  }
  lines.push('', `Wrong verdicts: ${wrong} of ${results.length}.`, '');
  lines.push('| Class | paper level | ink level | text height (px) | sharpness | glare cells | text cells |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const cls of classes) {
    const ms = results.filter((r) => r.c.cls === cls && r.m).map((r) => r.m as QualityMeasures);
    lines.push(
      `| ${cls} | ${fmt(
        ms.map((m) => m.paperLevel),
        0,
      )} | ${fmt(
        ms.map((m) => m.inkLevel),
        0,
      )} | ${fmt(
        ms.map((m) => m.textHeight),
        0,
      )} | ${fmt(
        ms.map((m) => m.sharpness),
        2,
      )} | ${fmt(
        ms.map((m) => m.glareCells),
        0,
      )} | ${fmt(
        ms.map((m) => m.textCells),
        0,
      )} |`,
    );
  }
  const ocrRefused: string[] = [];
  for (let index = 0; index < ocrCount; index++) {
    const sample = await ocrSample(index);
    const r = await judge(sample.jpeg);
    if (r.got !== 'accept') ocrRefused.push(`${sample.id} (${r.got}: ${r.message})`);
    process.stderr.write(`${r.got === 'accept' ? ' ' : '✗'} ocr ${sample.id.padEnd(22)} got ${r.got}${r.warned ? ' (warned)' : ''}  ${r.message}\n`);
  }
  if (ocrCount > 0) {
    lines.push(
      '',
      `OCR test set, samples 0–${ocrCount - 1} (all legible): ${ocrCount - ocrRefused.length} of ${ocrCount} pass${ocrRefused.length ? `; refused: ${ocrRefused.join(', ')}` : ''}.`,
    );
  }
  console.log(lines.join('\n'));
  writeFileSync(join(out, 'report.md'), `${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
