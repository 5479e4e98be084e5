// The labelled calibration set: for each class of photo, seeded random scene plans and the verdict each must get.
import { prng } from '../sampleImages';
import type { DocumentKind } from './documents';
import type { Background, PhotoPlan, ScenePlan } from './scene';

/** What the pipeline must answer: accept (with or without a warning), or refuse for this reason. */
export type ExpectedVerdict = 'accept' | 'too_dark' | 'glare' | 'blurred' | 'too_small' | 'low_resolution';

export const CALIBRATION_CLASSES = {
  clean_photo: { expected: 'accept', about: '证件/表格/执照平放在桌面上，透视、轻微不均匀光照' },
  scan: { expected: 'accept', about: '平板扫描的白纸表格（如打印的核验单：大部分像素 ≥ 250，文字清晰，有空白签字框）' },
  bright_paper: { expected: 'accept', about: '曝光偏亮、白纸接近或达到 255，没有反光' },
  shadow: { expected: 'accept', about: '手或手机的投影、明显的不均匀光照' },
  slight_blur: { expected: 'accept', about: '轻微失焦或抖动（审核尺寸下 ≤ 1 像素），文字可读' },
  glare_beside: { expected: 'accept', about: '反光在桌面上或证件的空白处，没有遮住文字' },
  glare_text: { expected: 'glare', about: '反光（大小不一）遮住了部分文字' },
  dark: { expected: 'too_dark', about: '严重曝光不足（增益 0.12–0.25），噪点多' },
  defocus: { expected: 'blurred', about: '失焦（审核尺寸下 σ 2.5–6 像素）' },
  motion: { expected: 'blurred', about: '手抖（审核尺寸下拖影 6–14 像素，方向随机）' },
  tiny: { expected: 'too_small', about: '证件只占画面一小块（长边占画面 12–28%）' },
  low_resolution: { expected: 'low_resolution', about: '长边不足 1200 像素' },
} as const satisfies Record<string, { expected: ExpectedVerdict; about: string }>;

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
    glare_beside: () => {
      const p = base();
      const onTable = random() < 0.5 || p.document === 'id_front';
      return { ...p, glare: onTable ? { at: 'table', radius: between(0.05, 0.12), intensity: between(1, 1.5) } : { at: 'blank', radius: between(0.025, 0.045), intensity: between(1, 1.4) } };
    },
    glare_text: () => {
      const p = base();
      return { ...p, glare: { at: 'text', radius: between(0.035, 0.22), intensity: between(1, 1.6) } };
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
      return { ...p, place: { ...p.place, cx: between(0.3, 0.7), cy: between(0.3, 0.7), cover: between(0.12, 0.28) } };
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
  (Object.keys(CALIBRATION_CLASSES) as CalibrationClass[]).forEach((cls, index) => {
    // One stream per class: asking for more cases of a class never changes the others.
    const random = prng(seed * 64 + index);
    const make = planner(random);
    for (let i = 0; i < perClass; i++) {
      const plan = make[cls]();
      cases.push({ id: `${cls}-${String(i + 1).padStart(2, '0')}`, cls, expected: CALIBRATION_CLASSES[cls].expected, plan, seed: Math.floor(random() * 2 ** 31) });
    }
  });
  return cases;
}
