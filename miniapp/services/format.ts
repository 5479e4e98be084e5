// Display formatting shared by the screens: Beijing times, masked names, Chinese labels for kinds and materials.
import type { EntityKind, MaterialKind, MaterialSubject } from '../../shared/domain/filing';
import { PROVINCES } from '../../shared/rules/provinces';

const BEIJING_OFFSET_MS = 8 * 3600_000;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `2026-11-20T09:00:00Z` → `2026-11-20 17:00` (Beijing time, whatever the phone's zone: filings run on it). */
export function formatDateTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const d = new Date(time + BEIJING_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function formatDate(iso: string): string {
  return formatDateTime(iso).slice(0, 10);
}

/** A person's name on screens: first character kept, the rest starred except a 3+ character name's last (张*伟). */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export const ENTITY_KIND_LABELS: Record<EntityKind, string> = { personal: '个人', organisation: '单位' };

export function provinceName(code: string): string {
  return PROVINCES.find((p) => p.code === code)?.name ?? code;
}

const MATERIAL_KIND_LABELS: Record<MaterialKind, string> = {
  id_front: '证件正面照片',
  id_back: '证件反面照片',
  verification_form: '网站真实性核验单',
  authorization_letter: '授权书',
  change_letter: '变更说明',
  other: '其他材料',
};
const MATERIAL_SUBJECT_LABELS: Record<MaterialSubject, string> = {
  website_principal: '网站负责人',
  entity_principal: '主体负责人',
  website: '',
};

/** `website_principal.id_front` → 网站负责人证件正面照片. */
export function materialLabel(slot: string): string {
  const [subject, kind] = slot.split('.') as [MaterialSubject, MaterialKind];
  const kindLabel = MATERIAL_KIND_LABELS[kind];
  if (!kindLabel) return slot;
  return `${MATERIAL_SUBJECT_LABELS[subject] ?? ''}${kindLabel}`;
}
