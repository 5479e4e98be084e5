// Keeps N recognitions running on an OCR engine (for measuring what OCR costs the API while it works, e.g. autosave p99).
import type { OcrDocumentKind } from '../shared/domain/recognition';
import type { OcrEngine } from '../bff/src/ocr/engine';

export interface OcrLoadPhoto {
  document: OcrDocumentKind;
  jpeg: Buffer;
}

export interface OcrLoad {
  /** Recognitions finished so far. */
  completed(): number;
  /** Stops starting new recognitions and waits for the running ones; resolves with how many finished. */
  stop(): Promise<{ completed: number; unreadable: number }>;
}

/**
 * Starts `concurrency` loops, each recognising `photos` in turn (offset so they do not read the same photo), until
 * stop(). With more loops than workers the rest wait in the engine's queue, as uploads would.
 */
export function keepRecognitionsRunning(engine: OcrEngine, photos: readonly OcrLoadPhoto[], concurrency = 4): OcrLoad {
  if (photos.length === 0) throw new Error('keepRecognitionsRunning needs at least one photo');
  let stopping = false;
  let completed = 0;
  let unreadable = 0;
  const loops = Array.from({ length: concurrency }, async (_, loop) => {
    for (let i = loop; !stopping; i += concurrency) {
      const photo = photos[i % photos.length];
      const result = await engine.recognize(photo.document, photo.jpeg);
      completed++;
      if (result.status === 'unreadable') unreadable++;
    }
  });
  return {
    completed: () => completed,
    async stop() {
      stopping = true;
      await Promise.all(loops);
      return { completed, unreadable };
    },
  };
}
