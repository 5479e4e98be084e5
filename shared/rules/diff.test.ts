// The diff an applicant confirms: every changed value against the filed snapshot, ID numbers masked.
import { diffChange } from './diff';
import { buildBase, buildResidentId, editForm, WEBSITE_PRINCIPAL } from './testFixtures';
import { filedForm, syncSamePrincipal } from './principals';

const base = buildBase();
const NEW_ID = buildResidentId({ region: '110105', birth: '19880808', sequence: '333' });

describe('diffChange', () => {
  it('an untouched form has no changes, even with the mobile typed with +86 or the ID with a lowercase x', () => {
    expect(diffChange(base, filedForm(base))).toEqual([]);
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
