// Canonical forms: how two typed values are compared (same person, same domain, same phone), and the clean form the
// review system receives at submit (the draft keeps what was typed).
import type { WebsiteForm } from '../domain/change';
import type { Principal } from '../domain/filing';
import { mainlandMobile } from '../validators/contact';
import { toUnicodeDomain } from '../validators/domain';
import type { PrincipalField } from './labels';

/** 11 digits of a mainland mobile (`+86 138…` → `138…`); anything else trimmed, as typed. */
export function canonicalMobile(value: string): string {
  return mainlandMobile(value) ?? value.trim();
}

/** ID numbers compare upper-case (a lowercase x check character is the same ID). */
export function canonicalIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

export function canonicalEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** Domains compared in lowercase Unicode form; a malformed one is compared as typed. */
export function canonicalDomain(value: string): string {
  const trimmed = value.trim().replace(/\.$/, '');
  try {
    return toUnicodeDomain(trimmed);
  } catch {
    return trimmed.toLowerCase();
  }
}

/** The distinct non-empty domains of a list, canonical. */
export function uniqueDomains(domains: readonly string[]): string[] {
  return [...new Set(domains.map(canonicalDomain).filter((d) => d !== ''))];
}

/** One principal field in the form two values are compared in (`''` for an absent value). */
export function canonicalPrincipalValue(field: PrincipalField, value: string | null): string {
  if (value === null) return '';
  if (field === 'mobile') return canonicalMobile(value);
  if (field === 'idNumber') return canonicalIdNumber(value);
  if (field === 'email') return canonicalEmail(value);
  return value.trim();
}

function canonicalPrincipal(p: Principal): Principal {
  return { ...p, name: p.name.trim(), idNumber: canonicalIdNumber(p.idNumber), mobile: canonicalMobile(p.mobile), email: p.email.trim() };
}

/** The form as the review system receives it at submit: trimmed, IDs upper-case, mobiles 11 digits, domains lowercase. */
export function canonicalForm(form: WebsiteForm): WebsiteForm {
  return {
    ...form,
    name: form.name.trim(),
    domains: form.domains.map((d) => d.trim().toLowerCase()).filter(Boolean),
    homepageUrl: form.homepageUrl.trim(),
    websitePrincipal: canonicalPrincipal(form.websitePrincipal),
    entityPrincipal: canonicalPrincipal(form.entityPrincipal),
  };
}
