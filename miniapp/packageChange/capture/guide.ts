// What the capture screen shows per material kind: the document's shape for the guide frame, the title and the tip.
import type { MaterialKind } from '../../../shared/domain/filing';

export interface CaptureGuide {
  title: string;
  /** One line under the frame: how to photograph this document. */
  tip: string;
  /** Width / height of the document as it should appear in the frame. */
  aspect: number;
  orientation: 'landscape' | 'portrait';
}

/** ID card: 85.6 × 54 mm (ISO/IEC 7810 ID-1), photographed landscape. */
const ID_CARD_ASPECT = 85.6 / 54;
/** A4: 210 × 297 mm, portrait. */
const A4_ASPECT = 210 / 297;
const HOW = '平放、四角完整、避免反光、请勿翻拍屏幕';

export const CAPTURE_GUIDES: Record<MaterialKind, CaptureGuide> = {
  id_front: { title: '拍摄身份证人像面', tip: `人像面朝上，${HOW}`, aspect: ID_CARD_ASPECT, orientation: 'landscape' },
  id_back: { title: '拍摄身份证国徽面', tip: `国徽面朝上，${HOW}`, aspect: ID_CARD_ASPECT, orientation: 'landscape' },
  verification_form: { title: '拍摄网站真实性核验单', tip: `签字后整页拍摄，${HOW}`, aspect: A4_ASPECT, orientation: 'portrait' },
  authorization_letter: { title: '拍摄授权书', tip: `签字盖章后整页拍摄，${HOW}`, aspect: A4_ASPECT, orientation: 'portrait' },
  change_letter: { title: '拍摄变更说明', tip: `签字盖章后整页拍摄，${HOW}`, aspect: A4_ASPECT, orientation: 'portrait' },
  pre_approval: { title: '拍摄前置审批文件', tip: `审批文件或许可证整页拍摄，文号清晰可见，${HOW}`, aspect: A4_ASPECT, orientation: 'portrait' },
  other: { title: '拍摄材料', tip: `整页拍摄，${HOW}`, aspect: A4_ASPECT, orientation: 'portrait' },
};

/**
 * Size of the guide frame in px for a preview area: as large as fits in 86% of the width and 70% of the height,
 * keeping the document's aspect (computed here because not every mini-program WebView supports `aspect-ratio`).
 */
export function guideFrameSize(aspect: number, areaWidth: number, areaHeight: number): { width: number; height: number } {
  let width = areaWidth * 0.86;
  let height = width / aspect;
  if (height > areaHeight * 0.7) {
    height = areaHeight * 0.7;
    width = height * aspect;
  }
  return { width: Math.round(width), height: Math.round(height) };
}
