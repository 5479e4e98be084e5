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

/** A phone that may be a landline: digits only (`0571-8888 8888` = `057188888888`), a mainland mobile as its 11 digits. */
export function canonicalPhone(value: string): string {
  return mainlandMobile(value) ?? value.replace(/[\s\-()（）]/g, '');
}

/** One principal field in the form two values are compared in (`''` for an absent value). */
export function canonicalPrincipalValue(field: PrincipalField, value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (field === 'mobile') return canonicalMobile(value);
  if (field === 'emergencyPhone' || field === 'officePhone') return canonicalPhone(value);
  if (field === 'idNumber') return canonicalIdNumber(value);
  if (field === 'email') return canonicalEmail(value);
  return value.trim();
}

function canonicalPrincipal(p: Principal): Principal {
  const out: Principal = { ...p, name: p.name.trim(), idNumber: canonicalIdNumber(p.idNumber), mobile: canonicalMobile(p.mobile), email: p.email.trim() };
  if (p.emergencyPhone !== undefined) out.emergencyPhone = p.emergencyPhone.trim();
  if (p.officePhone !== undefined) out.officePhone = p.officePhone.trim();
  return out;
}

/** The form as the review system receives it at submit: trimmed, IDs upper-case, mobiles 11 digits, domains lowercase. */
export function canonicalForm(form: WebsiteForm): WebsiteForm {
  return {
    ...form,
    name: form.name.trim(),
    domains: form.domains.map((d) => d.trim().toLowerCase()).filter(Boolean),
    homepageUrl: form.homepageUrl.trim(),
    ...(form.preApprovals ? { preApprovals: form.preApprovals.map((a) => ({ content: a.content.trim(), number: a.number.trim() })) } : {}),
    websitePrincipal: canonicalPrincipal(form.websitePrincipal),
    entityPrincipal: canonicalPrincipal(form.entityPrincipal),
  };
}
