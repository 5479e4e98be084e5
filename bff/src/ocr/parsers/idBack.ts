// ID card back: 签发机关 and 有效期限 (`2016.03.07-2036.03.07`, `2016.03.07-长期`), the term confirming the dates.
import { emptyParsed, isoDateOf, keepOnly, put, type Parsed } from './fields';
import { afterLabel, digitsOf, type Row } from './rows';

const AUTHORITY_LABEL = /^.{0,2}?(签发机关|发机关|机关)/;
const VALIDITY_LABEL = /有效期限|有效期|期限/;
/** Two dates with any of the separators OCR produces, or a date and 长期. */
const VALIDITY = /(\d{4})[.·,，。:：-]?(\d{2})[.·,，。:：-]?(\d{2})[-—–~～至一_－]+(?:(\d{4})[.·,，。:：-]?(\d{2})[.·,，。:：-]?(\d{2})|(长期|长|期))/;

/** Terms a resident ID is issued for (5, 10 or 20 years; 长期 from 46). */
const TERMS = [5, 10, 20];

export function parseIdBack(rows: readonly Row[]): Parsed {
  const parsed = emptyParsed();
  for (const row of rows) {
    if (!parsed.fields.issuingAuthority && /签发机关|发机关/.test(row.text)) {
      const value = afterLabel(row, AUTHORITY_LABEL);
      const authority = value && keepOnly(value, /[\u4e00-\u9fa5]/);
      if (authority && /(公安局|分局|派出所)$/.test(authority.text) && authority.text.length >= 4) put(parsed, 'issuingAuthority', authority.text, authority);
    }
    if (parsed.fields.validFrom) continue;
    const label = VALIDITY_LABEL.exec(row.text);
    const text = digitsOf(label ? row.text.slice(label.index + label[0].length) : row.text);
    const offset = label ? label.index + label[0].length : 0;
    const match = VALIDITY.exec(text);
    if (!match) continue;
    const from = isoDateOf(Number(match[1]), Number(match[2]), Number(match[3]));
    if (!from) continue;
    const probs = row.probs.slice(offset + match.index, offset + match.index + match[0].length);
    if (match[7]) {
      put(parsed, 'validFrom', from, { text: match[0], probs });
      put(parsed, 'validUntil', null, { text: match[0], probs });
      continue;
    }
    const until = isoDateOf(Number(match[4]), Number(match[5]), Number(match[6]));
    // A card is valid for whole years to the day: a term that is not 5/10/20 years means a digit was misread.
    const years = Number(match[4]) - Number(match[1]);
    const sameDay = match[5] === match[2] && (match[6] === match[3] || (match[2] === '02' && match[3] === '29'));
    if (!until || !TERMS.includes(years) || !sameDay) continue;
    put(parsed, 'validFrom', from, { text: match[0], probs });
    put(parsed, 'validUntil', until, { text: match[0], probs });
  }
  return parsed;
}
