// Field errors and warnings of the edited form.
import { formWarnings, validateForm } from './catalogue';
import { buildBase, buildPersonalBase, editForm, ENTITY_PRINCIPAL, TODAY, WEBSITE_PRINCIPAL } from './testFixtures';
import { filedForm, syncSamePrincipal } from './principals';

const base = buildBase();
const personal = buildPersonalBase();

describe('validateForm', () => {
  it('the filed form is valid', () => {
    expect(validateForm(base, filedForm(base), TODAY)).toEqual([]);
    expect(validateForm(personal, filedForm(personal), TODAY)).toEqual([]);
  });

  it('checks the resident ID of a principal whose ID type is resident_id', () => {
    const form = editForm(base, { websitePrincipal: { idNumber: `${WEBSITE_PRINCIPAL.idNumber.slice(0, 17)}${WEBSITE_PRINCIPAL.idNumber[17] === '0' ? '1' : '0'}` } });
    expect(validateForm(base, form, TODAY)).toEqual([{ path: 'websitePrincipal.idNumber', message: '网站负责人身份证号码校验位不正确，请逐位核对' }]);
    const passport = editForm(base, { websitePrincipal: { idType: 'passport', idNumber: 'E12345678' } });
    expect(validateForm(base, passport, TODAY)).toEqual([]);
  });

  it('checks mobiles and emails, naming whose they are', () => {
    const form = editForm(base, { websitePrincipal: { mobile: '1390013900', email: 'web-at-example.com' } });
    expect(validateForm(base, form, TODAY)).toEqual([
      { path: 'websitePrincipal.mobile', message: '网站负责人手机号码格式不正确，请填写11位中国大陆手机号' },
      { path: 'websitePrincipal.email', message: '网站负责人电子邮箱格式不正确，例如 name@example.com' },
    ]);
  });

  it('applies the website name rules to a changed name', () => {
    expect(validateForm(base, editForm(base, { name: 'example.com' }), TODAY)).toEqual([{ path: 'name', message: '网站名称不能直接使用域名“example.com”，请填写能说明网站内容的中文名称' }]);
    expect(validateForm(personal, editForm(personal, { name: '张三的博客' }), TODAY)).toEqual([
      { path: 'name', message: '个人网站名称不能包含“博客”：个人网站不能提供论坛、社区、博客等交互服务（需电子公告专项审批），请修改' },
    ]);
  });

  it('judges each save of one draft anew: remembered name and domain checks follow the edits', () => {
    // One `base` object across saves, as the BFF keeps a draft between autosaves; the name and domains change each time.
    const named = (name: string, domains: string[]) => validateForm(base, editForm(base, { name, domains }), TODAY);
    expect(named('例子.中国', ['example.com', '例子.中国'])).toEqual([{ path: 'name', message: '网站名称不能直接使用域名“例子.中国”，请填写能说明网站内容的中文名称' }]);
    expect(named('例子.中国', ['example.com'])).toEqual([{ path: 'name', message: '网站名称不能包含符号或空格（“.”），请删除' }]);
    expect(named('例子.中国', ['example.com', 'xn--fsqu00a.xn--fiqs8s'])).toEqual([{ path: 'name', message: '网站名称不能直接使用域名“例子.中国”，请填写能说明网站内容的中文名称' }]);
    expect(named('例子.中国', ['example.com'])).toEqual([{ path: 'name', message: '网站名称不能包含符号或空格（“.”），请删除' }]);
    expect(validateForm(base, editForm(base, { name: '示例科技产品介绍', domains: ['example.com', 'example.zz'] }), TODAY).map((e) => e.path)).toEqual(['domains.1']);
    expect(validateForm(base, filedForm(base), TODAY)).toEqual([]);
    // The same name under another filing (personal: no company words) is judged for that filing.
    expect(validateForm(personal, editForm(personal, { name: '张三的博客' }), TODAY).map((e) => e.path)).toEqual(['name']);
    expect(validateForm(base, editForm(base, { name: '张三的博客' }), TODAY)).toEqual([]);
  });

  it('a filed name that breaks a newer rule only warns, so contact changes are not blocked', () => {
    const oldName = buildPersonalBase({ website: { name: '张三的博客' } });
    const form = syncSamePrincipal(editForm(oldName, { entityPrincipal: { mobile: '13700137000' } }));
    expect(validateForm(oldName, form, TODAY)).toEqual([]);
    expect(formWarnings(oldName, form, TODAY)).toEqual([
      {
        path: 'name',
        message:
          '已备案的网站名称不符合现行规则：个人网站名称不能包含“博客”：个人网站不能提供论坛、社区、博客等交互服务（需电子公告专项审批），请修改（本次未修改名称，审核一般沿用已备案名称；如需修改名称，请按此调整）',
      },
    ]);
  });

  it('the homepage must be http(s) and on one of the remaining domains', () => {
    expect(validateForm(base, editForm(base, { homepageUrl: 'www.example.com' }), TODAY)).toEqual([
      { path: 'homepageUrl', message: '网站首页地址需以 http:// 或 https:// 开头，例如 https://www.example.com' },
    ]);
    expect(validateForm(base, editForm(base, { homepageUrl: 'https://other.com/' }), TODAY)).toEqual([
      { path: 'homepageUrl', message: '网站首页地址的域名“other.com”不是本网站的域名（example.com、例子.中国），请使用本网站的域名' },
    ]);
    expect(validateForm(base, editForm(base, { homepageUrl: 'http://www.xn--fsqu00a.xn--fiqs8s/index.html' }), TODAY)).toEqual([]);
    // Removing the homepage's domain leaves the homepage pointing elsewhere.
    expect(validateForm(base, editForm(base, { domains: ['例子.中国'] }), TODAY)).toEqual([
      { path: 'homepageUrl', message: '网站首页地址的域名“www.example.com”不是本网站的域名（例子.中国），请使用本网站的域名' },
    ]);
  });

  it('an expired ID and one expiring within 3 months are both errors (both are certain rejections)', () => {
    const expired = editForm(base, { websitePrincipal: { idValidUntil: '2025-06-14' } });
    expect(validateForm(base, expired, TODAY)).toEqual([
      { path: 'websitePrincipal.idValidUntil', message: '网站负责人证件已于 2025-06-14 过期；请先换领新证件，再填写新证件的有效期并上传新证件照片' },
    ]);
    const soon = editForm(base, { websitePrincipal: { idValidUntil: '2025-09-14' } });
    expect(validateForm(base, soon, TODAY)).toEqual([
      {
        path: 'websitePrincipal.idValidUntil',
        message: '网站负责人证件将于 2025-09-14 到期，剩余不足3个月，审核不予通过；请先换领新证件，再填写新证件的有效期并上传新证件照片',
      },
    ]);
    expect(formWarnings(base, soon, TODAY)).toEqual([]);
    expect(validateForm(base, editForm(base, { websitePrincipal: { idValidUntil: '2025-09-15' } }), TODAY)).toEqual([]);
    expect(validateForm(base, editForm(base, { websitePrincipal: { idValidUntil: '2026-02-30' } }), TODAY)).toEqual([
      { path: 'websitePrincipal.idValidUntil', message: '网站负责人证件有效期“2026-02-30”不是有效日期，请按 YYYY-MM-DD 填写；长期有效请勾选“长期有效”' },
    ]);
  });

  it('two different principals may not share a phone or an email', () => {
    const shared = editForm(base, { websitePrincipal: { mobile: '+86 13800138000', email: 'OWNER@example.com' } });
    expect(validateForm(base, shared, TODAY)).toEqual([
      { path: 'websitePrincipal.mobile', message: '网站负责人与主体负责人不是同一人，手机号码不能相同；请填写网站负责人本人的手机号码' },
      { path: 'websitePrincipal.email', message: '网站负责人与主体负责人不是同一人，电子邮箱不能相同；请填写网站负责人本人的电子邮箱' },
    ]);
    // The same person listed as both principals may of course use one phone.
    const samePerson = editForm(base, { websitePrincipal: { ...ENTITY_PRINCIPAL } });
    expect(validateForm(base, samePerson, TODAY)).toEqual([]);
  });

  it('rejects an invalid domain among those kept', () => {
    const legacy = buildBase({ website: { domains: ['example.com', 'example.io'] } });
    expect(validateForm(legacy, filedForm(legacy), TODAY)).toEqual([
      {
        path: 'domains.1',
        message: '域名“example.io”的后缀 .io 不在可备案的顶级域名列表中，不能随本网站备案：请在本次变更中删除该域名；如仍需使用，请换用 .cn、.com 等可备案后缀的域名，作为新网站办理备案',
      },
    ]);
    expect(validateForm(legacy, editForm(legacy, { domains: ['example.com', 'exa mple.cn'] }), TODAY)).toEqual([{ path: 'domains.1', message: '域名中不能有空格，请删除空格' }]);
  });
});
