// The automatic reviewer's rules on their own: website names, fileable domains and the homepage footer.
import { footerProblem } from '../shared/rules/footer';
import { renderHomepage } from './homepage';
import { initialReviewFindings, isFileableDomain, websiteNameProblems } from './reviewRules';
import { buildSeed, makeResidentId } from './seed';
import type { StoredMaterial, StoredSubmission } from './store';

describe('websiteNameProblems', () => {
  it('accepts an ordinary Chinese name', () => {
    expect(websiteNameProblems('云栖科技官网', ['yunqi-tech.cn'], false)).toEqual([]);
  });

  it.each([
    ['abc123', false, '英文字母'],
    ['博客', false, '至少需要3个汉字'],
    ['云栖-科技官网', false, '符号'],
    ['中国云栖科技', false, '“中国”'],
    ['张伟的读书论坛', true, '“论坛”'],
  ])('explains what is wrong with %s', (name, personal, expected) => {
    const problems = websiteNameProblems(name, ['zwnotes.io'], personal);
    expect(problems.join('|')).toContain(expected);
  });

  it('refuses the bare domain as the name', () => {
    expect(websiteNameProblems('yunqi-tech.cn', ['yunqi-tech.cn'], false).join('|')).toContain('不能直接使用域名');
  });

  it('allows commerce words for organisations only', () => {
    expect(websiteNameProblems('明德在线课堂', [], false)).toEqual([]);
    expect(websiteNameProblems('明德在线课堂', [], true)).not.toEqual([]);
  });
});

describe('isFileableDomain', () => {
  it('follows the fileable list, second levels and internationalised names included', () => {
    expect(isFileableDomain('yunqi-tech.cn')).toBe(true);
    expect(isFileableDomain('mingde-edu.com.cn')).toBe(true);
    expect(isFileableDomain('xn--cks32pdtf887b.xn--fiqs8s')).toBe(true);
    expect(isFileableDomain('zwnotes.io')).toBe(false);
    expect(isFileableDomain('example.dev')).toBe(false);
  });
});

describe('seeded homepages', () => {
  const seed = buildSeed();
  const [zhang, yunqi] = seed.filings;
  const base = (filing: typeof zhang, i: number) => ({
    province: filing.entity.province,
    entityFilingNumber: filing.entity.entityFilingNumber,
    website: filing.websites[i],
  });

  it('show the linked website number, and the broken one shows none', () => {
    const site = yunqi.websites[0];
    expect(footerProblem(renderHomepage(yunqi.entity, site, true), base(yunqi, 0))).toBeNull();
    expect(footerProblem(renderHomepage(yunqi.entity, site, false), base(yunqi, 0))).toContain(site.websiteFilingNumber);
  });

  it('show the entity number in 广东, as the authority there expects', () => {
    const html = renderHomepage(zhang.entity, zhang.websites[0], true);
    expect(html).toContain(`>${zhang.entity.entityFilingNumber}</a>`);
    expect(footerProblem(html, base(zhang, 0))).toBeNull();
  });
});

describe('initialReviewFindings', () => {
  const now = new Date('2026-11-26T00:00:00Z');
  const seed = buildSeed(now);
  const filing = seed.filings[1];
  const website = filing.websites.find((w) => w.id === 'site-yq-docs')!;
  const newPrincipal = { ...website.principal, name: '周婷', idNumber: makeResidentId('330102', '19930415', '027'), mobile: '13655550000', email: 'zhouting@yunqidev.net' };

  function submissionWith(materials: StoredMaterial[]): StoredSubmission {
    return {
      submissionId: 'sub_1',
      changeId: 'chg_1',
      applicantId: filing.applicantId,
      filingId: filing.id,
      websiteId: website.id,
      filingRevision: 1,
      status: 'received',
      receivedAt: now.toISOString(),
      updatedAt: now.toISOString(),
      reasons: [],
      miitCheck: null,
      events: [],
      form: {
        name: website.name,
        domains: ['yunqi-tech.cn'],
        homepageUrl: website.homepageUrl,
        serviceContent: website.serviceContent,
        notes: website.notes,
        principalSameAsEntity: false,
        websitePrincipal: newPrincipal,
        entityPrincipal: filing.entity.principal,
      },
      diff: [],
      materials,
      callbackUrl: null,
      autoStepAt: null,
    };
  }
  const context = { filing, website, domains: seed.domains, sites: seed.sites, now };
  const photo = (kind: string): StoredMaterial => ({ slot: `website_principal.${kind}`, kind, subject: 'website_principal', imageId: kind, bytes: 90000, width: 1600, height: 1000 });

  it("asks for the new principal's ID photos and refuses a domain that was never filed", () => {
    const reasons = initialReviewFindings(submissionWith([]), context);
    expect(reasons.filter((r) => r.target.type === 'material').map((r) => r.target.path)).toEqual(['website_principal.id_front', 'website_principal.id_back']);
    expect(reasons.find((r) => r.target.path === 'domains')?.message).toContain('不能新增');
  });

  it('is satisfied once the photos come with the change and the filed domain is kept', () => {
    const submission = submissionWith([photo('id_front'), photo('id_back')]);
    submission.form.domains = ['yunqidev.net'];
    // the domain expires within 3 months in the seed: the only remaining finding
    expect(initialReviewFindings(submission, context).map((r) => r.target.path)).toEqual(['domains']);
  });
});
