// Random but realistic contents of the documents the OCR reads (people, ID cards, licences, 核验单), from a seed.
import { creditCodeCheckChar, residentIdCheckChar } from '../../shared/validators/identity';

/** Small seeded PRNG (mulberry32): the same seed gives the same documents and photos on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;
export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
export const between = (random: Random, min: number, max: number): number => min + (max - min) * random();
export const intBetween = (random: Random, min: number, max: number): number => Math.floor(between(random, min, max + 1));

// The most common surnames (weighted by repetition of the frequent ones) and characters of given names.
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周'.repeat(3),
  ...'徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '慕容'];
const GIVEN_CHARS =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华建国志红玉兰文斌宇浩然子轩欣怡梓涵雨萱晨阳佳琪一诺思远嘉怡俊杰博文海燕丹晓东' +
  '婷雪梅春燕小龙亮鹏飞颖琳慧婧倩宁昊天睿泽皓辰若曦语桐可馨逸凡书瑶诗涵振宇凯瑞';

export function personName(random: Random): string {
  const surname = random() < 0.03 ? pick(random, COMPOUND_SURNAMES) : pick(random, SURNAMES);
  const length = random() < 0.25 ? 1 : 2;
  let given = '';
  for (let i = 0; i < length; i++) given += pick(random, [...GIVEN_CHARS]);
  return surname + given;
}

/** Ethnic groups as printed on the card (汉 dominates, as in the population). */
const ETHNICITIES = [...Array(20).fill('汉'), '回', '满', '壮', '蒙古', '维吾尔', '藏', '苗', '彝', '土家', '朝鲜'];

/** Region codes with the names a card and an issuing authority print for them. */
const REGIONS: { code: string; province: string; city: string; district: string }[] = [
  { code: '330106', province: '浙江省', city: '杭州市', district: '西湖区' },
  { code: '330102', province: '浙江省', city: '杭州市', district: '上城区' },
  { code: '330203', province: '浙江省', city: '宁波市', district: '海曙区' },
  { code: '110105', province: '北京市', city: '', district: '朝阳区' },
  { code: '110108', province: '北京市', city: '', district: '海淀区' },
  { code: '310115', province: '上海市', city: '', district: '浦东新区' },
  { code: '310104', province: '上海市', city: '', district: '徐汇区' },
  { code: '440305', province: '广东省', city: '深圳市', district: '南山区' },
  { code: '440106', province: '广东省', city: '广州市', district: '天河区' },
  { code: '320106', province: '江苏省', city: '南京市', district: '鼓楼区' },
  { code: '320508', province: '江苏省', city: '苏州市', district: '姑苏区' },
  { code: '510107', province: '四川省', city: '成都市', district: '武侯区' },
  { code: '420106', province: '湖北省', city: '武汉市', district: '武昌区' },
  { code: '430104', province: '湖南省', city: '长沙市', district: '岳麓区' },
  { code: '370202', province: '山东省', city: '青岛市', district: '市南区' },
  { code: '350203', province: '福建省', city: '厦门市', district: '思明区' },
  { code: '610113', province: '陕西省', city: '西安市', district: '雁塔区' },
  { code: '500103', province: '重庆市', city: '', district: '渝中区' },
  { code: '530102', province: '云南省', city: '昆明市', district: '五华区' },
  { code: '410105', province: '河南省', city: '郑州市', district: '金水区' },
];
const STREETS = ['文三路', '解放路', '人民路', '中山北路', '建设大道', '科技园南路', '学院路', '长江路', '和平里东街', '滨江大道', '天府二街', '湖滨南路', '星光大道', '新华街'];
const BUILDINGS = ['', '', '', '华星科技大厦', '阳光花园', '翠苑一区', '金都小区', '世纪新城', '锦绣家园'];

export interface IdCardHolder {
  name: string;
  gender: '男' | '女';
  ethnicity: string;
  /** yyyy-mm-dd */
  birthDate: string;
  address: string;
  idNumber: string;
  issuingAuthority: string;
  /** yyyy-mm-dd */
  validFrom: string;
  /** yyyy-mm-dd, or null for 长期 */
  validUntil: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** A resident ID's holder: the number agrees with birth date and gender and has a valid check character. */
export function idCardHolder(random: Random): IdCardHolder {
  const region = pick(random, REGIONS);
  const birthYear = intBetween(random, 1950, 2006);
  const birthMonth = intBetween(random, 1, 12);
  const birthDay = intBetween(random, 1, 28);
  const gender = random() < 0.5 ? '男' : '女';
  // Sequence: the third digit is odd for men, even for women.
  let sequence = intBetween(random, 0, 99) * 10 + intBetween(random, 0, 4) * 2 + (gender === '男' ? 1 : 0);
  sequence = Math.min(sequence, 999);
  const first17 = `${region.code}${birthYear}${pad(birthMonth)}${pad(birthDay)}${String(sequence).padStart(3, '0')}`;
  const idNumber = first17 + residentIdCheckChar(first17);

  const number = intBetween(random, 1, 999);
  const building = pick(random, BUILDINGS);
  const unit = building ? `${intBetween(random, 1, 30)}幢${intBetween(random, 1, 6)}单元${intBetween(random, 1, 28)}0${intBetween(random, 1, 4)}室` : '';
  // The card prints at most 3 lines of 11 characters: longer addresses lose the unit, then the building.
  const street = `${region.province}${region.city}${region.district}${pick(random, STREETS)}${number}号`;
  const address = [street + building + unit, street + building, street].find((a) => Array.from(a).length <= 33) as string;

  const city = region.city || region.province;
  const issuingAuthority = `${city}公安局${region.district}分局`;

  // Term by age at issue (GB/T: under 16 → 5 years, 16–25 → 10, 26–45 → 20, 46 and over → 长期).
  const issueYear = intBetween(random, Math.max(birthYear + 1, 2006), 2025);
  const issueMonth = intBetween(random, 1, 12);
  const issueDay = intBetween(random, 1, 28);
  const age = issueYear - birthYear;
  const term = age < 16 ? 5 : age <= 25 ? 10 : age <= 45 ? 20 : null;
  return {
    name: personName(random),
    gender,
    ethnicity: pick(random, ETHNICITIES),
    birthDate: iso(birthYear, birthMonth, birthDay),
    address,
    idNumber,
    issuingAuthority,
    validFrom: iso(issueYear, issueMonth, issueDay),
    validUntil: term === null ? null : iso(issueYear + term, issueMonth, issueDay),
  };
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const TRADE_NAMES = ['云帆', '星河', '青禾', '知行', '远景', '微澜', '锦程', '立方', '乐享', '启明', '嘉禾', '博雅', '天衡', '优品', '拓普', '汇通'];
const INDUSTRIES = ['信息技术', '网络科技', '文化传媒', '电子商务', '软件开发', '教育科技', '数据服务', '商贸'];
const COMPANY_FORMS = ['有限公司', '有限公司', '有限责任公司', '股份有限公司'];

export interface BusinessLicence {
  creditCode: string;
  entityName: string;
  legalRepresentative: string;
  address: string;
  /** yyyy-mm-dd */
  establishedOn: string;
  registeredCapital: string;
}

export function businessLicence(random: Random): BusinessLicence {
  const region = pick(random, REGIONS);
  // 9 = registered by market regulation, 1 = enterprise; then the region and a 9-character organisation code.
  let organisation = '';
  for (let i = 0; i < 9; i++) organisation += pick(random, [...(i < 2 ? 'MA' + '0123456789' : CREDIT_ALPHABET)]);
  const first17 = `91${region.code}${organisation}`;
  const city = (region.city || region.province).replace(/[市省]$/, '');
  return {
    creditCode: first17 + creditCodeCheckChar(first17),
    entityName: `${city}${pick(random, TRADE_NAMES)}${pick(random, INDUSTRIES)}${pick(random, COMPANY_FORMS)}`,
    legalRepresentative: personName(random),
    address: `${region.province}${region.city}${region.district}${pick(random, STREETS)}${intBetween(random, 1, 999)}号`,
    establishedOn: iso(intBetween(random, 2000, 2024), intBetween(random, 1, 12), intBetween(random, 1, 28)),
    registeredCapital: `${pick(random, ['壹佰', '伍佰', '壹仟', '贰佰', '叁佰'])}万元人民币`,
  };
}

const SITE_WORDS = ['官网', '官方网站', '企业网站', '产品中心', '服务平台', '技术文档', '资讯网'];

export interface VerificationFormContent {
  websiteName: string;
  /** 主办单位名称: the entity (or the person, on a personal filing). */
  entityName: string;
  principalName: string;
  domain: string;
}

export function verificationFormContent(random: Random): VerificationFormContent {
  const licence = businessLicence(random);
  const trade = licence.entityName.replace(/^.{2}/, '').slice(0, 2);
  return {
    websiteName: `${trade}${pick(random, SITE_WORDS)}`,
    entityName: licence.entityName,
    principalName: personName(random),
    domain: `${pick(random, ['yunfan', 'xinghe', 'qinghe', 'zhixing', 'weilan', 'qiming'])}${intBetween(random, 1, 99)}.${pick(random, ['cn', 'com', 'com.cn', 'net'])}`,
  };
}
