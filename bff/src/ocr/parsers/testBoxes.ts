// Fixture builder for parser tests: text boxes laid out like a photo's OCR output (optionally rotated and misread).
import type { OcrBox, Point } from '../types';

export interface BoxOptions {
  /** Rotation of the whole photo in degrees (boxes are rotated about the origin). */
  angle?: number;
  /** Probability of every character (default 0.98). */
  confidence?: number;
  /** Character width in pixels (default 40, the height). */
  charWidth?: number;
}

/** A box of `text` whose top-left corner is at (x, y) before rotation. */
export function box(text: string, x: number, y: number, options: BoxOptions = {}): OcrBox {
  const { angle = 0, confidence = 0.98, charWidth = 40 } = options;
  const width = Array.from(text).length * charWidth;
  const height = 40;
  const rad = (angle * Math.PI) / 180;
  const rotate = ([px, py]: Point): Point => [px * Math.cos(rad) - py * Math.sin(rad), px * Math.sin(rad) + py * Math.cos(rad)];
  const corners: Point[] = [
    [x, y],
    [x + width, y],
    [x + width, y + height],
    [x, y + height],
  ];
  return { text, confidence, charConfidences: Array.from(text, () => confidence), box: corners.map(rotate) };
}

/** Rows of boxes: each row is [x, text] pairs at y = 100 + 60 × row index. */
export function layout(rows: [number, string][][], options: BoxOptions = {}): OcrBox[] {
  return rows.flatMap((row, i) => row.map(([x, text]) => box(text, x, 100 + 60 * i, options)));
}
