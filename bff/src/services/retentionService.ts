// How long ID photos are kept (PIPL: no longer than the filing needs): while the change is open — a draft, in review, or
// rejected and waiting for edits — and no longer. A withdrawn or approved change's photos are deleted at once; those of a
// change that expired (45 days untouched: Redis drops its keys) or were replaced are found by the sweep through the
// photo index, which outlives the change's keys.
import type { Logger } from 'pino';
import type { MaterialStorage } from '../materials/storage';
import type { ChangeStore } from '../stores/changeStore';
import type { IndexedFile, MaterialIndexStore } from '../stores/materialIndexStore';
import type { ChangeDraft } from '../../../shared/domain/change';
import { isFinalStatus } from '../../../shared/domain/status';

/** An indexed file no draft references yet may be an upload between storing and attaching: left alone this long. */
export const UNREFERENCED_GRACE_MS = 60 * 60 * 1000;

export interface RetentionServiceDeps {
  index: MaterialIndexStore;
  changes: ChangeStore;
  storage: MaterialStorage;
  /** What was read from the photos (OCR, in Redis) goes with them; their TTL covers an expired change. */
  forgetReadings?: (draft: ChangeDraft) => Promise<void>;
  logger: Logger;
  now?: () => Date;
}

export function createRetentionService({ index, changes, storage, forgetReadings, logger, now = () => new Date() }: RetentionServiceDeps) {
  async function remove(fileIds: string[]): Promise<void> {
    for (const fileId of fileIds) await storage.delete(fileId);
    await index.forget(fileIds);
  }

  /** Why an indexed file must go now, or null while its change still needs it. */
  function reasonToDelete(file: IndexedFile, draft: ChangeDraft | null): string | null {
    if (!draft) return 'change expired';
    if (isFinalStatus(draft.status)) return `change ${draft.status}`;
    const referenced = Object.values(draft.materials).some((m) => m.fileId === file.fileId);
    if (!referenced && now().getTime() - file.at > UNREFERENCED_GRACE_MS) return 'replaced or never attached';
    return null;
  }

  return {
    /** Called before a photo is attached to a change, so the sweep can find it even after the change expires. */
    async track(applicantId: string, changeId: string, fileId: string): Promise<void> {
      await index.record({ fileId, applicantId, changeId, at: now().getTime() });
    },

    /** A change was withdrawn or approved: its photos go now (a failure is logged; the sweep retries). */
    async purge(draft: ChangeDraft): Promise<void> {
      const fileIds = Object.values(draft.materials).map((m) => m.fileId);
      try {
        await forgetReadings?.(draft);
        await remove(fileIds);
        logger.info({ changeId: draft.id, status: draft.status, files: fileIds.length }, 'retention: photos of a closed change deleted');
      } catch (err) {
        logger.warn({ err, changeId: draft.id }, 'retention: could not delete the photos of a closed change; the sweep will');
      }
    },

    /** One pass over the index: deletes every photo whose change expired, closed, or no longer uses it. */
    async sweep(): Promise<number> {
      let cursor = '0';
      let deleted = 0;
      do {
        const page = await index.page(cursor);
        cursor = page.cursor;
        for (const file of page.files) {
          const draft = await changes.get(file.applicantId, file.changeId);
          const reason = reasonToDelete(file, draft);
          if (!reason) continue;
          await remove([file.fileId]);
          deleted += 1;
          logger.info({ changeId: file.changeId, reason }, 'retention: photo deleted');
        }
      } while (cursor !== '0');
      return deleted;
    },
  };
}
export type RetentionService = ReturnType<typeof createRetentionService>;
