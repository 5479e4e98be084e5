// Photo quality as a reviewer judges it: find the document's text, then judge darkness, glare over it, sharpness of
// its edges and how much of the frame it fills; each refusal says what to change (docs/photos.md has the calibration).

/**
 * Thresholds, calibrated on the generated set (`npm run calibrate:photos`, table in docs/photos.md). All measures run
 * on a greyscale copy whose long edge is `analysisLongEdge`, divided into square cells of `cell` pixels.
 */
export const QUALITY_THRESHOLDS = {
  /** Long edge of the greyscale copy the measures run on (the size a reviewer sees the whole document at). */
  analysisLongEdge: 1024,
  /** Side of a cell (px at analysis size): about one line of ID-card text. */
  cell: 16,
  /** A text cell spans at least this grey range (p98 − p2), and this share of the frame's brightest level… */
  textRange: 40,
  textRangeShare: 0.3,
  /** …its dark pixels are thin strokes (at most this many per steep-edge pixel; a document's edge on the table is not)… */
  textDarkPerEdge: 2.5,
  /** …and is dark marks on a light ground: its median sits in the top share of that range (paper dominates). */
  textMedianTop: 0.4,
  /** …and its light level is at least this share of the frame's brightest cells (paper, not the table). */
  textPaperShare: 0.55,
  /** Groups of text cells at least this share of the largest make the text area (smaller ones are specks of texture). */
  textGroupShare: 0.1,
  /** Fewer text cells than this: no document text was found. */
  minTextCells: 6,
  /** A pixel at or above this level is blown out. */
  clippedLevel: 250,
  /** A cell is blown when this share of it is clipped and nothing in it has an edge steeper than `flatDiff`. */
  blownShare: 0.6,
  flatDiff: 14,
  /** A blown group this close (cells) to text is over the text: it covers the lines it touches or has erased. */
  glareTextReach: 2,
  /** …and lies within the run of the text: text on both sides of it within this many cells (a row or a column). */
  glareEmbedReach: 12,
  /** …and is a peak of light: paper sampled at this many group radii around it is below clipping… */
  glarePeakDistance: 1.8,
  /** …in all but this many of the eight directions (uneven light leaves the side towards the lamp clipped). */
  glarePeakClippedDirections: 1,
  /** A sampled cell is paper when its median is at least this share of the document's paper level. */
  peakPaperShare: 0.8,
  /** Refused when glare covers at least this many cells of the text area; fewer gives a warning. */
  glareRejectCells: 3,
  /** The document's paper level (0–255) below which it is refused as too dark / given a warning. */
  paperReject: 75,
  paperWarn: 105,
  /** Without text: the frame's bright level below which the photo is too dark rather than blurred. */
  frameDark: 90,
  /** Edge steepness (0–1; a sharp step reaches ~1, a blur of σ px ~0.8/σ) below which the text is refused / warned as blurred. */
  sharpnessReject: 0.42,
  sharpnessWarn: 0.55,
  /** The text area's long side as a share of the frame's: below, the document is too small in the frame. */
  spanReject: 0.3,
  spanWarn: 0.42,
} as const;

export type QualityReason = 'too_dark' | 'glare' | 'blurred' | 'too_small' | 'low_resolution';

export interface QualityMeasures {
  /** Cells holding dark marks on light paper. */
  textCells: number;
  /** Long side of the text area over the frame's long side (0–1). */
  documentSpan: number;
  /** Median light level of the text cells (the paper as photographed), 0–255. */
  paperLevel: number;
  /** Median dark level of the text cells (the ink), 0–255. */
  inkLevel: number;
  /** Brightest cells of the frame (p99 of the cells' p98), 0–255. */
  frameBright: number;
  /** Edge steepness on the text, the worst of four directions (motion blur smears one direction only). */
  sharpness: number;
  /** Blown-out, featureless cells over or against the text, brighter than the document's paper. */
  glareCells: number;
  /** Centre of the glare in the frame (fractions), null without glare. */
  glareAt: { x: number; y: number } | null;
}

export type QualityVerdict =
  | { ok: true; warnings: string[] }
  | {
      ok: false;
      reason: QualityReason;
      message: string;
      /** Taking a new photo can fix this; sending the same photo again cannot (offer 重拍, never 重新上传这张). */
      retake: true;
    };

export const QUALITY_MESSAGES = {
  too_dark: '照片过暗，看不清证件文字，请到光线充足的地方（或打开台灯）重拍，不要用手或手机挡住光线',
  glare: (where: string) => `照片${where}有反光，遮住了证件上的文字，请调整手机角度或移开灯光、关闭闪光灯，让反光离开文字后重拍`,
  blurred: '照片模糊，证件文字看不清，请把手机拿稳、点击屏幕上的证件对焦，等画面清晰后再拍',
  noText: '照片中没有找到清晰的证件文字，请把证件平放、对准取景框、对焦清晰后重拍',
  too_small: '证件在照片中太小，请把手机靠近证件，让证件占满取景框后重拍',
  warnDark: '照片偏暗，若审核时看不清可能被退回，建议在光线充足处重拍',
  warnGlare: (where: string) => `照片${where}有轻微反光，请放大确认该处文字清晰可见`,
  warnBlur: '照片略模糊，请放大确认文字清晰，否则建议重拍',
  warnSmall: '证件在照片中偏小，建议靠近一些，让证件占满取景框',
} as const;

/** Where in the frame, as the applicant sees the photo. */
export function placeName(at: { x: number; y: number }): string {
  const col = at.x < 1 / 3 ? 0 : at.x < 2 / 3 ? 1 : 2;
  const row = at.y < 1 / 3 ? 0 : at.y < 2 / 3 ? 1 : 2;
  return [
    ['左上角', '上方', '右上角'],
    ['左侧', '中间', '右侧'],
    ['左下角', '下方', '右下角'],
  ][row][col];
}

interface Cells {
  cols: number;
  rows: number;
  p2: Uint8Array;
  p50: Uint8Array;
  p98: Uint8Array;
  clipped: Float32Array;
  /** Dark pixels (below the cell's mid level) per steep-edge pixel: ~1 for thin strokes, large for a half-dark cell. */
  darkPerEdge: Float32Array;
  /** Largest central difference inside the cell, per direction (→ ↓ ↘ ↗) and overall. */
  steep: Float32Array[];
  maxDiff: Uint16Array;
}

function cellStats(data: Uint8Array, width: number, height: number): Cells {
  const c = QUALITY_THRESHOLDS.cell;
  const cols = Math.ceil(width / c);
  const rows = Math.ceil(height / c);
  const n = cols * rows;
  const cells: Cells = {
    cols,
    rows,
    p2: new Uint8Array(n),
    p50: new Uint8Array(n),
    p98: new Uint8Array(n),
    clipped: new Float32Array(n),
    darkPerEdge: new Float32Array(n),
    steep: [new Float32Array(n), new Float32Array(n), new Float32Array(n), new Float32Array(n)],
    maxDiff: new Uint16Array(n),
  };
  const scratch = new Uint8Array(c * c);
  for (let cy = 0; cy < rows; cy++) {
    for (let cx = 0; cx < cols; cx++) {
      const k = cy * cols + cx;
      let count = 0;
      let clipped = 0;
      const maxes = [0, 0, 0, 0];
      for (let y = cy * c; y < Math.min(height, (cy + 1) * c); y++) {
        for (let x = cx * c; x < Math.min(width, (cx + 1) * c); x++) {
          const i = y * width + x;
          const v = data[i];
          scratch[count++] = v;
          if (v >= QUALITY_THRESHOLDS.clippedLevel) clipped++;
          if (x === 0 || y === 0 || x === width - 1 || y === height - 1) continue;
          const d0 = Math.abs(data[i + 1] - data[i - 1]);
          const d1 = Math.abs(data[i + width] - data[i - width]);
          const d2 = Math.abs(data[i + width + 1] - data[i - width - 1]);
          const d3 = Math.abs(data[i - width + 1] - data[i + width - 1]);
          if (d0 > maxes[0]) maxes[0] = d0;
          if (d1 > maxes[1]) maxes[1] = d1;
          if (d2 > maxes[2]) maxes[2] = d2;
          if (d3 > maxes[3]) maxes[3] = d3;
        }
      }
      const sorted = scratch.subarray(0, count).sort();
      cells.p2[k] = sorted[Math.floor(count * 0.02)];
      cells.p50[k] = sorted[Math.floor(count * 0.5)];
      cells.p98[k] = sorted[Math.min(count - 1, Math.floor(count * 0.98))];
      cells.clipped[k] = clipped / count;
      const range = Math.max(1, cells.p98[k] - cells.p2[k]);
      for (let d = 0; d < 4; d++) cells.steep[d][k] = Math.min(1, maxes[d] / range);
      cells.maxDiff[k] = Math.max(...maxes);
      // Second pass for stroke thinness, now that the cell's levels are known.
      const mid = (cells.p2[k] + cells.p98[k]) / 2;
      const steep = range / 4;
      let dark = 0;
      let edges = 0;
      for (let y = Math.max(1, cy * c); y < Math.min(height - 1, (cy + 1) * c); y++) {
        for (let x = Math.max(1, cx * c); x < Math.min(width - 1, (cx + 1) * c); x++) {
          const i = y * width + x;
          if (data[i] < mid) dark++;
          if (Math.abs(data[i + 1] - data[i - 1]) >= steep || Math.abs(data[i + width] - data[i - width]) >= steep) edges++;
        }
      }
      cells.darkPerEdge[k] = dark / Math.max(1, edges);
    }
  }
  return cells;
}

const median = (values: number[]): number => {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** Connected groups (8-neighbour) of the cells where `member` is true. */
function clusters(member: Uint8Array, cols: number, rows: number): number[][] {
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
      const x = k % cols;
      const y = (k - x) / cols;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= cols || ny >= rows) continue;
          const nk = ny * cols + nx;
          if (member[nk] && !seen[nk]) {
            seen[nk] = 1;
            stack.push(nk);
          }
        }
    }
    groups.push(group);
  }
  return groups;
}

/**
 * True when the paper around a blown group, looked at in eight directions at `glarePeakDistance` × its radius (at
 * least 3 cells), is below clipping in all but `glarePeakClippedDirections` of those inside the text area.
 */
function isLocalPeak(cells: Cells, group: number[], area: { x0: number; y0: number; x1: number; y1: number }, paperLevel: number): boolean {
  const t = QUALITY_THRESHOLDS;
  let sx = 0;
  let sy = 0;
  for (const k of group) {
    sx += k % cells.cols;
    sy += Math.floor(k / cells.cols);
  }
  const cx = sx / group.length;
  const cy = sy / group.length;
  const distance = Math.max(3, t.glarePeakDistance * Math.sqrt(group.length / Math.PI));
  let onDocument = 0;
  let clipped = 0;
  for (let i = 0; i < 8; i++) {
    const x = Math.round(cx + distance * Math.cos((i * Math.PI) / 4));
    const y = Math.round(cy + distance * Math.sin((i * Math.PI) / 4));
    // Only the document counts (the text area): a darker table around a blown-out card is not a drop of the light.
    if (x < area.x0 || y < area.y0 || x > area.x1 || y > area.y1) continue;
    const k = y * cells.cols + x;
    // Paper only (blank or printed): a dark emblem or photo says nothing about the light.
    if (cells.p50[k] < t.peakPaperShare * paperLevel) continue;
    onDocument++;
    if (cells.p98[k] >= t.clippedLevel) clipped++;
  }
  return onDocument >= 2 && clipped <= t.glarePeakClippedDirections;
}

/** The cells within `reach` cells (Chebyshev distance) of a member. */
function dilate(member: Uint8Array, cols: number, rows: number, reach: number): Uint8Array {
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

/** Measures a single-channel 8-bit image at analysis size. */
export function measureGrey(data: Uint8Array, width: number, height: number): QualityMeasures {
  const t = QUALITY_THRESHOLDS;
  const cells = cellStats(data, width, height);
  const { cols, rows } = cells;
  const n = cols * rows;
  const frameBright = [...cells.p98].sort((a, b) => a - b)[Math.floor(n * 0.99)];

  // Text: dark marks on light paper. A cell with no text neighbour is speckle (texture, noise), not a line of print.
  const candidate = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const range = cells.p98[k] - cells.p2[k];
    candidate[k] = Number(
      range >= Math.max(t.textRange, t.textRangeShare * frameBright) &&
        cells.p98[k] - cells.p50[k] <= t.textMedianTop * range &&
        cells.p98[k] >= t.textPaperShare * frameBright &&
        cells.darkPerEdge[k] <= t.textDarkPerEdge,
    );
  }
  const text = new Uint8Array(n);
  const textList: number[] = [];
  for (let k = 0; k < n; k++) {
    if (!candidate[k]) continue;
    const x = k % cols;
    const y = (k - x) / cols;
    let neighbours = 0;
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        if ((dx || dy) && x + dx >= 0 && y + dy >= 0 && x + dx < cols && y + dy < rows && candidate[(y + dy) * cols + x + dx]) neighbours++;
      }
    if (neighbours >= 1) {
      text[k] = 1;
      textList.push(k);
    }
  }

  // The text area: the bounding box of the text's groups (lines, blocks), without specks of texture.
  const groups = clusters(text, cols, rows).sort((a, b) => b.length - a.length);
  const kept = groups.filter((g) => g.length >= Math.max(3, groups[0]?.length * t.textGroupShare));
  let bx0 = cols,
    by0 = rows,
    bx1 = -1,
    by1 = -1;
  for (const k of kept.flat()) {
    const x = k % cols;
    const y = (k - x) / cols;
    bx0 = Math.min(bx0, x);
    bx1 = Math.max(bx1, x);
    by0 = Math.min(by0, y);
    by1 = Math.max(by1, y);
  }
  const c = t.cell;
  const documentSpan = bx1 < 0 ? 0 : (Math.max(bx1 - bx0 + 1, by1 - by0 + 1) * c) / Math.max(width, height);

  const paperLevel = median(textList.map((k) => cells.p98[k]));
  const inkLevel = median(textList.map((k) => cells.p2[k]));
  const sharpness = textList.length ? Math.min(...cells.steep.map((s) => median(textList.map((k) => s[k])))) : 0;

  // Glare: blown-out, featureless cells over or against the text that are a peak of light. A scan or a bright photo
  // has clipped paper everywhere — its margins and empty boxes are white paper, not a peak.
  // Only the document's text counts: marks in the text area (a lit table's texture around a lamp's reflection is not).
  const areaText = new Uint8Array(n);
  for (const k of textList) {
    const x = k % cols;
    const y = (k - x) / cols;
    if (x >= bx0 && x <= bx1 && y >= by0 && y <= by1) areaText[k] = 1;
  }
  const nearText = dilate(areaText, cols, rows, t.glareTextReach);
  const blown = new Uint8Array(n);
  for (let k = 0; k < n; k++) blown[k] = Number(cells.clipped[k] >= t.blownShare && cells.maxDiff[k] < t.flatDiff);
  let glareCells = 0;
  let gx = 0;
  let gy = 0;
  for (const group of clusters(blown, cols, rows)) {
    // Against the text (within reach), and inside the run of the text: text on both sides of it along a row or a
    // column. A reflection on the table touches at most the document's edge, with nothing beyond it.
    if (!group.some((k) => nearText[k]) || !group.some((k) => embeddedInText(areaText, cols, rows, k, t.glareEmbedReach))) continue;
    // A reflection is a local peak of light: beyond its halo the paper is back below clipping on every side. Uneven
    // light that clips blank paper is a slope: the paper stays clipped towards the light.
    if (!isLocalPeak(cells, group, { x0: bx0, y0: by0, x1: bx1, y1: by1 }, paperLevel)) continue;
    glareCells += group.length;
    for (const k of group) {
      gx += (k % cols) + 0.5;
      gy += Math.floor(k / cols) + 0.5;
    }
  }
  const glareAt = glareCells ? { x: ((gx / glareCells) * c) / width, y: ((gy / glareCells) * c) / height } : null;

  return { textCells: textList.length, documentSpan, paperLevel, inkLevel, frameBright, sharpness, glareCells, glareAt };
}

/**
 * Order: no text or a dark document first (nothing else can be judged), then blur (blurred print also loses text
 * cells, so it would read as small), too small, then glare (hides text even when the rest is sharp).
 */
export function judgeQuality(m: QualityMeasures): QualityVerdict {
  const t = QUALITY_THRESHOLDS;
  const refuse = (reason: QualityReason, message: string): QualityVerdict => ({ ok: false, reason, message, retake: true });
  if (m.textCells < t.minTextCells) {
    return m.frameBright < t.frameDark ? refuse('too_dark', QUALITY_MESSAGES.too_dark) : refuse('blurred', QUALITY_MESSAGES.noText);
  }
  if (m.paperLevel < t.paperReject) return refuse('too_dark', QUALITY_MESSAGES.too_dark);
  if (m.sharpness < t.sharpnessReject) return refuse('blurred', QUALITY_MESSAGES.blurred);
  if (m.documentSpan < t.spanReject) return refuse('too_small', QUALITY_MESSAGES.too_small);
  const where = m.glareAt ? placeName(m.glareAt) : '';
  if (m.glareCells >= t.glareRejectCells) return refuse('glare', QUALITY_MESSAGES.glare(where));
  const warnings: string[] = [];
  if (m.paperLevel < t.paperWarn) warnings.push(QUALITY_MESSAGES.warnDark);
  if (m.documentSpan < t.spanWarn) warnings.push(QUALITY_MESSAGES.warnSmall);
  if (m.glareCells > 0) warnings.push(QUALITY_MESSAGES.warnGlare(where));
  if (m.sharpness < t.sharpnessWarn) warnings.push(QUALITY_MESSAGES.warnBlur);
  return { ok: true, warnings };
}
