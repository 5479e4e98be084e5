// Where the document's text is (cells of print), how sharp its edges are, and how tall its characters are in the photo
// as delivered: what a reviewer needs to read it.
import { clusters, median, type Cells, type GreyImage } from './qualityCells';
import { QUALITY_THRESHOLDS } from './qualityThresholds';

/** A rectangle of cells (inclusive). */
export interface CellBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface TextFinding {
  /** 1 for each cell of print (dark strokes on light paper). */
  text: Uint8Array;
  textList: number[];
  /** The bounding box of the print's groups (lines, blocks), without specks of texture; null without text. */
  area: CellBox | null;
  /** Print cells inside `area`. */
  areaText: Uint8Array;
  /** Brightest cells of the frame (p99 of the cells' p98), 0–255. */
  frameBright: number;
}

/**
 * Print: a cell with a wide grey range whose median sits near its light end (paper dominates), light enough to be the
 * document, with thin strokes, and with edges across two perpendicular orientations — the horizontal and vertical
 * strokes of characters, or their diagonals. A ruled line, a border or the document's edge against the table runs one
 * way only. A print cell with no print neighbour is a speck (texture, noise).
 */
export function findText(cells: Cells): TextFinding {
  const t = QUALITY_THRESHOLDS;
  const { cols, rows } = cells;
  const n = cols * rows;
  const frameBright = [...cells.p98].sort((a, b) => a - b)[Math.floor(n * 0.99)];
  const candidate = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const range = cells.p98[k] - cells.p2[k];
    const [across, rising, up, falling] = cells.steep.map((s) => s[k] >= 0);
    candidate[k] = Number(
      range >= Math.max(t.textRange, t.textRangeShare * frameBright) &&
        cells.p98[k] - cells.p50[k] <= t.textMedianTop * range &&
        cells.p98[k] >= t.textPaperShare * frameBright &&
        cells.darkPerEdge[k] <= t.textDarkPerEdge &&
        ((across && up) || (rising && falling)),
    );
  }
  const text = new Uint8Array(n);
  const textList: number[] = [];
  for (let k = 0; k < n; k++) {
    if (!candidate[k]) continue;
    const x = k % cols;
    const y = (k - x) / cols;
    let neighbours = 0;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        if ((dx || dy) && x + dx >= 0 && y + dy >= 0 && x + dx < cols && y + dy < rows && candidate[(y + dy) * cols + x + dx]) neighbours++;
      }
    }
    if (neighbours >= 1) {
      text[k] = 1;
      textList.push(k);
    }
  }

  const groups = clusters(text, cols, rows).sort((a, b) => b.length - a.length);
  const kept = groups.filter((g) => g.length >= Math.max(3, groups[0]?.length * t.textGroupShare));
  let area: CellBox | null = null;
  for (const k of kept.flat()) {
    const x = k % cols;
    const y = (k - x) / cols;
    area = area ? { x0: Math.min(area.x0, x), y0: Math.min(area.y0, y), x1: Math.max(area.x1, x), y1: Math.max(area.y1, y) } : { x0: x, y0: y, x1: x, y1: y };
  }
  const areaText = new Uint8Array(n);
  if (area) {
    for (const k of textList) {
      const x = k % cols;
      const y = (k - x) / cols;
      if (x >= area.x0 && x <= area.x1 && y >= area.y0 && y <= area.y1) areaText[k] = 1;
    }
  }
  return { text, textList, area, areaText, frameBright };
}

/** Edge steepness on the text: per orientation the median over the print cells with edges that way, the worst one. */
export function sharpnessOf(cells: Cells, textList: number[]): number {
  let worst = 1;
  let judged = 0;
  for (const steep of cells.steep) {
    const values = textList.map((k) => steep[k]).filter((v) => v >= 0);
    if (values.length < QUALITY_THRESHOLDS.sharpnessMinCells) continue;
    judged++;
    worst = Math.min(worst, median(values));
  }
  return judged ? worst : 0;
}

/**
 * Edge steepness of the frame's contrasty cells (any content), each by its sharpest orientation: the median; and the
 * share of the frame those cells cover.
 */
export function frameSharpnessOf(cells: Cells): { sharpness: number; contrastShare: number } {
  const t = QUALITY_THRESHOLDS;
  const values: number[] = [];
  for (let k = 0; k < cells.p2.length; k++) {
    if (cells.p98[k] - cells.p2[k] < t.textRange) continue;
    values.push(Math.max(...cells.steep.map((s) => s[k])));
  }
  return { sharpness: median(values), contrastShare: values.length / Math.max(1, cells.p2.length) };
}

/**
 * How tall the characters are in `image` (px), whose cells are `cellPx` pixels wide: the print, cut out with a
 * threshold halfway between its paper and ink, falls into inked shapes (characters, or their parts in Chinese): the
 * median of their heights, after dropping shapes over three times the median (an emblem, a portrait, a seal: a tiny
 * document has few characters to outvote them). It reads 0.75–0.95 of the font size. 0 without text.
 */
export function textHeightOf(image: GreyImage, cellPx: number, cells: Cells, found: TextFinding): number {
  const t = QUALITY_THRESHOLDS;
  const { area, textList } = found;
  if (!area) return 0;
  const { cols, rows } = cells;
  // The print cells and their neighbours (a character overlaps the cells around its print cell), each with a threshold.
  const threshold = new Int16Array(cols * rows).fill(-1);
  for (const k of textList) {
    const x = k % cols;
    const y = (k - x) / cols;
    if (x < area.x0 || x > area.x1 || y < area.y0 || y > area.y1) continue;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx;
        const ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= cols || ny >= rows) continue;
        const nk = ny * cols + nx;
        // Not the table next to a small document: only cells whose paper is about as light as the print cell's.
        if (cells.p98[nk] < 0.8 * cells.p98[k]) continue;
        // Halfway between the brightest paper around and the darkest print around.
        const level = Math.round((Math.max(cells.p98[nk], cells.p98[k]) + cells.p2[k]) / 2);
        if (threshold[nk] < 0 || level < threshold[nk]) threshold[nk] = level;
      }
    }
  }
  const x0 = Math.max(0, Math.floor((area.x0 - 1) * cellPx));
  const y0 = Math.max(0, Math.floor((area.y0 - 1) * cellPx));
  const x1 = Math.min(image.width, Math.ceil((area.x1 + 2) * cellPx));
  const y1 = Math.min(image.height, Math.ceil((area.y1 + 2) * cellPx));
  const w = x1 - x0;
  const h = y1 - y0;
  const columnCell = Int32Array.from({ length: w }, (_, x) => Math.min(cols - 1, Math.floor((x + x0) / cellPx)));
  const ink = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = Math.min(rows - 1, Math.floor((y + y0) / cellPx)) * cols;
    const from = (y + y0) * image.width + x0;
    for (let x = 0; x < w; x++) {
      const level = threshold[row + columnCell[x]];
      if (level >= 0 && image.data[from + x] < level) ink[y * w + x] = 1;
    }
  }
  const heights: number[] = [];
  const stack = new Int32Array(w * h);
  for (let start = 0; start < ink.length; start++) {
    if (ink[start] !== 1) continue;
    ink[start] = 2;
    let top = 0;
    stack[top++] = start;
    let minY = h;
    let maxY = -1;
    while (top > 0) {
      const p = stack[--top];
      const py = (p / w) | 0;
      const px = p - py * w;
      if (py < minY) minY = py;
      if (py > maxY) maxY = py;
      const left = px > 0 ? -1 : 0;
      const right = px < w - 1 ? 1 : 0;
      for (let ny = Math.max(0, py - 1); ny <= Math.min(h - 1, py + 1); ny++) {
        for (let q = ny * w + px + left; q <= ny * w + px + right; q++) {
          if (ink[q] === 1) {
            ink[q] = 2;
            stack[top++] = q;
          }
        }
      }
    }
    const height = maxY - minY + 1;
    if (height >= t.textShapeMinHeight) heights.push(height);
  }
  const ceiling = 3 * median(heights);
  const shapes = heights.filter((height) => height <= ceiling);
  if (shapes.length >= t.textMinShapes) return median(shapes);
  // Too few shapes to measure (a few merged blobs of a far-away document): its whole text area is an upper bound, as
  // every document's text runs at least 16 characters across (an ID card's number line; a form's lines are longer).
  return Math.min(shapes.length ? median(shapes) : Infinity, ((Math.max(area.x1 - area.x0, area.y1 - area.y0) + 1) * cellPx) / 16);
}
