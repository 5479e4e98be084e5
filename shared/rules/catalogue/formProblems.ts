// The form's own problems (what the phone shows beside each field and the autosave answers): the catalogue's offline
// rules about form fields, fails as errors and warnings as warnings.
import type { FieldError } from '../../contracts/fieldError';
import type { ChangeBase, WebsiteForm } from '../../domain/change';
import { CATALOGUE } from './catalogue';
import { evaluate } from './evaluate';
import type { CheckGroupId, Finding } from './types';

/** Checklist lines about form fields (not materials, not locked-rule refusals, not the applicant's own steps). */
const FORM_GROUPS: ReadonlySet<CheckGroupId> = new Set([
  'website_name',
  'domain_fileable',
  'homepage_reachable',
  'service_content',
  'form_valid',
  'id_validity',
  'principal_age',
  'distinct_contacts',
]);

/** The rules that can report on a form field: every autosave runs these only, not the whole catalogue. */
const FORM_RULES = CATALOGUE.filter((rule) => FORM_GROUPS.has(rule.group));

/** Every offline finding about a form field, in catalogue order (with the rule id, severity and any one-tap fix). */
export function formProblems(base: ChangeBase, form: WebsiteForm, today: Date = new Date()): Finding[] {
  const ctx = { base, form, materials: {}, verifiedPhones: [], agreed: false, rejection: null, today, facts: {} };
  return evaluate(ctx, { offline: true, scope: 'submission', rules: FORM_RULES }).findings.filter((f) => FORM_GROUPS.has(f.group) && f.path !== null);
}

export interface FormIssues {
  errors: FieldError[];
  warnings: FieldError[];
}

const asFieldError = (f: Finding): FieldError => ({ path: f.path ?? '', message: f.message });

/** Errors (rules a reviewer refuses on) and warnings of the whole form, in form order. */
export function formIssues(base: ChangeBase, form: WebsiteForm, today: Date = new Date()): FormIssues {
  const found = formProblems(base, form, today);
  return { errors: found.filter((f) => f.severity === 'fail').map(asFieldError), warnings: found.filter((f) => f.severity === 'warn').map(asFieldError) };
}

/** Field errors that block submit (`{ path, message }`, the BFF's `fields` shape): the autosave's `problems`. */
export function validateForm(base: ChangeBase, form: WebsiteForm, today: Date = new Date()): FieldError[] {
  return formIssues(base, form, today).errors;
}

/** Warnings shown beside the fields; they never block. */
export function formWarnings(base: ChangeBase, form: WebsiteForm, today: Date = new Date()): FieldError[] {
  return formIssues(base, form, today).warnings;
}
