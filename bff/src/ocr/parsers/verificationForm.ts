// 网站备案信息真实性核验单: 网站名称 and 主办单位名称 (主体单位名称 on some providers' forms), read from the table.
import { emptyParsed, keepOnly, put, type Parsed } from './fields';
import { cellAfterLabel, type Row } from './rows';

const ENTITY_LABEL = /(主办单位名称|主体单位名称|主办单位|主体名称|单位名称)/;
const WEBSITE_LABEL = /网站名称/;

export function parseVerificationForm(rows: readonly Row[]): Parsed {
  const parsed = emptyParsed();
  for (const row of rows) {
    if (!parsed.fields.entityName && ENTITY_LABEL.test(row.text)) {
      const cell = cellAfterLabel(row, ENTITY_LABEL);
      const entity = cell && keepOnly(cell, /[\u4e00-\u9fa5()（）0-9A-Za-z·]/);
      if (entity && entity.text.length >= 2) put(parsed, 'entityName', entity.text.replace(/\(/g, '（').replace(/\)/g, '）'), entity);
    }
    if (!parsed.fields.websiteName && WEBSITE_LABEL.test(row.text)) {
      const cell = cellAfterLabel(row, WEBSITE_LABEL);
      const website = cell && keepOnly(cell, /[\u4e00-\u9fa50-9A-Za-z]/);
      if (website && website.text.length >= 2) put(parsed, 'websiteName', website.text, website);
    }
  }
  return parsed;
}
