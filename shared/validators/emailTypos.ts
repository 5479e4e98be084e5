// Email domain slips ("qq.con", "163.cm", "gmial.com"): the address most likely meant, for a "是否为 …？" suggestion.
// A suggestion, never a refusal: the product cannot know that nobody receives mail at the typed domain.
import { COMMON_MAIL_DOMAINS, TLD_SLIPS } from '../data/emailDomains';
import { isEmailAddress } from './contact';
import { memoizeByString } from '../memo';

/** Domains longer than this are left alone: no provider's is, and the distance below must stay cheap on any input. */
const MAX_COMPARED_DOMAIN = 64;

/** Optimal string alignment distance (edits + adjacent swaps), for two short strings. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j += 1) rows[0][j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

function withoutTld(domain: string): string {
  return domain.slice(0, domain.lastIndexOf('.'));
}

/** The one provider domain nearest to `domain` within `limit` edits, or null when none or several tie (136.com: 126 or 163?). */
function nearestProvider(domain: string): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  let tie = false;
  for (const provider of COMMON_MAIL_DOMAINS) {
    const limit = provider.length >= 9 ? 2 : 1;
    const d = editDistance(domain, provider);
    if (d > limit) continue;
    if (d < bestDistance) {
      best = provider;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) {
      tie = true;
    }
  }
  return tie ? null : best;
}

/**
 * The address the applicant most likely meant, or null when the typed one looks right (or is not an address at all —
 * the format rule speaks then). The local part is kept as typed; only the domain is corrected.
 */
function suggestEmail(value: string): string | null {
  const typed = value.trim();
  if (!isEmailAddress(typed)) return null;
  const at = typed.lastIndexOf('@');
  const local = typed.slice(0, at);
  const domain = typed.slice(at + 1).toLowerCase();
  if (domain.length > MAX_COMPARED_DOMAIN || COMMON_MAIL_DOMAINS.includes(domain)) return null;

  // A provider's name with a slipped top-level domain: qq.con, 163.cm, sina.comm.
  const head = withoutTld(domain);
  const byName = COMMON_MAIL_DOMAINS.find((provider) => withoutTld(provider) === head);
  if (byName) return `${local}@${byName}`;

  const near = nearestProvider(domain);
  if (near) return `${local}@${near}`;

  // Any other domain with a top-level domain no one means: example.con → example.com.
  const meant = TLD_SLIPS[domain.slice(domain.lastIndexOf('.') + 1)];
  return meant ? `${local}@${head}.${meant}` : null;
}

/**
 * emailSuggestion, remembered per typed value: every autosave and checklist asks again for the same addresses, and the
 * edit distances against every provider were a tenth of an autosave's CPU (bench profile).
 */
export const emailSuggestion = memoizeByString(suggestEmail);
