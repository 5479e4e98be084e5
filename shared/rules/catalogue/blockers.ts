// Blockers: problems known before editing that the form alone cannot solve, each with the action that does (renew the
// domain, remove a non-fileable one, paste the footer HTML, 换领 the ID card).
import type { Blocker } from '../../contracts/api';
import { footerSnippet } from '../footer';
import type { Evaluation } from './evaluate';
import { ruleById } from './catalogue';
import type { BlockerKind } from './types';

export { BLOCKER_GUIDANCE } from './guidance';

/** Where the applicant can act in the form for a blocker (null: nothing to edit, only the outside action). */
function actionField(kind: BlockerKind, path: string | null): string | null {
  return kind === 'remove_domain' || kind === 'renew_id' ? path : null;
}

/** The blockers among the evaluation's failing findings, one per rule and path. */
export function blockersOf(evaluation: Evaluation): Blocker[] {
  const out = new Map<string, Blocker>();
  for (const f of evaluation.findings) {
    if (!f.blocker || f.severity !== 'fail') continue;
    const id = `${f.ruleId}:${f.path ?? ''}`;
    if (out.has(id)) continue;
    out.set(id, {
      id,
      ruleId: f.ruleId,
      kind: f.blocker,
      title: ruleById(f.ruleId)?.title ?? f.ruleId,
      message: f.message,
      field: actionField(f.blocker, f.path),
      ...(f.blocker === 'fix_footer' ? { html: footerSnippet(evaluation.ctx.base) } : {}),
    });
  }
  return [...out.values()];
}
