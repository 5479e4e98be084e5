// SSRF through the homepage check, end to end: an applicant sets the homepage to a loopback service in each spelling
// the issue found (and a few more); the checklist fails the homepage without a single connection reaching it. The
// seeded homepages, reached through HOMEPAGE_HOST_MAP, still pass.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { APPLICANTS, newChange, startHarness, type Client, type Harness } from '../harness';

let h: Harness;
let yunqi: Client;
/** An internal service on loopback: counts every connection it receives. */
let internal: net.Server;
let connections = 0;
let port: number;

beforeAll(async () => {
  h = await startHarness();
  internal = net.createServer((socket) => {
    connections += 1;
    socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
  });
  await new Promise<void>((r) => internal.listen(0, '127.0.0.1', () => r()));
  port = (internal.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => internal.close(r));
  await h?.close();
});
beforeEach(async () => {
  await h.reset();
  yunqi = await h.login(APPLICANTS.yunqi.applicantId);
  connections = 0;
});

async function homepageCheck(homepageUrl: string) {
  const created = await yunqi.ok('createChange', { body: newChange(APPLICANTS.yunqi) });
  const id = created.body.id;
  // Saved like any typing (autosave keeps invalid values; the problem comes back in `problems`).
  await yunqi.ok('patchChange', { params: { id }, body: { form: { homepageUrl } }, headers: { 'if-match': created.headers.get('etag') ?? '' } });
  const checks = await yunqi.ok('getChecks', { params: { id } });
  return checks.body.checks.find((c) => c.id === 'homepage_reachable');
}

test.each([
  'http://127.0.0.1:PORT/',
  'http://127.1:PORT/',
  'http://2130706433:PORT/',
  'http://0x7f.1:PORT/',
  'http://localhost:PORT/',
  'http://１２７.０.０.１:PORT/',
  'http://www.yunqi-tech.cn@127.0.0.1:PORT/',
  'http://[::ffff:127.0.0.1]:PORT/',
  'http://127.0.0.1\\.yunqi-tech.cn:PORT/',
  'http://www.yunqi-tech.cn:PORT/',
])('homepage %s: fail, and nothing reaches the internal service', async (spelling) => {
  const check = await homepageCheck(spelling.replace('PORT', String(port)));
  expect(check).toMatchObject({ outcome: 'fail', field: 'homepageUrl' });
  expect(check?.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(connections).toBe(0);
});

test('the seeded homepage on the website’s own domain still passes (through HOMEPAGE_HOST_MAP)', async () => {
  expect(await homepageCheck('https://www.yunqi-tech.cn/')).toMatchObject({ outcome: 'pass' });
});
