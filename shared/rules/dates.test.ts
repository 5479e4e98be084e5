// Beijing calendar helpers: the day boundary in China time, real calendar dates, month arithmetic.
import { addMonths, chinaDate, isCalendarDate, isRealIsoDate } from './dates';

describe('chinaDate', () => {
  it('turns the day at Beijing midnight (16:00 UTC), also when asked again across the boundary', () => {
    expect(chinaDate(new Date('2026-02-28T15:59:59.999Z'))).toBe('2026-02-28');
    expect(chinaDate(new Date('2026-02-28T16:00:00Z'))).toBe('2026-03-01');
    expect(chinaDate(new Date('2026-02-28T15:59:59.999Z'))).toBe('2026-02-28');
    expect(chinaDate(new Date('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
  });

  it('refuses an invalid Date as before (RangeError), every time', () => {
    expect(() => chinaDate(new Date('not a date'))).toThrow(RangeError);
    expect(() => chinaDate(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('isCalendarDate and isRealIsoDate', () => {
  it('know month lengths and the Gregorian leap years', () => {
    expect(isRealIsoDate('2024-02-29')).toBe(true);
    expect(isRealIsoDate('2023-02-29')).toBe(false);
    expect(isRealIsoDate('2000-02-29')).toBe(true);
    expect(isRealIsoDate('1900-02-29')).toBe(false);
    expect(isRealIsoDate('2026-04-31')).toBe(false);
    expect(isRealIsoDate('2026-12-31')).toBe(true);
    expect(isRealIsoDate('2026-13-01')).toBe(false);
    expect(isRealIsoDate('2026-00-10')).toBe(false);
    expect(isRealIsoDate('2026-01-00')).toBe(false);
    expect(isRealIsoDate('2026-1-01')).toBe(false);
  });

  it('agree with the calendar of a JavaScript Date on every day of four years around a century leap year', () => {
    for (let y = 1999; y <= 2002; y += 1) {
      for (let m = 1; m <= 12; m += 1) {
        for (let d = 0; d <= 32; d += 1) {
          const date = new Date(Date.UTC(y, m - 1, d));
          expect(isCalendarDate(y, m, d)).toBe(date.getUTCMonth() === m - 1 && date.getUTCDate() === d);
        }
      }
    }
  });

  it('refuse years a Date would misread (below 100) and numbers that are not whole', () => {
    expect(isCalendarDate(99, 1, 1)).toBe(false);
    expect(isRealIsoDate('0099-01-01')).toBe(false);
    expect(isCalendarDate(2026, 1.5, 1)).toBe(false);
    expect(isCalendarDate(Number.NaN, 1, 1)).toBe(false);
  });
});

describe('addMonths', () => {
  it('clamps to the end of a shorter month, the same on a repeated call', () => {
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-11-30', -12)).toBe('2025-11-30');
    expect(addMonths('2026-11-30', 2)).toBe('2027-01-30');
  });
});
