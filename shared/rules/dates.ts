// Calendar and clock in Beijing time (filings run on it, whatever the phone's zone): ISO dates (YYYY-MM-DD) compared
// as strings, "today" taken in China time, and the one way to show an instant to an applicant or reviewer.
import { memoizeByString } from '../memo';

/** China Standard Time is UTC+8 all year (no daylight saving). */
export const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
let lastChinaDay = { day: Number.NaN, iso: '' };

/** Today's date in China (UTC+8) as YYYY-MM-DD: an ID valid "until 3 March" is valid all of 3 March Beijing time. */
export function chinaDate(now: Date): string {
  const day = Math.floor((now.getTime() + BEIJING_OFFSET_MS) / DAY_MS);
  // Every rule of every autosave asks for the same day: the last answer is kept (NaN, an invalid Date, never matches).
  if (day !== lastChinaDay.day) lastChinaDay = { day, iso: new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10) };
  return lastChinaDay.iso;
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
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether year `y` (100–9999: a JavaScript Date reads years below 100 as 19xx), month `m` (1–12) and day `d` name a day
 * of the Gregorian calendar. Arithmetic, no Date: every autosave checks a few of them.
 */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || y < 100 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : MONTH_DAYS[m - 1]);
}

/** `iso` plus `months` calendar months; the day is clamped to the month's end (31 Nov → 30 Nov). */
export function addMonths(iso: string, months: number): string {
  // Memoised per (date, months): the rules add the same few months to today's date on every autosave.
  return addMonthsMemo(`${months}|${iso}`);
}

const addMonthsMemo = memoizeByString((key: string) => {
  const bar = key.indexOf('|');
  return computeAddMonths(key.slice(bar + 1), Number(key.slice(0, bar)));
});

function computeAddMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const firstOfTarget = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(d, lastDay));
  return firstOfTarget.toISOString().slice(0, 10);
}

/** ID documents must stay valid this many months after submission (docs/domain-rules.md "Checks"). */
export const ID_MIN_VALIDITY_MONTHS = 3;
