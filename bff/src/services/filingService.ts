// The applicant's filings, read from the review system through a short cache.
import { notFound } from '../errors';
import type { ReviewSystem } from '../adapters/reviewSystem';
import type { FilingsCache } from '../stores/filingsCache';
import type { Filing, FiledWebsite } from '../../../shared/domain/filing';

export function createFilingService({ reviewSystem, cache }: { reviewSystem: ReviewSystem; cache: FilingsCache }) {
  async function list(applicantId: string): Promise<Filing[]> {
    const cached = await cache.get(applicantId);
    if (cached) return cached;
    const fresh = await reviewSystem.listFilings(applicantId);
    // The review system answers for any applicant id; keep only this applicant's (defence in depth).
    const own = fresh.filter((f) => f.applicantId === applicantId);
    await cache.set(applicantId, own);
    return own;
  }

  return {
    list,
    async website(applicantId: string, filingId: string, websiteId: string): Promise<{ filing: Filing; website: FiledWebsite }> {
      const filing = (await list(applicantId)).find((f) => f.id === filingId);
      const website = filing?.websites.find((w) => w.id === websiteId);
      if (!filing || !website) throw notFound('备案网站');
      return { filing, website };
    },
    invalidate: (applicantId: string) => cache.invalidate(applicantId),
  };
}
export type FilingService = ReturnType<typeof createFilingService>;
