// After a rejection only what the reviewer flagged is open (shared `openTargetsAfterRejection`); this adds the
// reviewer's reason per field or material for the screens.
import { isMaterialSlot, type ChangeDraft } from '../../../shared/domain/change';
import { mirroredPath } from '../../../shared/rules/principals';
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

export function openTargetsOf(draft: Pick<ChangeDraft, 'rejection' | 'form'> | null): OpenTargets {
  const targets = draft ? openTargetsAfterRejection(draft) : null;
  if (!draft?.rejection || !targets) return { restricted: false, isOpen: () => true, reasonFor: () => undefined, general: [] };
  const reasons = draft.rejection.reasons.filter((r) => r.target.type !== 'general');
  // A reason on a list item (`domains.1`) is about its list too, where its section shows it.
  const matches = (p: string, target: string) => p === target || p.startsWith(`${target}.`) || target.startsWith(`${p}.`);
  const mirrored = (p: string) => mirroredPath(draft.form, p);
  return {
    restricted: true,
    isOpen: (p) => (isMaterialSlot(p) ? isMaterialOpen(targets, p) : isFieldOpen(targets, p)),
    reasonFor: (p) => {
      const alt = mirrored(p);
      return reasons.find((r) => matches(p, r.target.path) || (alt !== null && matches(alt, r.target.path)))?.message;
    },
    general: targets.generalReasons,
  };
}
