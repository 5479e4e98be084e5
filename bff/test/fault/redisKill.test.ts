// Redis SIGKILLed in the middle of a stream of autosaves and started again from its AOF: every save that was answered
// 200 is still there (this relies on `appendfsync always`: Redis fsyncs the AOF before it replies, so an acknowledged
// write is on disk when the BFF answers 200); while Redis is down the BFF answers 503 at once and recovers by itself.
import { ContractViolation, expectOk } from '../../../testing/bffClient';
import { eventually } from '../../../testing/eventually';
import { APPLICANTS, newChange, startHarness, type Client, type Harness } from '../harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

interface Acked {
  version: number;
  notes: string;
}

/** One autosaving page: PATCHes its draft with a counter, follows 412s, retries 503s and network errors. */
async function autosave(client: Client, changeId: string, stop: () => boolean, acked: Acked[], statuses: Map<number, number>) {
  const params = { id: changeId };
  let etag = `"${(await client.ok('getChange', { params })).body.version}"`;
  let n = 0;
  while (!stop()) {
    n += 1;
    const notes = `自动保存 ${changeId} 第${n}次`;
    let res;
    try {
      res = await client.call('patchChange', { params, body: { form: { notes } }, headers: { 'if-match': etag } });
    } catch (err) {
      // A connection cut by the outage; an answer off the contract is a failure, not an outage.
      if (err instanceof ContractViolation) throw err;
      statuses.set(0, (statuses.get(0) ?? 0) + 1);
      continue;
    }
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.ok) {
      acked.push({ version: res.body.draft.version, notes });
      etag = res.headers.get('etag') ?? etag;
    } else if (res.status === 412) {
      // A save whose answer was lost may have landed: take the stored version (the 412's ETag), as the mini-program does.
      etag = res.headers.get('etag') ?? etag;
    } else if (res.status === 503) {
      expect(res.body.code).toBe('service_unavailable');
      expect(res.headers.get('retry-after')).toBeTruthy();
      // The page's own pause before it saves again (as the mini-program backs off), not a wait for some state.
      await new Promise((r) => setTimeout(r, 20));
    } else {
      throw new Error(`unexpected ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
}

test('every save answered 200 survives a SIGKILL of Redis; the BFF answers 503 meanwhile and recovers', async () => {
  const pages: { client: Client; changeId: string }[] = [];
  for (const a of [APPLICANTS.yunqi, APPLICANTS.mingde, APPLICANTS.zhangWei]) {
    const client = await h.login(a.applicantId);
    for (const websiteId of a === APPLICANTS.yunqi ? ['site-yq-main', 'site-yq-docs'] : a === APPLICANTS.mingde ? ['site-md-main', 'site-md-class'] : ['site-zw-photo', 'site-zw-notes']) {
      const created = await client.call('createChange', { body: newChange(a, websiteId) });
      expectOk(created, 201);
      pages.push({ client, changeId: created.body.id });
    }
  }
  let stopped = false;
  const acked = pages.map(() => [] as Acked[]);
  const statuses = new Map<number, number>();
  const streams = pages.map((p, i) => autosave(p.client, p.changeId, () => stopped, acked[i], statuses));

  // Let saves flow, kill Redis mid-stream, keep the pages saving while it is down, start it again from its AOF.
  await eventually(() => acked.every((a) => a.length >= 3), 'three acknowledged saves on every page');
  const ackedBeforeKill = acked.reduce((n, a) => n + a.length, 0);
  await h.redis.kill();
  const refusedBefore = statuses.get(503) ?? 0;
  await eventually(() => (statuses.get(503) ?? 0) >= refusedBefore + pages.length, 'the pages to get 503 while Redis is down');
  await h.redis.restart();
  const ackedAtRestart = acked.map((a) => a.length);
  await eventually(() => acked.every((a, i) => a.length >= ackedAtRestart[i] + 3), 'three more acknowledged saves on every page after the restart', 30_000);
  stopped = true;
  await Promise.all(streams);

  expect(ackedBeforeKill).toBeGreaterThan(0);
  expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
  const ackedAfter = acked.reduce((n, a) => n + a.length, 0);
  // Saving resumed after the restart.
  expect(ackedAfter).toBeGreaterThan(ackedBeforeKill);

  for (const [i, page] of pages.entries()) {
    const last = acked[i].at(-1);
    expect(last).toBeDefined();
    const stored = (await page.client.ok('getChange', { params: { id: page.changeId } })).body;
    // Nothing acknowledged went missing: the stored draft is the last acknowledged save, or a later one whose answer
    // was lost when Redis died (its notes then carry a higher counter).
    expect(stored.version).toBeGreaterThanOrEqual(last!.version);
    if (stored.version === last!.version) expect(stored.form.notes).toBe(last!.notes);
    const counter = (s: string) => Number(/第(\d+)次/.exec(s)?.[1] ?? -1);
    expect(counter(stored.form.notes)).toBeGreaterThanOrEqual(counter(last!.notes));
  }
}, 60_000);
