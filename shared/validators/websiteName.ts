// Website name rules (网站名称): length in Chinese characters, no symbols or bare domains, reserved prefixes, personal-filing words.
import { z } from 'zod';
import { DEFAULT_PROVINCE_RULES, provinceRules } from '../data/provinceRules';
import { PERSONAL_NAME_WORDS, STATE_PREFIXES } from '../data/websiteNameWords';
import type { EntityKind } from '../domain/filing';
import { MAX_LENGTH, tooLongMessage } from '../domain/limits';
import type { ProvinceCode } from '../rules/provinces';
import type { StateBodyVerdict } from '../rules/stateBody';
import { toAsciiDomain, toUnicodeDomain } from './domain';

export interface WebsiteNameOptions {
  entityKind: EntityKind;
  /** The website's domains; the name must not simply be one of them. */
  domains: readonly string[];
  /** Province of the filing: its rules set the minimum number of Chinese characters. */
  province?: ProvinceCode;
  /** Overrides the province's minimum (tests, or a rule the upstream reports). */
  minChineseChars?: number;
  /** What the entity's certificate says about it being a state body (shared/rules/stateBody.ts); absent = cannot tell. */
  stateBody?: StateBodyVerdict;
}

/** Errors block submission; warnings are shown but the applicant may still submit. */
export interface WebsiteNameCheck {
  errors: string[];
  warnings: string[];
}

/** Which rule a name breaks (the rule catalogue maps each to one rule with one severity). */
export type WebsiteNameProblemCode =
  'empty' | 'too_long' | 'bare_domain' | 'symbols' | 'digits_only' | 'latin_only' | 'too_few_han' | 'state_prefix' | 'state_prefix_unverified' | 'personal_word' | 'personal_word_varies';

export interface WebsiteNameProblem {
  code: WebsiteNameProblemCode;
  message: string;
}

/** Codes that only warn: the name may pass, depending on facts the product cannot see. */
const WARNING_CODES: ReadonlySet<WebsiteNameProblemCode> = new Set(['state_prefix_unverified', 'personal_word_varies']);

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
 * The characters of the name as typed that are symbols or spaces. Each is judged by its NFKC form (a full-width
 * letter Ａ is a letter) but quoted as typed: `示例网站！` names `！`, the character the applicant sees.
 */
function symbolsAsTyped(typed: string): string[] {
  return [...new Set([...typed].filter((ch) => [...ch.normalize('NFKC')].some((n) => !ALLOWED.test(n))))];
}

/** Every rule the name breaks, each with its code and message, in the order the applicant should fix them. */
export function websiteNameProblems(name: string, options: WebsiteNameOptions): WebsiteNameProblem[] {
  if (name.length > MAX_LENGTH.websiteName) return [{ code: 'too_long', message: tooLongMessage('网站名称', MAX_LENGTH.websiteName, name.length) }];
  const typed = name.trim();
  // NFKC turns full-width letters and digits (ＡＢＣ１２３) into ASCII so they are judged like the ASCII ones.
  const text = typed.normalize('NFKC');
  if (text === '') return [{ code: 'empty', message: '请填写网站名称' }];
  const problems: WebsiteNameProblem[] = [];

  const bare = asBareHost(text);
  const matchedDomain = options.domains.find((d) => domainForms(d).some((form) => form === bare || `www.${form}` === bare));
  if (matchedDomain !== undefined || LOOKS_LIKE_DOMAIN.test(bare)) {
    const shown = matchedDomain !== undefined ? (domainForms(matchedDomain)[0] ?? matchedDomain) : typed;
    return [{ code: 'bare_domain', message: `网站名称不能直接使用域名“${shown}”，请填写能说明网站内容的中文名称` }];
  }

  const symbols = symbolsAsTyped(typed);
  if (symbols.length > 0) {
    const shown = symbols.map((s) => (/\s/.test(s) ? '空格' : `“${s}”`)).join('、');
    problems.push({ code: 'symbols', message: `网站名称不能包含符号或空格（${shown}），请删除` });
  }

  const min = options.minChineseChars ?? (options.province ? provinceRules(options.province) : DEFAULT_PROVINCE_RULES).websiteNameMinChineseChars;
  const hanCount = text.match(HAN)?.length ?? 0;
  if (/^\d+$/.test(text)) {
    problems.push({ code: 'digits_only', message: '网站名称不能只有数字，请使用能说明网站内容的中文名称' });
  } else if (hanCount === 0 && /[A-Za-z]/.test(text)) {
    problems.push({ code: 'latin_only', message: '网站名称不能只用英文字母，请使用能说明网站内容的中文名称' });
  } else if (hanCount < min) {
    problems.push({ code: 'too_few_han', message: `网站名称至少需要${min}个汉字（现有${hanCount}个），请补充` });
  }

  const prefix = STATE_PREFIXES.find((p) => text.startsWith(p));
  if (prefix) problems.push(statePrefixProblem(prefix, options));

  if (options.entityKind === 'personal') {
    // Longest words first, so “有限公司” is reported once rather than also as “公司”.
    const matched: string[] = [];
    for (const entry of [...PERSONAL_NAME_WORDS].sort((a, b) => b.word.length - a.word.length)) {
      if (!text.includes(entry.word) || matched.some((m) => m.includes(entry.word))) continue;
      matched.push(entry.word);
      if (entry.severity === 'error') problems.push({ code: 'personal_word', message: `个人网站名称不能包含“${entry.word}”：${entry.reason}，请修改` });
      else problems.push({ code: 'personal_word_varies', message: `网站名称含有“${entry.word}”：${entry.reason}，建议修改` });
    }
  }
  return problems;
}

/**
 * A reserved prefix: refused when the entity is plainly no state body (a person, a company, a social organisation),
 * a warning that says what to check when its certificate does not tell (机关、事业单位 codes).
 */
function statePrefixProblem(prefix: string, options: WebsiteNameOptions): WebsiteNameProblem {
  if (options.entityKind === 'personal') {
    return { code: 'state_prefix', message: `个人网站名称不能以“${prefix}”开头（仅党政机关、国家机构可用），请修改` };
  }
  const verdict = options.stateBody;
  if (verdict?.kind === 'no') {
    return { code: 'state_prefix', message: `网站名称不能以“${prefix}”开头：仅党政机关、国家机构可以使用，本主体不属于此类（${verdict.basis}），请修改` };
  }
  const basis = verdict ? `（${verdict.basis}）` : '';
  return {
    code: 'state_prefix_unverified',
    message: `网站名称以“${prefix}”开头，只有党政机关、国家机构可以使用；请确认贵单位${basis}属于此类，并备好主管部门同意使用该名称的文件，否则请修改`,
  };
}

/**
 * Decide one website name: errors (block) and warnings (shown). Reserved prefixes are an error for personal filings and
 * for organisations whose certificate shows they are no state body (`options.stateBody`), a warning otherwise.
 */
export function checkWebsiteName(name: string, options: WebsiteNameOptions): WebsiteNameCheck {
  const problems = websiteNameProblems(name, options);
  return {
    errors: problems.filter((p) => !WARNING_CODES.has(p.code)).map((p) => p.message),
    warnings: problems.filter((p) => WARNING_CODES.has(p.code)).map((p) => p.message),
  };
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
