// What a parser returns: the fields it could read with certainty and the confidence of each.
import type { RecognisedField, RecognisedFields } from '../../../../shared/domain/recognition';
import { meanOf, type Extract } from './rows';

export interface Parsed {
  fields: RecognisedFields;
  confidence: Partial<Record<RecognisedField, number>>;
}

export const emptyParsed = (): Parsed => ({ fields: {}, confidence: {} });

/** Records a field read from `from` (its confidence is the mean probability of its characters). */
export function put<K extends RecognisedField>(parsed: Parsed, field: K, value: RecognisedFields[K], from: Extract | number): void {
  parsed.fields[field] = value;
  parsed.confidence[field] = typeof from === 'number' ? from : meanOf(from.probs);
}

/** Chinese characters, the middle dot of minority names and nothing else. */
export const CJK_NAME = /^[\u4e00-\u9fa5]{2,5}$|^[\u4e00-\u9fa5]{1,10}[·•][\u4e00-\u9fa5]{1,10}$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** `y m d` as yyyy-mm-dd when it is a real calendar date between 1900 and 2100, otherwise null. */
export function isoDateOf(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Keeps the characters of an extract that match `keep` (stray punctuation or symbols read between characters). */
export function keepOnly(value: Extract, keep: RegExp): Extract {
  let text = '';
  const probs: number[] = [];
  Array.from(value.text).forEach((ch, i) => {
    if (!keep.test(ch)) return;
    text += ch;
    probs.push(value.probs[i]);
  });
  return { text, probs };
}
