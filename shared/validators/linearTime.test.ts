// Every validator a client's text reaches answers a 100 KB hostile value as fast as a short one: lengths are checked
// before any pattern and no pattern backtracks (a quadratic email regex once took 6 s of CPU on `a@....@`).
import fc from 'fast-check';
import { patchChangeRequest, websiteFormPatch } from '../contracts/api';
import { buildBase } from '../rules/testFixtures';
import { filedForm } from '../rules/principals';
import { formIssues } from '../rules/catalogue';
import { footerProblem } from '../rules/footer';
import { email, isEmailAddress, mainlandMobile, mobile } from './contact';
import { checkFileableDomain, fileableDomain, isHostOnDomain } from './domain';
import { entityFilingNumber, websiteFilingNumber } from './filingNumber';
import { creditCode, residentId, residentIdProblem } from './identity';
import { checkWebsiteName } from './websiteName';

const SIZE = 100 * 1024;
/** CPU time, not wall time: a busy shared machine stretches the second, not the work (a bad regex costs seconds). */
const BUDGET_MS = 50;

function cpuMs(run: () => unknown): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Shapes that make backtracking patterns explode, each grown to 100 KB. */
function hostile(unit: string, prefix = '', suffix = ''): string {
  return prefix + unit.repeat(Math.ceil((SIZE - prefix.length - suffix.length) / unit.length)).slice(0, SIZE - prefix.length - suffix.length) + suffix;
}
const SHAPES: Record<string, string> = {
  dotsBetweenAts: hostile('.', 'a@', '@'),
  dotsAfterAt: hostile('.', 'a@'),
  letterDots: hostile('a.', '', '!'),
  digits: hostile('1', '', 'x'),
  digitsDashes: hostile('1-', '+86', '@'),
  spaces: hostile(' ', 'a', '@'),
  unclosedTags: hostile('<'),
  tagLike: hostile('<a', '', ''),
  hyphens: hostile('x-'),
  punycode: hostile('xn--'),
  colons: hostile(':1'),
  han: hostile('网'),
  urlish: hostile('/a', 'http://www.example.com'),
  userinfo: hostile('a@', 'http://'),
  fullWidth: hostile('。ａ'),
};

const base = buildBase();
const form = filedForm(base);

const VALIDATORS: Record<string, (value: string) => unknown> = {
  'mobile schema': (v) => mobile.safeParse(v),
  mainlandMobile: (v) => mainlandMobile(v),
  'email schema': (v) => email.safeParse(v),
  isEmailAddress: (v) => isEmailAddress(v),
  'residentId schema': (v) => residentId.safeParse(v),
  residentIdProblem: (v) => residentIdProblem(v.toUpperCase()),
  'creditCode schema': (v) => creditCode.safeParse(v),
  entityFilingNumber: (v) => entityFilingNumber.safeParse(v),
  websiteFilingNumber: (v) => websiteFilingNumber.safeParse(v),
  checkFileableDomain: (v) => checkFileableDomain(v),
  'fileableDomain schema': (v) => fileableDomain.safeParse(v),
  isHostOnDomain: (v) => isHostOnDomain(v, 'example.com'),
  checkWebsiteName: (v) => checkWebsiteName(v, { entityKind: 'organisation', domains: ['example.com'] }),
  footerProblem: (v) => footerProblem(v, base),
  'form rules, name': (v) => formIssues(base, { ...form, name: v }),
  'form rules, homepage': (v) => formIssues(base, { ...form, homepageUrl: v }),
  'form rules, domain': (v) => formIssues(base, { ...form, domains: [v] }),
  'form rules, principal email': (v) => formIssues(base, { ...form, principalSameAsEntity: false, websitePrincipal: { ...form.websitePrincipal, email: v } }),
  'form rules, principal mobile': (v) => formIssues(base, { ...form, principalSameAsEntity: false, websitePrincipal: { ...form.websitePrincipal, mobile: v } }),
  'form rules, principal ID': (v) => formIssues(base, { ...form, principalSameAsEntity: false, websitePrincipal: { ...form.websitePrincipal, idNumber: v } }),
  'PATCH schema, every field': (v) =>
    patchChangeRequest.safeParse({
      form: { name: v, homepageUrl: v, notes: v, domains: [v], serviceContent: [v], websitePrincipal: { name: v, idNumber: v, mobile: v, email: v } },
    }),
};

describe.each(Object.entries(VALIDATORS))('%s on 100 KB hostile input', (_name, validate) => {
  // Warm up once so the first measurement does not pay for compiling the code under test.
  beforeAll(() => validate('warm-up'));

  it.each(Object.entries(SHAPES))('%s: within 50 ms of CPU', (_shape, value) => {
    expect(cpuMs(() => validate(value))).toBeLessThan(BUDGET_MS);
  });

  it('random 100 KB strings over the characters patterns care about: within 50 ms of CPU', () => {
    const alphabet = fc.constantFrom(...'a1.@-:/<> x网。ＡX\t'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { minLength: 16, maxLength: 16 }), (unit) => {
        expect(cpuMs(() => validate(hostile(unit.join(''))))).toBeLessThan(BUDGET_MS);
      }),
      { numRuns: 5 },
    );
  });
});

describe('limits are checked before any rule and named in Chinese', () => {
  it('a 100 KB email in a PATCH is refused as too long, naming the field', () => {
    const result = websiteFormPatch.safeParse({ websitePrincipal: { email: SHAPES.dotsBetweenAts } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path.join('.')).toBe('websitePrincipal.email');
    expect(result.error?.issues[0].message).toBe(`电子邮箱不能超过254个字符（现有${SIZE}个），请删减`);
  });

  it('a 65-character website name is refused by the name rule with the count', () => {
    expect(checkWebsiteName('网'.repeat(65), { entityKind: 'organisation', domains: [] }).errors).toEqual(['网站名称不能超过64个字符（现有65个），请删减']);
  });

  it('the strict email rule still holds for ordinary values', () => {
    expect(isEmailAddress('name@example.com')).toBe(true);
    expect(isEmailAddress(' name@example.com ')).toBe(true);
    for (const bad of ['name@example', 'name@.com', 'name@example.', '@example.com', 'a b@example.com', 'a@b@example.com', `${'a'.repeat(250)}@example.com`]) {
      expect(isEmailAddress(bad)).toBe(false);
    }
  });
});
