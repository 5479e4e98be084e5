// Round trips per request, counted by a TCP proxy between a second BFF process and Redis (bench/run.ts).
import { freePort } from '../testing/redis';
import { eventually } from '../testing/eventually';
import { startTcpProxy, targetOf } from '../testing/tcpProxy';
import { startBffProcess, type BffProcess } from '../bff/test/fault/bffProcess';
import { makeClient } from '../bff/test/harness';

/**
 * Round trips per autosave and per progress read, one request at a time, on a second BFF whose Redis connection goes
 * through a counting TCP proxy (the proxy would cost the timed runs CPU, so they go straight to Redis).
 */
export async function roundTripsPerRequest(env: Record<string, string>, token: string, changeId: string, bodyFor: (n: number) => string) {
  const proxy = await startTcpProxy({ targets: [targetOf(env.REDIS_URL)] });
  let second: BffProcess | null = null;
  try {
    second = await startBffProcess({ ...env, REDIS_URL: proxy.url('redis') }, await freePort(), { quiet: true });
    const client = makeClient(second.url, token);
    // Until the session is answered from this instance's copy (its invalidation stream armed): one round trip, the draft.
    await eventually(async () => {
      const before = proxy.roundTrips();
      await client.get(`/api/changes/${changeId}`);
      return proxy.roundTrips() - before === 1;
    }, 'the session copy on the round-trip BFF');
    let etag = (await client.get(`/api/changes/${changeId}`)).headers.get('etag') ?? '';
    const save = async (n: number) => {
      const res = await client.request('PATCH', `/api/changes/${changeId}`, { body: JSON.parse(bodyFor(n)) as unknown, headers: { 'if-match': etag } });
      if (res.status !== 200) throw new Error(`round-trip save answered ${res.status}`);
      etag = res.headers.get('etag') ?? '';
    };
    await save(0);
    const count = async (times: number, request: (n: number) => Promise<unknown>) => {
      const before = proxy.roundTrips();
      for (let n = 1; n <= times; n += 1) await request(n);
      return (proxy.roundTrips() - before) / times;
    };
    return { autosave: await count(100, save), progress: await count(100, () => client.get(`/api/changes/${changeId}/progress`)) };
  } finally {
    await second?.kill('SIGTERM');
    await proxy.close();
  }
}
