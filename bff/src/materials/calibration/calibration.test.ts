// A small sample of the calibration set (same seed as docs/photos.md) through the real pipeline: one photo of each
// refusal reason and of the clean kinds that used to be refused. Rendering a photo costs seconds, so CI runs this
// sample; the whole set (every class, 12 each) runs with `npm run calibrate:photos`.
import { ocrSample } from '../../../../testing/ocr/sampleSet';
import { AppError } from '../../errors';
import { processPhoto } from '../pipeline';
import { renderScene } from './scene';
import { CALIBRATION_CLASSES, calibrationSet, type CalibrationClass } from './set';

const SEED = 2026;
/** White-paper scan, an evenly bright card whose blank areas clip, a legible card at a third of the frame, and each refusal. */
const SAMPLED: readonly CalibrationClass[] = ['scan', 'bright_card', 'small_legible', 'glare_bright', 'dark', 'motion', 'tiny', 'low_resolution'];
const SAMPLE = calibrationSet(SEED, 1).filter((c) => SAMPLED.includes(c.cls));

async function verdictOf(jpeg: Buffer): Promise<{ got: string; body: Record<string, unknown> | null }> {
  try {
    await processPhoto(jpeg);
    return { got: 'accept', body: null };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const reason = error.extra?.reason;
    return { got: typeof reason === 'string' ? reason : error.code, body: error.toBody() };
  }
}

test.each(SAMPLE.map((c) => [c.id, CALIBRATION_CLASSES[c.cls].expected, c] as const))(
  '%s gets "%s"',
  async (_id, expected, c) => {
    const { got, body } = await verdictOf(await renderScene(c.plan, c.seed));
    expect(got).toBe(expected);
    if (body) expect(body).toMatchObject({ code: 'photo_rejected', retake: true });
  },
  120_000,
);

// The OCR set's photos were drawn by another generator: its clean ID cards (sample 2 evenly lit on a grey table, sample 5
// filling a third of the frame) were once refused as glare and as too small.
test.each([2, 5])(
  'OCR set sample %i (a clean, legible ID card) passes the quality checks',
  async (index) => {
    const sample = await ocrSample(index);
    expect((await verdictOf(sample.jpeg)).got).toBe('accept');
  },
  120_000,
);
