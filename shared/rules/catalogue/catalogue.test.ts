// The rule catalogue: its invariants (one severity per rule, every rule documented) and each rule with the message the
// applicant sees, evaluated as the BFF does (with facts) and offline (without them).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DomainFacts } from '../../contracts/reviewSystem';
import type { ChangeBase, ChangeDraft, WebsiteForm } from '../../domain/change';
import { buildBase, buildDraft, buildPersonalBase, buildResidentId, editForm, TODAY, uploaded } from '../testFixtures';
import { syncSamePrincipal } from '../principals';
import { blockersOf, CATALOGUE, CHECK_GROUPS, checklistOf, contextOf, evaluate, type RuleFacts } from './index';

const base = buildBase({ province: '湘' });

function draftOf(form: WebsiteForm, b: ChangeBase = base, extra: Partial<ChangeDraft> = {}): ChangeDraft {
  return buildDraft({ base: b, form, ...extra });
}

function findings(form: WebsiteForm, b: ChangeBase = base, facts: RuleFacts = {}, extra: Partial<ChangeDraft> = {}) {
  return evaluate(contextOf(draftOf(form, b, extra), TODAY, facts)).findings;
}

/** The findings of one rule: [path, message]. */
function of(ruleId: string, form: WebsiteForm, b: ChangeBase = base, facts: RuleFacts = {}, extra: Partial<ChangeDraft> = {}) {
  return findings(form, b, facts, extra)
    .filter((f) => f.ruleId === ruleId)
    .map((f) => [f.path, f.message]);
}

const domainFacts = (domain: string, overrides: Partial<DomainFacts> = {}): DomainFacts => ({
  domain,
  registrar: '阿里云计算有限公司（万网）',
  registrarDomestic: true,
  expiresAt: '2026-06-01T00:00:00Z',
  realNameVerified: true,
  registrantName: base.entityName,
  ...overrides,
});
const allFound = (overrides: Partial<DomainFacts> = {}): RuleFacts['domains'] => ({
  'example.com': { status: 'found', facts: domainFacts('example.com', overrides) },
  '例子.中国': { status: 'found', facts: domainFacts('例子.中国') },
});
const FOOTER = '<footer><a href="https://beian.miit.gov.cn/" target="_blank">粤ICP备12345678号-1</a></footer>';

describe('the catalogue', () => {
  it('gives every rule a unique id, one severity, a Chinese title, a reason and a checklist line', () => {
    const ids = CATALOGUE.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const groups = new Set(CHECK_GROUPS.map((g) => g.id));
    for (const rule of CATALOGUE) {
      expect(['fail', 'warn']).toContain(rule.severity);
      expect(rule.title).toMatch(/\p{Script=Han}/u);
      expect(rule.why.length).toBeGreaterThan(10);
      expect(groups.has(rule.group)).toBe(true);
    }
  });

  it('is listed in docs/domain-rules.md, each rule with its severity', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/domain-rules.md'), 'utf8');
    for (const rule of CATALOGUE) expect(doc).toMatch(new RegExp(`\\| \`${rule.id}\` \\| ${rule.severity} \\|`));
  });

  it('the filed form of a clean website, with its facts, has nothing to say but that nothing changed yet', () => {
    const found = findings(editForm(base), base, { domains: allFound(), homepage: { reachable: true, status: 200, html: FOOTER }, materialImages: {} });
    expect(found.map((f) => f.ruleId)).toEqual(['has_changes']);
  });
});

describe('website name', () => {
  it('a company (营业执照, 91… credit code) may not use 中国…: fail, with the reason', () => {
    expect(of('name_state_prefix', editForm(base, { name: '中国示例科技' }))).toEqual([
      ['name', '网站名称不能以“中国”开头：仅党政机关、国家机构可以使用，本主体不属于此类（市场监管部门登记的企业或个体工商户，统一社会信用代码 91…），请修改'],
    ]);
  });

  it('a 事业单位 (12… code): only a warning that says what to confirm', () => {
    const institution = buildBase({ province: '湘', certificateType: 'institution_certificate', certificateNumber: '12430000444885123X', entityName: '湖南省示例研究院' });
    expect(of('name_state_prefix', editForm(institution, { name: '国家示例研究中心' }), institution)).toEqual([]);
    expect(findings(editForm(institution, { name: '国家示例研究中心' }), institution).find((f) => f.ruleId === 'name_state_prefix_unverified')).toMatchObject({
      severity: 'warn',
      message: '网站名称以“国家”开头，只有党政机关、国家机构可以使用；请确认贵单位（统一社会信用代码 12…，事业单位）属于此类，并备好主管部门同意使用该名称的文件，否则请修改',
    });
  });

  it('a draft created before the certificate type was recorded is decided by the credit code and the name', () => {
    const { certificateType: _dropped, ...legacy } = base;
    expect(of('name_state_prefix', editForm(legacy, { name: '中华示例科技' }), legacy)).toHaveLength(1);
  });

  it('quotes the symbol exactly as typed: 示例网站！ names ！', () => {
    expect(of('name_symbols', editForm(base, { name: '示例网站！' }))).toEqual([['name', '网站名称不能包含符号或空格（“！”），请删除']]);
  });

  it('refusing rules judge a changed name; an unchanged filed name only warns', () => {
    const legacy = buildBase({ province: '湘', website: { name: '示例网站！' } });
    const found = findings(editForm(legacy, { notes: '改备注' }), legacy).filter((f) => f.group === 'website_name');
    expect(found).toEqual([
      expect.objectContaining({
        ruleId: 'name_filed_outdated',
        severity: 'warn',
        message: expect.stringContaining('已备案的网站名称不符合现行规则：网站名称不能包含符号或空格（“！”），请删除'),
      }),
    ]);
  });

  it('personal filings: 博客 fails, 门户 warns', () => {
    const personal = buildPersonalBase({ province: '湘' });
    expect(of('name_personal_words', syncSamePrincipal(editForm(personal, { name: '张三的技术博客' })), personal)).toEqual([
      ['name', '个人网站名称不能包含“博客”：个人网站不能提供论坛、社区、博客等交互服务（需电子公告专项审批），请修改'],
    ]);
    expect(of('name_personal_words_varies', syncSamePrincipal(editForm(personal, { name: '张三的摄影门户' })), personal)).toEqual([
      ['name', '网站名称含有“门户”：多地管局不接受个人网站名称中含有该词，建议修改'],
    ]);
  });
});

describe('principals', () => {
  it('an ID valid for less than 3 more months fails, like a domain expiring, and is a 换领 blocker', () => {
    const form = editForm(base, { websitePrincipal: { idValidUntil: '2025-09-01' } });
    expect(of('id_validity', form)).toEqual([
      ['websitePrincipal.idValidUntil', '网站负责人证件将于 2025-09-01 到期，剩余不足3个月，审核不予通过；请先换领新证件，再填写新证件的有效期并上传新证件照片'],
    ]);
    const blockers = blockersOf(evaluate(contextOf(draftOf(form), TODAY)));
    expect(blockers).toEqual([expect.objectContaining({ kind: 'renew_id', field: 'websitePrincipal.idValidUntil', title: '证件在有效期内且剩余3个月以上' })]);
  });

  it('a website principal under 18 (birth date from the resident ID) fails; 18 today passes', () => {
    const minor = buildResidentId({ region: '440305', birth: '20100301', sequence: '051' });
    expect(of('principal_adult', editForm(base, { websitePrincipal: { name: '李小明', idNumber: minor } }))).toEqual([
      ['websitePrincipal.idNumber', '网站负责人须年满18周岁：身份证显示出生于 2010-03-01，尚未成年；请更换为年满18周岁的网站负责人'],
    ]);
    const eighteenToday = buildResidentId({ region: '440305', birth: '20070615', sequence: '051' });
    expect(of('principal_adult', editForm(base, { websitePrincipal: { name: '李成年', idNumber: eighteenToday } }))).toEqual([]);
    const eighteenTomorrow = buildResidentId({ region: '440305', birth: '20070616', sequence: '051' });
    expect(of('principal_adult', editForm(base, { websitePrincipal: { name: '李未满', idNumber: eighteenTomorrow } }))).toHaveLength(1);
  });

  it('a personal filing of a minor says the person who files must be of age', () => {
    const minor = buildResidentId({ region: '440305', birth: '20100301', sequence: '051' });
    const personal = buildPersonalBase({ province: '湘', entityPrincipal: { ...buildPersonalBase().entityPrincipal, idNumber: minor } });
    expect(of('principal_adult', syncSamePrincipal(editForm(personal, { notes: 'x' })), personal)).toEqual([
      ['entityPrincipal.idNumber', '网站负责人须年满18周岁：身份证显示出生于 2010-03-01，尚未成年；个人备案的网站负责人即备案人本人，请由年满18周岁的人（如监护人）办理备案'],
    ]);
  });

  it.each([
    ['web@qq.con', 'web@qq.com'],
    ['web@163.cm', 'web@163.com'],
    ['web@gmial.com', 'web@gmail.com'],
  ])('an email slip %s warns “是否为 %s？” with a one-tap fix', (typed, meant) => {
    const found = findings(editForm(base, { websitePrincipal: { email: typed } })).filter((f) => f.ruleId === 'email_typo');
    expect(found).toEqual([
      {
        ruleId: 'email_typo',
        severity: 'warn',
        group: 'distinct_contacts',
        path: 'websitePrincipal.email',
        message: `网站负责人电子邮箱“${typed}”是否为 ${meant}？请核对，审核结果会发送到该邮箱`,
        fix: { path: 'websitePrincipal.email', value: meant, label: `改为 ${meant}` },
      },
    ]);
  });

  it('the emergency phone where the province requires it (浙): filled, well-formed, not the mobile', () => {
    const zhe = buildBase({ province: '浙' });
    expect(of('emergency_phone', editForm(zhe, { notes: 'x' }), zhe)).toEqual([
      ['websitePrincipal.emergencyPhone', '请填写网站负责人应急联系电话（浙江管局要求），不能与手机号码相同'],
      ['entityPrincipal.emergencyPhone', '请填写主体负责人应急联系电话（浙江管局要求），不能与手机号码相同'],
    ]);
    const filled = editForm(zhe, { websitePrincipal: { emergencyPhone: '139-0013-9000' }, entityPrincipal: { emergencyPhone: '12345' } });
    expect(of('emergency_phone', filled, zhe)).toEqual([
      ['websitePrincipal.emergencyPhone', '网站负责人应急联系电话不能与其手机号码相同，请填写另一个能联系到本人的号码'],
      ['entityPrincipal.emergencyPhone', '主体负责人应急联系电话“12345”格式不正确，请填写手机号码或带区号的固定电话，例如 0571-88886666'],
    ]);
    expect(of('emergency_phone', editForm(zhe, { websitePrincipal: { emergencyPhone: '0571-8888 6666' }, entityPrincipal: { emergencyPhone: '13600136000' } }), zhe)).toEqual([]);
    // Where the province does not ask, nothing is required.
    expect(of('emergency_phone', editForm(base, { notes: 'x' }))).toEqual([]);
  });

  it('the office phone where the province form has it (京: required for organisations)', () => {
    const jing = buildBase({ province: '京' });
    expect(of('office_phone', editForm(jing, { notes: 'x' }), jing)).toEqual([
      ['websitePrincipal.officePhone', '请填写网站负责人办公室电话（北京管局要求单位备案填写，没有座机的可填写手机号码）'],
      ['entityPrincipal.officePhone', '请填写主体负责人办公室电话（北京管局要求单位备案填写，没有座机的可填写手机号码）'],
    ]);
    expect(of('office_phone', editForm(jing, { websitePrincipal: { officePhone: '010-6256 1234' }, entityPrincipal: { officePhone: '13800138000' } }), jing)).toEqual([]);
    expect(of('office_phone', editForm(base, { notes: 'x' }))).toEqual([]);
  });
});

describe('service content and pre-approval', () => {
  it('content that needs a pre-approval needs its number; a number must look like one', () => {
    expect(of('pre_approval_number', editForm(base, { serviceContent: ['企业官网', '新闻'] }))).toEqual([
      ['preApprovals', '网站服务内容“新闻”需要前置审批：请填写省级网信部门核发的《互联网新闻信息服务许可证》的文号，并在“上传资料”中上传其照片'],
    ]);
    expect(of('pre_approval_number', editForm(base, { serviceContent: ['教育'], preApprovals: [{ content: '教育', number: '已办' }] }))).toEqual([
      ['preApprovals', '“教育”的前置审批文号“已办”格式不正确，请按《教育主管部门的审批文件》上的文号完整填写'],
    ]);
    expect(of('pre_approval_number', editForm(base, { serviceContent: ['教育'], preApprovals: [{ content: '教育', number: '湘教网审〔2025〕8号' }] }))).toEqual([]);
  });

  it('the pre-approval photo is then required among the materials', () => {
    const form = editForm(base, { serviceContent: ['教育'], preApprovals: [{ content: '教育', number: '湘教网审〔2025〕8号' }] });
    expect(of('materials_provided', form).map(([path]) => path)).toEqual(['website.verification_form', 'website.pre_approval']);
  });

  it('at least one content', () => {
    expect(of('service_content_present', editForm(base, { serviceContent: [] }))).toEqual([['serviceContent', '请至少选择一项网站服务内容，说明网站提供什么']]);
  });
});

describe('domains and homepage, with the facts from outside', () => {
  const facts = (domains: RuleFacts['domains'], html = FOOTER): RuleFacts => ({ domains, homepage: { reachable: true, status: 200, html }, materialImages: {} });

  it('a domain expiring within 3 months fails with what to do, and is a renew blocker', () => {
    const form = editForm(base, { notes: 'x' });
    const expiring = facts(allFound({ expiresAt: '2025-09-01T00:00:00Z' }));
    expect(of('domain_expiry', form, base, expiring)).toEqual([['domains.0', '域名“example.com”将于 2025-09-01 到期，剩余不足3个月；请先续费，续费后重新检测']]);
    expect(blockersOf(evaluate(contextOf(draftOf(form), TODAY, expiring)))).toEqual([expect.objectContaining({ kind: 'renew_domain', field: null })]);
  });

  it('registrar abroad, no real-name verification, another registrant: each its own rule', () => {
    const form = editForm(base, { notes: 'x' });
    const f = facts(allFound({ registrar: 'NameCheap, Inc.', registrarDomestic: false, realNameVerified: false, registrantName: 'Someone Else' }));
    expect(of('domain_registrar_domestic', form, base, f)).toEqual([
      ['domains.0', '域名“example.com”的注册商“NameCheap, Inc.”不是境内注册商；请先将域名转入境内有资质的注册商，转入后重新检测'],
    ]);
    expect(of('domain_real_name', form, base, f)).toEqual([['domains.0', '域名“example.com”未完成实名认证；请在注册商处完成实名认证后重新检测']]);
    expect(of('domain_registrant', form, base, f)).toEqual([
      ['domains.0', '域名“example.com”的持有者“Someone Else”与备案主体“深圳市示例科技有限公司”不一致；请先在注册商处将持有者变更为“深圳市示例科技有限公司”，完成后重新检测'],
    ]);
  });

  it('an unknown registration fails; an unanswered lookup only says what to check', () => {
    const form = editForm(base, { notes: 'x' });
    expect(of('domain_registered', form, base, facts({ ...allFound(), 'example.com': { status: 'not_found' } }))).toEqual([
      ['domains.0', '查询不到域名“example.com”的注册信息，请确认域名已注册且拼写正确'],
    ]);
    const lines = checklistOf(evaluate(contextOf(draftOf(form), TODAY, facts({ ...allFound(), 'example.com': { status: 'unavailable' } }))));
    expect(lines.find((l) => l.id === 'domain_registration')).toMatchObject({
      outcome: 'warn',
      message: '暂时无法查询域名“example.com”的注册信息，提交后由审核人员核验；请自行确认该域名已实名认证、在境内注册商处注册、有效期剩余3个月以上',
    });
  });

  it('a non-fileable suffix is a blocker: remove the domain, or file it as a new website', () => {
    const legacy = buildBase({ province: '湘', website: { domains: ['example.com', 'example.io'] } });
    const form = editForm(legacy, { notes: 'x' });
    expect(of('domain_suffix_fileable', form, legacy)).toEqual([
      ['domains.1', '域名“example.io”的后缀 .io 不在可备案的顶级域名列表中，不能随本网站备案：请在本次变更中删除该域名；如仍需使用，请换用 .cn、.com 等可备案后缀的域名，作为新网站办理备案'],
    ]);
    expect(blockersOf(evaluate(contextOf(draftOf(form, legacy), TODAY)))).toEqual([expect.objectContaining({ kind: 'remove_domain', field: 'domains.1' })]);
  });

  it('a footer without the number: fail with the exact HTML to paste, as a blocker carrying it', () => {
    const form = editForm(base, { notes: 'x' });
    const f = facts(allFound(), '<footer>© 示例科技</footer>');
    expect(of('footer_filing_number', form, base, f)).toEqual([
      [
        'homepageUrl',
        '网站首页底部没有显示备案号“粤ICP备12345678号-1”，请在首页底部添加。可复制以下代码加入首页底部：<a href="https://beian.miit.gov.cn/" target="_blank">粤ICP备12345678号-1</a>，发布后重新检测',
      ],
    ]);
    expect(blockersOf(evaluate(contextOf(draftOf(form), TODAY, f)))).toEqual([
      expect.objectContaining({ kind: 'fix_footer', html: '<a href="https://beian.miit.gov.cn/" target="_blank">粤ICP备12345678号-1</a>' }),
    ]);
  });

  it('an unreachable homepage fails; its footer is then undecided, not guessed', () => {
    const form = editForm(base, { notes: 'x' });
    const lines = checklistOf(evaluate(contextOf(draftOf(form), TODAY, { domains: allFound(), homepage: { reachable: false }, materialImages: {} })));
    expect(lines.find((l) => l.id === 'homepage_reachable')).toMatchObject({
      outcome: 'fail',
      message: '网站首页无法访问：https://www.example.com 没有从公网打开（域名解析失败、无法连接或响应过慢都会如此）；备案期间网站须保持可以访问，请恢复访问后重新检测',
    });
    expect(lines.find((l) => l.id === 'footer_filing_number')).toMatchObject({ outcome: 'warn', message: '首页无法正常打开，无法核对底部备案号；恢复访问后重新检测' });
  });

  it('a homepage off the website’s domains fails offline and its online rules stay silent (it is never fetched)', () => {
    const form = editForm(base, { homepageUrl: 'http://127.0.0.1/' });
    const found = findings(form, base, {});
    expect(found.filter((f) => f.group === 'homepage_reachable' || f.group === 'footer_filing_number').map((f) => f.ruleId)).toEqual(['homepage_on_domain']);
    const lines = checklistOf(evaluate(contextOf(draftOf(form), TODAY, {})));
    expect(lines.find((l) => l.id === 'footer_filing_number')).toBeUndefined();
  });

  it('without any outside facts the online lines say what to check instead of passing', () => {
    const lines = checklistOf(evaluate(contextOf(draftOf(editForm(base, { notes: 'x' })), TODAY, {})));
    expect(lines.find((l) => l.id === 'homepage_reachable')).toMatchObject({ outcome: 'warn', message: expect.stringContaining('暂时无法检测网站首页') });
    expect(lines.find((l) => l.id === 'domain_registration')).toMatchObject({ outcome: 'warn', message: expect.stringContaining('暂时无法查询域名注册信息') });
  });
});

describe('materials', () => {
  it('a photo too small or undecodable fails on its slot', () => {
    const form = editForm(base, { notes: 'x' });
    const materials = { 'website.verification_form': uploaded('verification_form', 'website') };
    const small: RuleFacts = { materialImages: { 'website.verification_form': { width: 800, height: 600 } } };
    expect(of('material_legible', form, base, small, { materials })).toEqual([
      ['website.verification_form', '《网站真实性核验单》图片过小（800×600），长边需不少于1200像素，请重新拍摄清晰、四角完整的照片后上传'],
    ]);
    expect(of('material_legible', form, base, { materialImages: { 'website.verification_form': null } }, { materials })).toEqual([
      ['website.verification_form', '《网站真实性核验单》图片无法识别，请重新拍摄清晰、完整的彩色照片（JPEG格式）后上传'],
    ]);
  });
});

describe('the applicant’s side', () => {
  it('after a rejection the flagged field must change before resubmitting', () => {
    const refused = editForm(base, { name: '示例科技产品中心' });
    const rejection: ChangeDraft['rejection'] = {
      at: '2025-06-14T00:00:00Z',
      stage: 'initial',
      reasons: [{ target: { type: 'field', path: 'name' }, message: '网站名称与内容不符' }],
      form: refused,
    };
    expect(of('rejection_fields_changed', refused, base, {}, { rejection })).toEqual([['name', '网站名称尚未按审核意见修改（审核意见：网站名称与内容不符）；请修改后再提交']]);
    expect(of('rejection_fields_changed', editForm(base, { name: '示例科技产品展示' }), base, {}, { rejection })).toEqual([]);
  });

  it('the checklist line of a field lists every problem, each with its own path and rule', () => {
    const form = editForm(base, {
      websitePrincipal: { idValidUntil: '2025-01-01' },
      entityPrincipal: { idValidUntil: '2025-07-01' },
    });
    const line = checklistOf(evaluate(contextOf(draftOf(form), TODAY))).find((l) => l.id === 'id_validity')!;
    expect(line.problems.map((p) => p.path)).toEqual(['websitePrincipal.idValidUntil', 'entityPrincipal.idValidUntil']);
    expect(line.message).not.toContain('另有');
  });
});
