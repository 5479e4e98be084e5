// A draft as the API answers it: every replaced material with a preview link signed now (the stored draft holds none).
import type { ChangeView } from '../../../shared/contracts/api';
import type { ChangeDraft } from '../../../shared/domain/change';
import { draftPreviewTtlSeconds } from './signing';
import type { MaterialStorage } from './storage';

/** What the change routes call on every draft they answer with (also the `current` draft of a 412). */
export type DraftPresenter = (draft: ChangeDraft) => ChangeView;

export function createDraftPresenter(storage: MaterialStorage, now: () => number = Date.now): DraftPresenter {
  return (draft) => {
    const nowMs = now();
    const ttl = draftPreviewTtlSeconds(nowMs);
    const materials = Object.fromEntries(Object.entries(draft.materials).map(([slot, material]) => [slot, { ...material, previewUrl: storage.signedUrl(material.fileId, ttl, nowMs) }]));
    return { ...draft, materials };
  };
}
