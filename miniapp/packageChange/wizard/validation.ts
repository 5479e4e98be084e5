// Live validation of step-1 fields with the shared rule catalogue (its offline form rules: formProblems), so the phone
// and the BFF say the same thing about the same value — and a warning may carry a one-tap fix.
import type { FieldError } from '../../../shared/contracts/fieldError';
import type { ChangeBase, WebsiteForm } from '../../../shared/domain/change';
import { formIssues, formProblems, type Finding } from '../../../shared/rules/catalogue';

/** What the rules need besides the form. */
export interface ValidationContext {
  base: ChangeBase;
  /** Pins "today" in tests. */
  now?: Date;
}

export interface FieldVerdict {
  error: string | null;
  /** Shown beside the field, never blocks (e.g. “是否为 name@qq.com？”). */
  warning: string | null;
  /** A one-tap fix of the warning: the value to set. */
  fix?: Finding['fix'];
}

const covers = (path: string) => (f: { path: string | null }) => f.path !== null && (f.path === path || f.path.startsWith(`${path}.`));

/** Error and warning of one field path (`domains` also covers `domains.0`…) in this form. */
export function validateField(path: string, form: WebsiteForm, ctx: ValidationContext): FieldVerdict {
  const found = formProblems(ctx.base, form, ctx.now ?? new Date()).filter(covers(path));
  const error = found.find((f) => f.severity === 'fail');
  const warning = found.find((f) => f.severity === 'warn');
  return { error: error?.message ?? null, warning: warning?.message ?? null, ...(warning?.fix ? { fix: warning.fix } : {}) };
}

/** Errors that block leaving step 1, limited to fields the applicant can edit here. */
export function blockingErrors(form: WebsiteForm, ctx: ValidationContext, editable: (path: string) => boolean): FieldError[] {
  return formIssues(ctx.base, form, ctx.now ?? new Date()).errors.filter((e) => editable(e.path));
}
