// Realistic document photos for the file chooser: sharp, colour, ≥ 1200 px, written once per run to a temp folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentPhotoJpeg } from '../../bff/src/materials/sampleImages';

export interface DocumentPhotos {
  idFront: string;
  idBack: string;
  verificationForm: string;
  /** A second shot of the form (after a rejection the applicant photographs the corrected, signed form). */
  verificationFormRetake: string;
  dir: string;
}

/** Phone-camera-sized photos (1600×1200 ID cards, 1200×1600 A4 form) with sensor noise, as a phone would take them. */
export async function writeDocumentPhotos(): Promise<DocumentPhotos> {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-photos-'));
  const write = async (name: string, jpeg: Promise<Buffer>) => {
    const file = join(dir, name);
    writeFileSync(file, await jpeg);
    return file;
  };
  const [idFront, idBack, verificationForm, verificationFormRetake] = await Promise.all([
    write('id-front.jpg', documentPhotoJpeg({ width: 1600, height: 1200, shape: 'id_card', noise: 4, seed: 11 })),
    write('id-back.jpg', documentPhotoJpeg({ width: 1600, height: 1200, shape: 'id_card', noise: 4, seed: 12 })),
    write('verification-form.jpg', documentPhotoJpeg({ width: 1200, height: 1600, shape: 'a4', noise: 4, seed: 13 })),
    write('verification-form-retake.jpg', documentPhotoJpeg({ width: 1500, height: 2000, shape: 'a4', noise: 3, seed: 14 })),
  ]);
  return { idFront, idBack, verificationForm, verificationFormRetake, dir };
}
