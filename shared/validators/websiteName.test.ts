// Website name rules: errors block, warnings inform; each message names the rule broken.
import { stateBodyVerdict } from '../rules/stateBody';
import { checkWebsiteName, websiteNameSchema } from './websiteName';

const personal = { entityKind: 'personal' as const, domains: ['zhangsan.com', '例子.中国'] };
const organisation = { entityKind: 'organisation' as const, domains: ['example.com'] };

describe('checkWebsiteName', () => {
  it('accepts a descriptive Chinese name', () => {
    expect(checkWebsiteName('张三的摄影作品集', personal)).toEqual({ errors: [], warnings: [] });
    expect(checkWebsiteName('示例科技ABC产品介绍', organisation)).toEqual({ errors: [], warnings: [] });
  });

  it('requires at least 3 Chinese characters, or the province minimum', () => {
    expect(checkWebsiteName('摄影', personal).errors).toEqual(['网站名称至少需要3个汉字（现有2个），请补充']);
    expect(checkWebsiteName('摄影集', personal).errors).toEqual([]);
    expect(checkWebsiteName('摄影集', { ...personal, province: '京' }).errors).toEqual(['网站名称至少需要4个汉字（现有3个），请补充']);
    expect(checkWebsiteName('摄影集', { ...personal, province: '粤' }).errors).toEqual([]);
  });

  it('refuses digits-only and Latin-only names', () => {
    expect(checkWebsiteName('123456', personal).errors).toEqual(['网站名称不能只有数字，请使用能说明网站内容的中文名称']);
    expect(checkWebsiteName('MyBlog', organisation).errors).toEqual(['网站名称不能只用英文字母，请使用能说明网站内容的中文名称']);
  });

  it('refuses symbols and spaces, naming them', () => {
    expect(checkWebsiteName('张三的作品!', personal).errors).toEqual(['网站名称不能包含符号或空格（“!”），请删除']);
    expect(checkWebsiteName('张三 的作品集', personal).errors).toEqual(['网站名称不能包含符号或空格（空格），请删除']);
    expect(checkWebsiteName('《张三作品集》', personal).errors).toEqual(['网站名称不能包含符号或空格（“《”、“》”），请删除']);
  });

  it('refuses the bare domain, in any form', () => {
    const message = '网站名称不能直接使用域名“zhangsan.com”，请填写能说明网站内容的中文名称';
    expect(checkWebsiteName('zhangsan.com', personal).errors).toEqual([message]);
    expect(checkWebsiteName('www.zhangsan.com', personal).errors).toEqual([message]);
    expect(checkWebsiteName('https://zhangsan.com/', personal).errors).toEqual([message]);
    expect(checkWebsiteName('xn--fsqu00a.xn--fiqs8s', personal).errors).toEqual(['网站名称不能直接使用域名“例子.中国”，请填写能说明网站内容的中文名称']);
    expect(checkWebsiteName('other.net', personal).errors).toEqual(['网站名称不能直接使用域名“other.net”，请填写能说明网站内容的中文名称']);
  });

  it('reserved prefixes: an error for personal filings, a warning for organisations', () => {
    expect(checkWebsiteName('中国风摄影作品', personal).errors).toEqual(['个人网站名称不能以“中国”开头（仅党政机关、国家机构可用），请修改']);
    for (const prefix of ['中华', '中央', '国家', '人民']) {
      expect(checkWebsiteName(`${prefix}摄影作品`, personal).errors).toEqual([`个人网站名称不能以“${prefix}”开头（仅党政机关、国家机构可用），请修改`]);
    }
    expect(checkWebsiteName('中国示例科技', organisation)).toEqual({
      errors: [],
      warnings: ['网站名称以“中国”开头，只有党政机关、国家机构可以使用；请确认贵单位属于此类，并备好主管部门同意使用该名称的文件，否则请修改'],
    });
    expect(checkWebsiteName('爱中国的摄影师', personal).errors).toEqual([]);
  });

  it('reserved prefixes: an error for an organisation its certificate shows is no state body', () => {
    const company = stateBodyVerdict({ entityKind: 'organisation', certificateType: 'business_licence', certificateNumber: '91330106MA2H7K4P1X', entityName: '杭州云栖网络科技有限公司' });
    expect(checkWebsiteName('中国云栖科技', { ...organisation, stateBody: company })).toEqual({
      errors: ['网站名称不能以“中国”开头：仅党政机关、国家机构可以使用，本主体不属于此类（市场监管部门登记的企业或个体工商户，统一社会信用代码 91…），请修改'],
      warnings: [],
    });
    const institution = stateBodyVerdict({ entityKind: 'organisation', certificateType: 'institution_certificate', certificateNumber: '12330000470000000X', entityName: '浙江省某研究院' });
    expect(checkWebsiteName('国家标准服务平台', { ...organisation, stateBody: institution })).toEqual({
      errors: [],
      warnings: ['网站名称以“国家”开头，只有党政机关、国家机构可以使用；请确认贵单位（统一社会信用代码 12…，事业单位）属于此类，并备好主管部门同意使用该名称的文件，否则请修改'],
    });
  });

  it('quotes the symbols exactly as typed: a full-width ！ is named as ！, not as !', () => {
    expect(checkWebsiteName('示例网站！', organisation).errors).toEqual(['网站名称不能包含符号或空格（“！”），请删除']);
    expect(checkWebsiteName('示例网站（官方）', organisation).errors).toEqual(['网站名称不能包含符号或空格（“（”、“）”），请删除']);
    // full-width letters are letters, not symbols
    expect(checkWebsiteName('示例科技ＡＢＣ', organisation).errors).toEqual([]);
  });

  it('personal filings: company, commerce and community words are errors', () => {
    expect(checkWebsiteName('张三摄影有限公司', personal).errors).toEqual(['个人网站名称不能包含“有限公司”：个人备案的网站不能使用企业、商业类名称，请修改']);
    expect(checkWebsiteName('张三的技术博客', personal).errors).toEqual(['个人网站名称不能包含“博客”：个人网站不能提供论坛、社区、博客等交互服务（需电子公告专项审批），请修改']);
    expect(checkWebsiteName('摄影爱好者论坛', personal).errors).toEqual(['个人网站名称不能包含“论坛”：个人网站不能提供论坛、社区、博客等交互服务（需电子公告专项审批），请修改']);
    expect(checkWebsiteName('摄影社区', personal).errors).toHaveLength(1);
    expect(checkWebsiteName('在线工具箱', personal).errors).toEqual(['个人网站名称不能包含“在线”：“在线”表示提供在线服务，个人网站名称中不能使用，请修改']);
    expect(checkWebsiteName('张三数码商城', personal).errors).toEqual(['个人网站名称不能包含“商城”：个人备案的网站不能使用企业、商业类名称，请修改']);
  });

  it('personal filings: words only some authorities refuse are warnings', () => {
    expect(checkWebsiteName('张三的摄影门户', personal)).toEqual({ errors: [], warnings: ['网站名称含有“门户”：多地管局不接受个人网站名称中含有该词，建议修改'] });
  });

  it('the same words are fine for organisations', () => {
    expect(checkWebsiteName('示例科技技术博客', organisation)).toEqual({ errors: [], warnings: [] });
    expect(checkWebsiteName('示例数码商城', organisation)).toEqual({ errors: [], warnings: [] });
  });

  it('asks for a name when empty', () => {
    expect(checkWebsiteName('   ', personal)).toEqual({ errors: ['请填写网站名称'], warnings: [] });
  });
});

describe('websiteNameSchema', () => {
  it('reports the errors as issues and trims a valid name', () => {
    const schema = websiteNameSchema(personal);
    expect(schema.safeParse(' 张三的摄影作品集 ')).toEqual({ success: true, data: '张三的摄影作品集' });
    const bad = schema.safeParse('论坛');
    expect(bad.error?.issues.map((i) => i.message)).toEqual([
      '网站名称至少需要3个汉字（现有2个），请补充',
      '个人网站名称不能包含“论坛”：个人网站不能提供论坛、社区、博客等交互服务（需电子公告专项审批），请修改',
    ]);
  });
});
