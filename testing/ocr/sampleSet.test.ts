import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { creditCodeProblem, residentIdProblem } from '../../shared/validators/identity';
import { businessLicence, idCardHolder, prng } from './documents';
import { documentOf, ocrSample } from './sampleSet';

jest.setTimeout(60_000);

describe('generated OCR test set', () => {
  it('is deterministic: sample i of a seed is the same photo and the same fields every time', async () => {
    const [a, b] = [await ocrSample(5, 42), await ocrSample(5, 42)];
    expect(createHash('sha256').update(a.jpeg).digest('hex')).toBe(createHash('sha256').update(b.jpeg).digest('hex'));
    expect(a.expected).toEqual(b.expected);
    const other = await ocrSample(5, 43);
    expect(other.expected).not.toEqual(a.expected);
  });

  it('photographs within the upload limits (long edge 1600–2400 px, JPEG)', async () => {
    const { jpeg, params } = await ocrSample(0);
    const meta = await sharp(jpeg).metadata();
    expect(meta.format).toBe('jpeg');
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(Math.max(params.width, params.height));
    expect(Math.max(params.width, params.height)).toBeGreaterThanOrEqual(1600);
    expect(Math.max(params.width, params.height)).toBeLessThanOrEqual(2400);
  });

  it('gives holders valid ID numbers that agree with birth date and gender, and terms by age (长期 from 46)', () => {
    const random = prng(7);
    let longTerm = 0;
    for (let i = 0; i < 500; i++) {
      const h = idCardHolder(random);
      expect(residentIdProblem(h.idNumber, new Date('2030-01-01'))).toBeNull();
      expect(h.idNumber.slice(6, 14)).toBe(h.birthDate.replaceAll('-', ''));
      expect(Number(h.idNumber[16]) % 2).toBe(h.gender === '男' ? 1 : 0);
      const age = Number(h.validFrom.slice(0, 4)) - Number(h.birthDate.slice(0, 4));
      if (h.validUntil === null) {
        longTerm++;
        expect(age).toBeGreaterThanOrEqual(46);
      } else {
        expect(Number(h.validUntil.slice(0, 4)) - Number(h.validFrom.slice(0, 4))).toBe(age < 16 ? 5 : age <= 25 ? 10 : 20);
        expect(h.validUntil.slice(4)).toBe(h.validFrom.slice(4));
      }
    }
    expect(longTerm).toBeGreaterThan(0);
  });

  it('gives licences valid credit codes', () => {
    const random = prng(9);
    for (let i = 0; i < 200; i++) expect(creditCodeProblem(businessLicence(random).creditCode)).toBeNull();
  });

  it('mixes 4 fronts, 4 backs, a licence and a 核验单 in every 10', () => {
    expect(Array.from({ length: 10 }, (_, i) => documentOf(i))).toEqual([
      'id_front',
      'id_front',
      'id_front',
      'id_front',
      'id_back',
      'id_back',
      'id_back',
      'id_back',
      'business_licence',
      'verification_form',
    ]);
  });
});
