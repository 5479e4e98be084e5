// The one wait of the tests: returns the first truthy read, fails naming what it waited for, fails fast on a broken read.
import { eventually, never } from './eventually';

test('returns the first truthy value of the read', async () => {
  let reads = 0;
  const value = await eventually(() => (++reads >= 3 ? { reads } : null), 'the third read', { intervalMs: 1 });
  expect(value).toEqual({ reads: 3 });
});

test('times out naming what never happened', async () => {
  await expect(eventually(() => false, 'the relay', 60)).rejects.toThrow('timed out after 60 ms waiting for the relay');
});

test('a read that throws fails at once instead of waiting out the timeout', async () => {
  const started = Date.now();
  await expect(
    eventually(
      () => {
        throw new Error('HTTP 500');
      },
      'a draft',
      5000,
    ),
  ).rejects.toThrow('HTTP 500');
  expect(Date.now() - started).toBeLessThan(5000);
});

test('never: passes when the read stays falsy for the window, fails as soon as it turns truthy', async () => {
  await never(() => false, 'a second SMS', 30);
  let sent = 0;
  setTimeout(() => (sent = 2), 10);
  await expect(never(() => sent > 1, 'a second SMS', 5000)).rejects.toThrow('a second SMS happened within 5000 ms');
});
