// Change drafts in Redis: one JSON value per change under the applicant's hash tag, written only by compare-and-set
// Lua scripts (a stale version can never overwrite a newer one), with the timeline and idempotency record in the same step.
import type Redis from 'ioredis';
import type { ChangeDraft } from '../../../shared/domain/change';
import type { TimelineEntry } from '../../../shared/contracts/api';
import { FINAL_STATUSES, IN_REVIEW_STATUSES, isFinalStatus } from '../../../shared/domain/status';
import { keys, TTL } from './keys';
import { draftJson, serializeDraft } from './draftJson';
import { createRecentDrafts, type RecentDrafts } from './recentDrafts';

/**
 * Create, unless the website already has an open change (→ that one) or another change of the same filing is in
 * review (→ conflict). Sibling drafts are read through the applicant prefix: same hash tag, same slot.
 * KEYS: index, openPointer, newDraft, timeline
 * ARGV: prefix, json, ttl, filingId, changeId, timelineEntry, finalStatuses (comma-separated), inReviewStatuses (comma-separated), keysTtl
 */
const CREATE_LUA = `
local function set(csv)
  local s = {}
  for st in string.gmatch(csv, '[^,]+') do s[st] = true end
  return s
end
local final, inReview = set(ARGV[7]), set(ARGV[8])
local openId = redis.call('GET', KEYS[2])
if openId then
  local cur = redis.call('GET', ARGV[1] .. openId)
  if cur then
    if not final[cjson.decode(cur).status] then return {'existing', cur} end
  end
end
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local raw = redis.call('GET', ARGV[1] .. id)
  if raw then
    local d = cjson.decode(raw)
    if d.filingId == ARGV[4] and inReview[d.status] then return {'in_review', raw} end
  else
    redis.call('SREM', KEYS[1], id)
  end
end
redis.call('SET', KEYS[3], ARGV[2], 'EX', ARGV[3])
redis.call('SADD', KEYS[1], ARGV[5])
redis.call('EXPIRE', KEYS[1], ARGV[9])
redis.call('SET', KEYS[2], ARGV[5], 'EX', ARGV[9])
redis.call('RPUSH', KEYS[4], ARGV[6])
redis.call('EXPIRE', KEYS[4], ARGV[9])
return {'created', ARGV[2]}
`;

/**
 * True when the stored draft `cur` is at version `v`. Drafts are stored with `version` as their first key
 * (serializeDraft, draftJson.ts), so a prefix comparison decides it without decoding 5 KB of JSON; a value written before that
 * layout is decoded once.
 */
const VERSION_IS = `
local function versionIs(cur, v)
  local prefix = '{"version":' .. v .. ','
  if string.sub(cur, 1, #prefix) == prefix then return true end
  if string.sub(cur, 1, 11) == '{"version":' then return false end
  return tostring(cjson.decode(cur).version) == v
end
`;

/**
 * Compare-and-set of one draft, plus optional timeline entry and idempotency record, all or nothing. An autosave
 * runs GET and SET only; the keys hanging off the draft get their TTL back on the first write of a day (refresh='1').
 * KEYS: draft, openPointer, index, timeline, idem
 * ARGV: expectedVersion, json, ttl, closed('1' = release the website's open pointer), changeId, timelineEntry|'',
 *       idemValue|'', idemTtl, refresh('1' = refresh the sibling keys' TTL), keysTtl
 */
const COMMIT_LUA = `${VERSION_IS}
if ARGV[7] ~= '' then
  local prior = redis.call('GET', KEYS[5])
  if prior then return {'idempotent', prior} end
end
local cur = redis.call('GET', KEYS[1])
if not cur then return {'missing', ''} end
if not versionIs(cur, ARGV[1]) then return {'stale', cur} end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
if ARGV[4] == '1' then
  if redis.call('GET', KEYS[2]) == ARGV[5] then redis.call('DEL', KEYS[2]) end
elseif ARGV[9] == '1' then
  redis.call('SET', KEYS[2], ARGV[5], 'EX', ARGV[10])
end
if ARGV[6] ~= '' then redis.call('RPUSH', KEYS[4], ARGV[6]) end
if ARGV[9] == '1' or ARGV[6] ~= '' then
  redis.call('EXPIRE', KEYS[3], ARGV[10])
  redis.call('EXPIRE', KEYS[4], ARGV[10])
end
if ARGV[7] ~= '' then redis.call('SET', KEYS[5], ARGV[7], 'EX', ARGV[8]) end
return {'ok', ''}
`;

/**
 * Apply one review-system progress event exactly once and in order.
 * KEYS: draft, openPointer, index, timeline, seenEvents, relay
 * ARGV: eventId, submissionId, sequence, expectedVersion, json|'' (no status change), ttl, closed, changeId, timelineEntry|'', seenTtl, keysTtl
 */
const EVENT_LUA = `${VERSION_IS}
if redis.call('SISMEMBER', KEYS[5], ARGV[1]) == 1 then return {'duplicate', ''} end
local last = tonumber(redis.call('HGET', KEYS[6], 'seq:' .. ARGV[2]) or '0')
local seq = tonumber(ARGV[3])
if seq <= last then
  redis.call('SADD', KEYS[5], ARGV[1])
  return {'stale_sequence', tostring(last)}
end
if seq > last + 1 then return {'early', tostring(last)} end
local cur = redis.call('GET', KEYS[1])
if not cur then return {'missing', ''} end
if not versionIs(cur, ARGV[4]) then return {'retry', ''} end
if ARGV[5] ~= '' then
  redis.call('SET', KEYS[1], ARGV[5], 'EX', ARGV[6])
  if ARGV[7] == '1' then
    if redis.call('GET', KEYS[2]) == ARGV[8] then redis.call('DEL', KEYS[2]) end
  else
    redis.call('SET', KEYS[2], ARGV[8], 'EX', ARGV[11])
  end
  redis.call('EXPIRE', KEYS[3], ARGV[11])
end
if ARGV[9] ~= '' then redis.call('RPUSH', KEYS[4], ARGV[9]) end
redis.call('EXPIRE', KEYS[4], ARGV[11])
redis.call('HSET', KEYS[6], 'seq:' .. ARGV[2], ARGV[3])
redis.call('EXPIRE', KEYS[6], ARGV[11])
redis.call('SADD', KEYS[5], ARGV[1])
redis.call('EXPIRE', KEYS[5], ARGV[10])
return {'applied', ''}
`;

type ScriptReply = Promise<[string, string]>;

/** The scripts as commands of the connection: sent as EVALSHA (ioredis falls back to EVAL once after a Redis restart). */
interface ChangeScripts {
  changeCreate(...keysThenArgs: (string | number | Buffer)[]): ScriptReply;
  changeCommit(...keysThenArgs: (string | number | Buffer)[]): ScriptReply;
  changeEvent(...keysThenArgs: (string | number | Buffer)[]): ScriptReply;
}

/** Registers the scripts once per connection (several stores may share one). */
function withScripts(redis: Redis): Redis & ChangeScripts {
  const r = redis as Redis & Partial<ChangeScripts>;
  if (!r.changeCommit) {
    redis.defineCommand('changeCreate', { numberOfKeys: 4, lua: CREATE_LUA });
    redis.defineCommand('changeCommit', { numberOfKeys: 5, lua: COMMIT_LUA });
    redis.defineCommand('changeEvent', { numberOfKeys: 6, lua: EVENT_LUA });
  }
  return r as Redis & ChangeScripts;
}

/** UTC day of an ISO timestamp: the sibling keys' TTL is refreshed when a write is the first of its day. */
const dayOf = (iso: string) => iso.slice(0, 10);

export type CreateResult = { outcome: 'created'; draft: ChangeDraft } | { outcome: 'existing'; draft: ChangeDraft } | { outcome: 'in_review'; draft: ChangeDraft };

/** `json` is the stored text of `draft` (a reply can send it as it is). */
export type CommitResult =
  { outcome: 'ok'; draft: ChangeDraft; json: string } | { outcome: 'stale'; current: ChangeDraft } | { outcome: 'missing' } | { outcome: 'idempotent'; stored: string };

export type EventResult = 'applied' | 'duplicate' | 'stale_sequence' | 'early' | 'missing' | 'retry';

/** The status sets the create script needs, from the shared state machine (never spelled out in Lua). */
const FINAL_CSV = FINAL_STATUSES.join(',');
const IN_REVIEW_CSV = IN_REVIEW_STATUSES.join(',');

export interface CommitOptions {
  timeline?: TimelineEntry;
  idempotency?: { key: string; value: string };
}

export function createChangeStore(connection: Redis, recent: RecentDrafts = createRecentDrafts()) {
  const redis = withScripts(connection);
  const draftKeys = (d: Pick<ChangeDraft, 'applicantId' | 'id' | 'websiteId'>) => [
    keys.change(d.applicantId, d.id),
    keys.openChange(d.applicantId, d.websiteId),
    keys.changeIndex(d.applicantId),
    keys.timeline(d.applicantId, d.id),
  ];

  async function get(applicantId: string, changeId: string): Promise<ChangeDraft | null> {
    const key = keys.change(applicantId, changeId);
    const raw = await redis.get(key);
    if (!raw) {
      recent.forget(key);
      return null;
    }
    const draft = JSON.parse(raw) as ChangeDraft;
    recent.remember(key, draft);
    return draft;
  }

  return {
    get,

    /**
     * The draft as a write that names `version` starts from it: this process's copy when it is at that version (no
     * round trip; commit() checks the version in Redis before writing), else read. See recentDrafts.ts.
     */
    async getAt(applicantId: string, changeId: string, version: number): Promise<ChangeDraft | null> {
      return recent.at(keys.change(applicantId, changeId), version) ?? get(applicantId, changeId);
    },

    async list(applicantId: string): Promise<ChangeDraft[]> {
      const ids = await redis.smembers(keys.changeIndex(applicantId));
      if (ids.length === 0) return [];
      const raws = await redis.mget(...ids.map((id) => keys.change(applicantId, id)));
      return raws.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as ChangeDraft);
    },

    /** Applicant of a change, for callbacks that only carry the change id. */
    async ownerOf(changeId: string): Promise<string | null> {
      return redis.get(keys.changeOwner(changeId));
    },

    async create(draft: ChangeDraft, timeline: TimelineEntry): Promise<CreateResult> {
      // The owner pointer lives on another slot; written first, it is harmless if the create then finds an open change.
      await redis.set(keys.changeOwner(draft.id), draft.applicantId, 'EX', TTL.changeKeys);
      const [outcome, raw] = (await redis.changeCreate(
        keys.changeIndex(draft.applicantId),
        keys.openChange(draft.applicantId, draft.websiteId),
        keys.change(draft.applicantId, draft.id),
        keys.timeline(draft.applicantId, draft.id),
        keys.changePrefix(draft.applicantId),
        serializeDraft(draft),
        TTL.change,
        draft.filingId,
        draft.id,
        JSON.stringify(timeline),
        FINAL_CSV,
        IN_REVIEW_CSV,
        TTL.changeKeys,
      )) as [CreateResult['outcome'], string];
      if (outcome !== 'created') await redis.del(keys.changeOwner(draft.id));
      const stored = JSON.parse(raw) as ChangeDraft;
      recent.remember(keys.change(stored.applicantId, stored.id), stored);
      return { outcome, draft: stored };
    },

    /**
     * Writes `next` only when the stored version is still `expected`'s: the draft the write started from (its
     * `updatedAt` tells whether this is the day's first write, which refreshes the sibling keys), or only its version
     * (then they are refreshed).
     */
    async commit(next: ChangeDraft, expected: number | Pick<ChangeDraft, 'version' | 'updatedAt'>, options: CommitOptions = {}): Promise<CommitResult> {
      const expectedVersion = typeof expected === 'number' ? expected : expected.version;
      const refresh = typeof expected === 'number' || dayOf(expected.updatedAt) !== dayOf(next.updatedAt);
      const draftAndSiblings = draftKeys(next);
      // Without an idempotency key the script never reads KEYS[5]; the draft's own key stands in (same slot, no hashing).
      const idemKey = options.idempotency ? keys.idempotency(next.applicantId, next.id, options.idempotency.key) : draftAndSiblings[0];
      // Serialised once: the reply reuses the same text.
      const json = draftJson(next);
      const [outcome, raw] = await redis.changeCommit(
        ...draftAndSiblings,
        idemKey,
        String(expectedVersion),
        json,
        TTL.change,
        isFinalStatus(next.status) ? '1' : '0',
        next.id,
        options.timeline ? JSON.stringify(options.timeline) : '',
        options.idempotency?.value ?? '',
        TTL.idempotency,
        refresh ? '1' : '0',
        TTL.changeKeys,
      );
      switch (outcome) {
        case 'ok':
          recent.remember(draftAndSiblings[0], next);
          // The owner pointer is on another slot (callbacks find it by change id alone): refreshed on the same days.
          if (refresh) await redis.expire(keys.changeOwner(next.id), TTL.changeKeys);
          return { outcome, draft: next, json };
        case 'stale': {
          const current = JSON.parse(raw) as ChangeDraft;
          recent.remember(draftAndSiblings[0], current);
          return { outcome, current };
        }
        case 'idempotent':
          return { outcome, stored: raw };
        default:
          recent.forget(draftAndSiblings[0]);
          return { outcome: 'missing' };
      }
    },

    async idempotentResult(applicantId: string, changeId: string, key: string): Promise<string | null> {
      return redis.get(keys.idempotency(applicantId, changeId, key));
    },

    async applyEvent(args: {
      current: ChangeDraft;
      next: ChangeDraft | null;
      eventId: string;
      submissionId: string;
      sequence: number;
      timeline: TimelineEntry | null;
    }): Promise<EventResult> {
      const { current, next } = args;
      const [outcome] = (await redis.changeEvent(
        ...draftKeys(current),
        keys.seenEvents(current.applicantId, current.id),
        keys.relay(current.applicantId, current.id),
        args.eventId,
        args.submissionId,
        String(args.sequence),
        String(current.version),
        next ? serializeDraft(next) : '',
        TTL.change,
        next && isFinalStatus(next.status) ? '1' : '0',
        current.id,
        args.timeline ? JSON.stringify(args.timeline) : '',
        TTL.seenEvent,
        TTL.changeKeys,
      )) as [EventResult, string];
      const key = keys.change(current.applicantId, current.id);
      if (outcome === 'applied' && next) recent.remember(key, next);
      else if (outcome !== 'applied' && outcome !== 'duplicate' && outcome !== 'stale_sequence') recent.forget(key);
      return outcome;
    },

    /** The review system's id of the submission now in flight for this change (set when relayed). */
    async relayedSubmission(applicantId: string, changeId: string): Promise<{ reviewSubmissionId: string; submissionNo: number } | null> {
      const [id, no] = await redis.hmget(keys.relay(applicantId, changeId), 'current', 'currentNo');
      return id ? { reviewSubmissionId: id, submissionNo: Number(no) } : null;
    },

    async recordRelay(applicantId: string, changeId: string, reviewSubmissionId: string, submissionNo: number): Promise<void> {
      await redis
        .multi()
        .hset(keys.relay(applicantId, changeId), 'current', reviewSubmissionId, 'currentNo', String(submissionNo))
        .expire(keys.relay(applicantId, changeId), TTL.changeKeys)
        .exec();
    },

    /** Deadline of the MIIT SMS check announced with `authority_started`. */
    async setMiitDeadline(applicantId: string, changeId: string, deadline: string): Promise<void> {
      await redis.hset(keys.relay(applicantId, changeId), 'miitDeadline', deadline);
    },

    /** Written before a submit commits, cleared when its relay job is done: what a crash may have left unqueued. */
    async markRelayPending(applicantId: string, changeId: string, submissionNo: number): Promise<void> {
      await redis.hset(keys.relayPending(), `${applicantId}/${changeId}/${submissionNo}`, String(Date.now()));
    },

    async clearRelayPending(applicantId: string, changeId: string, submissionNo: number): Promise<void> {
      await redis.hdel(keys.relayPending(), `${applicantId}/${changeId}/${submissionNo}`);
    },

    async pendingRelays(): Promise<{ applicantId: string; changeId: string; submissionNo: number; markedAt: number }[]> {
      const all = await redis.hgetall(keys.relayPending());
      return Object.entries(all).map(([member, at]) => {
        const [applicantId, changeId, no] = member.split('/');
        return { applicantId, changeId, submissionNo: Number(no), markedAt: Number(at) };
      });
    },

    /**
     * What a progress read needs besides the draft, in one write to Redis (one slot: the applicant's hash tag): the
     * timeline, the MIIT check's deadline and the subscription grants left.
     */
    async progressParts(applicantId: string, changeId: string): Promise<{ timeline: TimelineEntry[]; miitDeadline: string | null; grantsLeft: number }> {
      const replies = await redis
        .pipeline()
        .lrange(keys.timeline(applicantId, changeId), 0, -1)
        .hget(keys.relay(applicantId, changeId), 'miitDeadline')
        .llen(keys.grants(applicantId, changeId))
        .exec();
      const failed = replies?.find(([error]) => error)?.[0];
      if (!replies || failed) throw failed ?? new Error('progress pipeline returned nothing');
      const [[, raws], [, deadline], [, grants]] = replies as [[null, string[]], [null, string | null], [null, number]];
      return { timeline: raws.map((r) => JSON.parse(r) as TimelineEntry), miitDeadline: deadline, grantsLeft: grants };
    },
  };
}
export type ChangeStore = ReturnType<typeof createChangeStore>;
