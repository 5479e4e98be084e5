// What the sandbox knows about the outside world, in one place: the registrar's facts of a domain, the page a seeded
// website serves, and these as the rule catalogue's facts for the automatic reviewer (the same answers the BFF gets
// over HTTP from the review-system API and the served homepages).
import { domainToUnicode } from 'node:url';
import type { DomainFacts } from '../shared/contracts/reviewSystem';
import type { WebsiteForm } from '../shared/domain/change';
import type { Filing } from '../shared/domain/filing';
import { uniqueDomains } from '../shared/rules/canonical';
import type { DomainLookup, HomepageFacts, MaterialImage, RuleFacts } from '../shared/rules/catalogue';
import { renderHomepage } from './homepage';
import type { SiteRecord, StoredMaterial, StoredVerificationTask } from './store';
import type { SubmittedVerification } from '../shared/contracts/verification';
import { identityOf, type VerificationFact } from '../shared/rules/verification';

/** Facts of a domain or, failing that, of the nearest parent domain (www.a.cn → a.cn). */
export function lookupDomain(domains: Record<string, DomainFacts>, input: string): DomainFacts | null {
  const unicode = domainToUnicode(input.trim().toLowerCase().replace(/\.$/, '')) || input.trim().toLowerCase();
  const labels = unicode.split('.');
  for (let i = 0; i < labels.length - 1; i += 1) {
    const facts = domains[labels.slice(i).join('.')];
    if (facts) return facts;
  }
  return null;
}

export const NOT_FOUND_PAGE = '<!doctype html><title>404</title><h1>404 页面不存在</h1>';

/** The page a seeded website answers at `host` + `path`, or null when no website answers on that host. */
export function servedPage(world: { filings: Filing[]; sites: Record<string, SiteRecord> }, host: string, path: string): { status: number; html: string } | null {
  const site = world.sites[host.toLowerCase()];
  if (!site) return null;
  const filing = world.filings.find((f) => f.id === site.filingId);
  const website = filing?.websites.find((w) => w.id === site.websiteId);
  if (!filing || !website || (path !== '/' && path !== '/index.html')) return { status: 404, html: NOT_FOUND_PAGE };
  return { status: 200, html: renderHomepage(filing.entity, website, site.footerShowsFilingNumber) };
}

/** What the reviewer sees when it opens the homepage URL: the served page, or unreachable; undefined for a URL that does not parse. */
function homepageAt(world: { filings: Filing[]; sites: Record<string, SiteRecord> }, homepageUrl: string): HomepageFacts | undefined {
  let url: URL;
  try {
    url = new URL(homepageUrl.trim());
  } catch {
    return undefined;
  }
  const page = servedPage(world, url.hostname, url.pathname);
  return page ? { reachable: true, status: page.status, html: page.html } : { reachable: false };
}

export interface SandboxWorld {
  filings: Filing[];
  domains: Record<string, DomainFacts>;
  sites: Record<string, SiteRecord>;
  verificationTasks?: StoredVerificationTask[];
}

/**
 * The verifications a submission names, as the verification service recorded them (the claim in the submission is not
 * trusted: an unknown task, another change's or another role's counts as none).
 */
function verificationFacts(
  submission: { changeId?: string; verifications?: SubmittedVerification[] },
  tasks: StoredVerificationTask[],
): Partial<Record<SubmittedVerification['role'], VerificationFact>> {
  const facts: Partial<Record<SubmittedVerification['role'], VerificationFact>> = {};
  for (const claim of submission.verifications ?? []) {
    const task = tasks.find((t) => t.taskId === claim.taskId && t.role === claim.role && (submission.changeId === undefined || t.changeId === submission.changeId));
    if (task) facts[claim.role] = { status: task.status, reason: task.reason, identity: identityOf(task) };
  }
  return facts;
}

/** The rule catalogue's facts about a submission, from the sandbox's own tables. */
export function sandboxFacts(
  submission: { form: WebsiteForm; materials: Pick<StoredMaterial, 'slot' | 'width' | 'height'>[]; changeId?: string; verifications?: SubmittedVerification[] },
  world: SandboxWorld,
): RuleFacts {
  const domains: Record<string, DomainLookup> = {};
  for (const domain of uniqueDomains(submission.form.domains)) {
    const facts = lookupDomain(world.domains, domain);
    domains[domain] = facts ? { status: 'found', facts } : { status: 'not_found' };
  }
  const materialImages: Record<string, MaterialImage> = {};
  for (const m of submission.materials) materialImages[m.slot] = m.width === null || m.height === null ? null : { width: m.width, height: m.height };
  const homepage = homepageAt(world, submission.form.homepageUrl);
  return { domains, materialImages, ...(homepage ? { homepage } : {}), verifications: verificationFacts(submission, world.verificationTasks ?? []) };
}
