// Which materials a change must (re)upload and why: ID photos of changed or expiring principals, the verification form, province extras.
import { provinceRules, type ProvinceRules } from '../data/provinceRules';
import { preApprovalOf } from '../data/serviceContent';
import { materialSlot, parseMaterialSlot, type ChangeDraft, type MaterialSlot } from '../domain/change';
import type { MaterialKind, MaterialSubject, PreApproval, Principal } from '../domain/filing';
import type { RequiredMaterial } from '../contracts/api';
import { diffChange } from './diff';
import { effectiveWebsitePrincipal, filedWebsitePrincipal } from './principals';
import { ROLE_LABELS } from './labels';
import { addMonths, chinaDate, ID_MIN_VALIDITY_MONTHS, isRealIsoDate } from './dates';
import { reuploadsAfterRejection, replacedAfterRejection, type UploadedMaterials } from './rejection';

function sameText(a: string, b: string): boolean {
  return a.trim().toUpperCase() === b.trim().toUpperCase();
}

/**
 * Why a principal's ID photos must be uploaded now, or null when the photos on file still hold. Contact details or an
 * address changing never require them (seed: 仅变更联系方式、住址等信息，无需重新上传证件图片).
 */
function idPhotoReason(before: Principal, after: Principal, todayIso: string, who: string): string | null {
  if (!sameText(before.name, after.name) || before.idType !== after.idType || !sameText(before.idNumber, after.idNumber)) {
    return `${who}已更换（姓名、证件类型或证件号码有变更），需上传新负责人的证件正反面照片`;
  }
  // A new valid-until date means a new card: the photos on file show the old one.
  if (before.idValidUntil !== after.idValidUntil) {
    return `${who}证件有效期已更新，需上传新证件的正反面照片`;
  }
  const until = after.idValidUntil;
  if (until !== null && isRealIsoDate(until) && until < addMonths(todayIso, ID_MIN_VALIDITY_MONTHS)) {
    return `${who}证件将于 ${until} 到期（不足3个月），需换领新证件并上传新证件的正反面照片`;
  }
  return null;
}

/**
 * The materials this change needs, each with the reason and whether it has been uploaded (`draft.materials[slot]`).
 * With 同主体负责人 ticked the website principal's ID is the entity principal's, so it is asked for once, under the
 * entity principal. `rules` defaults to the filing province's row of the rules table.
 */
export function requiredMaterials(
  draft: Pick<ChangeDraft, 'base' | 'form'> & Partial<Pick<ChangeDraft, 'rejection'>> & { materials: UploadedMaterials },
  today: Date = new Date(),
  rules: ProvinceRules = provinceRules(draft.base.province),
): RequiredMaterial[] {
  const { base, form } = draft;
  const todayIso = chinaDate(today);
  const needed: { subject: MaterialSubject; kind: MaterialKind; reason: string }[] = [];
  const idPhotos = (subject: MaterialSubject, reason: string) => {
    needed.push({ subject, kind: 'id_front', reason }, { subject, kind: 'id_back', reason });
  };

  const websiteReason = idPhotoReason(filedWebsitePrincipal(base), effectiveWebsitePrincipal(form), todayIso, ROLE_LABELS.websitePrincipal);
  const entityReason = idPhotoReason(base.entityPrincipal, form.entityPrincipal, todayIso, ROLE_LABELS.entityPrincipal);
  if (form.principalSameAsEntity) {
    const reason = entityReason ?? (websiteReason && `${websiteReason}（网站负责人同主体负责人）`);
    if (reason) idPhotos('entity_principal', reason);
  } else {
    if (websiteReason) idPhotos('website_principal', websiteReason);
    if (entityReason) idPhotos('entity_principal', entityReason);
  }

  if (diffChange(base, form).length > 0) {
    const fingerprint = rules.verificationFormNeedsFingerprint ? '；本省要求负责人在签名处按手印' : '';
    needed.push({ subject: 'website', kind: 'verification_form', reason: `网站信息有变更，需上传按变更后信息重新签署的《网站真实性核验单》${fingerprint}` });
    for (const extra of rules.extraMaterials) {
      if (extra.entityKinds.includes(base.entityKind)) needed.push({ subject: extra.subject, kind: extra.kind, reason: extra.reason });
    }
  }

  const approvals = newPreApprovals(draft);
  if (approvals.length > 0) {
    const documents = approvals.map((a) => `“${a.content}”的${preApprovalOf(a.content)?.document ?? '审批文件'}（文号 ${a.number.trim() || '待填写'}）`).join('、');
    needed.push({ subject: 'website', kind: 'pre_approval', reason: `网站服务内容需要前置审批，需上传${documents}的照片` });
  }

  // After a rejection, a flagged material and a 核验单 whose contents changed count only when uploaded after it.
  const rejection = { rejection: draft.rejection ?? null, form, materials: draft.materials };
  const reuploads = reuploadsAfterRejection(rejection);
  for (const r of reuploads) {
    const parsed = parseMaterialSlot(r.slot);
    if (!parsed) continue;
    const existing = needed.find((n) => n.subject === parsed.subject && n.kind === parsed.kind);
    if (existing) existing.reason = `${r.reason}（${existing.reason}）`;
    else needed.push({ subject: parsed.subject, kind: parsed.kind, reason: r.reason });
  }

  return needed.map(({ subject, kind, reason }) => {
    const slot: MaterialSlot = materialSlot(subject, kind);
    const present = Object.prototype.hasOwnProperty.call(draft.materials, slot);
    const mustBeNew = reuploads.some((r) => r.slot === slot);
    return { slot, kind, subject, reason, provided: present && (!mustBeNew || replacedAfterRejection(rejection, slot)) };
  });
}

/** Pre-approvals the form declares that are not on file with the same number: each needs a photo of its approval. */
export function newPreApprovals(draft: Pick<ChangeDraft, 'base' | 'form'>): PreApproval[] {
  const filed = new Set((draft.base.website.preApprovals ?? []).map((a) => `${a.content.trim()}\u0000${a.number.trim()}`));
  const needing = new Set(draft.form.serviceContent.map((c) => c.trim()).filter((c) => preApprovalOf(c) !== null));
  const declared = (draft.form.preApprovals ?? []).filter((a) => needing.has(a.content.trim()));
  const undeclared = [...needing].filter((c) => !declared.some((a) => a.content.trim() === c)).map((content) => ({ content, number: '' }));
  return [...declared, ...undeclared].filter((a) => !filed.has(`${a.content.trim()}\u0000${a.number.trim()}`));
}
