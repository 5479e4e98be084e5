// First load on a weak phone network, measured: Chromium with an empty cache reaches the BFF through the TCP proxy
// shaped to 400 kbps / 400 ms RTT; we count the JavaScript bytes that cross the wire (as sent, compressed) and time
// until the applicant list is on screen and tappable. Figures are printed; the byte budget is asserted, the time
// with a margin for a loaded 2-core machine (target 4 s; the test fails past 8 s, where it stood at 12.8 s before).
import { startTcpProxy, targetOf, type TcpProxy } from '../testing/tcpProxy';
import { withFailureShot } from './support/browser';
import { setUpJourney } from './support/journey';
import { byText, waitForTitle } from './support/ui';

const JS_BUDGET_BYTES = 250 * 1024;
const TARGET_MS = 4000;
const FAIL_MS = 8000;

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
  const wire: { url: string; type: string; encoding: string; bytes: number }[] = [];
  cdp.on('Network.responseReceived', (e) => {
    const encoding = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1] ?? 'none';
    typeOf.set(e.requestId, { url: e.response.url, type: e.type, encoding: String(encoding) });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const seen = typeOf.get(e.requestId);
    if (seen) wire.push({ ...seen, bytes: e.encodedDataLength });
  });

  await withFailureShot(
    journey.shots,
    () => [page],
    async () => {
      const started = Date.now();
      await page.goto(`${proxy!.url('http')}/`, { waitUntil: 'commit' });
      const applicant = byText(page, '杭州云栖网络科技有限公司');
      await applicant.waitFor({ state: 'visible', timeout: 30_000 });
      // Tappable: visible, enabled and not covered (trial runs the actionability checks without tapping).
      await applicant.tap({ trial: true });
      const tappableMs = Date.now() - started;

      const js = wire.filter((r) => r.type === 'Script');
      const jsBytes = js.reduce((n, r) => n + r.bytes, 0);
      const allBytes = wire.reduce((n, r) => n + r.bytes, 0);
      console.log(
        [
          `first load at 400 kbps / 400 ms RTT (empty cache):`,
          `  applicant list tappable after ${tappableMs} ms (target ${TARGET_MS} ms)`,
          `  JavaScript on the wire: ${(jsBytes / 1024).toFixed(1)} KB in ${js.length} files (budget ${JS_BUDGET_BYTES / 1024} KB)`,
          ...js.map((r) => `    ${new URL(r.url).pathname} ${(r.bytes / 1024).toFixed(1)} KB (${r.encoding})`),
          `  everything on the wire: ${(allBytes / 1024).toFixed(1)} KB in ${wire.length} responses`,
        ].join('\n'),
      );
      expect(js.length).toBeGreaterThan(0);
      expect(js.every((r) => r.encoding === 'br' || r.encoding === 'gzip')).toBe(true);
      expect(jsBytes).toBeLessThanOrEqual(JS_BUDGET_BYTES);
      expect(tappableMs).toBeLessThanOrEqual(FAIL_MS);

      // And it is really tappable: the tap logs in.
      await applicant.tap();
      await waitForTitle(page, '备案信息总览');
      await journey.shots.take(page, 'overview-after-slow-first-load');
    },
  );
}, 120_000);
