// Recognition of uploaded document photos: started when the materials router has stored and attached a photo (never
// awaited by the upload), kept in Redis per change + slot, answered to the phone with the mismatches against the form,
// and handed to the checklist as outside facts. A read lost with its instance (a pending older than the engine could
// take) is restarted once from the stored photo, then given up as failed — no entry stays pending for ever.
import type { Logger } from 'pino';
import type { RecognitionResponse } from '../../../shared/contracts/api';
import { materialSlot, type ChangeDraft } from '../../../shared/domain/change';
import type { MaterialKind, MaterialSubject } from '../../../shared/domain/filing';
import { ocrDocumentOf, recognition as recognitionSchema } from '../../../shared/domain/recognition';
import type { RecognitionFact } from '../../../shared/rules/catalogue';
import { recognitionMismatches } from '../../../shared/rules/recognition';
import { notFound } from '../errors';
import type { MaterialStorage } from '../materials/storage';
import type { OcrEngine } from '../ocr/engine';
import type { RecognitionStore, StoredRecognition } from '../stores/recognitionStore';

/** Reads started for one photo at most (the upload's, plus one restart of a lost read). */
export const MAX_RECOGNITION_ATTEMPTS = 2;

export interface RecognitionServiceDeps {
  store: RecognitionStore;
  /** Absent (OCR_ENABLED=false): nothing is read; the route answers `failed`. */
  engine?: OcrEngine;
  storage: MaterialStorage;
  /** The engine's per-photo timeout: a pending entry older than this plus the queue allowance was lost. */
  timeoutMs: number;
  logger: Logger;
  now?: () => Date;
}

/** What a queue of uploads may add to the wait before a read starts; beyond timeout + this a pending is stale. */
const QUEUE_ALLOWANCE_MS = 60_000;

export function createRecognitionService({ store, engine, storage, timeoutMs, logger, now = () => new Date() }: RecognitionServiceDeps) {
  const staleAfterMs = timeoutMs + QUEUE_ALLOWANCE_MS;

  /** Runs one read and stores its answer; never throws (it runs detached from any request). */
  async function read(applicantId: string, changeId: string, slot: string, kind: MaterialKind, fileId: string, jpeg: Buffer): Promise<void> {
    const document = ocrDocumentOf(kind);
    if (!engine || !document) return;
    try {
      const result = await engine.recognize(document, jpeg);
      // The instance is shutting down: the entry stays pending and a later poll restarts it where an engine runs.
      if (result.reason === 'closed') return;
      const stored = await store.finish(applicantId, changeId, slot, fileId, result.status === 'read' ? 'done' : 'failed', recognitionSchema.parse(result));
      logger.info({ changeId, slot, document, status: result.status, reason: result.reason, elapsedMs: Math.round(result.elapsedMs), stored }, 'ocr: photo read');
    } catch (err) {
      logger.warn({ err, changeId, slot }, 'ocr: could not store the recognition; a later read of the route restarts it');
    }
  }

  async function restartFromStorage(applicantId: string, changeId: string, slot: string, kind: MaterialKind, seen: StoredRecognition): Promise<void> {
    if (!(await store.claimRestart(applicantId, changeId, slot, seen, now().getTime()))) return;
    logger.info({ changeId, slot, attempts: seen.attempts + 1 }, 'ocr: restarting a read lost with its instance');
    try {
      void read(applicantId, changeId, slot, kind, seen.fileId, await storage.read(seen.fileId));
    } catch (err) {
      logger.warn({ err, changeId, slot }, 'ocr: the photo to re-read is gone');
    }
  }

  /**
   * The slot's state for its current photo. A missing or stale entry is (re)started when attempts remain and an engine
   * runs here, and answered `pending`; otherwise `failed` (the photo could not be read, so nothing is claimed).
   */
  async function stateOf(draft: ChangeDraft, slot: string, kind: MaterialKind): Promise<StoredRecognition | { status: 'pending' | 'failed'; recognition?: undefined }> {
    const material = draft.materials[slot];
    if (!material) return { status: 'failed' };
    const entry = await store.get(draft.applicantId, draft.id, slot);
    const at = now().getTime();
    if (!entry || entry.fileId !== material.fileId) {
      if (!engine || !ocrDocumentOf(kind)) return { status: 'failed' };
      // Uploaded before OCR ran here (or its entry expired): read it now.
      await store.start(draft.applicantId, draft.id, slot, material.fileId, at);
      const started = await store.get(draft.applicantId, draft.id, slot);
      if (started) await restartFromStorage(draft.applicantId, draft.id, slot, kind, { ...started, attempts: 0 });
      return { status: 'pending' };
    }
    if (entry.status !== 'pending' || at - entry.startedAt < staleAfterMs) return entry;
    if (engine && entry.attempts < MAX_RECOGNITION_ATTEMPTS) {
      await restartFromStorage(draft.applicantId, draft.id, slot, kind, entry);
      return { ...entry, startedAt: at };
    }
    return { status: 'failed' };
  }

  return {
    /** The materials router's hand-off after a photo was stored and attached: starts its read, without waiting for it. */
    async photoAccepted(applicantId: string, changeId: string, kind: MaterialKind, subject: MaterialSubject, fileId: string, jpeg: Buffer): Promise<void> {
      if (!engine || !ocrDocumentOf(kind)) return;
      const slot = materialSlot(subject, kind);
      await store.start(applicantId, changeId, slot, fileId, now().getTime());
      void read(applicantId, changeId, slot, kind, fileId, jpeg);
    },

    /** The route's answer: what the photo in the slot shows and where it disagrees with the form. 404 for a slot without one. */
    async get(draft: ChangeDraft, kind: MaterialKind, subject: MaterialSubject): Promise<RecognitionResponse> {
      if (!ocrDocumentOf(kind)) throw notFound('该材料的文字识别');
      const slot = materialSlot(subject, kind);
      if (!draft.materials[slot]) throw notFound('这份材料的照片');
      const state = await stateOf(draft, slot, kind);
      if (state.status === 'pending' || !state.recognition) return { status: state.status, fields: {}, mismatches: [] };
      const { recognition } = state;
      const { name, idNumber, validFrom, validUntil, creditCode, entityName, websiteName } = recognition.fields;
      const fields = { name, idNumber, validFrom, validUntil, creditCode, entityName, websiteName };
      const mismatches = recognitionMismatches({ subject, recognition, form: draft.form, base: draft.base }).map(({ field, onPhoto, inForm, message }) => ({
        field,
        onPhoto,
        inForm,
        message,
      }));
      return { status: state.status, fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)), mismatches };
    },

    /** The checklist's outside facts: every readable slot's state (stale pendings restarted or failed as above). */
    async factsFor(draft: ChangeDraft): Promise<Record<string, RecognitionFact>> {
      const facts: Record<string, RecognitionFact> = {};
      for (const [slot, material] of Object.entries(draft.materials)) {
        if (!ocrDocumentOf(material.kind)) continue;
        const state = await stateOf(draft, slot, material.kind);
        if (state.recognition && state.status !== 'pending') facts[slot] = { status: state.status, recognition: state.recognition };
        else facts[slot] = state.status === 'pending' ? { status: 'pending' } : { status: 'failed' };
      }
      return facts;
    },
  };
}
export type RecognitionService = ReturnType<typeof createRecognitionService>;
