// Photo quality measures (sharpness, exposure) and the thresholds that turn them into a refusal or a warning.

/**
 * Thresholds, chosen on generated document photos (see docs/photos.md for the measurements).
 * Sharpness is the variance of the Laplacian on a greyscale copy whose long edge is ANALYSIS_LONG_EDGE.
 */
export const QUALITY_THRESHOLDS = {
  /** Long edge of the greyscale copy the measures run on (the size a reviewer looks at). */
  analysisLongEdge: 1024,
  /** Below: refused as blurred (an ID card blurred by ≥1.5 px at analysis size measures ≤ 41). */
  sharpnessReject: 60,
  /** Below (and not refused): accepted with a warning. */
  sharpnessWarn: 120,
  /** Mean luminance (0–255) below: refused as too dark (gain 0.3 measures 49, gain 0.15 measures 24). */
  meanReject: 40,
  meanWarn: 65,
  /**
   * Refused as over-exposed when more than this share is blown out AND the mean is above brightRejectMean: white
   * paper alone clips in a well-lit photo (×1.15 measures 39% at mean 187), a washed-out photo also lifts the mean.
   */
  highlightRejectShare: 0.25,
  brightRejectMean: 210,
  highlightWarnShare: 0.08,
  /** A pixel at or above this level counts as blown out. */
  highlightLevel: 250,
} as const;

export interface QualityMeasures {
  /** Variance of the 4-neighbour Laplacian. */
  sharpness: number;
  /** Mean luminance, 0–255. */
  mean: number;
  /** Share (0–1) of pixels at or above the highlight level. */
  highlightShare: number;
}

export type QualityVerdict =
  | { ok: true; warnings: string[] }
  | { ok: false; reason: 'too_dark' | 'too_bright' | 'blurred'; message: string };

export const QUALITY_MESSAGES = {
  too_dark: '照片过暗，看不清证件内容，请在光线充足处重拍',
  too_bright: '照片过亮或反光，部分内容看不清，请避开灯光直射、关闭闪光灯后重拍',
  blurred: '照片模糊，请在光线充足处重拍，拍摄时保持手机稳定、对焦清晰',
  warnDark: '照片偏暗，若审核时看不清可能被退回，建议在光线充足处重拍',
  warnBright: '照片局部有反光，请确认证件文字清晰可见',
  warnBlur: '照片略模糊，请放大确认文字清晰，否则建议重拍',
} as const;

/**
 * Measures a single-channel 8-bit image. The Laplacian is computed here in exact integer arithmetic:
 * sharp's `convolve` clips its output to 8 bits, which saturates at text edges and hides blur (docs/photos.md).
 */
export function measureGrey(data: Uint8Array, width: number, height: number): QualityMeasures {
  let total = 0;
  let highlights = 0;
  for (let i = 0; i < data.length; i++) {
    total += data[i];
    if (data[i] >= QUALITY_THRESHOLDS.highlightLevel) highlights++;
  }
  let sum = 0;
  let sumSquares = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y++) {
    const row = y * width;
    for (let x = 1; x < width - 1; x++) {
      const i = row + x;
      const laplacian = data[i - 1] + data[i + 1] + data[i - width] + data[i + width] - 4 * data[i];
      sum += laplacian;
      sumSquares += laplacian * laplacian;
      n++;
    }
  }
  const meanLaplacian = n ? sum / n : 0;
  return {
    sharpness: n ? sumSquares / n - meanLaplacian * meanLaplacian : 0,
    mean: data.length ? total / data.length : 0,
    highlightShare: data.length ? highlights / data.length : 0,
  };
}

/** Exposure is judged first: a dark photo also measures as blurred, and "too dark" is the instruction that helps. */
export function judgeQuality(m: QualityMeasures): QualityVerdict {
  const t = QUALITY_THRESHOLDS;
  if (m.mean < t.meanReject) return { ok: false, reason: 'too_dark', message: QUALITY_MESSAGES.too_dark };
  if (m.highlightShare > t.highlightRejectShare && m.mean > t.brightRejectMean) return { ok: false, reason: 'too_bright', message: QUALITY_MESSAGES.too_bright };
  if (m.sharpness < t.sharpnessReject) return { ok: false, reason: 'blurred', message: QUALITY_MESSAGES.blurred };
  const warnings: string[] = [];
  if (m.mean < t.meanWarn) warnings.push(QUALITY_MESSAGES.warnDark);
  if (m.highlightShare > t.highlightWarnShare) warnings.push(QUALITY_MESSAGES.warnBright);
  if (m.sharpness < t.sharpnessWarn) warnings.push(QUALITY_MESSAGES.warnBlur);
  return { ok: true, warnings };
}
