// Offline prechecks: the checklist before submit — one result per rule, failing with the Chinese message and the field to fix.
import type { PrecheckResult } from '../contracts/api';
import { syncSamePrincipal } from './principals';
import { isReadyToSubmit, offlinePrechecks } from './prechecks';
import { buildBase, buildDraft, buildPersonalBase, editForm, TODAY, uploaded } from './testFixtures';

// A province without overrides: the common rules only.
const base = buildBase({ province: '湘' });

function check(results: PrecheckResult[], id: string): PrecheckResult {
  const found = results.find((r) => r.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

/** A draft that changes the website principal's phone and has done everything else right. */
function readyDraft() {
  const form = editForm(base, { websitePrincipal: { mobile: '13700137000' } });
  return buildDraft({
    base,
    form,
    verifiedPhones: ['13700137000'],
    materials: { 'website.verification_form': uploaded('verification_form', 'website') },
  });
}

describe('offlinePrechecks', () => {
  it('returns every offline line, each with a Chinese title, in a stable order', () => {
    const results = offlinePrechecks(readyDraft(), TODAY);
    expect(results.map((r) => r.id)).toEqual([
      'has_changes',
      'locked_rules',
      'website_name',
      'domain_fileable',
      'homepage_reachable',
      'service_content',
      'form_valid',
      'id_validity',
      'principal_age',
      'distinct_contacts',
      'phones_verified',
      'materials_provided',
      'agreement',
    ]);
    for (const r of results) expect(r.title).toMatch(/\p{Script=Han}/u);
  });

  it('a complete draft passes everything and is ready', () => {
    const results = offlinePrechecks(readyDraft(), TODAY);
    expect(results.filter((r) => r.outcome !== 'pass')).toEqual([]);
    expect(check(results, 'has_changes').message).toBe('本次变更：网站负责人手机号码');
    expect(isReadyToSubmit(results)).toBe(true);
  });

  it('fails when nothing was changed', () => {
    const results = offlinePrechecks(buildDraft({ base }), TODAY);
    expect(check(results, 'has_changes')).toEqual({
      id: 'has_changes',
      title: '有需要变更的内容',
      outcome: 'fail',
      field: null,
      message: '还没有修改任何信息；请先在“网站信息”中修改需要变更的内容',
      problems: [{ ruleId: 'has_changes', severity: 'fail', path: null, message: '还没有修改任何信息；请先在“网站信息”中修改需要变更的内容' }],
    });
    expect(isReadyToSubmit(results)).toBe(false);
  });

  it('fails on an unverified new phone, masked, pointing at its field', () => {
    const draft = { ...readyDraft(), verifiedPhones: [] };
    expect(check(offlinePrechecks(draft, TODAY), 'phones_verified')).toMatchObject({
      outcome: 'fail',
      field: 'websitePrincipal.mobile',
      message: '手机号码 137****7000 还未完成短信验证，请在“网站信息”步骤获取并填写验证码',
    });
  });

  it('fails on missing materials, naming them and pointing at the first slot', () => {
    const draft = { ...readyDraft(), materials: {} };
    expect(check(offlinePrechecks(draft, TODAY), 'materials_provided')).toMatchObject({
      outcome: 'fail',
      field: 'website.verification_form',
      message: '还需上传《网站真实性核验单》：网站信息有变更，需上传按变更后信息重新签署的《网站真实性核验单》',
    });
  });

  it('fails when the agreement is not ticked', () => {
    const draft = { ...readyDraft(), agreement: { agreed: false, termsVersion: null, agreedAt: null } };
    expect(check(offlinePrechecks(draft, TODAY), 'agreement')).toMatchObject({
      outcome: 'fail',
      field: 'agreement',
      message: '请勾选“阅读并同意《相关条款》《腾讯云隐私声明》《互联网信息服务备案承诺书》”',
    });
  });

  it('fails on a locked rule, with its message and path', () => {
    const draft = { ...readyDraft(), form: editForm(base, { domains: ['example.com', 'new.com'] }) };
    expect(check(offlinePrechecks(draft, TODAY), 'locked_rules')).toMatchObject({
      outcome: 'fail',
      field: 'domains.1',
      message: '变更网站时域名只能删除，不能新增或替换：“new.com”不是本网站已备案的域名。新域名请通过“新增网站”办理',
    });
  });

  it('website name: errors fail, warnings warn, and a warning alone still allows submitting', () => {
    const personal = buildPersonalBase({ province: '湘' });
    const blog = syncSamePrincipal(editForm(personal, { name: '张三的技术博客' }));
    const failing = offlinePrechecks(buildDraft({ base: personal, form: blog }), TODAY);
    expect(check(failing, 'website_name')).toMatchObject({
      outcome: 'fail',
      field: 'name',
      message: '个人网站名称不能包含“博客”：个人网站不能提供论坛、社区、博客等交互服务（需电子公告专项审批），请修改',
    });

    const portal = syncSamePrincipal(editForm(personal, { name: '张三的摄影门户' }));
    const warned = offlinePrechecks(buildDraft({ base: personal, form: portal, materials: { 'website.verification_form': uploaded('verification_form', 'website') } }), TODAY);
    expect(check(warned, 'website_name')).toMatchObject({ outcome: 'warn', message: '网站名称含有“门户”：多地管局不接受个人网站名称中含有该词，建议修改' });
    expect(isReadyToSubmit(warned)).toBe(true);
  });

  it('ID validity: under 3 months fails like an expired one, and the line lists every problem (no “另有1项问题”)', () => {
    const soon = { ...readyDraft(), form: editForm(base, { websitePrincipal: { mobile: '13700137000', idValidUntil: '2025-08-01' } }) };
    expect(check(offlinePrechecks(soon, TODAY), 'id_validity')).toMatchObject({
      outcome: 'fail',
      field: 'websitePrincipal.idValidUntil',
      message: '网站负责人证件将于 2025-08-01 到期，剩余不足3个月，审核不予通过；请先换领新证件，再填写新证件的有效期并上传新证件照片',
    });
    const expired = {
      ...readyDraft(),
      form: editForm(base, { websitePrincipal: { mobile: '13700137000', idValidUntil: '2025-01-01' }, entityPrincipal: { idValidUntil: '2025-02-01' } }),
    };
    const line = check(offlinePrechecks(expired, TODAY), 'id_validity');
    expect(line.outcome).toBe('fail');
    expect(line.message).not.toContain('另有');
    expect(line.problems.map((p) => [p.path, p.message])).toEqual([
      ['websitePrincipal.idValidUntil', '网站负责人证件已于 2025-01-01 过期；请先换领新证件，再填写新证件的有效期并上传新证件照片'],
      ['entityPrincipal.idValidUntil', '主体负责人证件已于 2025-02-01 过期；请先换领新证件，再填写新证件的有效期并上传新证件照片'],
    ]);
    expect(line.problems.every((p) => p.blocker === 'renew_id')).toBe(true);
  });

  it('a name with two problems shows both on its line', () => {
    const draft = { ...readyDraft(), form: editForm(base, { name: '中国！' }) };
    const line = check(offlinePrechecks(draft, TODAY), 'website_name');
    expect(line.problems.map((p) => p.message)).toEqual([
      '网站名称至少需要3个汉字（现有2个），请补充',
      '网站名称不能包含符号或空格（“！”），请删除',
      '网站名称不能以“中国”开头：仅党政机关、国家机构可以使用，本主体不属于此类（市场监管部门登记的企业或个体工商户，统一社会信用代码 91…），请修改',
    ]);
    expect(line.message).toBe(line.problems.map((p) => p.message).join('；'));
  });

  it('distinct contacts and fileable domains fail with their messages', () => {
    const draft = { ...readyDraft(), form: editForm(base, { websitePrincipal: { mobile: '13800138000' } }) };
    expect(check(offlinePrechecks(draft, TODAY), 'distinct_contacts')).toMatchObject({
      outcome: 'fail',
      field: 'websitePrincipal.mobile',
      message: '网站负责人与主体负责人不是同一人，手机号码不能相同；请填写网站负责人本人的手机号码',
    });
    const legacy = buildBase({ province: '浙', website: { domains: ['example.com', 'example.io'] } });
    expect(check(offlinePrechecks(buildDraft({ base: legacy }), TODAY), 'domain_fileable')).toMatchObject({
      outcome: 'fail',
      field: 'domains.1',
      message: '域名“example.io”的后缀 .io 不在可备案的顶级域名列表中，不能随本网站备案：请在本次变更中删除该域名；如仍需使用，请换用 .cn、.com 等可备案后缀的域名，作为新网站办理备案',
    });
  });

  it('the homepage and principal format errors each fail their own line', () => {
    const draft = { ...readyDraft(), form: editForm(base, { homepageUrl: 'ftp://example.com', websitePrincipal: { mobile: '13700137000', email: 'x' } }) };
    const results = offlinePrechecks(draft, TODAY);
    expect(check(results, 'homepage_reachable')).toMatchObject({ outcome: 'fail', field: 'homepageUrl', message: '网站首页地址需以 http:// 或 https:// 开头，例如 https://www.example.com' });
    expect(check(results, 'form_valid')).toMatchObject({ outcome: 'fail', field: 'websitePrincipal.email', message: '网站负责人电子邮箱格式不正确，例如 name@example.com' });
  });
});
