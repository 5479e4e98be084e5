// Who the principals of a change are: the filed ones, the ones the form describes, 同主体负责人 mirroring (one person
// edited through either role) and the filed form a change starts from.
import type { ChangeBase, WebsiteForm } from '../domain/change';
import type { Principal } from '../domain/filing';
import { canonicalPrincipalValue } from './canonical';
import { ROLE_LABELS, type PrincipalField, type PrincipalRole } from './labels';

/** Identity fields: changing one of them means a different person (or document), not new contact details. */
export const IDENTITY_FIELDS: readonly PrincipalField[] = ['name', 'idType', 'idNumber'];

export function samePrincipalField(field: PrincipalField, a: Principal, b: Principal): boolean {
  return canonicalPrincipalValue(field, a[field]) === canonicalPrincipalValue(field, b[field]);
}

/** The filed website principal: the entity principal when 同主体负责人 was ticked at filing. */
export function filedWebsitePrincipal(base: ChangeBase): Principal {
  return base.website.principalSameAsEntity ? base.entityPrincipal : base.website.principal;
}

/**
 * The website principal the form describes. With 同主体负责人 ticked the website principal IS the entity principal,
 * so `entityPrincipal` is authoritative and `websitePrincipal` is only its mirror (see `syncSamePrincipal`).
 */
export function effectiveWebsitePrincipal(form: WebsiteForm): Principal {
  return form.principalSameAsEntity ? form.entityPrincipal : form.websitePrincipal;
}

/** Path prefix under which the effective website principal's fields are edited. */
export function websitePrincipalPath(form: WebsiteForm): PrincipalRole {
  return form.principalSameAsEntity ? 'entityPrincipal' : 'websitePrincipal';
}

/** Copies the entity principal into the website principal when 同主体负责人 is ticked ("editing one edits both"). */
export function syncSamePrincipal(form: WebsiteForm): WebsiteForm {
  return form.principalSameAsEntity ? { ...form, websitePrincipal: { ...form.entityPrincipal } } : form;
}

const OTHER_ROLE: Record<PrincipalRole, PrincipalRole> = { websitePrincipal: 'entityPrincipal', entityPrincipal: 'websitePrincipal' };

/**
 * The same field under the other role (`websitePrincipal.mobile` ↔ `entityPrincipal.mobile`) when 同主体负责人 makes
 * the two one person; null otherwise. A flag or an edit on one of them is then about both.
 */
export function mirroredPath(form: Pick<WebsiteForm, 'principalSameAsEntity'>, path: string): string | null {
  if (!form.principalSameAsEntity) return null;
  const [role, ...rest] = path.split('.');
  const other = OTHER_ROLE[role as PrincipalRole];
  return other ? [other, ...rest].join('.') : null;
}

/** Personal filings: the website principal is the entity principal and cannot be replaced by a website change. */
export function isPrincipalLocked(base: ChangeBase): boolean {
  return base.entityKind === 'personal';
}

/** The principals the form holds, each once: with 同主体负责人 ticked only the entity principal. */
export function formPrincipals(form: WebsiteForm): { role: PrincipalRole; principal: Principal; who: string }[] {
  const list: { role: PrincipalRole; principal: Principal; who: string }[] = [];
  if (!form.principalSameAsEntity) list.push({ role: 'websitePrincipal', principal: form.websitePrincipal, who: ROLE_LABELS.websitePrincipal });
  list.push({ role: 'entityPrincipal', principal: form.entityPrincipal, who: ROLE_LABELS.entityPrincipal });
  return list;
}

/** The form a change starts from: the filed values (同主体负责人 → the website principal mirrors the entity's). */
export function filedForm(base: ChangeBase): WebsiteForm {
  const w = base.website;
  return syncSamePrincipal({
    name: w.name,
    domains: [...w.domains],
    homepageUrl: w.homepageUrl,
    serviceContent: [...w.serviceContent],
    preApprovals: (w.preApprovals ?? []).map((a) => ({ ...a })),
    notes: w.notes,
    principalSameAsEntity: w.principalSameAsEntity,
    websitePrincipal: { ...filedWebsitePrincipal(base) },
    entityPrincipal: { ...base.entityPrincipal },
  });
}
