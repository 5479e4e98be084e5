// Contact validators: mainland mobile numbers and email addresses. Each checks the length before any pattern and runs
// in time linear in its input (a 100 KB value is refused as quickly as a short one).
import { z } from 'zod';
import { MAX_LENGTH } from '../domain/limits';

const MOBILE = /^1[3-9]\d{9}$/;
const MOBILE_MESSAGE = '手机号码格式不正确，请填写11位中国大陆手机号';

/** The 11 digits of `+86 138-0000-0000`, or null when the value is not a mainland mobile. */
function parseMobile(value: string): string | null {
  if (value.length > MAX_LENGTH.mobile) return null;
  const digits = value.replace(/[\s-]/g, '').replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  return MOBILE.test(digits) ? digits : null;
}

/** Mainland mobile; accepts +86 / 86 prefixes, spaces and dashes; yields the 11 digits. */
export const mobile = z.string({ error: '请填写手机号码' }).transform((s, ctx) => {
  const digits = parseMobile(s);
  if (digits === null) {
    ctx.addIssue({ code: 'custom', message: MOBILE_MESSAGE });
    return z.NEVER;
  }
  return digits;
});

/** The 11 digits of a mainland mobile as typed (`+86 138-…` → `138…`), or null when it is not one. */
export function mainlandMobile(value: string): string | null {
  return parseMobile(value);
}

/** Mask for screens and logs: 138****8000. */
export function maskMobile(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '*'.repeat(phone.length);
}

const NO_SPACE_OR_AT = /^[^\s@]+$/;

/**
 * `local@domain.tld`: one `@`, no spaces, a dot inside the domain with something on both sides, at most 254
 * characters. Written without a backtracking pattern: `/^[^\s@]+@[^\s@]+\.[^\s@]+$/` takes seconds on `a@....@`.
 */
export function isEmailAddress(value: string): boolean {
  const s = value.trim();
  if (s.length > MAX_LENGTH.email) return false;
  const at = s.indexOf('@');
  if (at <= 0) return false;
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (!NO_SPACE_OR_AT.test(local) || !NO_SPACE_OR_AT.test(domain)) return false;
  const dot = domain.indexOf('.', 1);
  return dot > 0 && dot < domain.length - 1;
}

export const email = z
  .string({ error: '请填写电子邮箱' })
  .transform((s) => s.trim())
  .refine(isEmailAddress, { message: '电子邮箱格式不正确，例如 name@example.com' });

const LANDLINE = /^0\d{2,3}\d{7,8}(?:\d{1,6})?$/;

/**
 * A phone that may be a landline (`0571-8888 8888`, an extension after a dash) or a mainland mobile: its digits, or
 * null when it is neither. Used for 应急联系电话 and 办公室电话.
 */
export function landlineOrMobile(value: string): string | null {
  if (value.length > MAX_LENGTH.phone) return null;
  const mobileDigits = parseMobile(value);
  if (mobileDigits) return mobileDigits;
  const digits = value.replace(/[\s\-()（）]/g, '').replace(/^(\+86|0086|86)(?=0)/, '');
  return LANDLINE.test(digits) ? digits : null;
}
