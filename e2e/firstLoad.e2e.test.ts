// First load on a weak phone network, measured: Chromium with an empty cache reaches the BFF through the TCP proxy
// shaped to 400 kbps / 400 ms RTT; we count the JavaScript bytes that cross the wire (as sent, compressed) and time
// until the applicant list is on screen and tappable. Figures are printed; the byte budget is asserted, the time
// with a margin for a loaded 2-core machine (target 4 s; the test fails past 6 s: it stood at 12.8 s, then 5.2 s
// while the first page's chunk and data waited for the entry script), and so is the absence of that waterfall.
import { startTcpProxy, targetOf, type TcpProxy } from '../testing/tcpProxy';
import { withFailureShot } from './support/browser';
import { setUpJourney } from './support/journey';
import { byText, waitForTitle } from './support/ui';

const JS_BUDGET_BYTES = 250 * 1024;
const TARGET_MS = 4000;
const FAIL_MS = 6000;

const journey = setUpJourney('first-load');
let proxy: TcpProxy | undefined;

afterAll(async () => {
  await proxy?.close();
});

test('at 400 kbps / 400 ms RTT with an empty cache: ≤ 250 KB of JS on the wire and the applicant list tappable in time', async () => {
  proxy = await startTcpProxy({ targets: [targetOf(journey.product.url)], link: { kbps: 400, rttMs: 400 } });
  const { page, context } = await journey.phones.newPhone();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const typeOf = new Map<string, { url: string; type: string; encoding: string }>();
  const sentAt = new Map<string, number>();
  const wire: { url: string; type: string; encoding: string; bytes: number; sentAt: number; doneAt: number }[] = [];
  let started = 0;
  cdp.on('Network.requestWillBeSent', (e) => {
    sentAt.set(e.requestId, Date.now() - started);
  });
  cdp.on('Network.responseReceived', (e) => {
    const encoding = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1] ?? 'none';
    typeOf.set(e.requestId, { url: e.response.url, type: e.type, encoding: String(encoding) });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const seen = typeOf.get(e.requestId);
    if (seen) wire.push({ ...seen, bytes: e.encodedDataLength, sentAt: sentAt.get(e.requestId) ?? -1, doneAt: Date.now() - started });
  });

  await withFailureShot(
    journey.shots,
    () => [page],
    async () => {
      started = Date.now();
      await page.goto(`${proxy!.url('http')}/`, { waitUntil: 'commit' });
      const applicant = byText(page, '杭州云栖网络科技有限公司');
      await applicant.waitFor({ state: 'visible', timeout: 30_000 });
      // Tappable: visible, enabled and not covered (trial runs the actionability checks without tapping).
      await applicant.tap({ trial: true });
      const tappableMs = Date.now() - started;
      const beforeTap = [...wire];

      const js = beforeTap.filter((r) => r.type === 'Script');
      const jsBytes = js.reduce((n, r) => n + r.bytes, 0);
      const allBytes = beforeTap.reduce((n, r) => n + r.bytes, 0);
      console.log(
        [
          `first load at 400 kbps / 400 ms RTT (empty cache):`,
          `  applicant list tappable after ${tappableMs} ms (target ${TARGET_MS} ms)`,
          `  JavaScript on the wire: ${(jsBytes / 1024).toFixed(1)} KB in ${js.length} files (budget ${JS_BUDGET_BYTES / 1024} KB)`,
          ...js.map((r) => `    ${new URL(r.url).pathname} ${(r.bytes / 1024).toFixed(1)} KB (${r.encoding})`),
          `  everything on the wire until then: ${(allBytes / 1024).toFixed(1)} KB in ${beforeTap.length} responses (asked → arrived):`,
          ...beforeTap.map((r) => `    ${String(r.sentAt).padStart(5)} → ${String(r.doneAt).padStart(5)} ms ${r.type} ${new URL(r.url).pathname} ${(r.bytes / 1024).toFixed(1)} KB`),
        ].join('\n'),
      );
      expect(js.length).toBeGreaterThan(0);
      expect(js.every((r) => r.encoding === 'br' || r.encoding === 'gzip')).toBe(true);
      expect(jsBytes).toBeLessThanOrEqual(JS_BUDGET_BYTES);
      expect(tappableMs).toBeLessThanOrEqual(FAIL_MS);
      // Started early, loaded once: no script, stylesheet or the applicant list crossed the wire twice.
      const urls = beforeTap.map((r) => new URL(r.url).pathname);
      expect(urls.filter((url, i) => urls.indexOf(url) !== i)).toEqual([]);
      // No waterfall: the first page's chunk and its applicant list were asked for with the entry scripts, before
      // any script had arrived (each arrival is at least one 400 ms round trip after its request).
      const list = beforeTap.find((r) => new URL(r.url).pathname === '/api/session/dev');
      expect(list).toBeDefined();
      const firstScriptAt = Math.min(...js.map((r) => r.doneAt));
      expect([...js, list!].filter((r) => r.sentAt < 0 || r.sentAt >= firstScriptAt).map((r) => new URL(r.url).pathname)).toEqual([]);

      // Styled as on any load (the page's stylesheet came from index.html, not from the page's own loading).
      await journey.shots.take(page, 'applicant-list-after-slow-first-load');
      // And it is really tappable: the tap logs in.
      await applicant.tap();
      await waitForTitle(page, '备案信息总览');
      await journey.shots.take(page, 'overview-after-slow-first-load');
    },
  );
}, 120_000);
