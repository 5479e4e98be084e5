import { buildDraft } from '../../../shared/rules/testFixtures';
import { createRecentDrafts } from './recentDrafts';

const at = (version: number, id = 'c1') => buildDraft({ id, version });

test('answers a copy only at the version asked for', () => {
  const recent = createRecentDrafts(10);
  recent.remember('k1', at(3));
  expect(recent.at('k1', 3)?.version).toBe(3);
  expect(recent.at('k1', 2)).toBeUndefined();
  expect(recent.at('k1', 4)).toBeUndefined();
  expect(recent.at('k2', 3)).toBeUndefined();
});

test('a late answer at an older version never replaces a newer copy; forget drops it', () => {
  const recent = createRecentDrafts(10);
  recent.remember('k1', at(5));
  recent.remember('k1', at(4));
  expect(recent.at('k1', 5)?.version).toBe(5);
  recent.remember('k1', at(6));
  expect(recent.at('k1', 6)?.version).toBe(6);
  recent.forget('k1');
  expect(recent.at('k1', 6)).toBeUndefined();
});

test('keeps at most `limit` copies, dropping the least recently used; 0 keeps none', () => {
  const recent = createRecentDrafts(2);
  recent.remember('a', at(1, 'a'));
  recent.remember('b', at(1, 'b'));
  expect(recent.at('a', 1)).toBeDefined(); // a is now the most recently used
  recent.remember('c', at(1, 'c'));
  expect(recent.size).toBe(2);
  expect(recent.at('b', 1)).toBeUndefined();
  expect(recent.at('a', 1)).toBeDefined();
  expect(recent.at('c', 1)).toBeDefined();

  const off = createRecentDrafts(0);
  off.remember('a', at(1, 'a'));
  expect(off.size).toBe(0);
  expect(off.at('a', 1)).toBeUndefined();
});
