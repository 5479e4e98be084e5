// Step 1's view of the uploaded ID photos and 核验单: where what OCR read disagrees with the saved form, by field path
// (shown under the field like a server problem). Read once per saved version of the draft; a failure shows nothing.
import { useEffect, useState } from 'react';
import { api } from '../../services/api';
import type { ChangeDraft } from '../../../shared/domain/change';
import { parseMaterialSlot } from '../../../shared/domain/materialSlot';

const READ_KINDS = new Set(['id_front', 'id_back', 'verification_form']);

export function usePhotoMismatches(changeId: string, draft: ChangeDraft | null): Record<string, string> {
  const [byField, setByField] = useState<Record<string, string>>({});
  const version = draft?.version;
  const slots = draft ? Object.keys(draft.materials) : [];
  const slotKey = slots.join(',');
  useEffect(() => {
    if (version === undefined) return;
    let live = true;
    const read = slotKey
      .split(',')
      .map((slot) => parseMaterialSlot(slot))
      .filter((p): p is NonNullable<typeof p> => p !== null && READ_KINDS.has(p.kind));
    void Promise.all(read.map((p) => api.materialRecognition(changeId, p.kind, p.subject).catch(() => null))).then((answers) => {
      if (!live) return;
      const next: Record<string, string> = {};
      for (const answer of answers) for (const m of answer?.mismatches ?? []) next[m.field] ??= m.message;
      setByField(next);
    });
    return () => {
      live = false;
    };
  }, [changeId, version, slotKey]);
  return byField;
}
