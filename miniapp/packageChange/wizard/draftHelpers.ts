// Pure helpers of the draft engine (draftEngine.ts): field problems by path, which failures to retry, and edit sets.
import type { FieldError } from '../../../shared/contracts/fieldError';
import type { WebsiteForm } from '../../../shared/domain/change';
import { mirroredPath } from '../../../shared/rules/principals';
import { ApiRequestError } from '../../services/api';
import type { FieldPath, FieldValue, FormEdits } from './fields';

export function problemsOf(list: FieldError[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of list ?? []) if (!out[p.path]) out[p.path] = p.message;
  return out;
}

/** Offline, or the BFF did not answer properly: keep the edits and try again later. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof ApiRequestError) return err.offline || err.status === 0 || err.status >= 500 || err.status === 429;
  return true;
}

/** With 同主体负责人 ticked, an edit of the website principal is also an edit of the entity principal. */
export function withMirroredPrincipal(form: WebsiteForm, path: FieldPath, value: FieldValue): FormEdits {
  const edits: FormEdits = { [path]: value };
  const mirror = mirroredPath(form, path);
  if (mirror) edits[mirror as FieldPath] = value;
  return edits;
}

/** The edits in `now` that are not exactly the ones in `sent` (typed meanwhile, or never sent). */
export function editsBeyond(now: FormEdits, sent: FormEdits): FormEdits {
  const left: FormEdits = {};
  for (const [path, value] of Object.entries(now) as [FieldPath, FieldValue][]) {
    if (!(path in sent) || sent[path] !== value) left[path] = value;
  }
  return left;
}

export const isEmpty = (edits: FormEdits) => Object.keys(edits).length === 0;
