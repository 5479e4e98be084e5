// Per-evaluation memo: several rules read the same derived value (the name's problems, the required materials) and
// an evaluation context lives for one evaluation, so each is computed once.
const cache = new WeakMap<object, Map<string, unknown>>();

export function memo<T>(ctx: object, key: string, compute: () => T): T {
  let entries = cache.get(ctx);
  if (!entries) {
    entries = new Map();
    cache.set(ctx, entries);
  }
  if (entries.has(key)) return entries.get(key) as T;
  const value = compute();
  entries.set(key, value);
  return value;
}
