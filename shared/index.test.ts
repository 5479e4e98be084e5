// The public surface the issue names: each a zod schema answering safeParse with the canonical value or a Chinese message.
import * as shared from './index';

describe('shared public schemas', () => {
  it.each([
    ['residentId', '11010519491231002x', '11010519491231002X', '110105194912310021', '身份证号码校验位不正确，请逐位核对'],
    ['creditCode', '91350100m000100y43', '91350100M000100Y43', '91350100M000100Y44', '统一社会信用代码校验位不正确，请逐位核对'],
    ['entityFilingNumber', '粤icp备12345678号', '粤ICP备12345678号', '京ICP证000000号', '这是ICP经营许可证号，不是备案号；备案号形如 粤ICP备12345678号'],
    ['websiteFilingNumber', '粤ICP备12345678号-3', '粤ICP备12345678号-3', '粤ICP备12345678号', '网站备案号需带“-序号”，形如 粤ICP备12345678号-1'],
    ['mobile', '+8613800138000', '13800138000', '12800138000', '手机号码格式不正确，请填写11位中国大陆手机号'],
    ['fileableDomain', 'xn--fsqu00a.xn--fiqs8s', '例子.中国', 'example.io', '顶级域 .io 不在可备案的顶级域名列表中，请更换为 .cn、.com 等可备案的域名'],
  ] as const)('%s', (name, good, canonical, bad, message) => {
    const schema = shared[name];
    expect(schema.safeParse(good)).toEqual({ success: true, data: canonical });
    const refused = schema.safeParse(bad);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0].message).toBe(message);
  });
});
