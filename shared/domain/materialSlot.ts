// Material kinds, subjects and the slot key `${subject}.${kind}` as plain data (no zod), so screens of the main package
// can name a reviewer's target without carrying the schemas; filing.ts builds its zod enums from these lists.

export const MATERIAL_KINDS = ['id_front', 'id_back', 'verification_form', 'authorization_letter', 'change_letter', 'pre_approval', 'other'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

/** Whose document a material is: the website principal's, the entity principal's, or the website's own. */
export const MATERIAL_SUBJECTS = ['website_principal', 'entity_principal', 'website'] as const;
export type MaterialSubject = (typeof MATERIAL_SUBJECTS)[number];

/** Key of a material slot in a change: `${subject}.${kind}`, e.g. `website_principal.id_front`. */
export type MaterialSlot = `${MaterialSubject}.${MaterialKind}`;
export function materialSlot(subject: MaterialSubject, kind: MaterialKind): MaterialSlot {
  return `${subject}.${kind}`;
}

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** The slot named by `value`, or null when it is not one (a field path, a typo, hostile input). */
export function parseMaterialSlot(value: string): { slot: MaterialSlot; subject: MaterialSubject; kind: MaterialKind } | null {
  const dot = value.indexOf('.');
  if (dot < 0) return null;
  const subject = value.slice(0, dot);
  const kind = value.slice(dot + 1);
  return isOneOf(MATERIAL_SUBJECTS, subject) && isOneOf(MATERIAL_KINDS, kind) ? { slot: materialSlot(subject, kind), subject, kind } : null;
}

/** True when a reviewer's target path or a wizard focus names a material slot rather than a form field. */
export function isMaterialSlot(value: string): value is MaterialSlot {
  return parseMaterialSlot(value) !== null;
}
