// The photo cut into square cells, with the statistics the quality measures read (levels, clipping, edges), and the
// small grid helpers they share (groups of cells, growing a set of cells).
import { QUALITY_THRESHOLDS } from './qualityThresholds';

/** A single-channel 8-bit image. */
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface Cells {
  cols: number;
  rows: number;
  p2: Uint8Array;
  p50: Uint8Array;
  /** The paper between the strokes of a text cell (its ink rarely covers a quarter of it). */
  p75: Uint8Array;
  p98: Uint8Array;
  /** Share of the cell's pixels at or above the clipping level. */
  clipped: Float32Array;
  /** Dark pixels (below the cell's mid level) per steep-edge pixel: ~1 for thin strokes, large for a half-dark cell. */
  darkPerEdge: Float32Array;
  /**
   * Steepness of the cell's edges in four orientation bins of the gradient (→ ↗ ↑ ↖): the largest gradient among the
   * cell's pixels whose gradient points that way, over the cell's range; −1 when the cell has no edge that way. Motion
   * blur flattens the edges across its direction only, defocus all four.
   */
  steep: Float32Array[];
  /** Largest central difference inside the cell (any direction). */
  maxDiff: Uint16Array;
}

/** tan(22.5°): a gradient within 22.5° of an axis belongs to that axis's bin. */
const TAN_22_5 = 0.41421356;

export function cellStats(image: GreyImage): Cells {
  const { data, width, height } = image;
  const t = QUALITY_THRESHOLDS;
  const c = t.cell;
  const cols = Math.ceil(width / c);
  const rows = Math.ceil(height / c);
  const n = cols * rows;
  const cells: Cells = {
    cols,
    rows,
    p2: new Uint8Array(n),
    p50: new Uint8Array(n),
    p75: new Uint8Array(n),
    p98: new Uint8Array(n),
    clipped: new Float32Array(n),
    darkPerEdge: new Float32Array(n),
    steep: [new Float32Array(n), new Float32Array(n), new Float32Array(n), new Float32Array(n)],
    maxDiff: new Uint16Array(n),
  };
  const histogram = new Uint16Array(256);
  const binMax = [0, 0, 0, 0];
  const binCount = [0, 0, 0, 0];
  const tan2 = TAN_22_5 * TAN_22_5;
  for (let cy = 0; cy < rows; cy++) {
    for (let cx = 0; cx < cols; cx++) {
      const k = cy * cols + cx;
      const y0 = cy * c;
      const y1 = Math.min(height, y0 + c);
      const x0 = cx * c;
      const x1 = Math.min(width, x0 + c);
      const count = (y1 - y0) * (x1 - x0);
      histogram.fill(0);
      let low = 255;
      let high = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const v = data[y * width + x];
          histogram[v]++;
          if (v < low) low = v;
          if (v > high) high = v;
        }
      }
      // Percentiles from the histogram (a sort per cell costs more than the rest of the measure).
      const ranks = [Math.floor(count * 0.02), Math.floor(count * 0.5), Math.floor(count * 0.75), Math.min(count - 1, Math.floor(count * 0.98))];
      const levels = [0, 0, 0, 0];
      let seen = 0;
      let r = 0;
      for (let v = low; v <= high && r < 4; v++) {
        seen += histogram[v];
        while (r < 4 && seen > ranks[r]) levels[r++] = v;
      }
      const [p2, p50, p75, p98] = levels;
      let clipped = 0;
      for (let v = Math.max(low, t.clippedLevel); v <= high; v++) clipped += histogram[v];
      cells.p2[k] = p2;
      cells.p50[k] = p50;
      cells.p75[k] = p75;
      cells.p98[k] = p98;
      cells.clipped[k] = clipped / count;
      const range = Math.max(1, p98 - p2);
      const mid = (p2 + p98) / 2;
      // An edge pixel for orientation: a gradient of at least a tenth of the cell's range (noise stays below).
      const edgeFloor2 = (0.1 * range) ** 2;
      const steepFloor = range / 4;
      binMax.fill(0);
      binCount.fill(0);
      let maxDiff = 0;
      let dark = 0;
      let edges = 0;
      for (let y = Math.max(1, y0); y < Math.min(height - 1, y1); y++) {
        for (let x = Math.max(1, x0); x < Math.min(width - 1, x1); x++) {
          const i = y * width + x;
          const gx = data[i + 1] - data[i - 1];
          const gy = data[i + width] - data[i - width];
          const ax = gx < 0 ? -gx : gx;
          const ay = gy < 0 ? -gy : gy;
          if (ax > maxDiff) maxDiff = ax;
          if (ay > maxDiff) maxDiff = ay;
          if (data[i] < mid) dark++;
          if (ax >= steepFloor || ay >= steepFloor) edges++;
          const magnitude2 = gx * gx + gy * gy;
          if (magnitude2 < edgeFloor2) continue;
          const bin = ay * ay <= tan2 * ax * ax ? 0 : ax * ax <= tan2 * ay * ay ? 2 : gx * gy < 0 ? 1 : 3;
          binCount[bin]++;
          if (magnitude2 > binMax[bin]) binMax[bin] = magnitude2;
        }
      }
      cells.maxDiff[k] = maxDiff;
      cells.darkPerEdge[k] = dark / Math.max(1, edges);
      // A bin needs a few edge pixels to speak for the cell (one stray pixel is noise or a corner).
      for (let b = 0; b < 4; b++) cells.steep[b][k] = binCount[b] >= 3 ? Math.min(1, Math.sqrt(binMax[b]) / range) : -1;
    }
  }
  return cells;
}

export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  const sorted = Array.from(values).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Calls `visit` with each of the (up to 8) cells touching cell `k` of a `cols` × `rows` grid. */
export function forEachNeighbour(k: number, cols: number, rows: number, visit: (neighbour: number) => void): void {
  const x = k % cols;
  const y = (k - x) / cols;
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const nx = x + dx;
      const ny = y + dy;
      if ((dx || dy) && nx >= 0 && ny >= 0 && nx < cols && ny < rows) visit(ny * cols + nx);
    }
  }
}

/** Connected groups (8-neighbour) of the cells where `member` is set. */
export function clusters(member: Uint8Array, cols: number, rows: number): number[][] {
  const seen = new Uint8Array(member.length);
  const groups: number[][] = [];
  for (let start = 0; start < member.length; start++) {
    if (!member[start] || seen[start]) continue;
    const group: number[] = [];
    const stack = [start];
    seen[start] = 1;
    while (stack.length) {
      const k = stack.pop()!;
      group.push(k);
      forEachNeighbour(k, cols, rows, (nk) => {
        if (member[nk] && !seen[nk]) {
          seen[nk] = 1;
          stack.push(nk);
        }
      });
    }
    groups.push(group);
  }
  return groups;
}

/** The cells within `reach` cells (Chebyshev distance) of a member. */
export function dilate(member: Uint8Array, cols: number, rows: number, reach: number): Uint8Array {
  const out = new Uint8Array(member.length);
  for (let k = 0; k < member.length; k++) {
    if (!member[k]) continue;
    const x = k % cols;
    const y = (k - x) / cols;
    for (let ny = Math.max(0, y - reach); ny <= Math.min(rows - 1, y + reach); ny++) {
      for (let nx = Math.max(0, x - reach); nx <= Math.min(cols - 1, x + reach); nx++) out[ny * cols + nx] = 1;
    }
  }
  return out;
}
