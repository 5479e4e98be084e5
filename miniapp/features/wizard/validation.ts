// Live validation of one step-1 field, built on the shared validators so the phone and the BFF say the same thing.
import type { WebsiteForm } from '../../../shared/domain/change';
import type { EntityKind } from '../../../shared/domain/filing';
import type { ProvinceCode } from '../../../shared/rules/provinces';
import { addMonths, chinaDate, ID_MIN_VALIDITY_MONTHS, isRealIsoDate } from '../../../shared/rules/dates';
import { email, mobile } from '../../../shared/validators/contact';
import { isHostOnDomain } from '../../../shared/validators/domain';
import { residentId } from '../../../shared/validators/identity';
import { checkWebsiteName } from '../../../shared/validators/websiteName';
import { fieldLabel, getField, type FieldPath } from './fields';

function firstIssue(result: { success: boolean; error?: { issues: { message: string }[] } }): string | null {
  return result.success ? null : result.error?.issues[0]?.message ?? null;
}

/** Canonical 11-digit mobile of what was typed, or null when it is not a valid mainland mobile. */
export function canonicalMobile(value: string): string | null {
  const r = mobile.safeParse(value);
  return r.success ? r.data : null;
}

/** What the rules need besides the form (from the change's filed base). */
export interface ValidationContext {
  entityKind: EntityKind;
  province: ProvinceCode;
  /** Pins "today" in tests. */
  now?: Date;
}

/** The Chinese error for this field in this form, or null when it is fine. */
export function validateField(path: FieldPath, form: WebsiteForm, ctx: ValidationContext): string | null {
  const value = getField(form, path);
  const label = fieldLabel(path);
  switch (path) {
    case 'name': {
      const check = checkWebsiteName(String(value ?? ''), { entityKind: ctx.entityKind, domains: form.domains, province: ctx.province });
      return check.errors[0] ?? null;
    }
    case 'homepageUrl': {
      const url = String(value ?? '').trim();
      if (!url) return '请填写网站首页地址，例如 https://www.example.com';
      if (!/^https?:\/\/[^\s/]+/i.test(url)) return '网站首页地址需以 http:// 或 https:// 开头，例如 https://www.example.com';
      const host = url.replace(/^https?:\/\//i, '').split(/[/:?#]/)[0].toLowerCase();
      if (!form.domains.some((d) => isHostOnDomain(host, d))) return `网站首页地址的域名 ${host} 不在本网站的备案域名中，请使用已备案的域名`;
      return null;
    }
    case 'domains':
      return form.domains.length === 0 ? '网站至少保留一个域名；不再使用整个网站请办理注销网站' : null;
    case 'notes':
      return String(value ?? '').length > 2000 ? '备注最多2000字，请精简' : null;
    case 'websitePrincipal.name':
    case 'entityPrincipal.name':
      return String(value ?? '').trim() ? null : `请填写${label}`;
    case 'websitePrincipal.idNumber':
    case 'entityPrincipal.idNumber': {
      const role = path.startsWith('website') ? form.websitePrincipal : form.entityPrincipal;
      if (!String(value ?? '').trim()) return `请填写${label}`;
      if (role.idType !== 'resident_id') return null;
      const msg = firstIssue(residentId.safeParse(value));
      return msg ? `${label}：${msg}` : null;
    }
    case 'websitePrincipal.idValidUntil':
    case 'entityPrincipal.idValidUntil': {
      if (value === null) return null;
      const iso = String(value).trim();
      if (!isRealIsoDate(iso)) return `${label}应为 YYYY-MM-DD 格式的有效日期，长期有效请填“长期”`;
      const mustReach = addMonths(chinaDate(ctx.now ?? new Date()), ID_MIN_VALIDITY_MONTHS);
      if (iso < mustReach) return `${label}需在${ID_MIN_VALIDITY_MONTHS}个月以上（不早于 ${mustReach}），证件即将过期请先换领新证件`;
      return null;
    }
    case 'websitePrincipal.mobile':
    case 'entityPrincipal.mobile': {
      const msg = firstIssue(mobile.safeParse(value));
      return msg ? `${label}：${msg}` : null;
    }
    case 'websitePrincipal.email':
    case 'entityPrincipal.email': {
      const msg = firstIssue(email.safeParse(value));
      return msg ? `${label}：${msg}` : null;
    }
    default:
      return null;
  }
}
