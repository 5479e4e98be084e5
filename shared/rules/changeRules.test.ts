// Change rules: the diff an applicant confirms, what a website change may not touch, field errors, and phones to verify.
import {
  diffChange,
  formWarnings,
  isPrincipalLocked,
  lockedFieldViolations,
  phonesNeedingVerification,
  syncSamePrincipal,
  unverifiedPhones,
  validateForm,
} from './changeRules';
import {
  buildBase,
  buildDraft,
  buildPersonalBase,
  buildResidentId,
  editForm,
  ENTITY_PRINCIPAL,
  formFromBase,
  TODAY,
  WEBSITE_PRINCIPAL,
} from './testFixtures';

const base = buildBase();
const personal = buildPersonalBase();
const NEW_ID = buildResidentId({ region: '110105', birth: '19880808', sequence: '333' });

describe('diffChange', () => {
  it('an untouched form has no changes, even with the mobile typed with +86 or the ID with a lowercase x', () => {
    expect(diffChange(base, formFromBase(base))).toEqual([]);
    const typed = editForm(base, { websitePrincipal: { mobile: '+86 139 0013 9000', idNumber: WEBSITE_PRINCIPAL.idNumber.toLowerCase() } });
    expect(diffChange(base, typed)).toEqual([]);
  });

  it('lists each changed value with its Chinese label, masking ID numbers', () => {
    const form = editForm(base, {
      name: '示例科技新品展示',
      websitePrincipal: { name: '赵新', idNumber: NEW_ID, mobile: '13700137000' },
    });
    expect(diffChange(base, form)).toEqual([
      { path: 'name', label: '网站名称', before: '示例科技产品介绍', after: '示例科技新品展示', kind: 'changed' },
      { path: 'websitePrincipal.name', label: '网站负责人姓名', before: '王网站', after: '赵新', kind: 'changed' },
      {
        path: 'websitePrincipal.idNumber',
        label: '网站负责人证件号码',
        before: `${WEBSITE_PRINCIPAL.idNumber.slice(0, 4)}**********${WEBSITE_PRINCIPAL.idNumber.slice(-4)}`,
        after: `1101**********${NEW_ID.slice(-4)}`,
        kind: 'changed',
      },
      { path: 'websitePrincipal.mobile', label: '网站负责人手机号码', before: '13900139000', after: '13700137000', kind: 'changed' },
    ]);
  });

  it('lists removed domains (and added ones, which the locked rules refuse)', () => {
    const form = editForm(base, { domains: ['example.com', 'new.com'] });
    expect(diffChange(base, form)).toEqual([
      { path: 'domains', label: '网站域名', before: '例子.中国', after: '', kind: 'removed' },
      { path: 'domains', label: '网站域名', before: '', after: 'new.com', kind: 'added' },
    ]);
    // The same domain in punycode is not a change.
    expect(diffChange(base, editForm(base, { domains: ['EXAMPLE.com', 'xn--fsqu00a.xn--fiqs8s'] }))).toEqual([]);
  });

  it('shows long-term validity and ID types in words', () => {
    const form = editForm(base, { websitePrincipal: { idValidUntil: null, idType: 'passport', idNumber: 'E12345678' } });
    const entries = diffChange(base, form);
    expect(entries.find((e) => e.path === 'websitePrincipal.idValidUntil')).toMatchObject({ before: '2033-05-20', after: '长期' });
    expect(entries.find((e) => e.path === 'websitePrincipal.idType')).toMatchObject({ before: '居民身份证', after: '护照' });
  });

  it('ticking 同主体负责人 shows the website principal becoming the entity principal', () => {
    const form = syncSamePrincipal(editForm(base, { principalSameAsEntity: true }));
    const entries = diffChange(base, form);
    expect(entries[0]).toEqual({ path: 'principalSameAsEntity', label: '同主体负责人', before: '否', after: '是', kind: 'changed' });
    expect(entries.find((e) => e.path === 'websitePrincipal.name')).toMatchObject({ before: '王网站', after: '李主体' });
    expect(entries.some((e) => e.path.startsWith('entityPrincipal.'))).toBe(false);
  });
});

describe('lockedFieldViolations', () => {
  it('a personal filing cannot replace its website principal and is told to use 变更备案', () => {
    expect(isPrincipalLocked(personal)).toBe(true);
    expect(isPrincipalLocked(base)).toBe(false);
    const form = syncSamePrincipal(editForm(personal, { entityPrincipal: { name: '李四', idNumber: NEW_ID } }));
    expect(lockedFieldViolations(personal, form)).toEqual([
      {
        code: 'personal_principal_locked',
        path: 'entityPrincipal.name',
        message: '个人备案在变更网站时不能修改负责人的姓名（网站负责人即主体负责人本人）；如需更换负责人，请办理“变更备案”',
      },
      {
        code: 'personal_principal_locked',
        path: 'entityPrincipal.idNumber',
        message: '个人备案在变更网站时不能修改负责人的证件号码（网站负责人即主体负责人本人）；如需更换负责人，请办理“变更备案”',
      },
    ]);
  });

  it('a personal filing may change the principal’s phone and email', () => {
    const form = syncSamePrincipal(editForm(personal, { entityPrincipal: { mobile: '13700137000', email: 'new@example.com' } }));
    expect(lockedFieldViolations(personal, form)).toEqual([]);
  });

  it('a personal filing cannot untick 同主体负责人', () => {
    const form = editForm(personal, { principalSameAsEntity: false });
    expect(lockedFieldViolations(personal, form)).toEqual([
      {
        code: 'personal_principal_locked',
        path: 'principalSameAsEntity',
        message: '个人备案的网站负责人就是主体负责人本人，不能取消“同主体负责人”；如需更换负责人，请办理“变更备案”',
      },
    ]);
  });

  it('an organisation may replace its website principal', () => {
    expect(lockedFieldViolations(base, editForm(base, { websitePrincipal: { name: '赵新', idNumber: NEW_ID } }))).toEqual([]);
  });

  it('the entity principal changes only together with the website principal (同主体负责人)', () => {
    const alone = editForm(base, { entityPrincipal: { mobile: '13700137000' } });
    expect(lockedFieldViolations(base, alone)).toEqual([
      {
        code: 'entity_principal_locked',
        path: 'entityPrincipal.mobile',
        message: '未勾选“同主体负责人”时不能修改主体负责人的手机号码；如需同时修改主体负责人，请勾选“同主体负责人”，否则请办理“变更主体”',
      },
    ]);
    const together = syncSamePrincipal(editForm(base, { principalSameAsEntity: true, entityPrincipal: { mobile: '13700137000' } }));
    expect(lockedFieldViolations(base, together)).toEqual([]);
  });

  it('domains may only be removed: adding or replacing names the domain', () => {
    expect(lockedFieldViolations(base, editForm(base, { domains: ['example.com'] }))).toEqual([]);
    expect(lockedFieldViolations(base, editForm(base, { domains: ['example.com', 'other.cn'] }))).toEqual([
      {
        code: 'domain_not_removable_only',
        path: 'domains.1',
        message: '变更网站时域名只能删除，不能新增或替换：“other.cn”不是本网站已备案的域名。新域名请通过“新增网站”办理',
      },
    ]);
  });

  it('at least one filed domain must remain', () => {
    expect(lockedFieldViolations(base, editForm(base, { domains: [] }))).toEqual([
      { code: 'domains_empty', path: 'domains', message: '至少需要保留一个已备案的域名；如不再使用全部域名，请办理“注销网站”' },
    ]);
    const replacedAll = lockedFieldViolations(base, editForm(base, { domains: ['new.com'] }));
    expect(replacedAll.map((v) => v.code)).toEqual(['domain_not_removable_only', 'domains_empty']);
  });

  it('province and certificate number are fixed', () => {
    const form = formFromBase(base);
    expect(lockedFieldViolations(base, form, { province: '京', certificateNumber: '91350100M000100Y43' })).toEqual([
      { code: 'province_fixed', path: 'province', message: '变更网站时不能修改主体所在省份；如需修改，请办理“变更主体”' },
      { code: 'certificate_number_fixed', path: 'certificateNumber', message: '变更网站时不能修改主体证件号码；证件号码变化需重新备案' },
    ]);
    expect(lockedFieldViolations(base, form, { province: base.province, certificateNumber: base.certificateNumber.toLowerCase() })).toEqual([]);
  });
});

describe('validateForm', () => {
  it('the filed form is valid', () => {
    expect(validateForm(base, formFromBase(base), TODAY)).toEqual([]);
    expect(validateForm(personal, formFromBase(personal), TODAY)).toEqual([]);
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
    expect(validateForm(base, editForm(base, { name: 'example.com' }), TODAY)).toEqual([
      { path: 'name', message: '网站名称不能直接使用域名“example.com”，请填写能说明网站内容的中文名称' },
    ]);
    expect(validateForm(personal, editForm(personal, { name: '张三的博客' }), TODAY)).toEqual([
      { path: 'name', message: '个人网站名称不能包含“博客”：个人网站不能提供论坛、社区、博客等交互服务（需电子公告专项审批），请修改' },
    ]);
  });

  it('a filed name that breaks a newer rule only warns, so contact changes are not blocked', () => {
    const oldName = buildPersonalBase({ website: { name: '张三的博客' } });
    const form = syncSamePrincipal(editForm(oldName, { entityPrincipal: { mobile: '13700137000' } }));
    expect(validateForm(oldName, form, TODAY)).toEqual([]);
    expect(formWarnings(oldName, form, TODAY)).toEqual([
      {
        path: 'name',
        message: '已备案的网站名称不符合现行规则：个人网站名称不能包含“博客”：个人网站不能提供论坛、社区、博客等交互服务（需电子公告专项审批），请修改',
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

  it('an expired ID is an error; one expiring within 3 months is a warning', () => {
    const expired = editForm(base, { websitePrincipal: { idValidUntil: '2025-06-14' } });
    expect(validateForm(base, expired, TODAY)).toEqual([
      { path: 'websitePrincipal.idValidUntil', message: '网站负责人证件已于 2025-06-14 过期，请换领新证件后填写新证件信息' },
    ]);
    const soon = editForm(base, { websitePrincipal: { idValidUntil: '2025-09-14' } });
    expect(validateForm(base, soon, TODAY)).toEqual([]);
    expect(formWarnings(base, soon, TODAY)).toEqual([
      { path: 'websitePrincipal.idValidUntil', message: '网站负责人证件将于 2025-09-14 到期，有效期不足3个月，管局可能不予通过；建议换领新证件后再提交' },
    ]);
    expect(formWarnings(base, editForm(base, { websitePrincipal: { idValidUntil: '2025-09-15' } }), TODAY)).toEqual([]);
    expect(validateForm(base, editForm(base, { websitePrincipal: { idValidUntil: '2026-02-30' } }), TODAY)).toEqual([
      { path: 'websitePrincipal.idValidUntil', message: '网站负责人证件有效期“2026-02-30”不是有效日期，请按 YYYY-MM-DD 填写；长期有效请选择“长期”' },
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
    expect(validateForm(legacy, formFromBase(legacy), TODAY)).toEqual([
      { path: 'domains.1', message: '顶级域 .io 不在可备案的顶级域名列表中，请更换为 .cn、.com 等可备案的域名' },
    ]);
  });
});

describe('phones needing SMS verification', () => {
  it('none when the phones are unchanged', () => {
    expect(phonesNeedingVerification(base, formFromBase(base))).toEqual([]);
  });

  it('a new or changed phone, as 11 digits', () => {
    const form = editForm(base, { websitePrincipal: { mobile: '+86 137-0013-7000' } });
    expect(phonesNeedingVerification(base, form)).toEqual(['13700137000']);
  });

  it('a phone already on file needs no new code, and a malformed one is left to the form errors', () => {
    const moved = syncSamePrincipal(editForm(base, { principalSameAsEntity: true }));
    expect(phonesNeedingVerification(base, moved)).toEqual([]);
    expect(phonesNeedingVerification(base, editForm(base, { websitePrincipal: { mobile: '1370013' } }))).toEqual([]);
  });

  it('unverifiedPhones drops those verified for this change', () => {
    const form = editForm(base, { websitePrincipal: { mobile: '13700137000' } });
    expect(unverifiedPhones(buildDraft({ base, form }))).toEqual(['13700137000']);
    expect(unverifiedPhones(buildDraft({ base, form, verifiedPhones: ['13700137000'] }))).toEqual([]);
  });
});
