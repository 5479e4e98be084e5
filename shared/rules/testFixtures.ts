// Typed fixture builders for the shared rules' tests (valid IDs computed with the real check functions, drafts from partials).
import type { ChangeBase, ChangeDraft, WebsiteForm } from '../domain/change';
import type { Principal } from '../domain/filing';
import { creditCodeCheckChar, residentIdCheckChar } from '../validators/identity';
import { filedForm } from './principals';

/** A resident ID that passes every check: region, birth date (YYYYMMDD) and sequence, plus the computed check char. */
export function buildResidentId({ region = '440305', birth = '19900307', sequence = '123' } = {}): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + residentIdCheckChar(first17);
}

/** A credit code that passes the check: the given 17 characters plus the computed check char. */
export function buildCreditCode(first17 = '91440300MA5D12345'): string {
  return first17 + creditCodeCheckChar(first17);
}

/** A fixed "now" (Beijing 2025-06-15 12:00) so date rules do not drift with the calendar. */
export const TODAY = new Date('2025-06-15T04:00:00Z');

export const ENTITY_PRINCIPAL_ID = buildResidentId({ region: '440305', birth: '19800101', sequence: '111' });
export const WEBSITE_PRINCIPAL_ID = buildResidentId({ region: '440106', birth: '19920615', sequence: '222' });

export function buildPrincipal(overrides: Partial<Principal> = {}): Principal {
  return {
    name: '李主体',
    idType: 'resident_id',
    idNumber: ENTITY_PRINCIPAL_ID,
    idValidUntil: '2035-01-01',
    mobile: '13800138000',
    email: 'owner@example.com',
    ...overrides,
  };
}

export const ENTITY_PRINCIPAL = buildPrincipal();
export const WEBSITE_PRINCIPAL = buildPrincipal({
  name: '王网站',
  idNumber: WEBSITE_PRINCIPAL_ID,
  idValidUntil: '2033-05-20',
  mobile: '13900139000',
  email: 'web@example.com',
});

type BaseOverrides = Partial<Omit<ChangeBase, 'website'>> & { website?: Partial<ChangeBase['website']> };

/** An organisation filing in 广东 whose website has its own principal and two domains (one Chinese). */
export function buildBase(overrides: BaseOverrides = {}): ChangeBase {
  const { website, ...rest } = overrides;
  return {
    filingRevision: 3,
    entityKind: 'organisation',
    entityName: '深圳市示例科技有限公司',
    province: '粤',
    certificateNumber: buildCreditCode(),
    entityFilingNumber: '粤ICP备12345678号',
    entityPrincipal: ENTITY_PRINCIPAL,
    ...rest,
    website: {
      id: 'w1',
      websiteFilingNumber: '粤ICP备12345678号-1',
      name: '示例科技产品介绍',
      domains: ['example.com', '例子.中国'],
      homepageUrl: 'https://www.example.com',
      serviceContent: ['企业介绍'],
      preApprovalItems: [],
      notes: '',
      principalSameAsEntity: false,
      principal: WEBSITE_PRINCIPAL,
      access: { provider: 'tencent', region: 'ap-guangzhou', ips: ['203.0.113.10'] },
      status: 'filed',
      materials: [],
      ...website,
    },
  };
}

/** A personal filing: the website principal is the person who filed. */
export function buildPersonalBase(overrides: BaseOverrides = {}): ChangeBase {
  const person = buildPrincipal({ name: '张三' });
  return buildBase({
    entityKind: 'personal',
    entityName: '张三',
    certificateNumber: person.idNumber,
    entityPrincipal: person,
    ...overrides,
    website: { name: '张三的摄影作品集', principalSameAsEntity: true, principal: person, ...overrides.website },
  });
}

type FormOverrides = Partial<Omit<WebsiteForm, 'websitePrincipal' | 'entityPrincipal'>> & {
  websitePrincipal?: Partial<Principal>;
  entityPrincipal?: Partial<Principal>;
};

/** The filed form with some values edited (principal edits are merged field by field). */
export function editForm(base: ChangeBase, edits: FormOverrides = {}): WebsiteForm {
  const form = filedForm(base);
  const { websitePrincipal, entityPrincipal, ...rest } = edits;
  return {
    ...form,
    ...rest,
    websitePrincipal: { ...form.websitePrincipal, ...websitePrincipal },
    entityPrincipal: { ...form.entityPrincipal, ...entityPrincipal },
  };
}

export function buildDraft(overrides: Partial<ChangeDraft> = {}): ChangeDraft {
  const base = overrides.base ?? buildBase();
  return {
    id: 'c1',
    applicantId: 'a1',
    filingId: 'f1',
    websiteId: base.website.id,
    status: 'draft',
    version: 1,
    step: 'confirm',
    base,
    form: filedForm(base),
    verifiedPhones: [],
    materials: {},
    agreement: { agreed: true, termsVersion: 'v1', agreedAt: '2025-06-15T04:00:00Z' },
    rejection: null,
    submissionCount: 0,
    createdAt: '2025-06-10T00:00:00Z',
    updatedAt: '2025-06-15T00:00:00Z',
    expiresAt: '2025-07-25T00:00:00Z',
    ...overrides,
  };
}

/** A processed upload in a slot (contents do not matter to the rules, only presence). */
export function uploaded(kind: ChangeDraft['materials'][string]['kind'], subject: ChangeDraft['materials'][string]['subject']): ChangeDraft['materials'][string] {
  return { kind, subject, fileId: `f-${subject}-${kind}`, width: 1600, height: 1000, bytes: 300_000, sha256: 'x'.repeat(64), uploadedAt: '2025-06-15T03:00:00Z' };
}
