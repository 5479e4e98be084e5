// The memo helper: same results as the function, each input computed once, bounded, and throws not remembered.
import { memoizeByString } from './memo';

test('answers as the function does, computing each input once', () => {
  const calls: string[] = [];
  const upper = memoizeByString((s: string) => {
    calls.push(s);
    return s.toUpperCase();
  });
  expect([upper('a'), upper('b'), upper('a'), upper('')]).toEqual(['A', 'B', 'A', '']);
  expect(calls).toEqual(['a', 'b', '']);
});

test('keeps at most maxEntries inputs, forgetting the oldest first', () => {
  const calls: string[] = [];
  const id = memoizeByString((s: string) => {
    calls.push(s);
    return s;
  }, 2);
  ['a', 'b', 'c', 'b', 'a'].forEach((s) => id(s));
  // 'a' was forgotten when 'c' came; 'b' was still known.
  expect(calls).toEqual(['a', 'b', 'c', 'a']);
});

test('a throw is not remembered', () => {
  let n = 0;
  const flaky = memoizeByString((s: string) => {
    n += 1;
    if (s === 'bad') throw new RangeError('malformed');
    return s.length;
  });
  expect(() => flaky('bad')).toThrow(RangeError);
  expect(() => flaky('bad')).toThrow(RangeError);
  expect(n).toBe(2);
});
