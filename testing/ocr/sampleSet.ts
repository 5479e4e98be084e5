// The generated OCR test set: sample i of seed s is always the same document, the same photo and the same expected fields.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OcrDocumentKind } from '../../shared/domain/recognition';
import { businessLicence, idCardHolder, prng, verificationFormContent } from './documents';
import { photograph, photoParams, type PhotoParams } from './photo';
import { FORM_SIZE, ID_CARD_SIZE, idBackSvg, idFrontSvg, LICENCE_SIZE, licenceSvg, verificationFormSvg } from './templates';

export const DEFAULT_SEED = 20261130;
/** Bumped whenever the generator draws different photos, so a folder of an older generation is not reused. */
export const GENERATOR_VERSION = 2;
/** 100 ID fronts, 100 ID backs, 25 business licences, 25 核验单. */
export const DEFAULT_SET_SIZE = 250;
/** Where generated photos go (ignored by git, like the rest of .data/). */
export const DEFAULT_SET_DIR = join('.data', 'ocr-set');

/** What the photo shows, as the recogniser should return it (dates yyyy-mm-dd, validUntil null for 长期). */
export type ExpectedFields = Record<string, string | null>;

export interface OcrSample {
  id: string;
  index: number;
  document: OcrDocumentKind;
  expected: ExpectedFields;
  params: PhotoParams;
  jpeg: Buffer;
}

/** The document kind of sample `index`: 4 in 10 fronts, 4 in 10 backs, then one licence and one 核验单. */
export function documentOf(index: number): OcrDocumentKind {
  const slot = index % 10;
  return slot < 4 ? 'id_front' : slot < 8 ? 'id_back' : slot === 8 ? 'business_licence' : 'verification_form';
}

/** Builds sample `index` of the set `seed` (independent of the others, so any subset can be made alone). */
export async function ocrSample(index: number, seed = DEFAULT_SEED): Promise<OcrSample> {
  const random = prng(seed * 7919 + index * 104729);
  const document = documentOf(index);
  let svg: string;
  let size: { width: number; height: number };
  let expected: ExpectedFields;
  if (document === 'id_front' || document === 'id_back') {
    const holder = idCardHolder(random);
    size = ID_CARD_SIZE;
    if (document === 'id_front') {
      svg = idFrontSvg(holder, random);
      const { name, gender, ethnicity, birthDate, address, idNumber } = holder;
      expected = { name, gender, ethnicity, birthDate, address, idNumber };
    } else {
      svg = idBackSvg(holder, random);
      const { issuingAuthority, validFrom, validUntil } = holder;
      expected = { issuingAuthority, validFrom, validUntil };
    }
  } else if (document === 'business_licence') {
    const licence = businessLicence(random);
    size = LICENCE_SIZE;
    svg = licenceSvg(licence, random);
    expected = { creditCode: licence.creditCode, entityName: licence.entityName };
  } else {
    const form = verificationFormContent(random);
    size = FORM_SIZE;
    svg = verificationFormSvg(form, random);
    expected = { websiteName: form.websiteName, entityName: form.entityName };
  }
  const params = photoParams(random, size);
  const jpeg = await photograph(svg, params, random);
  return { id: `${String(index).padStart(3, '0')}-${document}`, index, document, expected, params, jpeg };
}

export interface ManifestEntry extends Omit<OcrSample, 'jpeg'> {
  file: string;
}

/** Writes samples [from, to) as JPEGs plus manifest.json into `dir`; reuses the folder when its manifest matches. */
export async function writeSampleSet(options: { dir?: string; seed?: number; count?: number; log?: (line: string) => void } = {}): Promise<ManifestEntry[]> {
  const { dir = DEFAULT_SET_DIR, seed = DEFAULT_SEED, count = DEFAULT_SET_SIZE, log = () => {} } = options;
  const manifestPath = join(dir, 'manifest.json');
  const existing = await readFile(manifestPath, 'utf8').then(
    (raw) => JSON.parse(raw) as { seed: number; version?: number; entries: ManifestEntry[] },
    () => null,
  );
  if (existing && existing.seed === seed && existing.version === GENERATOR_VERSION && existing.entries.length === count) return existing.entries;
  await mkdir(dir, { recursive: true });
  const entries: ManifestEntry[] = [];
  for (let index = 0; index < count; index++) {
    const { jpeg, ...sample } = await ocrSample(index, seed);
    const file = `${sample.id}.jpg`;
    await writeFile(join(dir, file), jpeg);
    entries.push({ ...sample, file });
    if ((index + 1) % 25 === 0) log(`generated ${index + 1}/${count}`);
  }
  await writeFile(manifestPath, JSON.stringify({ seed, version: GENERATOR_VERSION, entries }, null, 1));
  return entries;
}
