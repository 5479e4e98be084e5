import type { Recognition } from '../domain/recognition';
import { filedForm } from './principals';
import { MIN_CLAIM_CONFIDENCE, recognitionMismatches, sameName } from './recognition';
import { buildBase, buildCreditCode, buildResidentId, WEBSITE_PRINCIPAL_ID } from './testFixtures';

const base = buildBase();
const form = filedForm(base);

type Read = Pick<Recognition, 'document' | 'status' | 'fields' | 'confidence'>;
/** A readable recognition of `document` with every given field at confidence 0.99 unless stated. */
function read(document: Recognition['document'], fields: Recognition['fields'], confidence: Recognition['confidence'] = {}): Read {
  const all = Object.fromEntries(Object.keys(fields).map((k) => [k, 0.99]));
  return { document, status: 'read', fields, confidence: { ...all, ...confidence } };
}

const OTHER_ID = buildResidentId({ region: '330106', birth: '19900307', sequence: '057' });

describe('recognitionMismatches', () => {
  it('finds nothing when the ID front agrees with the website principal', () => {
    const recognition = read('id_front', { name: form.websitePrincipal.name, idNumber: WEBSITE_PRINCIPAL_ID });
    expect(recognitionMismatches({ subject: 'website_principal', recognition, form, base })).toEqual([]);
  });

  it('fails on another ID number, masked, naming the principal and the field', () => {
    const recognition = read('id_front', { name: form.websitePrincipal.name, idNumber: OTHER_ID });
    const [mismatch, ...rest] = recognitionMismatches({ subject: 'website_principal', recognition, form, base });
    expect(rest).toEqual([]);
    expect(mismatch).toEqual({
      field: 'websitePrincipal.idNumber',
      onPhoto: `${OTHER_ID.slice(0, 4)}**********${OTHER_ID.slice(-4)}`,
      inForm: `${WEBSITE_PRINCIPAL_ID.slice(0, 4)}**********${WEBSITE_PRINCIPAL_ID.slice(-4)}`,
      message: expect.stringContaining('网站负责人身份证照片上的号码'),
      severity: 'fail',
    });
    expect(mismatch.message).not.toContain(OTHER_ID);
  });

  it('fails on another name, and compares the entity principal for an entity principal slot', () => {
    const recognition = read('id_front', { name: '赵六', idNumber: form.entityPrincipal.idNumber });
    expect(recognitionMismatches({ subject: 'entity_principal', recognition, form, base })).toEqual([
      {
        field: 'entityPrincipal.name',
        onPhoto: '赵六',
        inForm: form.entityPrincipal.name,
        message: `主体负责人身份证照片上的姓名（赵六）与填写的主体负责人姓名（${form.entityPrincipal.name}）不一致，请核对姓名，或上传主体负责人本人的身份证`,
        severity: 'fail',
      },
    ]);
  });

  it('warns when the validity on the ID back differs, 长期 included', () => {
    const recognition = read('id_back', { validFrom: '2016-03-07', validUntil: null });
    const [mismatch] = recognitionMismatches({ subject: 'website_principal', recognition, form, base });
    expect(mismatch).toMatchObject({ field: 'websitePrincipal.idValidUntil', onPhoto: '长期', inForm: form.websitePrincipal.idValidUntil, severity: 'warn' });
    const same = read('id_back', { validUntil: form.websitePrincipal.idValidUntil });
    expect(recognitionMismatches({ subject: 'website_principal', recognition: same, form, base })).toEqual([]);
  });

  it('claims nothing from an unreadable photo or a field read with low confidence', () => {
    const unreadable: Read = { document: 'id_front', status: 'unreadable', fields: {}, confidence: {} };
    expect(recognitionMismatches({ subject: 'website_principal', recognition: unreadable, form, base })).toEqual([]);
    const unsure = read('id_front', { name: '赵六', idNumber: OTHER_ID }, { name: MIN_CLAIM_CONFIDENCE - 0.01, idNumber: 0.5 });
    expect(recognitionMismatches({ subject: 'website_principal', recognition: unsure, form, base })).toEqual([]);
  });

  it('does not compare an ID card with a principal whose document is not a resident ID, nor with an empty field', () => {
    const passportForm = { ...form, websitePrincipal: { ...form.websitePrincipal, idType: 'passport' as const, idNumber: 'E12345678' } };
    const recognition = read('id_front', { name: '赵六', idNumber: OTHER_ID });
    expect(recognitionMismatches({ subject: 'website_principal', recognition, form: passportForm, base })).toEqual([]);
    const emptyForm = { ...form, websitePrincipal: { ...form.websitePrincipal, name: '', idNumber: '' } };
    expect(recognitionMismatches({ subject: 'website_principal', recognition, form: emptyForm, base })).toEqual([]);
  });

  it('fails a licence of another entity (credit code) and passes the entity’s own', () => {
    const other = buildCreditCode('91330106MA2B3C4D5');
    const [mismatch] = recognitionMismatches({ subject: 'website', recognition: read('business_licence', { creditCode: other }), form, base });
    expect(mismatch).toMatchObject({ field: 'certificateNumber', onPhoto: other, inForm: base.certificateNumber, severity: 'fail' });
    expect(recognitionMismatches({ subject: 'website', recognition: read('business_licence', { creditCode: base.certificateNumber }), form, base })).toEqual([]);
  });

  it('fails a 核验单 naming another website or another entity', () => {
    const recognition = read('verification_form', { websiteName: '别的网站', entityName: '别的有限公司' });
    const mismatches = recognitionMismatches({ subject: 'website', recognition, form, base });
    expect(mismatches.map((m) => [m.field, m.severity])).toEqual([
      ['name', 'fail'],
      ['entityName', 'fail'],
    ]);
    expect(mismatches[0].message).toBe(`核验单上的网站名称（别的网站）与本次填写的网站名称（${form.name}）不一致，请按填写的网站名称重新打印、签字后上传核验单`);
    const own = read('verification_form', { websiteName: form.name, entityName: base.entityName.replace('（', '(').replace('）', ')') });
    expect(recognitionMismatches({ subject: 'website', recognition: own, form, base })).toEqual([]);
  });

  it('sameName ignores spaces, bracket width and the kind of middle dot', () => {
    expect(sameName('阿依古丽•买买提', '阿依古丽·买买提')).toBe(true);
    expect(sameName('示例(深圳)有限公司', '示例（深圳）有限公司')).toBe(true);
    expect(sameName('王 小明', '王小明')).toBe(true);
    expect(sameName('王小明', '王晓明')).toBe(false);
  });
});
