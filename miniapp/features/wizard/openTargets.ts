// After a rejection only what the reviewer flagged is open (shared `openTargetsAfterRejection`); this adds the
// reviewer's reason per field or material for the screens.
import type { ChangeDraft } from '../../../shared/domain/change';
import { EDITABLE_STATUSES, type ChangeStatus } from '../../../shared/domain/status';
import { isFieldOpen, isMaterialOpen, openTargetsAfterRejection } from '../../../shared/rules/rejection';

export interface OpenTargets {
  /** False when there was no rejection: everything editable. */
  restricted: boolean;
  isOpen(pathOrSlot: string): boolean;
  /** The reviewer's reason for a field path or material slot (a reason on `websitePrincipal` covers its fields). */
  reasonFor(pathOrSlot: string): string | undefined;
  /** Reasons not tied to one field or material. */
  general: string[];
}

const MIRROR: Record<string, string> = { websitePrincipal: 'entityPrincipal', entityPrincipal: 'websitePrincipal' };

export function openTargetsOf(draft: Pick<ChangeDraft, 'rejection' | 'form'> | null): OpenTargets {
  const targets = draft ? openTargetsAfterRejection(draft) : null;
  if (!draft?.rejection || !targets) return { restricted: false, isOpen: () => true, reasonFor: () => undefined, general: [] };
  const reasons = draft.rejection.reasons.filter((r) => r.target.type !== 'general');
  const same = draft.form.principalSameAsEntity;
  const matches = (p: string, target: string) => p === target || p.startsWith(`${target}.`);
  const mirrored = (p: string) => {
    const [role, ...rest] = p.split('.');
    return same && MIRROR[role] ? [MIRROR[role], ...rest].join('.') : null;
  };
  return {
    restricted: true,
    isOpen: (p) => (/^(website_principal|entity_principal|website)\./.test(p) ? isMaterialOpen(targets, p) : isFieldOpen(targets, p)),
    reasonFor: (p) => {
      const alt = mirrored(p);
      return reasons.find((r) => matches(p, r.target.path) || (alt !== null && matches(alt, r.target.path)))?.message;
    },
    general: targets.generalReasons,
  };
}

/** A rejected change is reopened by the BFF on the applicant's first write, so the wizard treats it as editable. */
const REOPENABLE: readonly ChangeStatus[] = ['initial_rejected', 'authority_rejected'];
export function isOpenForEditing(status: ChangeStatus): boolean {
  return EDITABLE_STATUSES.includes(status) || REOPENABLE.includes(status);
}
