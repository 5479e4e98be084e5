// The automatic initial reviewer: it rejects exactly on the rule catalogue's `fail` findings (shared/rules/catalogue),
// computed with the sandbox's own facts, each finding becoming a reason on the same field or material — nothing else.
import { changeBaseOf, isMaterialSlot, parseMaterialSlot, type ReviewReason } from '../shared/domain/change';
import type { DomainFacts } from '../shared/contracts/reviewSystem';
import type { Filing, FiledWebsite, MaterialKind, MaterialSubject } from '../shared/domain/filing';
import { evaluate, type Finding, type RuleContext } from '../shared/rules/catalogue';
import { sandboxFacts } from './facts';
import type { SiteRecord, StoredSubmission, StoredVerificationTask } from './store';

export interface ReviewContext {
  filing: Filing;
  website: FiledWebsite;
  domains: Record<string, DomainFacts>;
  sites: Record<string, SiteRecord>;
  now: Date;
  /** Every filing the sandbox holds (a homepage host may serve another website); default: the one under review. */
  filings?: Filing[];
  /** The verification service's tasks (电子化核验); default none, so a changed principal is unverified. */
  verificationTasks?: StoredVerificationTask[];
}

/** A finding as a rejection reason: on the material slot or field it names, or general when it names none. */
export function reasonOf(finding: Finding): ReviewReason {
  const type = finding.path === null ? 'general' : isMaterialSlot(finding.path) ? 'material' : 'field';
  return { target: { type, path: finding.path ?? '' }, message: finding.message, rule: finding.ruleId };
}

/** The catalogue's context for a submission as the review system received it. */
export function reviewContextOf(submission: StoredSubmission, ctx: ReviewContext): RuleContext {
  const materials: Record<string, { kind: MaterialKind; subject: MaterialSubject }> = {};
  for (const m of submission.materials) {
    const parsed = parseMaterialSlot(m.slot);
    if (parsed) materials[parsed.slot] = { kind: parsed.kind, subject: parsed.subject };
  }
  return {
    base: changeBaseOf(ctx.filing, ctx.website),
    form: submission.form,
    materials,
    // The applicant's side (SMS codes, the agreement, rejection scope) is the BFF's; the reviewer judges the submission.
    verifiedPhones: [],
    agreed: true,
    rejection: null,
    today: ctx.now,
    facts: sandboxFacts(submission, { filings: ctx.filings ?? [ctx.filing], domains: ctx.domains, sites: ctx.sites, verificationTasks: ctx.verificationTasks ?? [] }),
  };
}

/** Everything the initial reviewer rejects the submission for; empty = pass. */
export function initialReviewFindings(submission: StoredSubmission, ctx: ReviewContext): ReviewReason[] {
  return evaluate(reviewContextOf(submission, ctx), { scope: 'submission' })
    .findings.filter((f) => f.severity === 'fail')
    .map(reasonOf);
}
