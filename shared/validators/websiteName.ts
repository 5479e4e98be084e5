// Website name rules (网站名称): length in Chinese characters, no symbols or bare domains, reserved prefixes, personal-filing words.
import { z } from 'zod';
import { DEFAULT_PROVINCE_RULES, provinceRules } from '../data/provinceRules';
import { PERSONAL_NAME_WORDS, STATE_PREFIXES } from '../data/websiteNameWords';
import type { EntityKind } from '../domain/filing';
import { MAX_LENGTH, tooLongMessage } from '../domain/limits';
import type { ProvinceCode } from '../rules/provinces';
import { toAsciiDomain, toUnicodeDomain } from './domain';

export interface WebsiteNameOptions {
  entityKind: EntityKind;
  /** The website's domains; the name must not simply be one of them. */
  domains: readonly string[];
  /** Province of the filing: its rules set the minimum number of Chinese characters. */
  province?: ProvinceCode;
  /** Overrides the province's minimum (tests, or a rule the upstream reports). */
  minChineseChars?: number;
}

/** Errors block submission; warnings are shown but the applicant may still submit. */
export interface WebsiteNameCheck {
  errors: string[];
  warnings: string[];
}

const HAN = /\p{Script=Han}/gu;
const ALLOWED = /[\p{Script=Han}A-Za-z0-9]/u;
const LOOKS_LIKE_DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;

function domainForms(domain: string): string[] {
  try {
    const unicode = toUnicodeDomain(domain).replace(/\.$/, '');
    return [unicode, toAsciiDomain(unicode)];
  } catch {
    return [domain.toLowerCase()];
  }
}

/** The name with a pasted scheme, `www.` and trailing slash removed, for comparing against domains. */
function asBareHost(name: string): string {
  return name
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/$/, '')
    .replace(/^www\./, '');
}

/**
 * Decide one website name. Reserved prefixes are an error for personal filings (a person is never a state body) but
 * only a warning for organisations, because the entity kind does not tell us whether the organisation is a state body.
 */
export function checkWebsiteName(name: string, options: WebsiteNameOptions): WebsiteNameCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  // NFKC turns full-width letters and digits (ＡＢＣ１２３) into ASCII so they are judged like the ASCII ones.
  if (name.length > MAX_LENGTH.websiteName) return { errors: [tooLongMessage('网站名称', MAX_LENGTH.websiteName, name.length)], warnings };
  const text = name.trim().normalize('NFKC');
  if (text === '') return { errors: ['请填写网站名称'], warnings };

  const bare = asBareHost(text);
  const matchedDomain = options.domains.find((d) => domainForms(d).some((form) => form === bare || `www.${form}` === bare));
  if (matchedDomain !== undefined || LOOKS_LIKE_DOMAIN.test(bare)) {
    const shown = matchedDomain ?? bare;
    return { errors: [`网站名称不能直接使用域名“${shown}”，请填写能说明网站内容的中文名称`], warnings };
  }

  const symbols = [...new Set([...text].filter((ch) => !ALLOWED.test(ch)))];
  if (symbols.length > 0) {
    const shown = symbols.map((s) => (/\s/.test(s) ? '空格' : `“${s}”`)).join('、');
    errors.push(`网站名称不能包含符号或空格（${shown}），请删除`);
  }

  const min = options.minChineseChars ?? (options.province ? provinceRules(options.province) : DEFAULT_PROVINCE_RULES).websiteNameMinChineseChars;
  const hanCount = text.match(HAN)?.length ?? 0;
  if (/^\d+$/.test(text)) {
    errors.push('网站名称不能只有数字，请使用能说明网站内容的中文名称');
  } else if (hanCount === 0 && /[A-Za-z]/.test(text)) {
    errors.push('网站名称不能只用英文字母，请使用能说明网站内容的中文名称');
  } else if (hanCount < min) {
    errors.push(`网站名称至少需要${min}个汉字（现有${hanCount}个），请补充`);
  }

  const prefix = STATE_PREFIXES.find((p) => text.startsWith(p));
  if (prefix) {
    if (options.entityKind === 'personal') {
      errors.push(`个人网站名称不能以“${prefix}”开头（仅党政机关、国家机构可用），请修改`);
    } else {
      warnings.push(`网站名称以“${prefix}”开头，只有党政机关、国家机构可以使用；如贵单位不属于此类，请修改`);
    }
  }

  if (options.entityKind === 'personal') {
    // Longest words first, so “有限公司” is reported once rather than also as “公司”.
    const matched: string[] = [];
    for (const entry of [...PERSONAL_NAME_WORDS].sort((a, b) => b.word.length - a.word.length)) {
      if (!text.includes(entry.word) || matched.some((m) => m.includes(entry.word))) continue;
      matched.push(entry.word);
      if (entry.severity === 'error') errors.push(`个人网站名称不能包含“${entry.word}”：${entry.reason}，请修改`);
      else warnings.push(`网站名称含有“${entry.word}”：${entry.reason}，建议修改`);
    }
  }
  return { errors, warnings };
}

/** A zod schema for the name under the given options: errors become issues, warnings are left to `checkWebsiteName`. */
export function websiteNameSchema(options: WebsiteNameOptions) {
  return z
    .string({ error: '请填写网站名称' })
    .transform((s) => s.trim())
    .superRefine((name, ctx) => {
      for (const message of checkWebsiteName(name, options).errors) ctx.addIssue({ code: 'custom', message });
    });
}
