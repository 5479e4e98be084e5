// SMS verification: which mobiles of a change are new, so they must be verified by code before submit.
import type { ChangeBase, ChangeDraft, WebsiteForm } from '../domain/change';
import { mainlandMobile } from '../validators/contact';
import { canonicalMobile } from './canonical';
import { formPrincipals } from './principals';

/**
 * Mobiles (11 digits) in the form that are not among the filed ones, so they must be verified by SMS code. A number
 * already on file was verified at filing, so moving it between roles needs no new code. Malformed numbers are left to
 * `validateForm` (no code can be sent to them).
 */
export function phonesNeedingVerification(base: ChangeBase, form: WebsiteForm): string[] {
  const filed = new Set([base.entityPrincipal.mobile, base.website.principal.mobile].map(canonicalMobile));
  const phones = formPrincipals(form).map(({ principal }) => mainlandMobile(principal.mobile));
  return [...new Set(phones.filter((p): p is string => p !== null && !filed.has(p)))];
}

/** Which of the phones needing verification are not verified yet for this change. */
export function unverifiedPhones(draft: Pick<ChangeDraft, 'base' | 'form' | 'verifiedPhones'>): string[] {
  const verified = new Set(draft.verifiedPhones.map(canonicalMobile));
  return phonesNeedingVerification(draft.base, draft.form).filter((p) => !verified.has(p));
}

/** Form path of the principal whose mobile is `phone` (to jump to it), or null. */
export function pathOfPhone(form: WebsiteForm, phone: string): string | null {
  const hit = formPrincipals(form).find(({ principal }) => canonicalMobile(principal.mobile) === phone);
  return hit ? `${hit.role}.mobile` : null;
}
