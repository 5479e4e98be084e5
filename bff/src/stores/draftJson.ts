// The text a draft is stored as: its JSON with `version` first (the scripts of changeStore.ts read the version as a
// prefix of the stored text), serialised once per write.
import type { ChangeDraft } from '../../../shared/domain/change';

/** The stored form of a draft: its JSON with `version` first, so the scripts can read the version as a prefix. */
export function serializeDraft(draft: ChangeDraft): string {
  // Drafts built from a stored one keep its key order, `version` first: written as they are, without a reordered copy.
  for (const key in draft) {
    if (key === 'version') return JSON.stringify(draft);
    break;
  }
  const { version, ...rest } = draft;
  return JSON.stringify({ version, ...rest });
}

/**
 * JSON of each filed snapshot (`base`) already written. A change's `base` is the filing as it stood when the change
 * began: no write path replaces or mutates it (every write spreads it into the next draft), so every save of a change
 * shares one object, and more than half of a draft's text need not be serialised again on each save.
 */
const baseJsonOf = new WeakMap<object, string>();

/**
 * serializeDraft(draft) with the `base` part from baseJsonOf: what commit() writes and the autosave answers with. Same
 * key order and text as serializeDraft (stores/changeStore.test.ts compares them). A string, not bytes: ioredis writes
 * an all-string command as one string and the socket encodes it natively, where a Buffer argument makes it copy every
 * argument into a new Buffer (and the reply would be a third copy).
 */
export function draftJson(draft: ChangeDraft): string {
  const { base } = draft;
  let baseJson = baseJsonOf.get(base);
  if (baseJson === undefined) {
    baseJson = JSON.stringify(base);
    baseJsonOf.set(base, baseJson);
  }
  let head = `{"version":${JSON.stringify(draft.version)}`;
  let tail = '';
  let afterBase = false;
  for (const key in draft) {
    if (key === 'version') continue;
    if (key === 'base') {
      head += ',"base":';
      afterBase = true;
      continue;
    }
    const json = JSON.stringify((draft as Record<string, unknown>)[key]) as string | undefined;
    // As JSON.stringify does: a key whose value is undefined is left out.
    if (json === undefined) continue;
    const part = `,${JSON.stringify(key)}:${json}`;
    if (afterBase) tail += part;
    else head += part;
  }
  return `${head}${baseJson}${tail}}`;
}
