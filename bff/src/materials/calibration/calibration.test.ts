// A sample of the calibration set (the first two photos of every class, same seed as docs/photos.md) through the
// real pipeline: a change to the quality measures that flips one of these verdicts fails here.
import { AppError } from '../../errors';
import { processPhoto } from '../pipeline';
import { renderScene } from './scene';
import { CALIBRATION_CLASSES, calibrationSet, type CalibrationClass } from './set';

const SEED = 2026;
const SAMPLE = calibrationSet(SEED, 2);

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

describe.each(Object.keys(CALIBRATION_CLASSES) as CalibrationClass[])('calibration class %s', (cls) => {
  const cases = SAMPLE.filter((c) => c.cls === cls);
  test.each(cases.map((c) => [c.id, c] as const))(
    `%s gets "${CALIBRATION_CLASSES[cls].expected}"`,
    async (_id, c) => {
      const { got, body } = await verdictOf(await renderScene(c.plan, c.seed));
      expect(got).toBe(c.expected);
      if (body) expect(body).toMatchObject({ code: 'photo_rejected', retake: true });
    },
    120_000,
  );
});
