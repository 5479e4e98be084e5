// ID card front: 姓名, 性别, 民族, 出生, 住址, 公民身份号码 — by label, the number confirmed by its check digit.
import { residentIdBirthDate } from '../../../../shared/validators/identity';
import { findResidentId } from './codes';
import { CJK_NAME, emptyParsed, isoDateOf, keepOnly, put, type Parsed } from './fields';
import { afterLabel, digitsOf, type Extract, type Row } from './rows';

// Labels as OCR reads them: a character may be dropped or misread (姓名 → 娃名, 住址 → 往址), so each has a loose form.
const NAME_LABEL = /^.{0,2}?(姓名|[娃妊]名|姓|名)/;
const GENDER = /性别?([男女])|别([男女])/;
const ETHNICITY = /民族([\u4e00-\u9fa5]{1,5})/;
const BIRTH_LABEL = /^.{0,2}?(出生|出|生)/;
const ADDRESS_LABEL = /^.{0,2}?(住址|[往住佳]址|址)/;
const ID_LABEL = /公民身份号码|身份号码|号码/;

function birthDate(row: Row): { iso: string; from: Extract } | null {
  const value = afterLabel(row, BIRTH_LABEL);
  if (!value) return null;
  const match = /(\d{4})年(\d{1,2})月(\d{1,2})日?/.exec(digitsOf(value.text));
  if (!match) return null;
  const iso = isoDateOf(Number(match[1]), Number(match[2]), Number(match[3]));
  return iso ? { iso, from: { text: match[0], probs: value.probs.slice(match.index, match.index + match[0].length) } } : null;
}

/** Parses the rows of an ID front. `today` pins the clock for the ID number's birth-date check. */
export function parseIdFront(rows: readonly Row[], today: Date = new Date()): Parsed {
  const parsed = emptyParsed();
  const id = findResidentId(rows, today);
  if (id) put(parsed, 'idNumber', id.value, id.confidence);

  // The name's row is the one labelled 姓名; when the label is lost, the row right above 性别/民族.
  let nameRow = rows.findIndex((row) => /姓名|[娃妊]名/.test(row.text));
  if (nameRow < 0) nameRow = rows.findIndex((row) => /性别|民族/.test(row.text)) - 1;
  const nameValue = nameRow >= 0 ? afterLabel(rows[nameRow], NAME_LABEL) : null;
  if (nameValue) {
    const name = keepOnly(nameValue, /[\u4e00-\u9fa5·•]/);
    if (CJK_NAME.test(name.text)) put(parsed, 'name', name.text.replace('•', '·'), name);
  }

  for (const row of rows) {
    const gender = GENDER.exec(row.text);
    if (gender && !parsed.fields.gender)
      put(parsed, 'gender', (gender[1] ?? gender[2]) as '男' | '女', { text: gender[0], probs: row.probs.slice(gender.index, gender.index + gender[0].length) });
    const ethnicity = ETHNICITY.exec(row.text);
    if (ethnicity && !parsed.fields.ethnicity) {
      put(parsed, 'ethnicity', ethnicity[1], {
        text: ethnicity[1],
        probs: row.probs.slice(ethnicity.index + ethnicity[0].length - ethnicity[1].length, ethnicity.index + ethnicity[0].length),
      });
    }
    if (/出生|年.*月.*日/.test(row.text) && !parsed.fields.birthDate) {
      const birth = birthDate(row);
      if (birth) put(parsed, 'birthDate', birth.iso, birth.from);
    }
  }
  // The number's own birth date is checked by its check digit; a 出生 line that disagrees is a misread line.
  if (id && parsed.fields.birthDate) {
    const fromId = residentIdBirthDate(id.value)?.toISOString().slice(0, 10);
    if (fromId !== parsed.fields.birthDate) {
      delete parsed.fields.birthDate;
      delete parsed.confidence.birthDate;
    }
  }

  // The address: the 住址 row and the rows under it, up to the row of the ID number.
  const addressRow = rows.findIndex((row) => /住址|[往住佳]址/.test(row.text));
  if (addressRow >= 0) {
    const first = afterLabel(rows[addressRow], ADDRESS_LABEL);
    const parts: Extract[] = first ? [first] : [];
    for (let i = addressRow + 1; i < rows.length && i <= addressRow + 3; i++) {
      if (ID_LABEL.test(rows[i].text) || /\d{15,}/.test(rows[i].text)) break;
      parts.push({ text: rows[i].text, probs: rows[i].probs });
    }
    const address = keepOnly({ text: parts.map((p) => p.text).join(''), probs: parts.flatMap((p) => p.probs) }, /[\u4e00-\u9fa50-9A-Za-z\-－()（）#]/);
    if (address.text.length >= 6) put(parsed, 'address', address.text, address);
  }
  return parsed;
}
