// Exact-match scoring of a recognition against a generated sample's known fields (the bench and the CI sample use it).
import type { RecognisedFields } from '../../shared/domain/recognition';
import type { ExpectedFields } from './sampleSet';

/** The figures the targets are stated on: ID number, name, and validity (both dates of the ID back right, 长期 included). */
export const KEY_FIELDS = ['idNumber', 'name', 'validity'] as const;

export interface FieldScore {
  field: string;
  expected: string | null;
  /** What was recognised; undefined when the field was not claimed. */
  got: string | null | undefined;
  correct: boolean;
}

/** One score per expected field, plus `validity` for an ID back. */
export function scoreFields(expected: ExpectedFields, fields: RecognisedFields): FieldScore[] {
  const got = fields as Record<string, string | null | undefined>;
  const scores: FieldScore[] = Object.entries(expected).map(([field, value]) => ({ field, expected: value, got: got[field], correct: got[field] === value }));
  if ('validUntil' in expected) {
    const correct = got.validFrom === expected.validFrom && got.validUntil === expected.validUntil;
    const show = (from: string | null | undefined, until: string | null | undefined) => `${from ?? '?'}–${until === null ? '长期' : (until ?? '?')}`;
    scores.push({ field: 'validity', expected: show(expected.validFrom, expected.validUntil), got: show(got.validFrom, got.validUntil), correct });
  }
  return scores;
}
