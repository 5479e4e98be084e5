// Filing numbers: entity vs website numbers, 8 and 10 digits, and licence numbers that are not filing numbers.
import { PROVINCES } from '../rules/provinces';
import { entityFilingNumber, entityNumberOf, websiteFilingNumber } from './filingNumber';

function firstMessage(result: { success: boolean; error?: { issues: { message: string }[] } }): string | undefined {
  return result.error?.issues[0]?.message;
}

describe('entityFilingNumber', () => {
  it.each(['粤ICP备12345678号', '京ICP备2021012345号', '琼ICP备00000001号'])('accepts %s', (n) => {
    expect(entityFilingNumber.safeParse(n)).toEqual({ success: true, data: n });
  });

  it('normalises spaces and a lowercase icp', () => {
    expect(entityFilingNumber.safeParse(' 粤 icp备 12345678号 ')).toEqual({ success: true, data: '粤ICP备12345678号' });
  });

  it('tells a website number (with -N) apart from an entity number', () => {
    expect(firstMessage(entityFilingNumber.safeParse('粤ICP备12345678号-3'))).toBe('这是网站备案号，主体备案号不带“-序号”，形如 粤ICP备12345678号');
  });

  it.each(['京ICP证000000号', 'B2-20080101', '粤B2-20090059', '京ICP证 000000号'])('refuses the licence number %s with the licence message', (n) => {
    expect(firstMessage(entityFilingNumber.safeParse(n))).toBe('这是ICP经营许可证号，不是备案号；备案号形如 粤ICP备12345678号');
    expect(firstMessage(websiteFilingNumber.safeParse(n))).toBe('这是ICP经营许可证号，不是备案号；备案号形如 粤ICP备12345678号');
  });

  it.each(['粤ICP备1234567号', '粤ICP备123456789号', '港ICP备12345678号', 'ICP备12345678号'])('refuses %s as malformed', (n) => {
    expect(firstMessage(entityFilingNumber.safeParse(n))).toBe('主体备案号格式不正确，应形如 粤ICP备12345678号');
  });
});

describe('every province prefix', () => {
  // One real-format number per province (10 digits: year + serial; the website number adds -N).
  const NUMBERS: Record<string, string> = {
    北京: '京ICP备2026001001号',
    天津: '津ICP备2026001002号',
    上海: '沪ICP备2026001003号',
    重庆: '渝ICP备2026001004号',
    河北: '冀ICP备2026001005号',
    河南: '豫ICP备2026001006号',
    云南: '滇ICP备2026001007号',
    辽宁: '辽ICP备2026001008号',
    黑龙江: '黑ICP备2026001009号',
    湖南: '湘ICP备2026001010号',
    安徽: '皖ICP备2026001011号',
    山东: '鲁ICP备2026001012号',
    新疆: '新ICP备2026001013号',
    江苏: '苏ICP备2026001014号',
    浙江: '浙ICP备2026001015号',
    江西: '赣ICP备2026001016号',
    湖北: '鄂ICP备2026001017号',
    广西: '桂ICP备2026001018号',
    甘肃: '陇ICP备2026001019号',
    山西: '晋ICP备2026001020号',
    内蒙古: '蒙ICP备2026001021号',
    陕西: '陕ICP备2026001022号',
    吉林: '吉ICP备2026001023号',
    福建: '闽ICP备2026001024号',
    贵州: '黔ICP备2026001073号',
    广东: '粤ICP备2026001026号',
    青海: '青ICP备2026001027号',
    西藏: '藏ICP备2026001028号',
    四川: '蜀ICP备2026001029号',
    宁夏: '宁ICP备2026001030号',
    海南: '琼ICP备2026001031号',
  };

  it('covers all 31 provinces of the table', () => {
    expect(Object.keys(NUMBERS).sort()).toEqual(PROVINCES.map((p) => p.name).sort());
  });

  it.each(Object.entries(NUMBERS))('%s: %s is an entity number, with -1 a website number', (name, number) => {
    expect(entityFilingNumber.safeParse(number).success).toBe(true);
    expect(websiteFilingNumber.safeParse(`${number}-1`).success).toBe(true);
    expect(number.charAt(0)).toBe(PROVINCES.find((p) => p.name === name)?.code);
  });

  it.each([
    ['云ICP备2026001007号', '云南的备案号以“滇”开头，不是“云”，应形如 滇ICP备2026001007号'],
    ['贵ICP备2026001073号', '贵州的备案号以“黔”开头，不是“贵”，应形如 黔ICP备2026001073号'],
    ['川ICP备2026001029号', '四川的备案号以“蜀”开头，不是“川”，应形如 蜀ICP备2026001029号'],
    ['甘ICP备2026001019号', '甘肃的备案号以“陇”开头，不是“甘”，应形如 陇ICP备2026001019号'],
  ])('refuses the everyday short name in %s and names the right prefix', (number, message) => {
    expect(firstMessage(entityFilingNumber.safeParse(number))).toBe(message);
  });
});

describe('websiteFilingNumber', () => {
  it.each(['粤ICP备12345678号-3', '京ICP备2021012345号-12', '沪ICP备12345678号－1'])('accepts %s', (n) => {
    expect(websiteFilingNumber.safeParse(n).success).toBe(true);
  });

  it('stores a full-width dash as ASCII', () => {
    expect(websiteFilingNumber.safeParse('沪ICP备12345678号－1')).toEqual({ success: true, data: '沪ICP备12345678号-1' });
  });

  it('asks for the -N suffix when given an entity number', () => {
    expect(firstMessage(websiteFilingNumber.safeParse('粤ICP备12345678号'))).toBe('网站备案号需带“-序号”，形如 粤ICP备12345678号-1');
  });

  it('refuses -0 as a website serial', () => {
    expect(firstMessage(websiteFilingNumber.safeParse('粤ICP备12345678号-0'))).toBe('网站备案号格式不正确，应形如 粤ICP备12345678号-1');
  });

  it('derives the entity number from a website number', () => {
    expect(entityNumberOf('粤ICP备12345678号-3')).toBe('粤ICP备12345678号');
  });
});
