// Building the context the rules read: from a draft (BFF, mini-program) with the facts at hand.
import type { ChangeDraft } from '../../domain/change';
import type { MaterialImage, RuleContext, RuleFacts } from './types';

type DraftView = Pick<ChangeDraft, 'base' | 'form' | 'materials' | 'verifiedPhones' | 'agreement'> & Partial<Pick<ChangeDraft, 'rejection'>>;

/** The context of a draft today; `facts` are the outside facts known (none: the rules needing them are undecided). */
export function contextOf(draft: DraftView, today: Date, facts: RuleFacts = {}): RuleContext {
  return {
    base: draft.base,
    form: draft.form,
    materials: draft.materials,
    verifiedPhones: draft.verifiedPhones,
    agreed: draft.agreement.agreed,
    rejection: draft.rejection ?? null,
    today,
    facts,
  };
}

/** The processed uploads' pixel sizes, as the upload pipeline recorded them. */
export function materialImagesOf(materials: ChangeDraft['materials']): Record<string, MaterialImage> {
  return Object.fromEntries(Object.entries(materials).map(([slot, m]) => [slot, { width: m.width, height: m.height }]));
}
