// The pre-submit checklist decidable without the network (offline prechecks): the rule catalogue's offline rules as
// checklist lines, each listing every problem with the field to fix.
import type { PrecheckResult } from '../contracts/api';
import type { ChangeDraft } from '../domain/change';
import { checklistOf, contextOf, evaluate, isReady } from './catalogue';

type Draft = Pick<ChangeDraft, 'base' | 'form' | 'materials' | 'verifiedPhones' | 'agreement'> & Partial<Pick<ChangeDraft, 'rejection'>>;

/** Every offline line, in the order the checklist shows them. `today` pins the clock for ID dates. */
export function offlinePrechecks(draft: Draft, today: Date = new Date()): PrecheckResult[] {
  return checklistOf(evaluate(contextOf(draft, today), { offline: true }));
}

/** Ready to submit when nothing fails; warnings are allowed. */
export function isReadyToSubmit(checks: readonly PrecheckResult[]): boolean {
  return isReady(checks);
}
