// The rule catalogue's public surface: the rules, how to evaluate them over a change, and what the checklist, the
// blockers and the form show. The BFF checklist, the autosave problems, the mini-program and the sandbox's automatic
// reviewer all evaluate these rules.
export { CATALOGUE, ruleById } from './catalogue';
export type { Rule, RuleContext, RuleFacts, Finding, Unknown, Severity, CheckGroupId, BlockerKind, DomainLookup, HomepageFacts, MaterialImage, RecognitionFact } from './types';
export { evaluate, type Evaluation, type EvaluateOptions } from './evaluate';
export { checklistOf, CHECK_GROUPS, isReady } from './checklist';
export { blockersOf, BLOCKER_GUIDANCE } from './blockers';
export { contextOf, materialImagesOf } from './context';
export { formIssues, formProblems, formWarnings, validateForm } from './formProblems';
