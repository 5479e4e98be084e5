// After a rejection only what the reviewer flagged is open; this answers "is this field/material open, and why".
import type { ChangeDraft } from '../../../shared/domain/change';

export interface OpenTargets {
  /** False when there was no rejection: everything editable. */
  restricted: boolean;
  isOpen(pathOrSlot: string): boolean;
  /** The reviewer's reason for a field path or material slot (a reason on `websitePrincipal` covers its fields). */
  reasonFor(pathOrSlot: string): string | undefined;
  /** Reasons not tied to one field or material. */
  general: string[];
}

export function openTargetsOf(draft: Pick<ChangeDraft, 'rejection'> | null): OpenTargets {
  const reasons = draft?.rejection?.reasons ?? [];
  if (!draft?.rejection) return { restricted: false, isOpen: () => true, reasonFor: () => undefined, general: [] };
  const targeted = reasons.filter((r) => r.target.type !== 'general');
  const match = (p: string) => targeted.find((r) => p === r.target.path || p.startsWith(`${r.target.path}.`));
  return {
    restricted: true,
    isOpen: (p) => match(p) !== undefined,
    reasonFor: (p) => match(p)?.message,
    general: reasons.filter((r) => r.target.type === 'general').map((r) => r.message),
  };
}
