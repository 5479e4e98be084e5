// Required materials: ID photos only when a principal's identity changes or the ID runs out, the verification form on any change.
import { DEFAULT_PROVINCE_RULES } from '../data/provinceRules';
import { syncSamePrincipal } from './principals';
import { materialSlotLabel } from './labels';
import { requiredMaterials } from './materials';
import { buildBase, buildDraft, buildPersonalBase, buildResidentId, editForm, TODAY, uploaded } from './testFixtures';

const base = buildBase({ province: '浙' });
const NEW_ID = buildResidentId({ region: '110105', birth: '19880808', sequence: '333' });
const slots = (draft: Parameters<typeof requiredMaterials>[0]) => requiredMaterials(draft, TODAY).map((m) => m.slot);

describe('requiredMaterials', () => {
  it('nothing when nothing changed', () => {
    expect(requiredMaterials(buildDraft({ base }), TODAY)).toEqual([]);
  });

  it('only contact details changed: the verification form, no ID photos', () => {
    const form = editForm(base, { websitePrincipal: { mobile: '13700137000', email: 'new@example.com' } });
    expect(requiredMaterials(buildDraft({ base, form }), TODAY)).toEqual([
      {
        slot: 'website.verification_form',
        kind: 'verification_form',
        subject: 'website',
        reason: '网站信息有变更，需上传按变更后信息重新签署的《网站真实性核验单》',
        provided: false,
      },
    ]);
  });

  it('a new website principal: that person’s ID front and back', () => {
    const form = editForm(base, { websitePrincipal: { name: '赵新', idNumber: NEW_ID } });
    const required = requiredMaterials(buildDraft({ base, form }), TODAY);
    expect(required.map((m) => m.slot)).toEqual(['website_principal.id_front', 'website_principal.id_back', 'website.verification_form']);
    expect(required[0].reason).toBe('网站负责人已更换（姓名、证件类型或证件号码有变更），需上传新负责人的证件正反面照片');
  });

  it('an ID expiring within 3 months needs new photos even when nothing else about the person changed', () => {
    const expiring = buildBase({ province: '浙', website: { principal: { ...base.website.principal, idValidUntil: '2025-08-01' } } });
    const form = editForm(expiring, { notes: '更新备注' });
    const required = requiredMaterials(buildDraft({ base: expiring, form }), TODAY);
    expect(required.map((m) => m.slot)).toEqual(['website_principal.id_front', 'website_principal.id_back', 'website.verification_form']);
    expect(required[0].reason).toBe('网站负责人证件将于 2025-08-01 到期（不足3个月），需换领新证件并上传新证件的正反面照片');
  });

  it('a renewed ID (new valid-until date) needs photos of the new card', () => {
    const form = editForm(base, { websitePrincipal: { idValidUntil: '2045-05-20' } });
    const required = requiredMaterials(buildDraft({ base, form }), TODAY);
    expect(required[0]).toMatchObject({ slot: 'website_principal.id_front', reason: '网站负责人证件有效期已更新，需上传新证件的正反面照片' });
  });

  it('with 同主体负责人 ticked the website principal’s ID is asked for once, as the entity principal’s', () => {
    const form = syncSamePrincipal(editForm(base, { principalSameAsEntity: true }));
    const required = requiredMaterials(buildDraft({ base, form }), TODAY);
    expect(required.map((m) => m.slot)).toEqual(['entity_principal.id_front', 'entity_principal.id_back', 'website.verification_form']);
    expect(required[0].reason).toBe('网站负责人已更换（姓名、证件类型或证件号码有变更），需上传新负责人的证件正反面照片（网站负责人同主体负责人）');
  });

  it('personal filings with only a new phone need no ID photos', () => {
    const personal = buildPersonalBase({ province: '浙' });
    const form = syncSamePrincipal(editForm(personal, { entityPrincipal: { mobile: '13700137000' } }));
    expect(slots(buildDraft({ base: personal, form }))).toEqual(['website.verification_form']);
  });

  it('marks a slot provided when the draft holds an upload under it', () => {
    const form = editForm(base, { websitePrincipal: { name: '赵新', idNumber: NEW_ID } });
    const draft = buildDraft({ base, form, materials: { 'website_principal.id_front': uploaded('id_front', 'website_principal') } });
    expect(requiredMaterials(draft, TODAY).map((m) => [m.slot, m.provided])).toEqual([
      ['website_principal.id_front', true],
      ['website_principal.id_back', false],
      ['website.verification_form', false],
    ]);
  });

  it('adds the province’s extras and fingerprint note from the rules table', () => {
    const shanghai = buildBase({ province: '沪' });
    const form = editForm(shanghai, { notes: '更新备注' });
    expect(requiredMaterials(buildDraft({ base: shanghai, form }), TODAY).map((m) => m.slot)).toEqual(['website.verification_form', 'website.change_letter']);
    // The same extra does not apply to a personal filing (the row lists organisations only).
    const personal = buildPersonalBase({ province: '沪' });
    expect(requiredMaterials(buildDraft({ base: personal, form: editForm(personal, { notes: '更新备注' }) }), TODAY).map((m) => m.slot)).toEqual(['website.verification_form']);

    const fingerprint = { ...DEFAULT_PROVINCE_RULES, verificationFormNeedsFingerprint: true };
    const [verification] = requiredMaterials(buildDraft({ base, form: editForm(base, { notes: '更新备注' }) }), TODAY, fingerprint);
    expect(verification.reason).toBe('网站信息有变更，需上传按变更后信息重新签署的《网站真实性核验单》；本省要求负责人在签名处按手印');
  });

  it('names slots in Chinese', () => {
    expect(materialSlotLabel('website_principal', 'id_front')).toBe('网站负责人证件正面照片');
    expect(materialSlotLabel('website', 'verification_form')).toBe('《网站真实性核验单》');
  });
});

describe('requiredMaterials: pre-approvals', () => {
  it('a newly chosen content that needs a pre-approval asks for a photo of its approval', () => {
    const form = editForm(base, { serviceContent: ['企业官网', '新闻'], preApprovals: [{ content: '新闻', number: '浙新网备〔2025〕12号' }] });
    const required = requiredMaterials(buildDraft({ base, form }), TODAY);
    expect(required.map((m) => m.slot)).toEqual(['website.verification_form', 'website.pre_approval']);
    expect(required[1]).toMatchObject({
      kind: 'pre_approval',
      reason: '网站服务内容需要前置审批，需上传“新闻”的互联网新闻信息服务许可证（文号 浙新网备〔2025〕12号）的照片',
      provided: false,
    });
  });

  it('an approval already on file with the same number needs no new photo', () => {
    const filed = buildBase({ province: '浙', website: { serviceContent: ['新闻'], preApprovals: [{ content: '新闻', number: '浙新网备〔2025〕12号' }] } });
    const form = editForm(filed, { notes: '改备注' });
    expect(slots(buildDraft({ base: filed, form }))).toEqual(['website.verification_form']);
  });
});
