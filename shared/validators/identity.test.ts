// Resident ID and credit code validators: the decisions and the Chinese messages an applicant sees.
import fc from 'fast-check';
import { buildCreditCode, buildResidentId } from '../rules/testFixtures';
import { creditCode, creditCodeCheckChar, maskResidentId, residentId, residentIdProblem } from './identity';

function messages(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return result.success ? [] : (result.error?.issues ?? []).map((i) => i.message);
}

describe('residentId', () => {
  it('accepts the GB 11643 sample ID and a lowercase x check char, storing it upper-case', () => {
    expect(residentId.safeParse('11010519491231002X')).toEqual({ success: true, data: '11010519491231002X' });
    expect(residentId.safeParse(' 11010519491231002x ')).toEqual({ success: true, data: '11010519491231002X' });
  });

  it('accepts 29 February in a leap year and refuses it in a non-leap year as a date that does not exist', () => {
    const leap = buildResidentId({ birth: '20000229' });
    expect(residentId.safeParse(leap).success).toBe(true);
    const nonLeap = buildResidentId({ birth: '19990229' });
    expect(messages(residentId.safeParse(nonLeap))).toEqual(['身份证号码中的出生日期不存在，请核对']);
    // 1900 is not a leap year (divisible by 100, not by 400).
    expect(messages(residentId.safeParse(buildResidentId({ birth: '19000229' })))).toEqual(['身份证号码中的出生日期不存在，请核对']);
  });

  it('refuses a birth date after today', () => {
    const future = buildResidentId({ birth: '20991231' });
    expect(messages(residentId.safeParse(future))).toEqual(['身份证号码中的出生日期晚于今天，请核对']);
    const today = new Date('2025-06-15T04:00:00Z');
    expect(residentIdProblem(buildResidentId({ birth: '20250616' }), today)).toBe('future');
    expect(residentIdProblem(buildResidentId({ birth: '20250615' }), today)).toBeNull();
  });

  it('names the problem: length, format, check char', () => {
    expect(messages(residentId.safeParse('1101051949123100'))).toEqual(['身份证号码应为18位']);
    expect(messages(residentId.safeParse('01010519491231002X'))).toEqual(['身份证号码格式不正确，应为17位数字加1位数字或X']);
    expect(messages(residentId.safeParse('110105194912310021'))).toEqual(['身份证号码校验位不正确，请逐位核对']);
    expect(messages(residentId.safeParse(''))).toEqual(['身份证号码应为18位']);
    expect(messages(residentId.safeParse(undefined))).toEqual(['请填写身份证号码']);
  });

  it('masks all but the first and last four characters', () => {
    expect(maskResidentId('44030519900307123X')).toBe('4403**********123X');
  });

  const validId = fc
    .record({
      region: fc.integer({ min: 100000, max: 999999 }),
      birth: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true }),
      sequence: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ region, birth, sequence }) =>
      buildResidentId({ region: String(region), birth: birth.toISOString().slice(0, 10).replace(/-/g, ''), sequence: String(sequence).padStart(3, '0') }),
    );

  it('property: any valid ID typed with a lowercase x parses to its upper-case form', () => {
    fc.assert(
      fc.property(validId, (id) => {
        expect(residentId.safeParse(id.toLowerCase())).toEqual({ success: true, data: id.toUpperCase() });
      }),
    );
  });

  it('property: IDs whose check char is X are accepted typed as x', () => {
    fc.assert(
      fc.property(
        validId.filter((id) => id.endsWith('X')),
        (id) => {
          expect(residentId.safeParse(id.slice(0, 17) + 'x')).toEqual({ success: true, data: id });
        },
      ),
    );
  });

  it('property: changing any single character of a valid ID makes it invalid', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), (id, position, shift) => {
        const alphabet = position === 17 ? '0123456789X' : '0123456789';
        const current = alphabet.indexOf(id[position]);
        const replacement = alphabet[(current + (shift % alphabet.length || 1)) % alphabet.length];
        const changed = id.slice(0, position) + replacement + id.slice(position + 1);
        expect(changed).not.toBe(id);
        expect(residentId.safeParse(changed).success).toBe(false);
      }),
    );
  });
});

describe('creditCode', () => {
  it('accepts well-known real codes', () => {
    for (const code of ['91350100M000100Y43', '9144030071526726XG', '914403001922038216']) {
      expect(creditCode.safeParse(code)).toEqual({ success: true, data: code });
    }
  });

  it('accepts lowercase input and stores it upper-case', () => {
    expect(creditCode.safeParse('91350100m000100y43')).toEqual({ success: true, data: '91350100M000100Y43' });
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('refuses the letter %s, which the alphabet leaves out', (letter) => {
    const code = `91350100${letter}000100Y43`;
    expect(messages(creditCode.safeParse(code))).toEqual(['统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）']);
  });

  it('names a wrong check char and a wrong length', () => {
    expect(messages(creditCode.safeParse('91350100M000100Y44'))).toEqual(['统一社会信用代码校验位不正确，请逐位核对']);
    expect(messages(creditCode.safeParse('91350100M000100Y4'))).toEqual(['统一社会信用代码应为18位']);
  });

  it('the fixture builder computes the check char the validator expects', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(creditCode.safeParse(buildCreditCode('91440300MA5D12345')).success).toBe(true);
  });

  const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const first17 = fc.array(fc.constantFrom(...ALPHABET), { minLength: 17, maxLength: 17 }).map((chars) => chars.join(''));

  it('property: any code with a computed check char round-trips from lowercase to upper-case', () => {
    fc.assert(
      fc.property(first17, (prefix) => {
        const code = buildCreditCode(prefix);
        expect(creditCode.safeParse(code.toLowerCase())).toEqual({ success: true, data: code });
      }),
    );
  });

  it('property: changing any single character of a valid code makes it invalid', () => {
    fc.assert(
      fc.property(first17, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (prefix, position, shift) => {
        const code = buildCreditCode(prefix);
        const replacement = ALPHABET[(ALPHABET.indexOf(code[position]) + shift) % 31];
        const changed = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(creditCode.safeParse(changed).success).toBe(false);
      }),
    );
  });
});
