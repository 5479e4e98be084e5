// What a website change may not touch, whatever the values.
import { lockedFieldViolations } from './locked';
import { buildBase, buildPersonalBase, buildResidentId, editForm } from './testFixtures';
import { filedForm, isPrincipalLocked, syncSamePrincipal } from './principals';

const base = buildBase();
const personal = buildPersonalBase();
const NEW_ID = buildResidentId({ region: '110105', birth: '19880808', sequence: '333' });

describe('lockedFieldViolations', () => {
  it('a personal filing cannot replace its website principal and is told to use 变更备案', () => {
    expect(isPrincipalLocked(personal)).toBe(true);
    expect(isPrincipalLocked(base)).toBe(false);
    const form = syncSamePrincipal(editForm(personal, { entityPrincipal: { name: '李四', idNumber: NEW_ID } }));
    expect(lockedFieldViolations(personal, form)).toEqual([
      {
        code: 'personal_principal_locked',
        path: 'entityPrincipal.name',
        message: '个人备案在变更网站时不能修改负责人的姓名（网站负责人即主体负责人本人）；如需更换负责人，请在服务商的备案控制台新建“变更备案”订单',
      },
      {
        code: 'personal_principal_locked',
        path: 'entityPrincipal.idNumber',
        message: '个人备案在变更网站时不能修改负责人的证件号码（网站负责人即主体负责人本人）；如需更换负责人，请在服务商的备案控制台新建“变更备案”订单',
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
        message: '个人备案的网站负责人就是主体负责人本人，不能取消“同主体负责人”；如需更换负责人，请在服务商的备案控制台新建“变更备案”订单',
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
    const form = filedForm(base);
    expect(lockedFieldViolations(base, form, { province: '京', certificateNumber: '91350100M000100Y43' })).toEqual([
      { code: 'province_fixed', path: 'province', message: '变更网站时不能修改主体所在省份；如需修改，请办理“变更主体”' },
      { code: 'certificate_number_fixed', path: 'certificateNumber', message: '变更网站时不能修改主体证件号码；证件号码变化需重新备案' },
    ]);
    expect(lockedFieldViolations(base, form, { province: base.province, certificateNumber: base.certificateNumber.toLowerCase() })).toEqual([]);
  });
});
