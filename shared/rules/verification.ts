// Who must verify their identity electronically (电子化核验) in a change: each principal whose identity (name, ID type,
// ID number) is new or changed; a change of contact details only needs nobody. Also how a task's outcome reads.
import type { ChangeBase, WebsiteForm } from '../domain/change';
import type { Principal } from '../domain/filing';
import { VERIFICATION_FAILURE_REASONS, type VerificationFailureReason, type VerificationRole } from '../contracts/verification';
import { canonicalIdNumber } from './canonical';
import { ROLE_LABELS } from './labels';
import { filedWebsitePrincipal, IDENTITY_FIELDS, samePrincipalField } from './principals';

/** One person who must verify: the role they hold in the form, the label shown, and who they are. */
export interface RequiredVerification {
  role: VerificationRole;
  who: string;
  principal: Principal;
  /** Fingerprint of the identity verified (a task counts only for the same person). */
  identity: string;
}

/** Where a person's verification stands, as the BFF knows it (`not_started`: no task, or one for another identity). */
export type VerificationState = 'not_started' | 'pending' | 'passed' | 'failed' | 'expired';

/** A verification as a rule fact: its state, the failure reason, and the identity the task was for. */
export interface VerificationFact {
  status: VerificationState;
  reason: VerificationFailureReason | null;
  identity: string;
}

export const VERIFICATION_STATE_LABELS: Record<VerificationState, string> = {
  not_started: '未开始',
  pending: '待核验',
  passed: '已通过',
  failed: '未通过',
  expired: '已过期',
};

/** The identity a verification proves: ID type, canonical ID number and name. */
export function identityOf(principal: Pick<Principal, 'name' | 'idType' | 'idNumber'>): string {
  return `${principal.idType}|${canonicalIdNumber(principal.idNumber)}|${principal.name.trim()}`;
}

function identityChanged(before: Principal, after: Principal): boolean {
  return IDENTITY_FIELDS.some((field) => !samePrincipalField(field, before, after));
}

/**
 * The people this change must verify, each once. With 同主体负责人 ticked the website principal is the entity principal:
 * that person verifies (as the entity principal) when either role's filed identity differs from them — the same rule
 * that asks for their ID photos (shared/rules/materials.ts).
 */
export function requiredVerifications(base: ChangeBase, form: WebsiteForm): RequiredVerification[] {
  const need = (role: VerificationRole, principal: Principal): RequiredVerification => ({ role, who: ROLE_LABELS[role], principal, identity: identityOf(principal) });
  if (form.principalSameAsEntity) {
    const person = form.entityPrincipal;
    return identityChanged(base.entityPrincipal, person) || identityChanged(filedWebsitePrincipal(base), person) ? [need('entityPrincipal', person)] : [];
  }
  const list: RequiredVerification[] = [];
  if (identityChanged(filedWebsitePrincipal(base), form.websitePrincipal)) list.push(need('websitePrincipal', form.websitePrincipal));
  if (identityChanged(base.entityPrincipal, form.entityPrincipal)) list.push(need('entityPrincipal', form.entityPrincipal));
  return list;
}

/** The state of a required person's verification given the fact known for their role (another identity's task does not count). */
export function verificationStateOf(required: RequiredVerification, fact: VerificationFact | undefined): VerificationState {
  return fact && fact.identity === required.identity ? fact.status : 'not_started';
}

/** What a failed verification says, with the fix. */
export function failureMessage(reason: VerificationFailureReason | null): string {
  return reason ? VERIFICATION_FAILURE_REASONS[reason] : '核验未通过，请重新核验';
}
