// Photo quality as a reviewer judges it: find the document's text, then judge darkness, whether the characters are big
// enough to read, the sharpness of their edges and glare over them; each refusal says what to change (docs/photos.md
// has the calibration).
import sharp from 'sharp';
import { cellStats, median, type Cells, type GreyImage } from './qualityCells';
import { findGlare } from './qualityGlare';
import { findText, frameSharpnessOf, sharpnessOf, textHeightOf, type TextFinding } from './qualityText';
import { QUALITY_THRESHOLDS } from './qualityThresholds';

export { QUALITY_THRESHOLDS } from './qualityThresholds';
export type { GreyImage } from './qualityCells';

export type QualityReason = 'too_dark' | 'glare' | 'blurred' | 'too_small' | 'low_resolution';

export interface QualityMeasures {
  /** Cells holding dark marks on light paper. */
  textCells: number;
  /** Height of the characters in the delivered photo (px, 75th percentile of the inked shapes); 0 when none was found. */
  textHeight: number;
  /** Median light level of the text cells (the paper as photographed), 0–255. */
  paperLevel: number;
  /** Median dark level of the text cells (the ink), 0–255. */
  inkLevel: number;
  /** Brightest cells of the frame (p99 of the cells' p98), 0–255. */
  frameBright: number;
  /** Edge steepness on the text, the worst of four edge orientations (motion blur flattens one of them only). */
  sharpness: number;
  /** Edge steepness anywhere in the frame (its sharpest orientation): tells a sharp photo without readable text from a blurred one. */
  frameSharpness: number;
  /** Share of the frame's cells with any contrast (≥ `textRange`): a far-away document is a small sharp patch. */
  frameContrastShare: number;
  /** Blown-out white cells over the text that are a peak of light above the paper around them. */
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
  noTextSmall: '照片中没有拍到看得清的证件文字，证件可能离得太远，请把手机靠近证件，让证件占满取景框后重拍',
  too_small: '证件在照片中太小，上面的文字看不清，请把手机靠近证件，让证件占满取景框后重拍',
  warnDark: '照片偏暗，若审核时看不清可能被退回，建议在光线充足处重拍',
  warnGlare: (where: string) => `照片${where}有轻微反光，请放大确认该处文字清晰可见`,
  warnBlur: '照片略模糊，请放大确认文字清晰，否则建议重拍',
  warnSmall: '证件在照片中偏小，文字可能看不清，建议靠近一些，让证件占满取景框',
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

/**
 * The two greyscale copies the measures read, from the decoded photo (raw pixels at the size it is delivered at): the
 * photo itself in grey (text height is judged there, in the pixels the reviewer gets) and the analysis copy.
 */
export async function greyCopies(decoded: Buffer, raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 }): Promise<{ delivered: GreyImage; analysis: GreyImage }> {
  const grey = await sharp(decoded, { raw }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const edge = QUALITY_THRESHOLDS.analysisLongEdge;
  // A one-channel raw input comes out as three channels unless it is asked to stay grey.
  const small = await sharp(grey.data, { raw: { width: grey.info.width, height: grey.info.height, channels: 1 } })
    .greyscale()
    .resize({ width: edge, height: edge, fit: 'inside' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    delivered: { data: grey.data, width: grey.info.width, height: grey.info.height },
    analysis: { data: small.data, width: small.info.width, height: small.info.height },
  };
}

/**
 * Text height in the delivered photo. Read on the analysis copy first: characters that are large there are large in
 * the photo; only text near the limits is read again in the delivered pixels (slower, but exact where it matters).
 */
function deliveredTextHeight(analysis: GreyImage, delivered: GreyImage, cells: Cells, found: TextFinding): number {
  const t = QUALITY_THRESHOLDS;
  const scale = delivered.width / analysis.width;
  const rough = textHeightOf(analysis, t.cell, cells, found) * scale;
  if (rough >= 3 * t.textHeightWarn || scale <= 1) return rough;
  return textHeightOf(delivered, t.cell * scale, cells, found);
}

/** Measures a photo from its two greyscale copies (`greyCopies`). */
export function measureGrey(analysis: GreyImage, delivered: GreyImage): QualityMeasures {
  const t = QUALITY_THRESHOLDS;
  const cells = cellStats(analysis);
  const found = findText(cells);
  const { textList } = found;
  const paperLevel = median(textList.map((k) => cells.p98[k]));
  const inkLevel = median(textList.map((k) => cells.p2[k]));
  const sharpness = textList.length ? sharpnessOf(cells, textList) : 0;
  const textHeight = textList.length >= t.minTextCells ? deliveredTextHeight(analysis, delivered, cells, found) : 0;
  const glare = findGlare(cells, found, paperLevel);
  const frame = frameSharpnessOf(cells);
  const glareAt = glare.at ? { x: (glare.at.x * t.cell) / analysis.width, y: (glare.at.y * t.cell) / analysis.height } : null;
  return {
    textCells: textList.length,
    textHeight,
    paperLevel,
    inkLevel,
    frameBright: found.frameBright,
    sharpness,
    frameSharpness: frame.sharpness,
    frameContrastShare: frame.contrastShare,
    glareCells: glare.cells,
    glareAt,
  };
}

/**
 * Order: no text or a dark document first (nothing else can be judged), then blur (blurred print also measures small:
 * its strokes merge or break), characters too small to read, then glare (hides text even when the rest is sharp).
 */
export function judgeQuality(m: QualityMeasures): QualityVerdict {
  const t = QUALITY_THRESHOLDS;
  const refuse = (reason: QualityReason, message: string): QualityVerdict => ({ ok: false, reason, message, retake: true });
  if (m.textCells < t.minTextCells) {
    if (m.frameBright < t.frameDark) return refuse('too_dark', QUALITY_MESSAGES.too_dark);
    // A small sharp patch but no print: the document is too far to resolve its characters, not out of focus. A frame
    // sharp all over without print (texture, noise) has no document in it: the general instruction.
    const far = m.frameSharpness >= t.sharpnessReject && m.frameContrastShare < t.farContrastShare;
    return far ? refuse('too_small', QUALITY_MESSAGES.noTextSmall) : refuse('blurred', QUALITY_MESSAGES.noText);
  }
  if (m.paperLevel < t.paperReject) return refuse('too_dark', QUALITY_MESSAGES.too_dark);
  if (m.sharpness < t.sharpnessReject) return refuse('blurred', QUALITY_MESSAGES.blurred);
  // No inked shape measured (cannot happen with print cells, but never refuse on a measure that did not run).
  const measuredHeight = m.textHeight > 0;
  if (measuredHeight && m.textHeight < t.textHeightReject) return refuse('too_small', QUALITY_MESSAGES.too_small);
  const where = m.glareAt ? placeName(m.glareAt) : '';
  if (m.glareCells >= t.glareRejectCells) return refuse('glare', QUALITY_MESSAGES.glare(where));
  const warnings: string[] = [];
  if (m.paperLevel < t.paperWarn) warnings.push(QUALITY_MESSAGES.warnDark);
  if (measuredHeight && m.textHeight < t.textHeightWarn) warnings.push(QUALITY_MESSAGES.warnSmall);
  if (m.glareCells > 0) warnings.push(QUALITY_MESSAGES.warnGlare(where));
  if (m.sharpness < t.sharpnessWarn) warnings.push(QUALITY_MESSAGES.warnBlur);
  return { ok: true, warnings };
}
