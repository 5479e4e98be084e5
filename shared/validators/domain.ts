// Domain names: Unicode ⇄ punycode conversion, hostname syntax, and the fileable-suffix rule (可备案的顶级域名).
import punycode from 'punycode/punycode.js';
import { z } from 'zod';
import { FILEABLE_SUFFIXES, MAX_SUFFIX_LABELS } from '../data/tlds';
import { MAX_LENGTH, tooLongMessage } from '../domain/limits';
import { memoizeByString } from '../memo';

/** IDNA label separators: the ASCII dot plus the ideographic and full-width dots a Chinese IME produces. */
const SEPARATORS = /[\u3002\uFF0E\uFF61]/g;
const ACE_PREFIX = 'xn--';
const LDH = /^[a-z0-9-]+$/;
/** A Unicode label may hold letters (incl. 汉字), combining marks, digits and hyphens. */
const UNICODE_LABEL = /^[\p{L}\p{M}\p{N}-]+$/u;
/** Every character is ASCII (a label that needs no punycode). */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i += 1) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}
const NOT_LABEL_CHAR = /[^\p{L}\p{M}\p{N}-]/u;

/**
 * Lowercase, NFKC (full-width letters → ASCII) and ASCII dots; does not validate. Throws RangeError on a value far longer
 * than any hostname: punycode's coding is quadratic in a label's length, so a 100 KB "domain" must never reach it.
 */
function normaliseHostname(input: string): string {
  if (input.length > MAX_LENGTH.domainInput) throw new RangeError(`hostname of ${input.length} characters`);
  return input.normalize('NFKC').replace(SEPARATORS, '.').toLowerCase();
}

/** One label in Unicode form; throws RangeError when an `xn--` label is not valid punycode. */
function labelToUnicode(label: string): string {
  if (!label.startsWith(ACE_PREFIX)) return label;
  return punycode.decode(label.slice(ACE_PREFIX.length));
}

function labelToAscii(label: string): string {
  return isAscii(label) ? label : ACE_PREFIX + punycode.encode(label);
}

// Memoised: every autosave's rules convert the same few domains several times over (name, domains, homepage, locks).
const unicodeForm = memoizeByString((domain: string) => normaliseHostname(domain).split('.').map(labelToUnicode).join('.'));
const asciiForm = memoizeByString((domain: string) => unicodeForm(domain).split('.').map(labelToAscii).join('.'));

/** `xn--fsqu00a.xn--fiqs8s` → `例子.中国`. Lowercases; throws RangeError on a malformed `xn--` label. */
export function toUnicodeDomain(domain: string): string {
  return unicodeForm(domain);
}

/** `例子.中国` → `xn--fsqu00a.xn--fiqs8s` (the form DNS and the upstream use). Lowercases. */
export function toAsciiDomain(domain: string): string {
  return asciiForm(domain);
}

/**
 * The fileable suffix a domain ends with, in Unicode form — the longest match, so `a.example.com.cn` → `com.cn`,
 * `x.cn` → `cn`, `例子.中国` → `中国` — or null when its suffix is not fileable (or the domain is malformed).
 */
export function registrableSuffix(domain: string): string | null {
  let labels: string[];
  try {
    labels = toUnicodeDomain(domain).replace(/\.$/, '').split('.');
  } catch {
    return null;
  }
  for (let n = Math.min(MAX_SUFFIX_LABELS, labels.length); n >= 1; n -= 1) {
    const suffix = labels.slice(-n).join('.');
    if (FILEABLE_SUFFIXES.has(suffix)) return suffix;
  }
  return null;
}

/** The registered domain (one label left of the fileable suffix): `www.example.com.cn` → `example.com.cn`. */
export function registrableDomain(domain: string): string | null {
  const suffix = registrableSuffix(domain);
  if (!suffix) return null;
  const labels = toUnicodeDomain(domain).replace(/\.$/, '').split('.');
  const suffixLabels = suffix.split('.').length;
  if (labels.length <= suffixLabels) return null;
  return labels.slice(-(suffixLabels + 1)).join('.');
}

/**
 * A pasted URL is reduced to its hostname rather than refused: on a phone people copy the address bar, and the
 * hostname is unambiguous. Credentials (`user@host`) are refused because they hint at a mistaken paste.
 */
function hostnameOf(input: string): { host: string } | { error: string } {
  let s = input.trim();
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  s = s.split(/[/?#]/, 1)[0];
  if (s.includes('@')) return { error: '域名中不能包含“@”，请只填写域名，例如 example.com' };
  s = s.replace(/:\d*$/, '');
  return { host: s };
}

export type FileableDomainCheck = Readonly<{ domain: string } | { error: string; code?: 'suffix_not_fileable' }>;

/**
 * Why a hostname is not a fileable domain (Chinese, names the problem), or its canonical Unicode form. Memoised (the
 * answer is frozen and shared): every autosave's form rules check the same few domains two or three times over.
 */
export const checkFileableDomain: (input: string) => FileableDomainCheck = memoizeByString((input: string) => Object.freeze(checkDomain(input)));

function checkDomain(input: string): { domain: string } | { error: string; code?: 'suffix_not_fileable' } {
  if (input.length > MAX_LENGTH.domainInput) return { error: tooLongMessage('域名', MAX_LENGTH.domain, input.length) };
  const parsed = hostnameOf(input);
  if ('error' in parsed) return parsed;
  const host = normaliseHostname(parsed.host).replace(/\.$/, '');
  if (host === '') return { error: '请填写域名，例如 example.com' };
  if (/\s/.test(host)) return { error: '域名中不能有空格，请删除空格' };
  const labels = host.split('.');
  if (labels.some((l) => l === '')) return { error: `域名“${host}”中有连续的点或以点开头，请检查` };

  const unicodeLabels: string[] = [];
  for (const label of labels) {
    let unicode: string;
    try {
      unicode = labelToUnicode(label);
    } catch {
      return { error: `域名中的“${label}”不是有效的国际化域名编码，请直接填写中文域名` };
    }
    // An xn-- label must decode to non-ASCII letters and encode back to itself, or it is not a real IDN label.
    const badIdn = isAscii(unicode) || !UNICODE_LABEL.test(unicode) || labelToAscii(unicode) !== label;
    if (label.startsWith(ACE_PREFIX) && badIdn) {
      return { error: `域名中的“${label}”不是有效的国际化域名编码，请直接填写中文域名` };
    }
    if (!UNICODE_LABEL.test(unicode) || (isAscii(unicode) && !LDH.test(unicode))) {
      const bad = unicode.match(NOT_LABEL_CHAR)?.[0] ?? unicode;
      return { error: `域名“${host}”中含有不允许的字符“${bad}”，只能使用字母、数字、连字符“-”和汉字` };
    }
    if (unicode.startsWith('-') || unicode.endsWith('-')) {
      return { error: `域名的每一段不能以连字符“-”开头或结尾（“${unicode}”），请修改` };
    }
    const asciiLength = labelToAscii(unicode).length;
    if (asciiLength > 63) {
      const counted = isAscii(unicode) ? '' : '转换为国际化编码后';
      return { error: `域名的每一段最长63个字符，“${unicode.slice(0, 12)}…”${counted}有${asciiLength}个字符，请缩短` };
    }
    unicodeLabels.push(unicode);
  }
  const domain = unicodeLabels.join('.');
  if (unicodeLabels.length < 2) {
    return FILEABLE_SUFFIXES.has(domain)
      ? { error: `“${domain}”只是域名后缀，请填写完整域名，例如 example.${domain}` }
      : { error: `“${domain}”不是完整的域名，请填写带后缀的域名，例如 ${domain}.com` };
  }
  if (toAsciiDomain(domain).length > 253) return { error: '域名总长度不能超过253个字符，请检查是否填写有误' };

  const suffix = registrableSuffix(domain);
  if (!suffix) {
    return { error: `顶级域 .${unicodeLabels[unicodeLabels.length - 1]} 不在可备案的顶级域名列表中，请更换为 .cn、.com 等可备案的域名`, code: 'suffix_not_fileable' };
  }
  if (suffix === domain) return { error: `“${domain}”只是域名后缀，请填写完整域名，例如 example.${suffix}` };
  return { domain };
}

/** A hostname whose suffix may be filed; yields the canonical Unicode form (`XN--FIQS8S` → `中国`). */
export const fileableDomain = z.string({ error: '请填写域名' }).transform((input, ctx) => {
  const result = checkFileableDomain(input);
  if ('error' in result) {
    ctx.addIssue({ code: 'custom', message: result.error });
    return z.NEVER;
  }
  return result.domain;
});

/** True when `host` is `domain` or one of its subdomains (both compared in Unicode form). */
export function isHostOnDomain(host: string, domain: string): boolean {
  try {
    const h = toUnicodeDomain(host).replace(/\.$/, '');
    const d = toUnicodeDomain(domain).replace(/\.$/, '');
    return h === d || h.endsWith(`.${d}`);
  } catch {
    return false;
  }
}
