// The change store against a real Redis: the version check reads the stored draft's prefix (and still understands
// drafts stored before that layout), and the keys hanging off a draft get their TTL back on the day's first write only.
import { startRedis, type TestRedis } from '../../../testing/redis';
import { buildDraft } from '../../../shared/rules/testFixtures';
import type { ChangeDraft } from '../../../shared/domain/change';
import { createChangeStore, type ChangeStore } from './changeStore';
import { draftJson, serializeDraft } from './draftJson';
import { keys, TTL } from './keys';

let redis: TestRedis;
let store: ChangeStore;

beforeAll(async () => {
  redis = await startRedis();
  store = createChangeStore(redis.client);
});
afterAll(async () => {
  await redis?.stop();
});
beforeEach(async () => {
  await redis.flush();
});

const DAY1 = '2026-03-01T08:00:00.000Z';
const DAY1_LATER = '2026-03-01T23:59:00.000Z';
const DAY2 = '2026-03-02T00:01:00.000Z';

const timelineEntry = { id: 'ev1', at: DAY1, status: 'draft' as const, title: '创建变更', detail: null, reasons: [] };

async function created(): Promise<ChangeDraft> {
  const draft = buildDraft({ id: 'chg_store0000001', applicantId: 'a1', status: 'draft', updatedAt: DAY1 });
  const result = await store.create(draft, timelineEntry);
  expect(result.outcome).toBe('created');
  return result.draft;
}

const saved = (from: ChangeDraft, notes: string, updatedAt: string): ChangeDraft => ({ ...from, version: from.version + 1, updatedAt, form: { ...from.form, notes } });

/** Seconds left on every key hanging off the draft. */
async function siblingTtls(d: ChangeDraft) {
  const c = redis.client;
  return {
    index: await c.ttl(keys.changeIndex(d.applicantId)),
    open: await c.ttl(keys.openChange(d.applicantId, d.websiteId)),
    timeline: await c.ttl(keys.timeline(d.applicantId, d.id)),
    owner: await c.ttl(keys.changeOwner(d.id)),
  };
}

test('a draft is stored with its version first; the compare-and-set takes the current version and refuses any other', async () => {
  const v1 = await created();
  const raw = await redis.client.get(keys.change(v1.applicantId, v1.id));
  expect(raw?.startsWith(`{"version":${v1.version},`)).toBe(true);

  const v2 = saved(v1, '第一次保存', DAY1_LATER);
  const ok = await store.commit(v2, v1);
  expect(ok.outcome).toBe('ok');
  // The reply can send what was stored, byte for byte.
  expect(ok.outcome === 'ok' && ok.json).toBe(await redis.client.get(keys.change(v1.applicantId, v1.id)));

  // v1 again (a second phone's save on top of an old version), and a version that never was: stale, with the current draft.
  for (const expected of [v1, { ...v1, version: 12 }]) {
    const stale = await store.commit(saved(v1, '旧版本上的保存', DAY1_LATER), expected);
    expect(stale.outcome).toBe('stale');
    expect(stale.outcome === 'stale' && stale.current).toMatchObject({ version: 2, form: { notes: '第一次保存' } });
  }
  // A version that shares v2's first digit ("2" / "21") is not mistaken for it.
  const v22 = { ...v2, version: 21 };
  expect((await store.commit(saved(v22, 'x', DAY1_LATER), v22)).outcome).toBe('stale');
});

test('a draft stored before the version-first layout is still compared by its version', async () => {
  const v1 = await created();
  // The old layout: plain JSON.stringify, `version` wherever the object had it (here: last).
  const { version: _old, ...rest } = v1;
  const legacy: ChangeDraft = { ...rest, version: 7 };
  expect(JSON.stringify(legacy).startsWith('{"version"')).toBe(false);
  await redis.client.set(keys.change(v1.applicantId, v1.id), JSON.stringify(legacy), 'KEEPTTL');

  expect((await store.commit(saved(v1, '按旧版本', DAY1_LATER), v1)).outcome).toBe('stale');
  const ok = await store.commit(saved(legacy, '按当前版本', DAY1_LATER), legacy);
  expect(ok.outcome).toBe('ok');
  expect(await store.get(v1.applicantId, v1.id)).toMatchObject({ version: 8, form: { notes: '按当前版本' } });
  expect(await redis.client.get(keys.change(v1.applicantId, v1.id))).toBe(serializeDraft({ ...saved(legacy, '按当前版本', DAY1_LATER) }));
});

test('autosaves on the day of the last write leave the sibling keys alone; the next day’s first write refreshes them all', async () => {
  const v1 = await created();
  // As created: every sibling outlives the draft.
  const fresh = await siblingTtls(v1);
  for (const ttl of Object.values(fresh)) expect(ttl).toBeGreaterThan(TTL.change);

  // Shorten them to tell a refresh from none.
  const c = redis.client;
  await Promise.all([
    c.expire(keys.changeIndex(v1.applicantId), 1000),
    c.expire(keys.openChange(v1.applicantId, v1.websiteId), 1000),
    c.expire(keys.timeline(v1.applicantId, v1.id), 1000),
    c.expire(keys.changeOwner(v1.id), 1000),
  ]);
  const v2 = saved(v1, '同一天', DAY1_LATER);
  expect((await store.commit(v2, v1)).outcome).toBe('ok');
  for (const ttl of Object.values(await siblingTtls(v1))) expect(ttl).toBeLessThanOrEqual(1000);
  // The draft itself always gets its full TTL.
  expect(await c.ttl(keys.change(v1.applicantId, v1.id))).toBeGreaterThan(TTL.change - 10);

  const v3 = saved(v2, '第二天', DAY2);
  expect((await store.commit(v3, v2)).outcome).toBe('ok');
  for (const ttl of Object.values(await siblingTtls(v1))) expect(ttl).toBeGreaterThan(TTL.change);

  // A writer that only knows the version (no updatedAt) always refreshes.
  await c.expire(keys.changeIndex(v1.applicantId), 1000);
  expect((await store.commit(saved(v3, '只知道版本', DAY2), v3.version)).outcome).toBe('ok');
  expect(await c.ttl(keys.changeIndex(v1.applicantId))).toBeGreaterThan(TTL.change);
});

test('a same-day autosave is one script of one GET and one SET, sent by SHA', async () => {
  const v1 = await created();
  const v2 = saved(v1, '预热', DAY1_LATER);
  expect((await store.commit(v2, v1)).outcome).toBe('ok');
  await c().config('RESETSTAT');
  expect((await store.commit(saved(v2, '计数', DAY1_LATER), v2)).outcome).toBe('ok');
  const stats = await c().info('commandstats');
  const calls = Object.fromEntries([...stats.matchAll(/cmdstat_(\w+(?:\|\w+)?):calls=(\d+)/g)].map((m) => [m[1], Number(m[2])]));
  // INFO itself is counted once the reply is built, so it is not in its own answer.
  expect(calls).toEqual({ evalsha: 1, get: 1, set: 1, 'config|resetstat': 1 });
});

const c = () => redis.client;

test("the bytes written and answered are the draft's JSON, version first, with the filed snapshot's bytes reused across saves", async () => {
  const v1 = await created();
  // Saves of one change share its `base`: the second encoding takes the base's bytes from the first.
  const v2 = saved(v1, '第一次保存：“引号”\\反斜杠\n换行', DAY1_LATER);
  const v3 = { ...saved(v2, '第二次', DAY2), rejection: { at: DAY2, stage: 'initial' as const, reasons: [{ target: { type: 'field' as const, path: 'name' }, message: '名称不符' }] } };
  for (const d of [v1, v2, v3]) {
    expect(draftJson(d)).toBe(JSON.stringify(d));
    expect(JSON.parse(draftJson(d))).toEqual(d);
  }
  // Key order as serializeDraft gives it (version moved first), and keys whose value is undefined left out.
  const { version, ...rest } = v2;
  const reordered = { ...rest, extra: undefined, version } as unknown as ChangeDraft;
  expect(draftJson(reordered)).toBe(serializeDraft(reordered));
  expect(draftJson(reordered).startsWith(`{"version":${version},"id":`)).toBe(true);

  const ok = await store.commit(v2, v1);
  expect(ok.outcome === 'ok' && ok.json).toBe(await redis.client.get(keys.change(v1.applicantId, v1.id)));
});
