// The index of stored photos (fileId → the change it belongs to), kept apart from the changes' own keys so the files of
// a change stay findable after Redis has expired the change itself.
import type Redis from 'ioredis';
import { keys } from './keys';

export interface IndexedFile {
  fileId: string;
  applicantId: string;
  changeId: string;
  /** When the file was indexed (ms): an unreferenced file younger than the grace period may be an upload in flight. */
  at: number;
}

export function createMaterialIndexStore(redis: Redis) {
  return {
    async record(file: IndexedFile): Promise<void> {
      const { fileId, ...entry } = file;
      await redis.hset(keys.materialIndex(), fileId, JSON.stringify(entry));
    },
    async forget(fileIds: string[]): Promise<void> {
      if (fileIds.length > 0) await redis.hdel(keys.materialIndex(), ...fileIds);
    },
    /** One page of the index (HSCAN): `cursor` '0' starts, and a returned '0' means the scan is complete. */
    async page(cursor: string, count = 200): Promise<{ cursor: string; files: IndexedFile[] }> {
      const [next, flat] = await redis.hscan(keys.materialIndex(), cursor, 'COUNT', count);
      const files: IndexedFile[] = [];
      for (let i = 0; i < flat.length; i += 2) {
        const entry = JSON.parse(flat[i + 1]) as Omit<IndexedFile, 'fileId'>;
        files.push({ fileId: flat[i], ...entry });
      }
      return { cursor: next, files };
    },
  };
}
export type MaterialIndexStore = ReturnType<typeof createMaterialIndexStore>;
