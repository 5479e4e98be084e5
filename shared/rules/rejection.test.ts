// After a rejection only flagged fields and material slots open; a draft never rejected is open everywhere.
import { isFieldOpen, isMaterialOpen, openTargetsAfterRejection } from './rejection';
import { filedForm } from './principals';
import { buildBase, buildDraft } from './testFixtures';

const base = buildBase();

function rejected(reasons: { type: 'field' | 'material' | 'general'; path: string; message: string }[], sameAsEntity = false) {
  return buildDraft({
    base,
    form: { ...filedForm(base), principalSameAsEntity: sameAsEntity },
    rejection: { at: '2025-06-16T02:00:00Z', stage: 'initial', reasons: reasons.map(({ type, path, message }) => ({ target: { type, path }, message })) },
  });
}

describe('openTargetsAfterRejection', () => {
  it('is null (everything open) when the change was never rejected', () => {
    const targets = openTargetsAfterRejection(buildDraft({ base }));
    expect(targets).toBeNull();
    expect(isFieldOpen(targets, 'name')).toBe(true);
    expect(isMaterialOpen(targets, 'website.verification_form')).toBe(true);
  });

  it('opens only the flagged fields and slots', () => {
    const targets = openTargetsAfterRejection(
      rejected([
        { type: 'field', path: 'websitePrincipal.mobile', message: '手机号码无法接通' },
        { type: 'material', path: 'website_principal.id_front', message: '证件照片反光' },
        { type: 'general', path: '', message: '网站首页无法访问' },
      ]),
    );
    expect(targets).toEqual({ fields: ['websitePrincipal.mobile'], materials: ['website_principal.id_front'], generalReasons: ['网站首页无法访问'] });
    expect(isFieldOpen(targets, 'websitePrincipal.mobile')).toBe(true);
    expect(isFieldOpen(targets, 'websitePrincipal.email')).toBe(false);
    expect(isFieldOpen(targets, 'name')).toBe(false);
    expect(isMaterialOpen(targets, 'website_principal.id_front')).toBe(true);
    expect(isMaterialOpen(targets, 'website_principal.id_back')).toBe(false);
  });

  it('a flagged object opens its fields; a flagged list item opens the list', () => {
    const targets = openTargetsAfterRejection(
      rejected([
        { type: 'field', path: 'entityPrincipal', message: '主体负责人信息有误' },
        { type: 'field', path: 'domains.1', message: '该域名未实名认证' },
      ]),
    );
    expect(isFieldOpen(targets, 'entityPrincipal.name')).toBe(true);
    expect(isFieldOpen(targets, 'domains')).toBe(true);
    expect(isFieldOpen(targets, 'domains.0')).toBe(false);
  });

  it('with 同主体负责人 ticked a flag on the website principal opens the entity principal field it is edited through', () => {
    const targets = openTargetsAfterRejection(rejected([{ type: 'field', path: 'websitePrincipal.email', message: '邮箱无法送达' }], true));
    expect(targets?.fields.sort()).toEqual(['entityPrincipal.email', 'websitePrincipal.email']);
  });
});
