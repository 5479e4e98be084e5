// The seed must be data a real filing system could hold: valid IDs, credit codes, filing numbers, and the planted problems.
import { filing as filingSchema } from '../shared/domain/filing';
import { entityFilingNumber, websiteFilingNumber } from '../shared/validators/filingNumber';
import { creditCodeProblem, residentIdProblem } from '../shared/validators/identity';
import { checkFileableDomain } from '../shared/validators/domain';
import { buildSeed } from './seed';
import { homepageHostMap } from './server';

const seed = buildSeed(new Date('2026-11-26T00:00:00Z'));

describe('seed', () => {
  it('has one personal and two organisation filings in different provinces, all schema-valid', () => {
    for (const f of seed.filings) filingSchema.parse(f);
    expect(seed.filings.map((f) => f.entity.kind).sort()).toEqual(['organisation', 'organisation', 'personal']);
    expect(new Set(seed.filings.map((f) => f.entity.province)).size).toBe(3);
  });

  it('uses valid resident IDs, credit codes and filing numbers of both lengths', () => {
    for (const f of seed.filings) {
      const people = [f.entity.principal, ...f.websites.map((w) => w.principal)];
      for (const p of people) expect(residentIdProblem(p.idNumber)).toBeNull();
      if (f.entity.kind === 'organisation') expect(creditCodeProblem(f.entity.certificateNumber)).toBeNull();
      expect(entityFilingNumber.safeParse(f.entity.entityFilingNumber).success).toBe(true);
      for (const w of f.websites) expect(websiteFilingNumber.safeParse(w.websiteFilingNumber).success).toBe(true);
    }
    const digits = seed.filings.map((f) => /备(\d+)号/.exec(f.entity.entityFilingNumber)![1].length);
    expect(digits).toEqual(expect.arrayContaining([8, 10]));
  });

  it('plants the problems the demo needs: a non-fileable TLD, an expiring domain, a broken footer', () => {
    const domains = seed.filings.flatMap((f) => f.websites.flatMap((w) => w.domains));
    expect(domains.filter((d) => !('domain' in checkFileableDomain(d)))).toEqual(['zwnotes.io']);
    const expiring = Object.values(seed.domains).filter((d) => new Date(d.expiresAt).getTime() - new Date('2026-11-26').getTime() < 90 * 86400000);
    expect(expiring.map((d) => d.domain)).toEqual(['yunqidev.net']);
    expect(
      Object.entries(seed.sites)
        .filter(([, s]) => !s.footerShowsFilingNumber)
        .map(([h]) => h),
    ).toContain('www.mingde-edu.com.cn');
  });

  it('maps every website host, punycode included, to the given address', () => {
    const map = homepageHostMap('127.0.0.1:4100', seed);
    expect(map.split(',')).toEqual(expect.arrayContaining(['www.zhangwei-photo.cn=127.0.0.1:4100', 'xn--cks32pdtf887b.xn--fiqs8s=127.0.0.1:4100']));
  });
});
