// `npm run soak`: the Redis-SIGKILL fault test repeated for longer than the test suite allows — SOAK_ROUNDS rounds
// (default 12, ~6 s each) of autosave streams on six drafts with Redis killed and restarted at random moments. After
// each round every save answered 200 must still be there. Exits non-zero on the first loss.
import { APPLICANTS, startHarness, type Client } from '../bff/test/harness';

const ROUNDS = Number(process.env.SOAK_ROUNDS ?? 12);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const counter = (s: string) => Number(/#(\d+)$/.exec(s)?.[1] ?? -1);

async function main() {
  const h = await startHarness();
  let total200 = 0;
  let total503 = 0;
  try {
    const pages: { client: Client; changeId: string }[] = [];
    const sites: Record<string, string[]> = {
      [APPLICANTS.yunqi.applicantId]: ['site-yq-main', 'site-yq-docs'],
      [APPLICANTS.mingde.applicantId]: ['site-md-main', 'site-md-class'],
      [APPLICANTS.zhangWei.applicantId]: ['site-zw-photo', 'site-zw-notes'],
    };
    for (const a of [APPLICANTS.yunqi, APPLICANTS.mingde, APPLICANTS.zhangWei]) {
      const client = await h.login(a.applicantId);
      for (const websiteId of sites[a.applicantId]) {
        const created = await client.post('/api/changes', { filingId: a.filingId, websiteId });
        pages.push({ client, changeId: created.body.id });
      }
    }
    let n = 0;
    for (let round = 1; round <= ROUNDS; round += 1) {
      let stopped = false;
      const last = pages.map(() => ({ version: 0, notes: '' }));
      const streams = pages.map(async (page, i) => {
        let etag = `"${(await page.client.get(`/api/changes/${page.changeId}`)).body.version}"`;
        while (!stopped) {
          n += 1;
          const notes = `soak round ${round} #${n}`;
          const res = await page.client.patch(`/api/changes/${page.changeId}`, { form: { notes } }, { 'if-match': etag }).catch(() => null);
          if (!res) continue;
          if (res.status === 200) {
            total200 += 1;
            last[i] = { version: res.body.draft.version, notes };
            etag = res.headers.get('etag') ?? etag;
          } else if (res.status === 412) {
            etag = `"${res.body.current.version}"`;
          } else if (res.status === 503) {
            total503 += 1;
            await sleep(20); // the page's back-off before saving again
          } else {
            throw new Error(`round ${round}: unexpected ${res.status} ${JSON.stringify(res.body)}`);
          }
        }
      });
      // Random kill and restart moments are the point of a soak: these sleeps pick them, they wait for nothing.
      await sleep(500 + Math.random() * 1500);
      await h.redis.kill();
      await sleep(300 + Math.random() * 1200);
      await h.redis.restart();
      await sleep(2500);
      stopped = true;
      await Promise.all(streams);
      for (const [i, page] of pages.entries()) {
        const stored = (await page.client.get(`/api/changes/${page.changeId}`)).body;
        const acked = last[i];
        const lost = stored.version < acked.version || (stored.version === acked.version && stored.form.notes !== acked.notes) || counter(stored.form.notes) < counter(acked.notes);
        if (acked.version > 0 && lost) {
          throw new Error(`round ${round}: change ${page.changeId} lost an acknowledged save (acked v${acked.version} "${acked.notes}", stored v${stored.version} "${stored.form.notes}")`);
        }
      }
      process.stdout.write(`round ${round}/${ROUNDS}: ok (${total200} saves answered 200 so far, ${total503} answered 503 while Redis was down)\n`);
    }
    process.stdout.write(`soak passed: ${ROUNDS} Redis SIGKILLs, ${total200} acknowledged saves, none lost\n`);
  } finally {
    await h.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
