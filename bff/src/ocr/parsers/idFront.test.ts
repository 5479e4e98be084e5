import { parseDocument } from '.';
import { layout } from './testBoxes';

const TODAY = new Date('2026-11-30T00:00:00Z');
const front = (idLine: string, overrides: Partial<Record<'name' | 'gender' | 'birth' | 'address', [number, string][]>> = {}, angle = 0) =>
  layout(
    [
      overrides.name ?? [
        [60, '姓名'],
        [200, '王小明'],
      ],
      overrides.gender ?? [
        [60, '性别'],
        [200, '男'],
        [400, '民族'],
        [560, '汉'],
      ],
      overrides.birth ?? [
        [60, '出生'],
        [200, '1990年3月7日'],
      ],
      overrides.address ?? [
        [60, '住址'],
        [200, '浙江省杭州市西湖区文三路'],
      ],
      [[200, '478号华星科技大厦']],
      [
        [60, '公民身份号码'],
        [500, idLine],
      ],
    ],
    { angle },
  );

describe('ID front parser', () => {
  it('reads every field of a clean card, the number confirmed by its check digit', () => {
    const parsed = parseDocument('id_front', front('330106199003070575'), TODAY);
    expect(parsed.readable).toBe(true);
    expect(parsed.fields).toEqual({
      name: '王小明',
      gender: '男',
      ethnicity: '汉',
      birthDate: '1990-03-07',
      address: '浙江省杭州市西湖区文三路478号华星科技大厦',
      idNumber: '330106199003070575',
    });
    expect(parsed.confidence.idNumber).toBeCloseTo(0.98);
  });

  it('groups label and value by row on a photo rotated by 12°', () => {
    const parsed = parseDocument('id_front', front('330106199003070575', {}, 12), TODAY);
    expect(parsed.fields.name).toBe('王小明');
    expect(parsed.fields.idNumber).toBe('330106199003070575');
    expect(parsed.fields.address).toBe('浙江省杭州市西湖区文三路478号华星科技大厦');
  });

  it('corrects letters read for digits (O/0, I/1, Z/2, S/5) and a lowercase x when the check digit confirms it', () => {
    expect(parseDocument('id_front', front('33O1O6I99OO3O7O575'), TODAY).fields.idNumber).toBe('330106199003070575');
    expect(parseDocument('id_front', front('ZZ01O619900307SO8x'), TODAY).fields.idNumber).toBe('22010619900307508X');
  });

  it('claims no number when a digit is misread as another digit (the check fails) or the run has the wrong length', () => {
    expect(parseDocument('id_front', front('330106199003070578'), TODAY).fields.idNumber).toBeUndefined();
    expect(parseDocument('id_front', front('33010619900307057'), TODAY).fields.idNumber).toBeUndefined();
    expect(parseDocument('id_front', front('3301061990030705753'), TODAY).fields.idNumber).toBeUndefined();
    expect(parseDocument('id_front', front('33010619900307?575'), TODAY).fields.idNumber).toBeUndefined();
  });

  it('finds the name after a misread or partly lost label and drops stray symbols', () => {
    expect(
      parseDocument(
        'id_front',
        front('330106199003070575', {
          name: [
            [20, '1'],
            [60, '娃名'],
            [200, '王小明'],
          ],
        }),
        TODAY,
      ).fields.name,
    ).toBe('王小明');
    expect(parseDocument('id_front', front('330106199003070575', { name: [[60, '名王小明。']] }), TODAY).fields.name).toBe('王小明');
    expect(
      parseDocument(
        'id_front',
        front('330106199003070575', {
          name: [
            [60, '姓名'],
            [200, '阿依古丽·买买提'],
          ],
        }),
        TODAY,
      ).fields.name,
    ).toBe('阿依古丽·买买提');
  });

  it('claims no name when what follows the label is not a name', () => {
    expect(
      parseDocument(
        'id_front',
        front('330106199003070575', {
          name: [
            [60, '姓名'],
            [200, 'W'],
          ],
        }),
        TODAY,
      ).fields.name,
    ).toBeUndefined();
    expect(
      parseDocument(
        'id_front',
        front('330106199003070575', {
          name: [
            [60, '姓名'],
            [200, '王小明王小明王小明'],
          ],
        }),
        TODAY,
      ).fields.name,
    ).toBeUndefined();
  });

  it('drops a 出生 line that disagrees with the checked number', () => {
    const parsed = parseDocument(
      'id_front',
      front('330106199003070575', {
        birth: [
          [60, '出生'],
          [200, '1990年8月7日'],
        ],
      }),
      TODAY,
    );
    expect(parsed.fields.birthDate).toBeUndefined();
    expect(parsed.fields.idNumber).toBe('330106199003070575');
  });

  it('is unreadable when neither the name nor the number can be read', () => {
    const parsed = parseDocument('id_front', layout([[[60, '中华人民共和国']], [[60, '居民身份证']]]), TODAY);
    expect(parsed.readable).toBe(false);
    expect(parsed.fields).toEqual({});
  });
});

describe('ID front parser on boxes OCR split', () => {
  it('reads a number with a stray letter before it (boxed apart or in its box), and a number split over two boxes', () => {
    const stray = layout([
      [
        [60, '姓名'],
        [200, '王小明'],
      ],
      [
        [60, '公民身份号码'],
        [420, 'X'],
        [500, '330106199003070575'],
      ],
    ]);
    expect(parseDocument('id_front', stray, TODAY).fields.idNumber).toBe('330106199003070575');
    const inBox = layout([
      [
        [60, '姓名'],
        [200, '王小明'],
      ],
      [
        [60, '公民身份号码'],
        [500, 'B330106199003070575'],
      ],
    ]);
    expect(parseDocument('id_front', inBox, TODAY).fields.idNumber).toBe('330106199003070575');
    const split = layout([
      [
        [60, '姓名'],
        [200, '王小明'],
      ],
      [
        [60, '公民身份号码'],
        [500, '330106199'],
        [880, '003070575'],
      ],
    ]);
    expect(parseDocument('id_front', split, TODAY).fields.idNumber).toBe('330106199003070575');
  });
});
