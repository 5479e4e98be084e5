// The homepage check as the applicant sees it: off-domain URLs (every spelling of loopback included) fail hard with
// nothing resolved or connected; every network failure reads the same "无法访问"; a reachable page passes. DNS and the
// socket are injected: every connection goes to a loopback test server.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createOutboundClient, type ConnectTarget, type Lookup } from '../adapters/outbound';
import type { ReviewSystem } from '../adapters/reviewSystem';
import { createChecksService } from './checksService';
import { buildBase, buildDraft, editForm, TODAY } from '../../../shared/rules/testFixtures';
import type { PrecheckResult } from '../../../shared/contracts/api';

/** A public address used only as a DNS answer; the injected connector sends the socket to loopback. */
const PUBLIC = '93.184.216.34';
const base = buildBase();

/** The review system's part of the checks is not under test: every domain is unknown to it. */
const reviewSystem = {
  domainFacts: () => Promise.resolve(null),
} as Partial<ReviewSystem> as ReviewSystem;

let server: http.Server;
let port: number;
let closedPort: number;
let page: (res: http.ServerResponse) => void;
beforeAll(async () => {
  server = http.createServer((_req, res) => page(res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
  // A port nothing listens on (bound, read, released): a connection there is refused.
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  page = (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>首页</p>');
});

function setup(answers: Record<string, string[]>, connectTo: number | null = null) {
  const looked: string[] = [];
  const targets: ConnectTarget[] = [];
  const lookup: Lookup = (hostname) => {
    looked.push(hostname);
    return Promise.resolve((answers[hostname] ?? []).map((address) => ({ address, family: net.isIP(address) })));
  };
  const connect = (t: ConnectTarget) => {
    targets.push(t);
    if (connectTo === null) throw new Error(`no socket may be opened (asked for ${t.address})`);
    return net.connect({ host: '127.0.0.1', port: connectTo });
  };
  const outbound = createOutboundClient({ timeoutMs: 400, lookup, connect });
  const checks = createChecksService({ reviewSystem, outbound, homepageTimeoutMs: 4000, now: () => TODAY });
  return {
    looked,
    targets,
    async homepage(homepageUrl: string): Promise<PrecheckResult> {
      const report = await checks.run(buildDraft({ base, form: editForm(base, { homepageUrl }) }));
      return report.checks.find((c) => c.id === 'homepage_reachable')!;
    },
  };
}

describe('off the change’s domains: a hard fail, nothing resolved, nothing connected', () => {
  test.each([
    'http://127.0.0.1:4567/',
    'http://127.1/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://localhost/',
    'http://１２７.０.０.１/',
    'http://www.example.com@127.0.0.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://www.example.com.attacker.cn/',
    // The shared rule reads this host as `127.0.0.1\.example.com` (on the domain); WHATWG, which the client uses,
    // reads 127.0.0.1 — the client's own host rule refuses it.
    'http://127.0.0.1\\.example.com/',
  ])('%s', async (url) => {
    const s = setup({ localhost: ['127.0.0.1'] });
    const check = await s.homepage(url);
    expect(check).toMatchObject({ outcome: 'fail', field: 'homepageUrl' });
    expect(check.message).toMatch(/不是本网站的域名|需以 http/);
    expect({ looked: s.looked, connected: s.targets }).toEqual({ looked: [], connected: [] });
  });
});

describe('on the domain', () => {
  test('a reachable page passes; the socket went to the checked address', async () => {
    const s = setup({ 'www.example.com': [PUBLIC] }, port);
    expect(await s.homepage('https://www.example.com/')).toMatchObject({ outcome: 'pass' });
    expect(s.targets).toEqual([{ address: PUBLIC, port: 443, tls: true, servername: 'www.example.com' }]);
  });

  test('an IDN domain is reached by its punycode name', async () => {
    const s = setup({ 'www.xn--fsqu00a.xn--fiqs8s': [PUBLIC] }, port);
    expect(await s.homepage('http://www.例子.中国/')).toMatchObject({ outcome: 'pass' });
  });

  test('refused, timed out, resolving inward and redirected inward all read the same 无法访问', async () => {
    const refused = await setup({ 'www.example.com': [PUBLIC] }, closedPort).homepage('http://www.example.com/');
    page = () => undefined; // headers never come
    const timedOut = await setup({ 'www.example.com': [PUBLIC] }, port).homepage('http://www.example.com/');
    const inward = setup({ 'www.example.com': ['10.0.0.8'] });
    const resolvedInward = await inward.homepage('http://www.example.com/');
    // On the domain, but that name resolves inward (an applicant controls their own DNS).
    page = (res) => res.writeHead(302, { location: 'http://intranet.example.com/' }).end();
    const redirectedInward = await setup({ 'www.example.com': [PUBLIC], 'intranet.example.com': ['192.168.1.1'] }, port).homepage('http://www.example.com/');
    const noName = await setup({}).homepage('http://www.example.com/');

    const answers = [refused, timedOut, resolvedInward, redirectedInward, noName];
    for (const check of answers) expect(check).toMatchObject({ outcome: 'fail', field: 'homepageUrl', message: expect.stringContaining('网站首页无法访问') });
    expect(new Set(answers.map((c) => c.message)).size).toBe(1);
    expect(inward.targets).toEqual([]);
  });

  test.each(['https://elsewhere.example.org/', 'http://127.0.0.1/'])('a redirect off the website’s domains (%s) fails without being followed', async (location) => {
    page = (res) => res.writeHead(301, { location }).end();
    const s = setup({ 'www.example.com': [PUBLIC], 'elsewhere.example.org': [PUBLIC] }, port);
    const check = await s.homepage('http://www.example.com/');
    expect(check).toMatchObject({ outcome: 'fail', message: expect.stringContaining('跳转到了本网站域名以外') });
    expect(s.looked).toEqual(['www.example.com']);
    expect(s.targets).toHaveLength(1);
  });

  test('an HTTP error status fails with the status', async () => {
    page = (res) => res.writeHead(503).end();
    expect(await setup({ 'www.example.com': [PUBLIC] }, port).homepage('http://www.example.com/')).toMatchObject({ outcome: 'fail', message: expect.stringContaining('HTTP 503') });
  });
});
