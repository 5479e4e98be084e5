// Calendar and clock in Beijing time (filings run on it, whatever the phone's zone): ISO dates (YYYY-MM-DD) compared
// as strings, "today" taken in China time, and the one way to show an instant to an applicant or reviewer.

/** China Standard Time is UTC+8 all year (no daylight saving). */
export const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Today's date in China (UTC+8) as YYYY-MM-DD: an ID valid "until 3 March" is valid all of 3 March Beijing time. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** `2026-11-27T03:42:00Z` → `2026-11-27 11:42` (Beijing wall clock); a string that is not a time is returned as is. */
export function beijingDateTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** `2026-11-27T20:00:00Z` → `2026-11-28` (the Beijing calendar day of an instant). */
export function beijingDate(iso: string): string {
  return beijingDateTime(iso).slice(0, 10);
}

/** Day of the week in Beijing (0 = Sunday … 6 = Saturday) of an instant. */
export function beijingWeekday(at: Date): number {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).getUTCDay();
}

/** Whole seconds (at least 1) from `now` to the next Beijing midnight: when a daily limit resets. */
export function secondsToBeijingMidnight(now: Date): number {
  const shifted = now.getTime() + BEIJING_OFFSET_MS;
  const next = (Math.floor(shifted / DAY_MS) + 1) * DAY_MS;
  return Math.max(1, Math.ceil((next - shifted) / 1000));
}

/** True when `iso` is YYYY-MM-DD and names a day that exists (no 30 February). */
export function isRealIsoDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** `iso` plus `months` calendar months; the day is clamped to the month's end (31 Nov → 30 Nov). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const firstOfTarget = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(d, lastDay));
  return firstOfTarget.toISOString().slice(0, 10);
}

/** ID documents must stay valid this many months after submission (docs/domain-rules.md "Checks"). */
export const ID_MIN_VALIDITY_MONTHS = 3;
