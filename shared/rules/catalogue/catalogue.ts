// The rule catalogue: every rule the product applies to a change, one severity each, in checklist order.
import { CONTENT_RULES } from './rules/content';
import { DOMAIN_RULES } from './rules/domains';
import { HOMEPAGE_RULES } from './rules/homepage';
import { MATERIAL_RULES } from './rules/materials';
import { NAME_RULES } from './rules/name';
import { PRINCIPAL_RULES } from './rules/principals';
import { RECOGNITION_RULES } from './rules/recognition';
import { LOCKED_RULES, PROCESS_RULES } from './rules/process';
import { VERIFICATION_RULES } from './rules/verification';
import type { Rule } from './types';

const byId = (id: string) => (r: Rule) => r.id === id;
const process = (id: string) => PROCESS_RULES.filter(byId(id));

export const CATALOGUE: readonly Rule[] = [
  ...process('has_changes'),
  ...process('rejection_fields_changed'),
  ...LOCKED_RULES,
  ...NAME_RULES,
  ...DOMAIN_RULES,
  ...HOMEPAGE_RULES,
  ...CONTENT_RULES,
  ...PRINCIPAL_RULES,
  ...process('phones_verified'),
  ...VERIFICATION_RULES,
  ...MATERIAL_RULES,
  ...RECOGNITION_RULES,
  ...process('agreement'),
];

/** A rule by id, or undefined for an id the catalogue does not know (a reviewer's own reason). */
export function ruleById(id: string): Rule | undefined {
  return CATALOGUE.find(byId(id));
}
