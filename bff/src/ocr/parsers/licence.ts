// Business licence (营业执照): 统一社会信用代码 confirmed by its check character, and 名称.
import { findCreditCode } from './codes';
import { emptyParsed, keepOnly, put, type Parsed } from './fields';
import { cellAfterLabel, cutAt } from './rows';
import type { Row } from './rows';

const NAME_LABEL = /^(名称|称)/;
/** Labels of the other column that may share the name's row. */
const OTHER_LABELS = /注册资本|成立日期|营业期限|住所|类型|法定代表人|经营范围/;
/** What an organisation's name ends with on a licence. */
const ENTITY_SUFFIX = /(公司|厂|店|中心|合作社|事务所|研究所|工作室|经营部|商行|分公司)$/;

export function parseLicence(rows: readonly Row[]): Parsed {
  const parsed = emptyParsed();
  const code = findCreditCode(rows);
  if (code) put(parsed, 'creditCode', code.value, code.confidence);
  for (const row of rows) {
    if (!/名称|称/.test(row.text) || /信用代码/.test(row.text)) continue;
    const cell = cellAfterLabel(row, NAME_LABEL) ?? cellAfterLabel(row, /名称/);
    if (!cell) continue;
    const name = keepOnly(cutAt(cell, OTHER_LABELS), /[\u4e00-\u9fa5()（）0-9A-Za-z]/);
    if (name.text.length >= 4 && ENTITY_SUFFIX.test(name.text)) {
      put(parsed, 'entityName', name.text.replace(/\(/g, '（').replace(/\)/g, '）'), name);
      break;
    }
  }
  return parsed;
}
