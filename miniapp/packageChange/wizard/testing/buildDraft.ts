// Typed fixture builder for change drafts in wizard tests (organisation filing unless told otherwise).
import type { ChangeDraft } from '../../../../shared/domain/change';
import { changeDraft } from '../../../../shared/domain/change';
import type { Principal } from '../../../../shared/domain/filing';

export const ENTITY_PRINCIPAL: Principal = {
  name: '张伟',
  idType: 'resident_id',
  idNumber: '11010519491231002X',
  idValidUntil: null,
  mobile: '13800138000',
  email: 'zhangwei@example.com',
};

export const WEBSITE_PRINCIPAL: Principal = {
  name: '李娜',
  idType: 'resident_id',
  idNumber: '440308199001011239',
  idValidUntil: '2040-01-01',
  mobile: '13900139000',
  email: 'lina@example.com',
};

type DraftOverrides = Partial<Omit<ChangeDraft, 'base' | 'form'>> & {
  entityKind?: 'personal' | 'organisation';
  /** The filing's province (its rules table decides extra fields such as 应急联系电话). */
  province?: ChangeDraft['base']['province'];
  principalSameAsEntity?: boolean;
  form?: Partial<ChangeDraft['form']>;
};

export function buildDraft(overrides: DraftOverrides = {}): ChangeDraft {
  const { entityKind = 'organisation', principalSameAsEntity = false, province = '粤', form: formOverrides, ...rest } = overrides;
  const websitePrincipal = entityKind === 'personal' || principalSameAsEntity ? ENTITY_PRINCIPAL : WEBSITE_PRINCIPAL;
  const website = {
    id: 'w1',
    websiteFilingNumber: '粤ICP备12345678号-1',
    name: '云朵科技官网',
    domains: ['example.com', 'example.cn'],
    homepageUrl: 'https://www.example.com',
    serviceContent: ['企业官网'],
    preApprovalItems: [],
    notes: '',
    principalSameAsEntity: entityKind === 'personal' || principalSameAsEntity,
    principal: websitePrincipal,
    access: { provider: '腾讯云', region: '广州', ips: ['1.2.3.4'] },
    status: 'filed' as const,
    materials: [
      { id: 'm1', kind: 'id_front' as const, subject: 'website_principal' as const, imageUrl: 'https://img.example/m1.jpg', uploadedAt: '2024-01-01T00:00:00Z' },
      { id: 'm2', kind: 'verification_form' as const, subject: 'website' as const, imageUrl: 'https://img.example/m2.jpg', uploadedAt: '2024-01-01T00:00:00Z' },
    ],
  };
  const draft: ChangeDraft = {
    id: 'c1',
    applicantId: 'a1',
    filingId: 'f1',
    websiteId: 'w1',
    status: 'draft',
    version: 1,
    step: 'website',
    base: {
      filingRevision: 1,
      entityKind,
      entityName: entityKind === 'personal' ? '张伟' : '深圳云朵科技有限公司',
      province,
      certificateNumber: '91440300MA5FXXXX0X',
      entityFilingNumber: '粤ICP备12345678号',
      entityPrincipal: ENTITY_PRINCIPAL,
      website,
    },
    form: {
      name: website.name,
      domains: website.domains,
      homepageUrl: website.homepageUrl,
      serviceContent: website.serviceContent,
      notes: website.notes,
      principalSameAsEntity: website.principalSameAsEntity,
      websitePrincipal: websitePrincipal,
      entityPrincipal: ENTITY_PRINCIPAL,
      ...formOverrides,
    },
    verifiedPhones: [],
    materials: {},
    agreement: { agreed: false, termsVersion: null, agreedAt: null },
    rejection: null,
    submissionCount: 0,
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    expiresAt: '2026-12-16T00:00:00Z',
    ...rest,
  };
  // The fixture must be a draft the real schema accepts, or the tests prove nothing about real data.
  return changeDraft.parse(draft);
}
