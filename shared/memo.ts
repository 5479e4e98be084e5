// A bounded memo for pure functions of one string: for conversions every autosave repeats on inputs that rarely change
// between two saves (a website's domains). Results only: a call that throws is not remembered and throws again.

/** `fn` remembered for up to `maxEntries` inputs; past that the oldest input is forgotten first. */
export function memoizeByString<R>(fn: (input: string) => R, maxEntries = 1000): (input: string) => R {
  const memo = new Map<string, R>();
  return (input: string) => {
    const known = memo.get(input);
    if (known !== undefined || memo.has(input)) return known as R;
    const result = fn(input);
    if (memo.size >= maxEntries) memo.delete(memo.keys().next().value as string);
    memo.set(input, result);
    return result;
  };
}
