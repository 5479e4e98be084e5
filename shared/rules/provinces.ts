// Provinces as data: the abbreviation each province's communications administration uses in ICP filing numbers, and
// the full name. Four of them do not use their everyday short name: 云南 滇, 贵州 黔, 四川 蜀, 甘肃 陇.
// Province-specific rules extend this table (shared/data/provinceRules.ts).
export const PROVINCES = [
  { code: '京', name: '北京' },
  { code: '津', name: '天津' },
  { code: '沪', name: '上海' },
  { code: '渝', name: '重庆' },
  { code: '冀', name: '河北' },
  { code: '豫', name: '河南' },
  { code: '滇', name: '云南' },
  { code: '辽', name: '辽宁' },
  { code: '黑', name: '黑龙江' },
  { code: '湘', name: '湖南' },
  { code: '皖', name: '安徽' },
  { code: '鲁', name: '山东' },
  { code: '新', name: '新疆' },
  { code: '苏', name: '江苏' },
  { code: '浙', name: '浙江' },
  { code: '赣', name: '江西' },
  { code: '鄂', name: '湖北' },
  { code: '桂', name: '广西' },
  { code: '陇', name: '甘肃' },
  { code: '晋', name: '山西' },
  { code: '蒙', name: '内蒙古' },
  { code: '陕', name: '陕西' },
  { code: '吉', name: '吉林' },
  { code: '闽', name: '福建' },
  { code: '黔', name: '贵州' },
  { code: '粤', name: '广东' },
  { code: '青', name: '青海' },
  { code: '藏', name: '西藏' },
  { code: '蜀', name: '四川' },
  { code: '宁', name: '宁夏' },
  { code: '琼', name: '海南' },
] as const;

/** Everyday short names that are NOT the filing-number prefix, mapped to the prefix those provinces use. */
export const EVERYDAY_SHORT_NAMES: Readonly<Record<string, ProvinceCode>> = { 云: '滇', 贵: '黔', 川: '蜀', 甘: '陇' };

export type ProvinceCode = (typeof PROVINCES)[number]['code'];
export const PROVINCE_CODES = PROVINCES.map((p) => p.code) as unknown as readonly [ProvinceCode, ...ProvinceCode[]];

/** Full name of a province from its abbreviation (浙 → 浙江); an unknown code is shown as it is. */
export function provinceName(code: string): string {
  return PROVINCES.find((p) => p.code === code)?.name ?? code;
}
