// Key tracking against a real Redis: every change of a key under the prefix is announced (write, delete, expiry,
// flush), other keys are not, and losing the stream drops everything until it is armed again.
import Redis from 'ioredis';
import { startRedis, type TestRedis } from '../../../testing/redis';
import { eventually } from '../../../testing/eventually';
import { watchKeys, type KeyWatch } from './keyTracking';

let redis: TestRedis;
let connection: Redis;
let watch: KeyWatch;
const heard: (string | null)[] = [];

beforeAll(async () => {
  redis = await startRedis();
  connection = new Redis(redis.url);
  watch = watchKeys(connection, 'watched:', (key) => heard.push(key));
  await eventually(() => watch.isLive(), 'the invalidation stream to be armed');
});
afterAll(async () => {
  connection?.disconnect();
  await redis?.stop();
});

/** Waits until `key` has been announced since `from` (an index into `heard`). */
const announced = (key: string | null, from: number) => eventually(() => heard.slice(from).includes(key), `an invalidation of ${String(key)}`);

test('writes, deletes and expiries of watched keys are announced; other keys are not', async () => {
  const c = redis.client;
  let from = heard.length;
  await c.set('watched:a', '1');
  await announced('watched:a', from);

  from = heard.length;
  await c.set('other:b', '1');
  await c.del('watched:a');
  await announced('watched:a', from);
  expect(heard.slice(from)).not.toContain('other:b');

  from = heard.length;
  await c.set('watched:c', '1', 'PX', 50);
  await announced('watched:c', from);
  const afterWrite = heard.length;
  // The expiry itself is announced too (Redis deletes the key when it expires).
  await eventually(async () => (await c.exists('watched:c')) === 0, 'the key to expire');
  await announced('watched:c', afterWrite);

  from = heard.length;
  await c.flushall();
  await announced(null, from);
});

test('a lost stream drops every copy and is armed again by itself', async () => {
  const from = heard.length;
  // Kill the watching connection (the only pub/sub client here) on the server side.
  await redis.client.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
  await announced(null, from);
  await eventually(() => watch.isLive(), 'the stream to be armed again');
  const rearmed = heard.length;
  await redis.client.set('watched:d', '1');
  await announced('watched:d', rearmed);
});

test('the watch ends with the connection it was made from', async () => {
  const other = new Redis(redis.url);
  const w = watchKeys(other, 'watched:', () => undefined);
  await eventually(() => w.isLive(), 'the second watch to be armed');
  const clients = async () => ((await redis.client.call('CLIENT', 'LIST')) as string).split('\n').filter((l) => l.includes('name=bff-invalidations')).length;
  const before = await clients();
  other.disconnect();
  await eventually(async () => (await clients()) === before - 1, 'the watching connection to close');
  expect(w.isLive()).toBe(false);
});
