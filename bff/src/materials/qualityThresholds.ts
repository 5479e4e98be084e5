// The thresholds of the photo quality measures, each with the reason for its value (docs/photos.md has the table).

/**
 * Calibrated on the generated set (`npm run calibrate:photos`, confusion table in docs/photos.md). The measures run on a
 * greyscale copy whose long edge is `analysisLongEdge`, divided into square cells of `cell` pixels; text height runs on
 * the greyscale photo at the size it is delivered at.
 */
export const QUALITY_THRESHOLDS = {
  /** Long edge of the greyscale copy most measures run on (the size a reviewer sees the whole document at). */
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
  /** A pixel at or above this level is counted as clipped (the paper level and the no-text darkness check read it). */
  clippedLevel: 250,
  /**
   * A cell is blown out when even its darkest pixels (p2) are at or above this level: flat white, nothing printed in it
   * can show. (A sensor clips before its noise is saved, so a blown-out highlight is flat; paper just under clipping is
   * not.)
   */
  whiteLevel: 253,
  /** A white group this close (cells) to text is over the text: it covers the lines it touches or has erased. */
  glareTextReach: 2,
  /** …and lies within the run of the text: text on both sides of it within this many cells (a row or a column). */
  glareEmbedReach: 12,
  /** …or a line of at least this many text cells runs into it and stops there (the reflection erased the line's end). */
  glareLineRun: 3,
  /** A white group smaller than this (cells) is a speck, not a reflection that can hide a character. */
  glareMinCells: 2,
  /**
   * The paper around a white group is read at these distances (cells) from it, next to text (within 1 cell of it), as
   * the cells' 75th percentile (the paper between strokes), the median of each side (right, below, left, above)…
   */
  glareRingFrom: 2,
  glareRingTo: 3,
  /**
   * …and the group is a reflection when on all sides but one the paper is at least this many levels below white: a peak
   * of light. Paper lit into clipping is a plateau whose edge falls by a level or two per cell, not a peak.
   */
  glareBelowWhite: 8,
  /** Refused when reflections cover at least this many cells of the text; fewer gives a warning. */
  glareRejectCells: 3,
  /** The document's paper level (0–255) below which it is refused as too dark / given a warning. */
  paperReject: 75,
  paperWarn: 105,
  /** Without text: the frame's bright level below which the photo is too dark rather than blurred. */
  frameDark: 90,
  /**
   * Without text but sharp: the document is too far away when the cells with any contrast cover less than this share of
   * the frame (a small patch on a plain table); a frame full of sharp texture or noise has no document in it.
   */
  farContrastShare: 0.2,
  /**
   * Edge steepness (0–1; a sharp step reaches ~1, a blur of σ px ~0.8/σ, a motion smear of L px ~2/L across it) below
   * which the text is refused / warned as blurred: the worst of four edge orientations.
   */
  sharpnessReject: 0.42,
  sharpnessWarn: 0.55,
  /** An orientation is judged only when at least this many text cells have edges that way. */
  sharpnessMinCells: 3,
  /**
   * Height of the text (px in the delivered photo, the median height of its inked shapes: 0.75–0.95 of the font size)
   * below which a reviewer cannot read it / may struggle: refused / warned as too small in the frame.
   */
  textHeightReject: 9,
  textHeightWarn: 12,
  /** Inked shapes shorter than this (px) are noise or punctuation, not characters. */
  textShapeMinHeight: 3,
  /** Fewer inked shapes than this cannot be measured one by one (see textHeightOf). */
  textMinShapes: 8,
} as const;
