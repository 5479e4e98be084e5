// The diff of a change: every value the form changes against the filed snapshot, as the confirm step and the reviewer
// see it (display strings, ID numbers masked).
import type { ChangeBase, WebsiteForm } from '../domain/change';
import type { IdDocumentType, PreApproval, Principal } from '../domain/filing';
import { maskResidentId } from '../validators/identity';
import { canonicalIdNumber, uniqueDomains } from './canonical';
import { FIELD_LABELS, ID_TYPE_LABELS, PRINCIPAL_FIELD_LABELS, type PrincipalField, type PrincipalRole } from './labels';
import { effectiveWebsitePrincipal, filedWebsitePrincipal, samePrincipalField } from './principals';

export interface ChangeDiffEntry {
  /** Form path, e.g. `websitePrincipal.mobile`, `domains`. */
  path: string;
  /** Chinese field name. */
  label: string;
  /** Display strings; ID numbers are masked. Empty for an added (before) or removed (after) domain. */
  before: string;
  after: string;
  kind: 'changed' | 'removed' | 'added';
}

function displayPrincipalValue(field: PrincipalField, value: string | null | undefined): string {
  if (field === 'idValidUntil') return value === null || value === undefined ? '长期' : value;
  if (value === null || value === undefined) return '';
  if (field === 'idNumber') return maskResidentId(canonicalIdNumber(value));
  if (field === 'idType') return ID_TYPE_LABELS[value as IdDocumentType] ?? value;
  return value.trim();
}

function diffPrincipal(role: PrincipalRole, before: Principal, after: Principal): ChangeDiffEntry[] {
  return (Object.keys(PRINCIPAL_FIELD_LABELS) as PrincipalField[])
    .filter((field) => !samePrincipalField(field, before, after))
    .map((field) => ({
      path: `${role}.${field}`,
      label: FIELD_LABELS[`${role}.${field}`],
      before: displayPrincipalValue(field, before[field]),
      after: displayPrincipalValue(field, after[field]),
      kind: 'changed' as const,
    }));
}

/** Every value the form changes against the filed snapshot, in form order, for the confirm step and the reviewer. */
export function diffChange(base: ChangeBase, form: WebsiteForm): ChangeDiffEntry[] {
  const entries: ChangeDiffEntry[] = [];
  const changed = (path: string, before: string, after: string) => {
    if (before !== after) entries.push({ path, label: FIELD_LABELS[path], before, after, kind: 'changed' });
  };
  changed('name', base.website.name.trim(), form.name.trim());

  const filedDomains = uniqueDomains(base.website.domains);
  const formDomains = uniqueDomains(form.domains);
  for (const d of filedDomains.filter((d) => !formDomains.includes(d))) {
    entries.push({ path: 'domains', label: FIELD_LABELS.domains, before: d, after: '', kind: 'removed' });
  }
  for (const d of formDomains.filter((d) => !filedDomains.includes(d))) {
    entries.push({ path: 'domains', label: FIELD_LABELS.domains, before: '', after: d, kind: 'added' });
  }

  changed('homepageUrl', base.website.homepageUrl.trim(), form.homepageUrl.trim());
  const filedContent = [...new Set(base.website.serviceContent)].sort();
  const formContent = [...new Set(form.serviceContent)].sort();
  if (filedContent.join('\u0000') !== formContent.join('\u0000')) {
    entries.push({ path: 'serviceContent', label: FIELD_LABELS.serviceContent, before: base.website.serviceContent.join('、'), after: form.serviceContent.join('、'), kind: 'changed' });
  }
  const approvalsText = (list: readonly PreApproval[] | undefined) =>
    [...(list ?? [])]
      .map((a) => `${a.content.trim()}：${a.number.trim()}`)
      .sort()
      .join('、');
  changed('preApprovals', approvalsText(base.website.preApprovals), approvalsText(form.preApprovals));
  changed('notes', base.website.notes.trim(), form.notes.trim());
  changed('principalSameAsEntity', base.website.principalSameAsEntity ? '是' : '否', form.principalSameAsEntity ? '是' : '否');

  // With 同主体负责人 ticked before and after, website-principal changes are the entity-principal changes: list them once.
  if (!(base.website.principalSameAsEntity && form.principalSameAsEntity)) {
    entries.push(...diffPrincipal('websitePrincipal', filedWebsitePrincipal(base), effectiveWebsitePrincipal(form)));
  }
  entries.push(...diffPrincipal('entityPrincipal', base.entityPrincipal, form.entityPrincipal));
  return entries;
}

function sortedSet(values: readonly string[] | undefined): string {
  return [...new Set((values ?? []).map((v) => v.trim()))].sort().join('\u0000');
}

/**
 * Field paths whose value differs between two forms, compared canonically (`+86…` = the same phone, punycode = the same
 * domain, order of lists ignored): top-level fields by name, principal fields as `websitePrincipal.mobile`.
 */
export function formChangedPaths(before: WebsiteForm, after: WebsiteForm): string[] {
  const paths: string[] = [];
  const approvals = (form: WebsiteForm) => sortedSet((form.preApprovals ?? []).map((a) => `${a.content.trim()}：${a.number.trim()}`));
  if (before.name.trim() !== after.name.trim()) paths.push('name');
  if (sortedSet(uniqueDomains(before.domains)) !== sortedSet(uniqueDomains(after.domains))) paths.push('domains');
  if (before.homepageUrl.trim() !== after.homepageUrl.trim()) paths.push('homepageUrl');
  if (sortedSet(before.serviceContent) !== sortedSet(after.serviceContent)) paths.push('serviceContent');
  if (approvals(before) !== approvals(after)) paths.push('preApprovals');
  if (before.notes.trim() !== after.notes.trim()) paths.push('notes');
  if (before.principalSameAsEntity !== after.principalSameAsEntity) paths.push('principalSameAsEntity');
  for (const role of ['websitePrincipal', 'entityPrincipal'] as const) {
    for (const field of Object.keys(PRINCIPAL_FIELD_LABELS) as PrincipalField[]) {
      if (!samePrincipalField(field, before[role], after[role])) paths.push(`${role}.${field}`);
    }
  }
  return paths;
}
