// Filing numbers: entity vs website numbers, 8 and 10 digits, and licence numbers that are not filing numbers.
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
