// The photo's suggestion: poll what OCR read from an accepted ID photo (backing off, stopping when the screen hides),
// word it as "识别到：王小明 · 3301…0573 · 有效期至 2036-03-07", and turn it into form edits only when 填入 is tapped.
import { useEffect, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { api, type MaterialRecognition } from '../../services/api';
import type { MaterialKind, MaterialSubject } from '../../../shared/domain/filing';
import type { FormEdits } from '../wizard/fields';

/** Heard by the wizard page, which applies the edits as if typed (autosaved like any edit). */
export const RECOGNITION_FILL_EVENT = 'wizard:recognition-fill';
export interface RecognitionFillEvent {
  changeId: string;
  edits: FormEdits;
}

/** First poll after this, then ×1.5 per poll up to the cap; given up after the total (the checklist still compares). */
export const POLL_FIRST_MS = 800;
export const POLL_MAX_MS = 5000;
export const POLL_GIVE_UP_MS = 60_000;

const ID_KINDS: readonly MaterialKind[] = ['id_front', 'id_back'];
const ROLE_OF: Partial<Record<MaterialSubject, 'websitePrincipal' | 'entityPrincipal'>> = { website_principal: 'websitePrincipal', entity_principal: 'entityPrincipal' };

/** `330106199001010573` → `3301…0573`: enough to recognise one's own number, not enough to copy it. */
export function shortId(idNumber: string): string {
  return idNumber.length > 8 ? `${idNumber.slice(0, 4)}…${idNumber.slice(-4)}` : idNumber;
}

type Fields = MaterialRecognition['fields'];

/** The suggestion's words, or null when nothing worth filling was read. */
export function suggestionText(fields: Fields): string | null {
  const parts: string[] = [];
  if (fields.name) parts.push(fields.name);
  if (fields.idNumber) parts.push(shortId(fields.idNumber));
  if (fields.validUntil !== undefined) parts.push(fields.validUntil === null ? '有效期长期' : `有效期至 ${fields.validUntil}`);
  return parts.length ? `识别到：${parts.join(' · ')}` : null;
}

/** The form edits 填入 makes: the principal's name, ID number and validity as read (only what was read). */
export function fillEdits(subject: MaterialSubject, fields: Fields): FormEdits {
  const role = ROLE_OF[subject];
  if (!role) return {};
  const edits: FormEdits = {};
  if (fields.name) edits[`${role}.name`] = fields.name;
  if (fields.idNumber) edits[`${role}.idNumber`] = fields.idNumber;
  if (fields.validUntil !== undefined) edits[`${role}.idValidUntil`] = fields.validUntil;
  return edits;
}

export type SuggestionState =
  | { phase: 'reading' }
  | { phase: 'ready'; text: string; edits: FormEdits; mismatches: MaterialRecognition['mismatches'] }
  /** Nothing to suggest: unreadable, nothing new, or reading took too long. */
  | { phase: 'none'; slow?: boolean };

/** Both sides of the subject's ID card (the other side only when it was uploaded too), merged: one suggestion. */
async function readBothSides(changeId: string, kind: MaterialKind, subject: MaterialSubject): Promise<MaterialRecognition[]> {
  const own = api.materialRecognition(changeId, kind, subject);
  // The other side answers 404 until it is uploaded: then it simply adds nothing.
  const other = ID_KINDS.includes(kind) ? ID_KINDS.filter((k) => k !== kind).map((k) => api.materialRecognition(changeId, k, subject).catch(() => null)) : [];
  const answers = await Promise.all([own, ...other]);
  return answers.filter((a): a is MaterialRecognition => a !== null);
}

/**
 * Polls while the photo is read (`active`: the upload was accepted), backing off from POLL_FIRST_MS to POLL_MAX_MS,
 * and pausing while the page is hidden. Never fills anything itself.
 */
export function useRecognitionSuggestion(changeId: string, kind: MaterialKind, subject: MaterialSubject, active: boolean): SuggestionState {
  const [state, setState] = useState<SuggestionState>({ phase: 'reading' });
  const [visible, setVisible] = useState(true);
  useDidHide(() => setVisible(false));
  useDidShow(() => setVisible(true));

  useEffect(() => {
    if (!active || !visible || state.phase !== 'reading') return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const started = Date.now();
    const poll = async (delay: number) => {
      if (stopped) return;
      try {
        const answers = await readBothSides(changeId, kind, subject);
        if (stopped) return;
        if (answers.some((a) => a.status === 'pending')) {
          if (Date.now() - started > POLL_GIVE_UP_MS) return setState({ phase: 'none', slow: true });
          timer = setTimeout(() => void poll(Math.min(delay * 1.5, POLL_MAX_MS)), delay);
          return;
        }
        const fields: Fields = answers.filter((a) => a.status === 'done').reduce<Fields>((all, a) => ({ ...all, ...a.fields }), {});
        const text = suggestionText(fields);
        const edits = fillEdits(subject, fields);
        const mismatches = answers.flatMap((a) => a.mismatches);
        setState(text && Object.keys(edits).length ? { phase: 'ready', text, edits, mismatches } : { phase: 'none' });
      } catch {
        if (!stopped) setState({ phase: 'none' });
      }
    };
    timer = setTimeout(() => void poll(POLL_FIRST_MS), POLL_FIRST_MS);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [active, visible, changeId, kind, subject, state.phase]);

  return state;
}

/** 填入: hands the edits to the wizard page (which saves them as typed edits). */
export function fillFromPhoto(changeId: string, edits: FormEdits): void {
  const event: RecognitionFillEvent = { changeId, edits };
  Taro.eventCenter.trigger(RECOGNITION_FILL_EVENT, event);
}
