// The rules tables: province defaults and overrides, and the fileable-suffix list.
import { PROVINCE_CODES } from '../rules/provinces';
import { allProvinceRules, DEFAULT_PROVINCE_RULES, PROVINCE_RULE_OVERRIDES, provinceRules } from './provinceRules';
import { PRE_APPROVAL_CONTENTS, preApprovalOf, SERVICE_CONTENT_CATEGORIES } from './serviceContent';
import { CN_CATEGORY_SUFFIXES, CN_PROVINCE_SUFFIXES, FILEABLE_SUFFIXES, FILEABLE_TOP_LEVEL_DOMAINS } from './tlds';

describe('province rules', () => {
  it('广东 shows the entity number in the footer; other provinces the website number', () => {
    expect(provinceRules('粤').footerShowsEntityNumber).toBe(true);
    expect(provinceRules('浙').footerShowsEntityNumber).toBe(false);
  });

  it('a province without an override gets the common rules: 3 Chinese characters, 3 months of domain validity', () => {
    expect(provinceRules('蜀')).toEqual(DEFAULT_PROVINCE_RULES);
    expect(DEFAULT_PROVINCE_RULES.websiteNameMinChineseChars).toBe(3);
    expect(DEFAULT_PROVINCE_RULES.domainMinValidityMonths).toBe(3);
  });

  it('an override changes only the values it names', () => {
    const shanghai = provinceRules('沪');
    expect(shanghai.extraMaterials.map((m) => `${m.subject}.${m.kind}`)).toEqual(['website.change_letter']);
    expect(shanghai.websiteNameMinChineseChars).toBe(DEFAULT_PROVINCE_RULES.websiteNameMinChineseChars);
    expect(provinceRules('苏').verificationFormNeedsFingerprint).toBe(true);
  });

  it('every province has a complete row, and every override says where it comes from', () => {
    const all = allProvinceRules();
    expect(Object.keys(all).sort()).toEqual([...PROVINCE_CODES].sort());
    for (const rules of Object.values(all)) expect(Object.keys(rules).sort()).toEqual(Object.keys(DEFAULT_PROVINCE_RULES).sort());
    for (const override of Object.values(PROVINCE_RULE_OVERRIDES)) expect(override?.source.length).toBeGreaterThan(0);
  });

  it('extra materials explain themselves in Chinese', () => {
    for (const rules of Object.values(allProvinceRules())) {
      for (const m of rules.extraMaterials) expect(m.reason).toMatch(/\p{Script=Han}/u);
    }
  });
});

describe("province rules: the principals' extra phones", () => {
  it('浙江 requires the emergency phone and offers the office phone; 北京 requires the office phone; the default asks for neither', () => {
    expect(provinceRules('浙')).toMatchObject({ emergencyPhoneRequired: true, officePhoneField: 'optional' });
    expect(provinceRules('京')).toMatchObject({ emergencyPhoneRequired: false, officePhoneField: 'required' });
    expect(DEFAULT_PROVINCE_RULES).toMatchObject({ emergencyPhoneRequired: false, officePhoneField: 'none' });
  });
});

describe('service content', () => {
  it('the contents the law names need a pre-approval, each with its authority and document', () => {
    expect(PRE_APPROVAL_CONTENTS.map((c) => c.name)).toEqual(['新闻', '出版', '教育', '医疗保健', '药品和医疗器械', '文化', '广播电影电视节目']);
    for (const c of PRE_APPROVAL_CONTENTS) expect(c.preApproval?.document).toMatch(/\p{Script=Han}/u);
    expect(preApprovalOf('新闻')?.document).toBe('互联网新闻信息服务许可证');
    expect(preApprovalOf('企业官网')).toBeNull();
    expect(preApprovalOf('某个已备案的自定义内容')).toBeNull();
    expect(new Set(SERVICE_CONTENT_CATEGORIES.map((c) => c.name)).size).toBe(SERVICE_CONTENT_CATEGORIES.length);
  });
});

describe('fileable suffixes', () => {
  it('holds the Chinese TLDs, the .cn categories and the province .xx.cn ones', () => {
    for (const s of ['cn', '中国', '公司', '网络', 'com', 'net', 'org', '政务', '公益', 'top', 'xyz', 'tv', 'cc', '网址', '网站']) {
      expect(FILEABLE_SUFFIXES.has(s)).toBe(true);
    }
    expect(CN_CATEGORY_SUFFIXES).toEqual(expect.arrayContaining(['com.cn', 'net.cn', 'org.cn', 'ac.cn', 'edu.cn', 'mil.cn', 'gov.cn']));
    expect(CN_PROVINCE_SUFFIXES).toEqual(expect.arrayContaining(['bj.cn', 'sh.cn', 'gd.cn']));
    expect(CN_PROVINCE_SUFFIXES).toHaveLength(34);
  });

  it('leaves out what the provider does not accept', () => {
    for (const s of ['io', 'me', 'ai', 'app', 'dev', 'uk', 'hk']) expect(FILEABLE_SUFFIXES.has(s)).toBe(false);
  });

  it('is stored lowercase, without dots in front and without duplicates', () => {
    for (const s of FILEABLE_TOP_LEVEL_DOMAINS) expect(s).toMatch(/^[^.A-Z][^A-Z]*$/);
    expect(new Set(FILEABLE_TOP_LEVEL_DOMAINS).size).toBe(FILEABLE_TOP_LEVEL_DOMAINS.length);
  });
});
