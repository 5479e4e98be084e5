// The filed record as the review system holds it: entity (主体), its websites and the materials on file.
import { z } from 'zod';
import { PROVINCE_CODES } from '../rules/provinces';
import { MAX_LENGTH, tooLongMessage } from './limits';
import { MATERIAL_KINDS, MATERIAL_SUBJECTS } from './materialSlot';

export const entityKind = z.enum(['personal', 'organisation']);
export type EntityKind = z.infer<typeof entityKind>;

/** Certificate of the entity (主体证件). */
export const certificateType = z.enum(['resident_id', 'business_licence', 'institution_certificate', 'social_org_certificate', 'other']);
export type CertificateType = z.infer<typeof certificateType>;

/** Identity document of a principal (负责人证件). */
export const idDocumentType = z.enum(['resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit']);
export type IdDocumentType = z.infer<typeof idDocumentType>;

export const province = z.enum(PROVINCE_CODES, { error: '请选择省份' });

/** ISO date (YYYY-MM-DD). */
export const isoDate = z
  .string()
  .max(10, { error: '日期格式应为 YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' });

/** A string of at most `max` characters; longer is refused naming the field (`label`) before anything else looks at it. */
export function boundedText(label: string, max: number) {
  return z.string().max(max, { error: (issue) => tooLongMessage(label, max, typeof issue.input === 'string' ? issue.input.length : max + 1) });
}

/** A principal (负责人) as filed. Values are stored canonical (ID upper-case, mobile 11 digits). */
export const principal = z.object({
  name: boundedText('姓名', MAX_LENGTH.personName).min(1),
  idType: idDocumentType,
  idNumber: boundedText('证件号码', MAX_LENGTH.idNumber).min(1),
  /** Last day the ID document is valid; null = long-term (长期). */
  idValidUntil: isoDate.nullable(),
  mobile: boundedText('手机号码', MAX_LENGTH.mobile),
  email: boundedText('电子邮箱', MAX_LENGTH.email),
  /** 应急联系电话: a second number to reach the principal; asked where the province's rules say so (absent/'' = none). */
  emergencyPhone: boundedText('应急联系电话', MAX_LENGTH.phone).optional(),
  /** 办公室电话: a landline (or a mobile where the office has none); asked where the province's form has the field. */
  officePhone: boundedText('办公室电话', MAX_LENGTH.phone).optional(),
});
export type Principal = z.infer<typeof principal>;

export const materialKind = z.enum(MATERIAL_KINDS);
export type MaterialKind = z.infer<typeof materialKind>;

/** Whose document a material is: the website principal's, the entity principal's, or the website's own. */
export const materialSubject = z.enum(MATERIAL_SUBJECTS);
export type MaterialSubject = z.infer<typeof materialSubject>;

export const materialOnFile = z.object({
  id: z.string(),
  kind: materialKind,
  subject: materialSubject,
  /** Where the image can be fetched (review-system URL). */
  imageUrl: z.string(),
  uploadedAt: z.string(),
});
export type MaterialOnFile = z.infer<typeof materialOnFile>;

/** A 前置审批 (pre-approval) the website holds for one of its service contents: which content, and the approval's number. */
export const preApproval = z.object({
  content: boundedText('网站服务内容', MAX_LENGTH.serviceContentItem),
  number: boundedText('前置审批文号', MAX_LENGTH.preApprovalNumber),
});
export type PreApproval = z.infer<typeof preApproval>;

export const filedWebsiteStatus = z.enum(['filed', 'change_in_review']);

export const accessInfo = z.object({
  provider: z.string(),
  region: z.string(),
  ips: z.array(z.string()),
});

export const filedWebsite = z.object({
  id: z.string(),
  websiteFilingNumber: z.string(),
  name: z.string(),
  /** Filed domains in Unicode form (e.g. 例子.中国), lowercase. */
  domains: z.array(z.string()).min(1),
  homepageUrl: z.string(),
  /** Service content categories (网站服务内容). */
  serviceContent: z.array(z.string()),
  /** Pre-approval items (前置审批项, the contents they cover), empty when none. */
  preApprovalItems: z.array(z.string()),
  /** The pre-approvals on file with their numbers (absent in records that predate them). */
  preApprovals: z.array(preApproval).optional(),
  notes: z.string(),
  /** True when the website principal is the entity principal (同主体负责人). */
  principalSameAsEntity: z.boolean(),
  principal: principal,
  access: accessInfo,
  status: filedWebsiteStatus,
  materials: z.array(materialOnFile),
});
export type FiledWebsite = z.infer<typeof filedWebsite>;

export const filedEntity = z.object({
  kind: entityKind,
  name: z.string(),
  certificateType: certificateType,
  certificateNumber: z.string(),
  province: province,
  address: z.string(),
  entityFilingNumber: z.string(),
  principal: principal,
});
export type FiledEntity = z.infer<typeof filedEntity>;

/** One applicant's filing: the entity and its websites, at a revision that changes whenever it is updated. */
export const filing = z.object({
  id: z.string(),
  applicantId: z.string(),
  revision: z.number().int().nonnegative(),
  entity: filedEntity,
  websites: z.array(filedWebsite),
});
export type Filing = z.infer<typeof filing>;
