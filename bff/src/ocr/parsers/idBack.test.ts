import { parseDocument } from '.';
import { layout } from './testBoxes';

const back = (
  validity: [number, string][],
  authority: [number, string][] = [
    [60, '签发机关'],
    [300, '杭州市公安局西湖分局'],
  ],
) => layout([[[300, '中华人民共和国']], [[300, '居民身份证']], authority, validity]);

describe('ID back parser', () => {
  it('reads the issuing authority and a dated validity', () => {
    const parsed = parseDocument(
      'id_back',
      back([
        [60, '有效期限'],
        [300, '2016.03.07-2036.03.07'],
      ]),
    );
    expect(parsed.readable).toBe(true);
    expect(parsed.fields).toEqual({ issuingAuthority: '杭州市公安局西湖分局', validFrom: '2016-03-07', validUntil: '2036-03-07' });
  });

  it('reads 长期 as validUntil null', () => {
    expect(
      parseDocument(
        'id_back',
        back([
          [60, '有效期限'],
          [300, '2016.03.07-长期'],
        ]),
      ).fields,
    ).toMatchObject({ validFrom: '2016-03-07', validUntil: null });
  });

  it('accepts the separators OCR produces (一 for -, · or , for .) and O for 0, in one box with its label', () => {
    expect(parseDocument('id_back', back([[60, '有效期限2016·O3.07一2036,03.07']])).fields).toMatchObject({ validFrom: '2016-03-07', validUntil: '2036-03-07' });
  });

  it('claims no validity when the term is not 5, 10 or 20 years to the day (a digit was misread)', () => {
    expect(
      parseDocument(
        'id_back',
        back([
          [60, '有效期限'],
          [300, '2016.03.07-2036.08.07'],
        ]),
      ).fields.validUntil,
    ).toBeUndefined();
    expect(
      parseDocument(
        'id_back',
        back([
          [60, '有效期限'],
          [300, '2016.03.07-2037.03.07'],
        ]),
      ).fields.validFrom,
    ).toBeUndefined();
    expect(
      parseDocument(
        'id_back',
        back([
          [60, '有效期限'],
          [300, '2016.13.07-2036.13.07'],
        ]),
      ).fields.validFrom,
    ).toBeUndefined();
  });

  it('claims no authority that does not end like one', () => {
    expect(
      parseDocument(
        'id_back',
        back(
          [
            [60, '有效期限'],
            [300, '2016.03.07-长期'],
          ],
          [
            [60, '签发机关'],
            [300, '杭州市公安'],
          ],
        ),
      ).fields.issuingAuthority,
    ).toBeUndefined();
  });

  it('is unreadable without validity or authority', () => {
    expect(parseDocument('id_back', layout([[[300, '中华人民共和国']], [[300, '居民身份证']]])).readable).toBe(false);
  });
});
