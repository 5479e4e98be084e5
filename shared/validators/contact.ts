// Contact validators: mainland mobile numbers and email addresses.
import { z } from 'zod';

const MOBILE = /^1[3-9]\d{9}$/;

/** Mainland mobile; accepts +86 / 86 prefixes, spaces and dashes; yields the 11 digits. */
export const mobile = z
  .string({ error: '请填写手机号码' })
  .transform((s) => s.replace(/[\s-]/g, '').replace(/^(\+86|0086|86)(?=1\d{10}$)/, ''))
  .refine((s) => MOBILE.test(s), { message: '手机号码格式不正确，请填写11位中国大陆手机号' });

/** The 11 digits of a mainland mobile as typed (`+86 138-…` → `138…`), or null when it is not one. */
export function mainlandMobile(value: string): string | null {
  const parsed = mobile.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Mask for screens and logs: 138****8000. */
export function maskMobile(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '*'.repeat(phone.length);
}

export const email = z
  .string({ error: '请填写电子邮箱' })
  .transform((s) => s.trim())
  .refine((s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) && s.length <= 254, {
    message: '电子邮箱格式不正确，例如 name@example.com',
  });
