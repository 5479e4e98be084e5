// After a rejection only flagged fields and material slots open; a draft never rejected is open everywhere.
import type { ChangeDraft, ReviewReason, WebsiteForm } from '../domain/change';
import { flaggedFieldsUnchanged, isFieldOpen, isMaterialOpen, openTargetsAfterRejection, rejectionMark, replacedAfterRejection, reuploadsAfterRejection } from './rejection';
import { filedForm } from './principals';
import { buildBase, buildDraft, uploaded } from './testFixtures';

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

describe('rejection scope: fixed only when changed or replaced after the rejection', () => {
  const at = '2025-06-16T02:00:00Z';
  const before = '2025-06-15T03:00:00Z';
  const after = '2025-06-17T03:00:00Z';
  function rejectedWith(reasons: ReviewReason[], edits: Partial<WebsiteForm> = {}, materials: ChangeDraft['materials'] = {}) {
    const rejectedForm = { ...filedForm(base), name: '示例科技产品中心' };
    return buildDraft({ base, form: { ...rejectedForm, ...edits }, materials, rejection: { at, stage: 'initial', reasons, form: rejectedForm } });
  }
  const nameReason: ReviewReason = { target: { type: 'field', path: 'name' }, message: '网站名称与内容不符' };
  const formReason: ReviewReason = { target: { type: 'material', path: 'website.verification_form' }, message: '核验单未签字' };
  const form = (uploadedAt: string) => ({ 'website.verification_form': { ...uploaded('verification_form', 'website'), uploadedAt } });

  it('a flagged field still holding the refused value is listed, and reads 未通过 until changed', () => {
    const unchanged = rejectedWith([nameReason]);
    expect(flaggedFieldsUnchanged(unchanged)).toEqual([nameReason]);
    expect(rejectionMark(unchanged, 'name')).toBe('failed');
    const changed = rejectedWith([nameReason], { name: '示例科技产品展示' });
    expect(flaggedFieldsUnchanged(changed)).toEqual([]);
    expect(rejectionMark(changed, 'name')).toBe('fixed');
    expect(rejectionMark(changed, 'notes')).toBeNull();
  });

  it('a flag whose fix lies outside the form (an expiring domain) does not ask the field to change', () => {
    const expiring: ReviewReason = { target: { type: 'field', path: 'domains.0' }, message: '域名将于…到期', rule: 'domain_expiry' };
    expect(flaggedFieldsUnchanged(rejectedWith([expiring]))).toEqual([]);
  });

  it('a flagged material counts as replaced only when uploaded after the rejection', () => {
    expect(reuploadsAfterRejection(rejectedWith([formReason]))).toEqual([{ slot: 'website.verification_form', reason: '审核未通过：核验单未签字' }]);
    expect(replacedAfterRejection(rejectedWith([formReason], {}, form(before)), 'website.verification_form')).toBe(false);
    expect(rejectionMark(rejectedWith([formReason], {}, form(before)), 'website.verification_form')).toBe('failed');
    expect(replacedAfterRejection(rejectedWith([formReason], {}, form(after)), 'website.verification_form')).toBe(true);
    expect(rejectionMark(rejectedWith([formReason], {}, form(after)), 'website.verification_form')).toBe('fixed');
  });

  it('changing a field the 核验单 certifies re-opens the 核验单 and requires a new one; a note does not', () => {
    const renamed = rejectedWith([nameReason], { name: '示例科技产品展示' }, form(before));
    expect(isMaterialOpen(openTargetsAfterRejection(renamed), 'website.verification_form')).toBe(true);
    expect(reuploadsAfterRejection(renamed)).toEqual([{ slot: 'website.verification_form', reason: '驳回后修改了核验单上的信息，需按修改后的信息重新打印、签字并上传《网站真实性核验单》' }]);
    const noted = rejectedWith([{ target: { type: 'field', path: 'notes' }, message: '请补充说明' }], { notes: '补充说明' }, form(before));
    expect(isMaterialOpen(openTargetsAfterRejection(noted), 'website.verification_form')).toBe(false);
    expect(reuploadsAfterRejection(noted)).toEqual([]);
  });
});
