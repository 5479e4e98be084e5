// Shapes passed between the OCR worker, the parsers and the engine.

export type Point = [number, number];

/** One detected text box: its text, the mean and per-character probabilities, and its corners (tl, tr, br, bl) in pixels. */
export interface OcrBox {
  text: string;
  confidence: number;
  charConfidences: number[];
  box: Point[];
}
