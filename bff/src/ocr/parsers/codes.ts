// Resident ID numbers and credit codes found in OCR rows, confirmed by their check characters (GB 11643, GB 32100).
// A misread is corrected only when the confusion is one OCR is known to make AND exactly one reading passes the check.
import { creditCodeProblem, residentIdProblem } from '../../../../shared/validators/identity';
import type { Extract, Row } from './rows';

/** Characters OCR confuses with digits, and the digits each can stand for. */
const ID_DIGIT_CANDIDATES: Record<string, string[]> = {
  O: ['0'],
  o: ['0'],
  D: ['0'],
  Q: ['0'],
  U: ['0'],
  I: ['1'],
  l: ['1'],
  i: ['1'],
  '|': ['1'],
  L: ['1'],
  T: ['7'],
  Z: ['2'],
  z: ['2'],
  S: ['5'],
  s: ['5'],
  B: ['8', '3'],
  G: ['6', '9'],
  b: ['6'],
  q: ['9'],
  g: ['9'],
};
/** The last character: X in its look-alikes. */
const ID_CHECK_CANDIDATES: Record<string, string[]> = { X: ['X'], x: ['X'], '×': ['X'], K: ['X'], Y: ['X'], ...ID_DIGIT_CANDIDATES };

/** Credit codes use 0-9 and A-Z without I, O, S, V, Z: those letters are misreads of the nearest legal character. */
const CREDIT_CANDIDATES: Record<string, string[]> = { O: ['0'], o: ['0'], I: ['1'], i: ['1'], l: ['1'], '|': ['1'], Z: ['2'], z: ['2'], S: ['5'], s: ['5'], V: ['U', 'Y'], v: ['U', 'Y'] };

/** Every reading of `raw` given per-position candidates; null when there would be too many to try. */
function readings(raw: string, candidatesAt: (ch: string, index: number) => string[] | null): string[] | null {
  let results = [''];
  const chars = Array.from(raw);
  for (let i = 0; i < chars.length; i++) {
    const options = candidatesAt(chars[i], i);
    if (!options) return null;
    results = results.flatMap((prefix) => options.map((option) => prefix + option));
    if (results.length > 64) return null;
  }
  return results;
}

export interface CodeRead {
  value: string;
  confidence: number;
  /** True when the printed reading differed and a confusion was corrected. */
  corrected: boolean;
}

/** The unique check-valid reading of an 18-character run, if any. */
function confirm(raw: string, probs: number[], candidatesAt: (ch: string, index: number) => string[] | null, valid: (code: string) => boolean): CodeRead | null {
  const options = readings(raw, candidatesAt);
  if (!options) return null;
  const passing = [...new Set(options)].filter(valid);
  if (passing.length !== 1) return null;
  const confidence = probs.length ? probs.reduce((a, b) => a + b, 0) / probs.length : 0;
  return { value: passing[0], confidence, corrected: passing[0] !== raw };
}

function runsIn(part: Extract): Extract[] {
  const found: Extract[] = [];
  const pattern = /[0-9A-Za-z|×]+/g;
  for (let match = pattern.exec(part.text); match; match = pattern.exec(part.text)) {
    found.push({ text: match[0], probs: part.probs.slice(match.index, match.index + match[0].length) });
  }
  return found;
}

/**
 * Runs of code-like characters (Latin letters, digits, look-alikes) with their probabilities: within each box (a stray
 * letter boxed apart next to the number must not lengthen it) and across the row (a number split over two boxes).
 */
function runs(row: Row): Extract[] {
  return [...row.segments.flatMap(runsIn), ...runsIn(row)];
}

const idCandidates = (ch: string, index: number): string[] | null => {
  if (/[0-9]/.test(ch)) return [ch];
  return (index === 17 ? ID_CHECK_CANDIDATES[ch] : ID_DIGIT_CANDIDATES[ch]) ?? null;
};

/** A number never starts with a letter, nor ends with one other than X: a letter there is a stray mark read (the card's pattern). */
function trimStrayLetters(run: Extract): Extract {
  const start = /^[A-Za-z|×]*/.exec(run.text)?.[0].length ?? 0;
  const end = /[A-WYZa-wyz|]*$/.exec(run.text.slice(start))?.[0].length ?? 0;
  return { text: run.text.slice(start, run.text.length - end), probs: run.probs.slice(start, run.probs.length - end) };
}

/** The resident ID number in the rows: the one 18-character run that reads as a valid ID (check digit, real date). */
export function findResidentId(rows: readonly Row[], today: Date = new Date()): CodeRead | null {
  const reads = rows
    .flatMap(runs)
    .flatMap((run) => (run.text.length > 18 ? [run, trimStrayLetters(run)] : [run]))
    .filter((run) => run.text.length === 18)
    .map((run) => confirm(run.text, run.probs, idCandidates, (id) => residentIdProblem(id, today) === null))
    .filter((read): read is CodeRead => read !== null);
  const distinct = [...new Set(reads.map((r) => r.value))];
  return distinct.length === 1 ? reads[0] : null;
}

const creditCandidates = (ch: string): string[] | null => {
  if (/[0-9ABCDEFGHJKLMNPQRTUWXY]/.test(ch)) return [ch];
  const upper = ch.toUpperCase();
  if (/[ABCDEFGHJKLMNPQRTUWXY]/.test(upper)) return [upper];
  return CREDIT_CANDIDATES[ch] ?? null;
};

/** The unified social credit code in the rows: the one 18-character run that passes the GB 32100 check. */
export function findCreditCode(rows: readonly Row[]): CodeRead | null {
  const reads = rows
    .flatMap(runs)
    .filter((run) => run.text.length === 18)
    .map((run) => confirm(run.text, run.probs, creditCandidates, (code) => creditCodeProblem(code) === null))
    .filter((read): read is CodeRead => read !== null);
  const distinct = [...new Set(reads.map((r) => r.value))];
  return distinct.length === 1 ? reads[0] : null;
}
