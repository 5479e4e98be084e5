// Mobile and email validators: what an applicant may type and what is stored.
import { email, maskMobile, mobile, landlineOrMobile } from './contact';

describe('mobile', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['+8613800138000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['008613800138000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['19912345678', '19912345678'],
  ])('accepts %s and stores the 11 digits %s', (input, stored) => {
    expect(mobile.safeParse(input)).toEqual({ success: true, data: stored });
  });

  it.each(['12800138000', '1380013800', '138001380001', '+85213800138000', '02012345678', '86'])('refuses %s with the format message', (input) => {
    const result = mobile.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual(['手机号码格式不正确，请填写11位中国大陆手机号']);
  });

  it('masks the middle four digits', () => {
    expect(maskMobile('13800138000')).toBe('138****8000');
  });
});

describe('email', () => {
  it('accepts an address and trims it', () => {
    expect(email.safeParse(' name@example.com ')).toEqual({ success: true, data: 'name@example.com' });
  });

  it.each(['name@', 'name.example.com', 'a b@example.com', 'name@example'])('refuses %s with an example of a valid address', (input) => {
    expect(email.safeParse(input).error?.issues.map((i) => i.message)).toEqual(['电子邮箱格式不正确，例如 name@example.com']);
  });
});

describe('landlineOrMobile', () => {
  it.each([
    ['0571-8888 6666', '057188886666'],
    ['010-62561234', '01062561234'],
    ['(0755)8888-6666', '075588886666'],
    ['+86 138 0013 8000', '13800138000'],
    ['0571-88886666-123', '057188886666123'],
  ])('%s → %s', (typed, digits) => {
    expect(landlineOrMobile(typed)).toBe(digits);
  });

  it.each(['12345', '5718888666', 'abc', '0'.repeat(30)])('refuses %s', (typed) => {
    expect(landlineOrMobile(typed)).toBeNull();
  });
});
