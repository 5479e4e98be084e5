// Live validation of step-1 fields with the shared rules (formIssues: the errors and warnings behind validateForm),
// so the phone and the BFF say the same thing about the same value.
import type { ChangeBase, WebsiteForm } from '../../../shared/domain/change';
import type { FieldError } from '../../../shared/contracts/fieldError';
import { formIssues } from '../../../shared/rules/catalogue';

/** What the rules need besides the form. */
export interface ValidationContext {
  base: ChangeBase;
  /** Pins "today" in tests. */
  now?: Date;
}

export interface FieldVerdict {
  error: string | null;
  /** Shown beside the field, never blocks (e.g. an ID document expiring within 3 months). */
  warning: string | null;
}

const covers = (path: string) => (e: FieldError) => e.path === path || e.path.startsWith(`${path}.`);

/** Error and warning of one field path (`domains` also covers `domains.0`…) in this form. */
export function validateField(path: string, form: WebsiteForm, ctx: ValidationContext): FieldVerdict {
  const { errors, warnings } = formIssues(ctx.base, form, ctx.now ?? new Date());
  return { error: errors.find(covers(path))?.message ?? null, warning: warnings.find(covers(path))?.message ?? null };
}

/** Errors that block leaving step 1, limited to fields the applicant can edit here. */
export function blockingErrors(form: WebsiteForm, ctx: ValidationContext, editable: (path: string) => boolean): FieldError[] {
  return formIssues(ctx.base, form, ctx.now ?? new Date()).errors.filter((e) => editable(e.path));
}
