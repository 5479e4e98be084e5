// Pre-submit checks: the rule catalogue (shared/rules/catalogue) evaluated over the draft with the facts only the network
// knows — the registrar's data per domain (review system) and the live homepage (fetched only when it is on one of
// the website's own domains). The rules live in shared; this module gathers facts.
import type { ReviewSystem } from '../adapters/reviewSystem';
import type { Logger } from 'pino';
import type { OutboundClient } from '../adapters/outbound';
import { changeBaseOf, type ChangeBase, type ChangeDraft } from '../../../shared/domain/change';
import type { Filing, FiledWebsite } from '../../../shared/domain/filing';
import type { Blocker, PrecheckResult, RequiredMaterial } from '../../../shared/contracts/api';
import { requiredMaterials } from '../../../shared/rules/materials';
import { uniqueDomains } from '../../../shared/rules/canonical';
import { filedForm } from '../../../shared/rules/principals';
import {
  blockersOf,
  checklistOf,
  contextOf,
  evaluate,
  isReady,
  materialImagesOf,
  type DomainLookup,
  type HomepageFacts,
  type RecognitionFact,
  type RuleFacts,
} from '../../../shared/rules/catalogue';
import { homepageOnOwnDomain } from '../../../shared/rules/catalogue/rules/homepage';
import { isHostOnDomain } from '../../../shared/validators/domain';

export interface ChecksServiceDeps {
  reviewSystem: ReviewSystem;
  /** The outbound client (adapters/outbound.ts): the homepage is a URL the applicant typed. */
  outbound: OutboundClient;
  homepageTimeoutMs: number;
  /** Each principal's identity verification of a change (none given: the verification rules say they cannot tell). */
  verificationFacts?: (draft: Pick<ChangeDraft, 'applicantId' | 'id'>) => Promise<NonNullable<RuleFacts['verifications']>>;
  /** What OCR read from the draft's document photos (absent: not known, the photo rules say what to check by hand). */
  recognitions?: (draft: ChangeDraft) => Promise<Record<string, RecognitionFact>>;
  logger?: Logger;
  now?: () => Date;
}

export interface ChecksReport {
  materials: RequiredMaterial[];
  checks: PrecheckResult[];
  blockers: Blocker[];
  ready: boolean;
}

type Subject = Pick<ChangeDraft, 'base' | 'form' | 'materials'>;

export function createChecksService({ reviewSystem, outbound, verificationFacts, recognitions, logger, now = () => new Date() }: ChecksServiceDeps) {
  /** The registrar's answer per remaining domain; a failed lookup is `unavailable` (the rules then say what to check). */
  async function domainFacts(draft: Subject): Promise<Record<string, DomainLookup>> {
    const domains = uniqueDomains(draft.form.domains);
    const answers = await Promise.all(
      domains.map(async (domain): Promise<[string, DomainLookup]> => {
        try {
          const facts = await reviewSystem.domainFacts(domain);
          return [domain, facts ? { status: 'found', facts } : { status: 'not_found' }];
        } catch {
          return [domain, { status: 'unavailable' }];
        }
      }),
    );
    return Object.fromEntries(answers);
  }

  /**
   * The live homepage; undefined when its URL is not on the website's own domains (refused offline, never fetched).
   * Fetched only through the outbound client, which holds the host it connects to, and every redirect's, to those
   * domains (the shared rule reads the URL as typed; the client reads it as WHATWG does). Every network failure is the
   * same `reachable: false`, so the check cannot be used to probe addresses.
   */
  async function homepageFacts(draft: Subject): Promise<HomepageFacts | undefined> {
    if (!homepageOnOwnDomain(draft)) return undefined;
    const domains = uniqueDomains(draft.form.domains);
    const page = await outbound.get(draft.form.homepageUrl.trim(), { allowHost: (host) => domains.some((d) => isHostOnDomain(host, d)) });
    if (page.ok) return { reachable: true, status: page.status, html: page.body.toString('utf8') };
    logger?.info({ reason: page.reason, detail: page.detail }, 'homepage check: not reachable');
    return page.reason === 'host_not_allowed' ? { reachable: false, offDomain: page.redirected ? 'redirect' : 'url' } : { reachable: false };
  }

  async function factsFor(draft: Subject): Promise<RuleFacts> {
    const [domains, homepage] = await Promise.all([domainFacts(draft), homepageFacts(draft)]);
    return { domains, ...(homepage ? { homepage } : {}), materialImages: materialImagesOf(draft.materials) };
  }

  return {
    /** Every rule with the online facts; `agreed` overrides the saved agreement (the submit body carries it). */
    async run(draft: ChangeDraft, agreed?: boolean): Promise<ChecksReport> {
      const subject = agreed === undefined ? draft : { ...draft, agreement: { ...draft.agreement, agreed } };
      const today = now();
      const [facts, verifications, read] = await Promise.all([factsFor(draft), verificationFacts?.(draft), recognitions?.(draft)]);
      const evaluation = evaluate(contextOf(subject, today, { ...facts, ...(verifications ? { verifications } : {}), ...(read ? { recognitions: read } : {}) }));
      const checks = checklistOf(evaluation);
      return { materials: requiredMaterials(draft, today), checks, blockers: blockersOf(evaluation), ready: isReady(checks) };
    },

    /** What already blocks a change of a filed website (the overview card, before any change exists). */
    async websiteBlockers(filing: Filing, website: FiledWebsite): Promise<Blocker[]> {
      const base: ChangeBase = changeBaseOf(filing, website);
      const filed = { base, form: filedForm(base), materials: {} };
      const ctx = contextOf({ ...filed, verifiedPhones: [], agreement: { agreed: false, termsVersion: null, agreedAt: null } }, now(), await factsFor(filed));
      return blockersOf(evaluate(ctx, { scope: 'submission' }));
    },
  };
}
export type ChecksService = ReturnType<typeof createChecksService>;
