// Identity validators: resident ID (GB 11643) and unified social credit code (GB 32100-2015).
import { z } from 'zod';
import { MAX_LENGTH } from '../domain/limits';
import { isCalendarDate } from '../rules/dates';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
const ID_PATTERN = /^[1-9]\d{5}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]$/;

/** The check character a resident ID's first 17 digits call for. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** Birth date of a well-formed resident ID, or null when the date does not exist on the calendar. */
export function residentIdBirthDate(id: string): Date | null {
  const [y, m, d] = birthDateParts(id);
  return isCalendarDate(y, m, d) ? new Date(Date.UTC(y, m - 1, d)) : null;
}

/** Year, month (1–12) and day of the birth date digits of a resident ID (positions 7–14). */
function birthDateParts(id: string): [number, number, number] {
  return [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
}

export type ResidentIdProblem = 'length' | 'format' | 'date' | 'future' | 'check';

export const RESIDENT_ID_MESSAGES: Record<ResidentIdProblem, string> = {
  length: '身份证号码应为18位',
  format: '身份证号码格式不正确，应为17位数字加1位数字或X',
  date: '身份证号码中的出生日期不存在，请核对',
  future: '身份证号码中的出生日期晚于今天，请核对',
  check: '身份证号码校验位不正确，请逐位核对',
};

/** Decide one resident ID (already upper-cased); `today` lets tests pin the clock. */
export function residentIdProblem(id: string, today: Date = new Date()): ResidentIdProblem | null {
  if (id.length !== 18) return 'length';
  if (!ID_PATTERN.test(id)) return 'format';
  // The birth date as numbers (no Date: every autosave checks each principal's number).
  const [y, m, d] = birthDateParts(id);
  if (!isCalendarDate(y, m, d)) return 'date';
  if (Date.UTC(y, m - 1, d) > today.getTime()) return 'future';
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) return 'check';
  return null;
}

/** Resident ID: accepts surrounding spaces and a lowercase x; yields the canonical upper-case form. */
export const residentId = z
  .string({ error: '请填写身份证号码' })
  .max(MAX_LENGTH.idNumber, { error: RESIDENT_ID_MESSAGES.length })
  .transform((s) => s.trim().toUpperCase())
  .superRefine((id, ctx) => {
    const problem = residentIdProblem(id);
    if (problem) ctx.addIssue({ code: 'custom', message: RESIDENT_ID_MESSAGES[problem] });
  });

// The masks live in masking.ts (no zod: the main package's pages use them); re-exported for existing importers.
export { maskName, maskResidentId } from './masking';

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character the first 17 characters of a credit code call for (they must be in the alphabet). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += CREDIT_ALPHABET.indexOf(first17[i]) * CREDIT_WEIGHTS[i];
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31];
}

export type CreditCodeProblem = 'length' | 'alphabet' | 'check';

export const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, string> = {
  length: '统一社会信用代码应为18位',
  alphabet: '统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）',
  check: '统一社会信用代码校验位不正确，请逐位核对',
};

export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!CREDIT_ALPHABET.includes(ch)) return 'alphabet';
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return 'check';
  return null;
}

/** Unified social credit code; lowercase input is upper-cased. */
export const creditCode = z
  .string({ error: '请填写统一社会信用代码' })
  .max(MAX_LENGTH.idNumber, { error: CREDIT_CODE_MESSAGES.length })
  .transform((s) => s.trim().toUpperCase())
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: CREDIT_CODE_MESSAGES[problem] });
  });
