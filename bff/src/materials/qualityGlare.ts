// Glare: a reflection that blows out part of the document's text — flat white where print should be, and brighter
// than the paper around it (a peak of light, where white paper or a brightly lit card is a plateau).
import { clusters, dilate, forEachNeighbour, median, type Cells } from './qualityCells';
import type { TextFinding } from './qualityText';
import { QUALITY_THRESHOLDS } from './qualityThresholds';

export interface GlareFinding {
  /** White cells of the reflections over the text. */
  cells: number;
  /** Centre of those cells, in cells; null without glare. */
  at: { x: number; y: number } | null;
}

/** True when text lies on both sides of cell `k` within `reach` cells, left and right or above and below. */
function embeddedInText(text: Uint8Array, cols: number, rows: number, k: number, reach: number): boolean {
  const x = k % cols;
  const y = (k - x) / cols;
  const any = (dx: number, dy: number) => {
    for (let s = 1; s <= reach; s++) {
      const nx = x + dx * s;
      const ny = y + dy * s;
      if (nx < 0 || ny < 0 || nx >= cols || ny >= rows) return false;
      if (text[ny * cols + nx]) return true;
    }
    return false;
  };
  return (any(-1, 0) && any(1, 0)) || (any(0, -1) && any(0, 1));
}

/** True when a line of text (`run` text cells in a row) runs into cell `k` from its left or right. */
function lineRunsInto(text: Uint8Array, cols: number, k: number, run: number): boolean {
  const x = k % cols;
  const from = (dx: number) => {
    for (let s = 1; s <= run; s++) {
      const nx = x + dx * s;
      if (nx < 0 || nx >= cols || !text[k + dx * s]) return false;
    }
    return true;
  };
  return from(-1) || from(1);
}

/** The cells at Chebyshev distance `from`…`to` from a group (rings grown outwards, one cell at a time). */
function ringsAround(group: number[], cols: number, rows: number, from: number, to: number): number[] {
  const seen = new Set(group);
  let frontier = group;
  const out: number[] = [];
  for (let d = 1; d <= to; d++) {
    const next: number[] = [];
    for (const k of frontier) {
      forEachNeighbour(k, cols, rows, (nk) => {
        if (seen.has(nk)) return;
        seen.add(nk);
        next.push(nk);
        if (d >= from) out.push(nk);
      });
    }
    frontier = next;
  }
  return out;
}

/**
 * A white group is a reflection over the text when it touches the text, lies inside its run, and is a peak of light:
 * the paper next to the text around it — read on each side (right, below, left, above) — is clearly below white on all
 * sides that have any, but one (or on two, with none clipped). Sides without document paper (the card's edge, the table) do not count. White paper
 * (a scan, an over-bright photo, a card lit into clipping) is white or nearly so all around: a plateau, not a peak.
 */
export function findGlare(cells: Cells, found: TextFinding, paperLevel: number): GlareFinding {
  const t = QUALITY_THRESHOLDS;
  const { cols, rows } = cells;
  const n = cols * rows;
  const white = new Uint8Array(n);
  for (let k = 0; k < n; k++) white[k] = Number(cells.p2[k] >= t.whiteLevel);
  const nearText = dilate(found.areaText, cols, rows, t.glareTextReach);
  const besideText = dilate(found.text, cols, rows, 1);
  const peakBelow = 255 - t.glareBelowWhite;
  let glareCells = 0;
  let gx = 0;
  let gy = 0;
  for (const group of clusters(white, cols, rows)) {
    if (group.length < t.glareMinCells) continue;
    // Inside the text's run, or at the end of a line it has erased (a line runs into it and stops there).
    const overText = group.some((k) => embeddedInText(found.areaText, cols, rows, k, t.glareEmbedReach) || lineRunsInto(found.areaText, cols, k, t.glareLineRun));
    if (!group.some((k) => nearText[k]) || !overText) continue;
    let sx = 0;
    let sy = 0;
    for (const k of group) {
      sx += k % cols;
      sy += Math.floor(k / cols);
    }
    const cx = sx / group.length;
    const cy = sy / group.length;
    // Paper next to the text, not itself white (a bright page's other white areas say nothing about this one).
    const paper = ringsAround(group, cols, rows, t.glareRingFrom, t.glareRingTo).filter((k) => besideText[k] && !white[k] && cells.p50[k] >= 0.8 * paperLevel);
    const sides: number[][] = [[], [], [], []];
    for (const k of paper) {
      const dx = (k % cols) - cx;
      const dy = Math.floor(k / cols) - cy;
      sides[Math.abs(dx) >= Math.abs(dy) ? (dx > 0 ? 0 : 2) : dy > 0 ? 1 : 3].push(cells.p75[k]);
    }
    const levels = sides.filter((side) => side.length >= 2).map((side) => median(side));
    const below = levels.filter((level) => level <= peakBelow).length;
    // A peak: clearly below white on all sides but one (the side towards the lamp), or, on paper lit unevenly towards
    // the lamp, clearly below on two sides and clipped on none (a plateau of bright paper is clipped on its bright side).
    const peak = below >= Math.max(1, levels.length - 1) || (below >= 2 && levels.every((level) => level < 255));
    if (levels.length === 0 || !peak) continue;
    // One side alone is a weak witness: a small group needs two.
    if (levels.length < 2 && group.length < 6) continue;
    glareCells += group.length;
    gx += sx + group.length * 0.5;
    gy += sy + group.length * 0.5;
  }
  return { cells: glareCells, at: glareCells ? { x: gx / glareCells, y: gy / glareCells } : null };
}
