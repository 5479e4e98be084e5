// Field paths of the step-1 form: labels, read/write by path, and the flat edit map ⇄ PATCH body conversion.
import type { PatchChangeRequest } from '../../../shared/contracts/api';
import type { PreApproval, Principal } from '../../../shared/domain/filing';
import type { WebsiteForm } from '../../../shared/domain/change';
import { ID_TYPE_LABELS, type PrincipalRole } from '../../../shared/rules/labels';
import { maskResidentId } from '../../../shared/validators/identity';

export type PrincipalKey = keyof Principal;
export type TopLevelKey = Exclude<keyof WebsiteForm, PrincipalRole>;
export type FieldPath = TopLevelKey | `${PrincipalRole}.${PrincipalKey}`;
export type FieldValue = string | string[] | boolean | PreApproval[] | null;

/** Local edits not yet saved, keyed by field path (flat, so merging and conflict checks stay simple). */
export type FormEdits = Partial<Record<FieldPath, FieldValue>>;

export const PRINCIPAL_KEYS: readonly PrincipalKey[] = ['name', 'idType', 'idNumber', 'idValidUntil', 'mobile', 'email', 'emergencyPhone', 'officePhone'];
export const TOP_LEVEL_KEYS: readonly TopLevelKey[] = ['name', 'domains', 'homepageUrl', 'serviceContent', 'preApprovals', 'notes', 'principalSameAsEntity'];

export function isPrincipalPath(path: string): path is `${PrincipalRole}.${PrincipalKey}` {
  return path.startsWith('websitePrincipal.') || path.startsWith('entityPrincipal.');
}

function splitPath(path: FieldPath): [PrincipalRole, PrincipalKey] | [TopLevelKey] {
  if (isPrincipalPath(path)) {
    const [role, key] = path.split('.') as [PrincipalRole, PrincipalKey];
    return [role, key];
  }
  return [path];
}

export function getField(form: WebsiteForm, path: FieldPath): FieldValue {
  const parts = splitPath(path);
  // Optional values absent from older drafts read as empty (never null: null means 长期 for idValidUntil).
  if (parts.length === 2) return form[parts[0]][parts[1]] === undefined ? '' : (form[parts[0]][parts[1]] as string | null);
  const value = form[parts[0]];
  return value === undefined ? [] : value;
}

/** A copy of `form` with one field replaced (the original is never mutated: React state stays comparable). */
export function setField(form: WebsiteForm, path: FieldPath, value: FieldValue): WebsiteForm {
  const parts = splitPath(path);
  if (parts.length === 2) {
    const [role, key] = parts;
    return { ...form, [role]: { ...form[role], [key]: value } };
  }
  return { ...form, [parts[0]]: value };
}

export function applyEdits(form: WebsiteForm, edits: FormEdits): WebsiteForm {
  let next = form;
  for (const [path, value] of Object.entries(edits) as [FieldPath, FieldValue][]) next = setField(next, path, value);
  return next;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  // List items may be records (a pre-approval's content and number): equal when every value is.
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

/** The PATCH body carrying exactly these edits. */
export function editsToPatch(edits: FormEdits): PatchChangeRequest {
  const form: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(edits) as [FieldPath, FieldValue][]) {
    const parts = splitPath(path);
    if (parts.length === 2) {
      const [role, key] = parts;
      form[role] = { ...(form[role] ?? {}), [key]: value };
    } else {
      form[parts[0]] = value;
    }
  }
  return { form: form };
}

/** Every field path of the form, in screen order (used to walk both versions on a conflict). */
export function allFieldPaths(): FieldPath[] {
  const principalPaths = (role: PrincipalRole) => PRINCIPAL_KEYS.map((k) => `${role}.${k}` as FieldPath);
  return [...TOP_LEVEL_KEYS, ...principalPaths('websitePrincipal'), ...principalPaths('entityPrincipal')];
}

/** How a value reads on screen (conflict list, old → new summary). */
export function displayValue(path: string, value: unknown): string {
  if (value === null || value === undefined || value === '') {
    return path.endsWith('idValidUntil') && value === null ? '长期' : '（空）';
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value))
    return value.length ? value.map((v) => (typeof v === 'object' && v !== null ? Object.values(v as Record<string, unknown>).join('：') : String(v))).join('、') : '（空）';
  // ID numbers are masked on every screen that is not the input itself (PIPL; docs/domain-rules.md).
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  if (path.endsWith('.idNumber')) return maskResidentId(text);
  if (path.endsWith('.idType')) return ID_TYPE_LABELS[text as Principal['idType']] ?? text;
  return text;
}
