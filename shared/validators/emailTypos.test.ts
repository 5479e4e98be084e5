// Email slips: the providers' names with a slipped top-level domain, near-misses of a provider, and generic TLD slips.
import { editDistance, emailSuggestion } from './emailTypos';

describe('emailSuggestion', () => {
  it.each([
    ['name@qq.con', 'name@qq.com'],
    ['name@163.cm', 'name@163.com'],
    ['name@gmial.com', 'name@gmail.com'],
    ['name@126.comm', 'name@126.com'],
    ['Name.Li@QQ.CON', 'Name.Li@qq.com'],
    ['name@hotmial.com', 'name@hotmail.com'],
    ['name@foxmail.con', 'name@foxmail.com'],
    ['name@vip.qq.con', 'name@vip.qq.com'],
    ['name@example.con', 'name@example.com'],
    ['name@company.nte', 'name@company.net'],
  ])('%s → %s', (typed, meant) => {
    expect(emailSuggestion(typed)).toBe(meant);
  });

  it.each(['name@qq.com', 'name@163.com', 'name@yunqi-tech.cn', 'name@example.co', 'name@mingde-edu.com.cn', 'not-an-address', 'name@136.com'])('leaves %s alone', (typed) => {
    // 136.com is one edit from both 126.com and 163.com: guessing would be wrong half the time.
    expect(emailSuggestion(typed)).toBeNull();
  });

  it('stays cheap on long input', () => {
    expect(emailSuggestion(`a@${'x'.repeat(200)}.con`)).toBeNull();
  });
});

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('gmial.com', 'gmail.com')).toBe(1);
    expect(editDistance('qq.com', 'qq.com')).toBe(0);
    expect(editDistance('163.com', '126.com')).toBe(2);
  });
});
