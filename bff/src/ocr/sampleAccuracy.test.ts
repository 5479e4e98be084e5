// CI's sample of the OCR bench: 10 generated photos (4 ID fronts, 4 backs, a licence, a 核验单) through the upload
// pipeline and the engine. Accuracy only — latency is the bench's job (npm run bench:ocr), never asserted here.
import { processPhoto } from '../materials/pipeline';
import { ocrSample } from '../../../testing/ocr/sampleSet';
import { KEY_FIELDS, scoreFields, type FieldScore } from '../../../testing/ocr/score';
import { MIN_CLAIM_CONFIDENCE } from '../../../shared/rules/recognition';
import type { RecognisedField } from '../../../shared/domain/recognition';
import { createOcrEngine } from './engine';

// Generous: on a machine shared with other jobs a photo can take 10× its unloaded time; CI asserts accuracy, not time.
jest.setTimeout(900_000);

it('reads the key fields of a 10-photo sample of the generated set, and never claims a wrong value confidently', async () => {
  // Accuracy only: the engine does not step aside for the other test workers' load (yield.ts), which would only slow it.
  const engine = createOcrEngine({ workers: 1, threadsPerWorker: 2, yieldToLoad: false });
  const scores: (FieldScore & { id: string; confidence: number | undefined })[] = [];
  try {
    for (let index = 0; index < 10; index++) {
      const sample = await ocrSample(index);
      const { jpeg } = await processPhoto(sample.jpeg);
      const result = await engine.recognize(sample.document, jpeg);
      for (const score of scoreFields(sample.expected, result.fields)) {
        scores.push({ ...score, id: sample.id, confidence: result.confidence[score.field as RecognisedField] });
      }
    }
  } finally {
    await engine.close();
  }
  const key = scores.filter((s) => (KEY_FIELDS as readonly string[]).includes(s.field));
  const wrongKey = key.filter((s) => !s.correct).map((s) => `${s.id} ${s.field}: ${String(s.got)} ≠ ${String(s.expected)}`);
  // 12 key fields (4 names, 4 ID numbers, 4 validities): at most one may be missed.
  expect(key).toHaveLength(12);
  expect(wrongKey.length).toBeLessThanOrEqual(1);
  // A confident wrong value would become a false mismatch on the checklist: none is allowed.
  const confidentWrong = scores.filter((s) => !s.correct && s.got !== undefined && s.field !== 'validity' && (s.confidence ?? 0) >= MIN_CLAIM_CONFIDENCE);
  expect(confidentWrong.map((s) => `${s.id} ${s.field}: ${String(s.got)}`)).toEqual([]);
});
