// The labelled calibration set: for each class of photo, seeded random scene plans and the verdict each must get.
import { prng } from '../sampleImages';
import { BODY_TEXT_SIZE, DOCUMENT_ASPECT, type DocumentKind } from './documents';
import type { Background, PhotoPlan, ScenePlan } from './scene';

/** What the pipeline must answer: accept (with or without a warning), or refuse for this reason. */
export type ExpectedVerdict = 'accept' | 'too_dark' | 'glare' | 'blurred' | 'too_small' | 'low_resolution';

export const CALIBRATION_CLASSES = {
  clean_photo: { stream: 0, expected: 'accept', about: '证件/表格/执照平放在桌面上，透视、轻微不均匀光照' },
  scan: { stream: 1, expected: 'accept', about: '平板扫描的白纸表格（如打印的核验单：大部分像素 ≥ 250，文字清晰，有空白签字框）' },
  bright_paper: { stream: 2, expected: 'accept', about: '曝光偏亮、白纸接近或达到 255，没有反光' },
  bright_card: { stream: 12, expected: 'accept', about: '身份证整体偏亮、均匀受光，卡面空白处自己达到 255（没有反光）' },
  shadow: { stream: 3, expected: 'accept', about: '手或手机的投影、明显的不均匀光照' },
  small_legible: { stream: 13, expected: 'accept', about: '证件只占画面约四分之一到三分之一，但文字在交付分辨率下仍有 13–24 像素高，可以看清' },
  slight_blur: { stream: 4, expected: 'accept', about: '轻微失焦或抖动（审核尺寸下 ≤ 1 像素），文字可读' },
  glare_beside: { stream: 5, expected: 'accept', about: '反光在桌面上或证件的空白处，没有遮住文字' },
  ocr_scene: { stream: 14, expected: 'accept', about: 'OCR 测试集的另一组拍摄（另一个生成器：自己的版式、背景、渐变光照 0.62–1.12、模糊、JPEG 60–92）' },
  glare_text: { stream: 6, expected: 'glare', about: '反光（大小不一）遮住了部分文字' },
  glare_bright: { stream: 15, expected: 'glare', about: '纸面本身很亮（平均 236–248，最亮处已到 250–255），一小块反光遮住了文字' },
  dark: { stream: 7, expected: 'too_dark', about: '严重曝光不足（增益 0.12–0.25），噪点多' },
  defocus: { stream: 8, expected: 'blurred', about: '失焦（审核尺寸下 σ 2.5–6 像素）' },
  motion: { stream: 9, expected: 'blurred', about: '手抖（审核尺寸下拖影 6–14 像素，方向随机）' },
  tiny: { stream: 10, expected: 'too_small', about: '证件在画面中太小，文字在交付分辨率下只有 4–8 像素高，看不清' },
  low_resolution: { stream: 11, expected: 'low_resolution', about: '长边不足 1200 像素' },
} as const satisfies Record<string, { stream: number; expected: ExpectedVerdict; about: string }>;

export type CalibrationClass = keyof typeof CALIBRATION_CLASSES;

export interface CalibrationCase {
  id: string;
  cls: CalibrationClass;
  expected: ExpectedVerdict;
  plan: ScenePlan;
  seed: number;
}

/** The analysis copy's long edge (QUALITY_THRESHOLDS.analysisLongEdge): blur is planned in its pixels. */
const REVIEW_EDGE = 1024;
/** The pipeline's largest delivered long edge (PHOTO_LIMITS.maxLongEdge): text size is planned in its pixels. */
const DELIVERED_EDGE = 2400;

/** The document's `cover` (share of the frame) at which its body text is `px` tall (font size) in the delivered photo. */
function coverForText(plan: PhotoPlan, px: number): number {
  const aspect = DOCUMENT_ASPECT[plan.document];
  // renderPhoto: the document's long side spans `cover` of the frame's width (landscape document) or height (A4).
  const widthPerCover = aspect >= 1 ? plan.width : plan.height * aspect;
  const delivered = Math.min(1, DELIVERED_EDGE / Math.max(plan.width, plan.height));
  return px / (BODY_TEXT_SIZE[plan.document] * widthPerCover * delivered);
}

const DOCUMENTS: readonly DocumentKind[] = ['id_front', 'id_back', 'a4_form', 'licence'];
const BACKGROUNDS: readonly Background[] = ['wood', 'dark_desk', 'light_desk', 'fabric'];

function planner(random: () => number) {
  const between = (a: number, b: number) => a + (b - a) * random();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  /** A clean, well-framed photo; classes below change one thing about it. */
  const base = (document = pick(DOCUMENTS)): PhotoPlan => {
    const landscape = document !== 'a4_form';
    const long = pick([2000, 2000, 1600, 2400]);
    const short = Math.round(long * 0.75);
    return {
      type: 'photo',
      width: landscape ? long : short,
      height: landscape ? short : long,
      document,
      background: pick(BACKGROUNDS),
      place: { cx: between(0.45, 0.55), cy: between(0.45, 0.55), cover: between(0.62, 0.86), rotation: between(-8, 8), perspective: between(0, 0.06) },
      light: { exposure: between(0.85, 1.02), gradient: between(0, 0.18), vignette: between(0.05, 0.3) },
      noise: between(2, 5),
      quality: Math.round(between(84, 93)),
    };
  };
  const toPhotoPx = (plan: PhotoPlan, reviewPx: number) => (reviewPx * Math.max(plan.width, plan.height)) / REVIEW_EDGE;

  const make: Record<CalibrationClass, () => ScenePlan> = {
    clean_photo: () => base(),
    scan: () => ({ type: 'scan', dpi: pick([150, 200, 200]), document: 'a4_form', rotation: between(-0.8, 0.8), quality: Math.round(between(85, 95)) }),
    bright_paper: () => {
      const p = base(pick(['a4_form', 'licence', 'a4_form']));
      return { ...p, light: { ...p.light, exposure: between(1.12, 1.3), gradient: between(0, 0.08) } };
    },
    bright_card: () => {
      // The card's own light background (≈ 240) lit a little above 1: its blank areas clip by themselves, evenly.
      const p = base(pick(['id_front', 'id_back'] as const));
      return { ...p, light: { exposure: between(1.04, 1.16), gradient: between(0.08, 0.25), vignette: between(0.05, 0.2) } };
    },
    shadow: () => {
      const p = base();
      return {
        ...p,
        light: { ...p.light, gradient: between(0.2, 0.3) },
        shadow: { side: pick(['left', 'right', 'top', 'bottom'] as const), reach: between(0.25, 0.5), strength: between(0.3, 0.5) },
      };
    },
    slight_blur: () => {
      const p = base();
      return random() < 0.5
        ? { ...p, blur: { kind: 'defocus', sigma: toPhotoPx(p, between(0.4, 1)) } }
        : { ...p, blur: { kind: 'motion', length: toPhotoPx(p, between(1, 2)), angle: between(0, 180) } };
    },
    small_legible: () => {
      const p = base(pick(['id_front', 'id_back', 'id_front', 'licence'] as const));
      const cover = Math.min(0.4, Math.max(0.24, coverForText(p, between(13, 24))));
      return { ...p, place: { ...p.place, cx: between(0.35, 0.65), cy: between(0.35, 0.65), cover } };
    },
    glare_beside: () => {
      const p = base();
      const onTable = random() < 0.5 || p.document === 'id_front';
      return { ...p, glare: onTable ? { at: 'table', radius: between(0.05, 0.12), intensity: between(1, 1.5) } : { at: 'blank', radius: between(0.025, 0.045), intensity: between(1, 1.4) } };
    },
    glare_text: () => {
      const p = base();
      return { ...p, glare: { at: 'text', radius: between(0.035, 0.22), intensity: between(1, 1.6) } };
    },
    ocr_scene: () => ({ type: 'ocr', index: Math.floor(random() * 10_000), seed: Math.floor(random() * 2 ** 31) }),
    glare_bright: () => {
      // Paper lit to a mean of 236–248 (its brightest pixels at 250–255, as glare_text-09's), a small reflection on its text.
      const p = base();
      const paper = p.document === 'id_front' || p.document === 'id_back' ? 240 : 246;
      return {
        ...p,
        light: { exposure: between(236, 248) / paper, gradient: between(0, 0.08), vignette: between(0.02, 0.1) },
        glare: { at: 'text', radius: between(0.03, 0.08), intensity: between(1, 1.5) },
      };
    },
    dark: () => {
      const p = base();
      return { ...p, light: { ...p.light, exposure: between(0.12, 0.25) }, noise: between(5, 9) };
    },
    defocus: () => {
      const p = base();
      return { ...p, blur: { kind: 'defocus', sigma: toPhotoPx(p, between(2.5, 6)) } };
    },
    motion: () => {
      const p = base();
      return { ...p, blur: { kind: 'motion', length: toPhotoPx(p, between(6, 14)), angle: between(0, 180) } };
    },
    tiny: () => {
      const p = base();
      return { ...p, place: { ...p.place, cx: between(0.3, 0.7), cy: between(0.3, 0.7), cover: coverForText(p, between(4, 8)) } };
    },
    low_resolution: () => {
      const p = base();
      const long = pick([800, 1000, 1100]);
      const short = Math.round(long * 0.75);
      return p.width > p.height ? { ...p, width: long, height: short } : { ...p, width: short, height: long };
    },
  };
  return make;
}

/** `perClass` cases of every class, the same for the same seed. */
export function calibrationSet(seed = 2026, perClass = 12): CalibrationCase[] {
  const cases: CalibrationCase[] = [];
  for (const cls of Object.keys(CALIBRATION_CLASSES) as CalibrationClass[]) {
    // One stream per class (numbered for good, so adding a class never changes the others' photos), and asking for
    // more cases of a class never changes its first ones.
    const random = prng(seed * 64 + CALIBRATION_CLASSES[cls].stream);
    const make = planner(random);
    for (let i = 0; i < perClass; i++) {
      const plan = make[cls]();
      cases.push({ id: `${cls}-${String(i + 1).padStart(2, '0')}`, cls, expected: CALIBRATION_CLASSES[cls].expected, plan, seed: Math.floor(random() * 2 ** 31) });
    }
  }
  return cases;
}
