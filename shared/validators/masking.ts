// Masks for personal data on screens and in logs (PIPL: show only what the reader needs). Plain functions without zod,
// so the main package's pages can use them without carrying the schemas.

/** Mask for screens and logs: 4403**********123X. */
export function maskResidentId(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** A person's name on screens: first character kept, the rest starred except a 3+ character name's last (张*伟). */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
