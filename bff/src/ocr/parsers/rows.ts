// Text boxes → rows of the document in reading order, corrected for the photo's rotation, with per-character probabilities.
import type { OcrBox, Point } from '../types';

/** A row of text: its characters without spaces, the probability of each, and the boxes it was built from (left to right). */
export interface Row {
  text: string;
  probs: number[];
  segments: Segment[];
}

/** One box of a row, spaces removed, its probabilities aligned with its characters. */
export interface Segment {
  text: string;
  probs: number[];
}

/** A value cut out of a row, with the probability of each of its characters. */
export interface Extract {
  text: string;
  probs: number[];
}

function compact(box: Pick<OcrBox, 'text' | 'charConfidences'>): Segment {
  let text = '';
  const probs: number[] = [];
  Array.from(box.text).forEach((ch, i) => {
    if (/\s/.test(ch)) return;
    text += ch;
    probs.push(box.charConfidences[i] ?? 0);
  });
  return { text, probs };
}

const centre = (box: Point[]): Point => [(box[0][0] + box[1][0] + box[2][0] + box[3][0]) / 4, (box[0][1] + box[1][1] + box[2][1] + box[3][1]) / 4];
const length = (a: Point, b: Point) => Math.hypot(b[0] - a[0], b[1] - a[1]);

/**
 * The text angle of the photo: the median direction of the boxes' top edges, weighted towards long boxes by using only
 * boxes at least twice as wide as tall (a single character's box says little about direction).
 */
export function dominantAngle(boxes: readonly OcrBox[]): number {
  const angles = boxes
    .filter((b) => length(b.box[0], b.box[1]) >= 2 * length(b.box[0], b.box[3]))
    .map((b) => Math.atan2(b.box[1][1] - b.box[0][1], b.box[1][0] - b.box[0][0]))
    .sort((a, b) => a - b);
  return angles.length ? angles[Math.floor(angles.length / 2)] : 0;
}

/** Groups boxes into rows: rotate the centres by the text angle, then boxes whose centres lie within half a line height share a row. */
export function toRows(boxes: readonly OcrBox[]): Row[] {
  if (boxes.length === 0) return [];
  const angle = dominantAngle(boxes);
  const cos = Math.cos(-angle);
  const sin = Math.sin(-angle);
  const placed = boxes.map((b) => {
    const [x, y] = centre(b.box);
    return { box: b, x: x * cos - y * sin, y: x * sin + y * cos, height: Math.max(1, length(b.box[0], b.box[3])) };
  });
  const heights = placed.map((p) => p.height).sort((a, b) => a - b);
  const lineHeight = heights[Math.floor(heights.length / 2)];
  placed.sort((a, b) => a.y - b.y);
  const groups: (typeof placed)[] = [];
  for (const p of placed) {
    const group = groups.find((g) => Math.abs(g.reduce((s, q) => s + q.y, 0) / g.length - p.y) < lineHeight * 0.5);
    if (group) group.push(p);
    else groups.push([p]);
  }
  return groups
    .map((g) => g.sort((a, b) => a.x - b.x))
    .sort((a, b) => a[0].y - b[0].y)
    .map((g) => {
      const segments = g.map((p) => compact(p.box)).filter((s) => s.text.length > 0);
      return { text: segments.map((s) => s.text).join(''), probs: segments.flatMap((s) => s.probs), segments };
    })
    .filter((row) => row.text.length > 0);
}

export const meanOf = (probs: readonly number[]) => (probs.length ? probs.reduce((a, b) => a + b, 0) / probs.length : 0);

/** The rest of the row after the first match of `label` (the label itself may be misread, so patterns are loose). */
export function afterLabel(row: Row, label: RegExp): Extract | null {
  const match = label.exec(row.text);
  if (!match) return null;
  const start = match.index + match[0].length;
  return { text: row.text.slice(start), probs: row.probs.slice(start) };
}

/**
 * The value cell next to a label in a table or a two-column layout: the remainder of the label's own box, or else
 * the next box in the row. Text of the other column further right is not taken.
 */
export function cellAfterLabel(row: Row, label: RegExp): Extract | null {
  for (let i = 0; i < row.segments.length; i++) {
    const segment = row.segments[i];
    const match = label.exec(segment.text);
    if (!match) continue;
    const start = match.index + match[0].length;
    if (start < segment.text.length) return { text: segment.text.slice(start), probs: segment.probs.slice(start) };
    const next = row.segments[i + 1];
    return next ? { text: next.text, probs: next.probs } : null;
  }
  return null;
}

/** Cuts an extract at the first match of `stop` (another label that shares the row). */
export function cutAt(value: Extract, stop: RegExp): Extract {
  const match = stop.exec(value.text);
  return match ? { text: value.text.slice(0, match.index), probs: value.probs.slice(0, match.index) } : value;
}

/** Digits as OCR often misreads them in a run of digits (letters that cannot be anything but one digit there). */
const DIGIT_CONFUSIONS: Record<string, string> = { O: '0', o: '0', D: '0', Q: '0', I: '1', l: '1', i: '1', '|': '1', Z: '2', z: '2', S: '5', s: '5', B: '8', G: '6', b: '6', q: '9' };

/** Replaces the letters of a run that should be all digits by the one digit each can stand for. */
export function digitsOf(text: string): string {
  return Array.from(text, (ch) => DIGIT_CONFUSIONS[ch] ?? ch).join('');
}
