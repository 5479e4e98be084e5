import { startRedis } from './redis';

describe('test Redis helper', () => {
  it('gives a real Redis that keeps data across a SIGKILL thanks to AOF', async () => {
    const redis = await startRedis();
    try {
      await redis.client.set('draft:1', 'kept');
      if (redis.owned) {
        await redis.kill();
        // restart() resolves once the new server answers PING, i.e. after it has loaded its AOF.
        await redis.restart();
      }
      expect(await redis.client.get('draft:1')).toBe('kept');
    } finally {
      await redis.stop();
    }
  });
});
