import { parseDocument } from '.';
import { layout } from './testBoxes';

const licence = (
  code: string,
  name: [number, string][] = [
    [100, '名称'],
    [300, '杭州云帆信息技术有限公司'],
  ],
) =>
  layout([
    [[100, '统一社会信用代码']],
    [[100, code]],
    [[600, '营业执照']],
    name,
    [
      [100, '类型'],
      [300, '有限责任公司'],
    ],
  ]);

describe('business licence parser', () => {
  it('reads the credit code (check character confirmed) and the name', () => {
    const parsed = parseDocument('business_licence', licence('91330106MA2B3C4D5T'.slice(0, 17) + '0'));
    // The code above is built by hand and its check character may be wrong: only a valid one is claimed.
    expect(parsed.fields.entityName).toBe('杭州云帆信息技术有限公司');
    const valid = parseDocument('business_licence', licence('9133020390JLN644H8'));
    expect(valid.fields.creditCode).toBe('9133020390JLN644H8');
  });

  it('corrects O/0 and lowercase letters when exactly one reading passes the check', () => {
    expect(parseDocument('business_licence', licence('913302039OJLN644H8')).fields.creditCode).toBe('9133020390JLN644H8');
    expect(parseDocument('business_licence', licence('9133020390jln644h8')).fields.creditCode).toBe('9133020390JLN644H8');
  });

  it('claims no code whose check character fails', () => {
    expect(parseDocument('business_licence', licence('9133020390JLN644H9')).fields.creditCode).toBeUndefined();
  });

  it('cuts the name where the other column starts and requires an organisation suffix', () => {
    expect(
      parseDocument(
        'business_licence',
        licence('9133020390JLN644H8', [
          [100, '名称杭州云帆信息技术有限公司'],
          [900, '注册资本'],
          [1100, '壹佰万元'],
        ]),
      ).fields.entityName,
    ).toBe('杭州云帆信息技术有限公司');
    expect(
      parseDocument(
        'business_licence',
        licence('9133020390JLN644H8', [
          [100, '名称'],
          [300, '杭州云帆信息'],
        ]),
      ).fields.entityName,
    ).toBeUndefined();
  });
});

describe('business licence parser on lost labels', () => {
  it('finds the name when 名 is lost or read as a separate box, after a stray character', () => {
    expect(
      parseDocument(
        'business_licence',
        licence('9133020390JLN644H8', [
          [40, '5'],
          [100, '称青岛拓普信息技术有限公司'],
          [900, '注册资本伍佰万元人民币'],
        ]),
      ).fields.entityName,
    ).toBe('青岛拓普信息技术有限公司');
    expect(
      parseDocument(
        'business_licence',
        licence('9133020390JLN644H8', [
          [100, '名'],
          [160, '称'],
          [300, '广州星河电子商务股份有限公司'],
          [900, '注册资本'],
        ]),
      ).fields.entityName,
    ).toBe('广州星河电子商务股份有限公司');
  });
});
