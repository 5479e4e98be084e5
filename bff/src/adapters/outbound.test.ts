// The outbound client's policy: every inward form of an address is refused before a socket exists, redirects and
// rebinding are held to the same rule, one deadline cuts a slow drip, the body is capped. DNS is always injected and
// every socket goes to a loopback test server: no packet leaves 127.0.0.0/8.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createOutboundClient, type ConnectTarget, type Lookup, type OutboundOptions } from './outbound';
import { isPublicAddress, nonPublicReason } from './publicAddress';
import { eventually } from '../../../testing/eventually';

/** A public address used only as a DNS answer: the injected connector sends its socket to loopback instead. */
const PUBLIC = '93.184.216.34';

interface TestServer {
  port: number;
  /** Requests seen: Host header and path. */
  seen: { host: string | undefined; path: string | undefined }[];
  /** Sockets currently open to it. */
  open(): number;
  close(): Promise<void>;
}

async function startServer(handler: http.RequestListener): Promise<TestServer> {
  const seen: TestServer['seen'] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    seen.push({ host: req.headers.host, path: req.url });
    handler(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    open: () => sockets.size,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

/** A connector that records where each socket was meant to go and sends it to the loopback server instead. */
function loopbackConnector(port: number) {
  const targets: ConnectTarget[] = [];
  return { targets, connect: (t: ConnectTarget) => (targets.push(t), net.connect({ host: '127.0.0.1', port })) };
}

/** A connector that must never be called (the policy refuses before any socket). */
function noConnector() {
  const targets: ConnectTarget[] = [];
  return {
    targets,
    connect: (t: ConnectTarget): net.Socket => {
      targets.push(t);
      throw new Error(`no socket may be opened here (asked for ${t.address}:${t.port})`);
    },
  };
}

function fixedLookup(answers: Record<string, string[]>) {
  const calls: string[] = [];
  const lookup: Lookup = (hostname) => {
    calls.push(hostname);
    const list = answers[hostname];
    if (!list) return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    return Promise.resolve(list.map((address) => ({ address, family: net.isIP(address) })));
  };
  return { calls, lookup };
}

const client = (options: Partial<OutboundOptions>) => createOutboundClient({ timeoutMs: 2000, ...options });

describe('address policy', () => {
  test.each([
    ['0.0.0.0', 'this network'],
    ['10.1.2.3', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.0.0.8', 'IETF'],
    ['192.0.2.1', 'documentation'],
    ['192.168.1.1', 'private'],
    ['198.18.0.1', 'benchmarking'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'IPv4-mapped'],
    ['::ffff:7f00:1', 'IPv4-mapped'],
    ['::ffff:10.0.0.1', 'IPv4-mapped'],
    ['::ffff:0:127.0.0.1', 'IPv4-translated'],
    ['64:ff9b::7f00:1', 'NAT64'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2001::1', 'Teredo'],
    ['2002:7f00:1::1', '6to4'],
    ['::127.0.0.1', 'not global unicast'],
    ['not-an-ip', 'not an IP address'],
  ])('%s is refused (%s)', (ip, why) => {
    expect(nonPublicReason(ip)).toContain(why);
  });

  test.each(['93.184.216.34', '1.1.1.1', '100.63.255.255', '100.128.0.1', '172.15.255.255', '172.32.0.1', '223.255.255.255', '2400:3200::1', '2606:4700::1111'])('%s is public', (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });
});

describe('refused before any socket', () => {
  test.each([
    ['http://127.0.0.1/', 'address_not_public'],
    ['http://127.1/', 'address_not_public'],
    ['http://2130706433/', 'address_not_public'],
    ['http://0x7f.1/', 'address_not_public'],
    ['http://0177.0.0.1/', 'address_not_public'],
    ['http://１２７.０.０.１/', 'address_not_public'],
    ['http://localhost/', 'address_not_public'],
    ['http://www.example.cn@127.0.0.1/', 'userinfo'],
    ['http://user:pass@www.example.cn/', 'userinfo'],
    ['http://[::1]/', 'address_not_public'],
    ['http://[::ffff:127.0.0.1]/', 'address_not_public'],
    ['http://[::ffff:7f00:1]/', 'address_not_public'],
    ['http://[fe80::1]/', 'address_not_public'],
    ['http://[fd00::1]/', 'address_not_public'],
    ['http://169.254.169.254/latest/meta-data/', 'address_not_public'],
    ['http://100.64.0.1/', 'address_not_public'],
    ['http://0.0.0.0/', 'address_not_public'],
    ['http://255.255.255.255/', 'address_not_public'],
    ['http://www.example.cn:8080/', 'port'],
    ['https://www.example.cn:22/', 'port'],
    ['ftp://www.example.cn/', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['not a url', 'bad_url'],
  ])('%s → %s', async (url, reason) => {
    const { lookup, calls } = fixedLookup({ localhost: ['127.0.0.1'], 'www.example.cn': [PUBLIC] });
    const connector = noConnector();
    const result = await client({ lookup, connect: connector.connect }).get(url);
    expect(result).toMatchObject({ ok: false, reason });
    expect(connector.targets).toEqual([]);
    // Only a name is ever looked up; an IP literal in any spelling is judged as it is.
    expect(calls.every((name) => name === 'localhost')).toBe(true);
  });

  test.each([['10.0.0.5'], ['192.168.0.10'], ['::1'], ['::ffff:127.0.0.1'], ['::ffff:169.254.169.254'], ['64:ff9b::a00:5'], ['fd00::5']])(
    'a name resolving to %s is refused',
    async (address) => {
      const { lookup } = fixedLookup({ 'www.example.cn': [address] });
      const connector = noConnector();
      expect(await client({ lookup, connect: connector.connect }).get('http://www.example.cn/')).toMatchObject({ ok: false, reason: 'address_not_public' });
      expect(connector.targets).toEqual([]);
    },
  );

  test('a name with one inward address among public ones is refused outright', async () => {
    const { lookup } = fixedLookup({ 'www.example.cn': [PUBLIC, '127.0.0.1'] });
    const connector = noConnector();
    expect(await client({ lookup, connect: connector.connect }).get('http://www.example.cn/')).toMatchObject({ ok: false, reason: 'address_not_public' });
    expect(connector.targets).toEqual([]);
  });

  test('allowHost is asked before anything is resolved', async () => {
    const { lookup, calls } = fixedLookup({ 'intranet.example.com': ['10.0.0.1'] });
    const connector = noConnector();
    const result = await client({ lookup, connect: connector.connect }).get('http://intranet.example.com/', { allowHost: (h) => h.endsWith('example.cn') });
    expect(result).toMatchObject({ ok: false, reason: 'host_not_allowed' });
    expect(calls).toEqual([]);
  });

  test('a name that does not resolve is unreachable', async () => {
    const { lookup } = fixedLookup({});
    expect(await client({ lookup, connect: noConnector().connect }).get('http://nowhere.example.cn/')).toMatchObject({ ok: false, reason: 'unreachable' });
  });
});

describe('connecting', () => {
  let server: TestServer;
  let routes: Record<string, (res: http.ServerResponse) => void>;
  beforeAll(async () => {
    server = await startServer((req, res) => {
      const route = routes[req.url ?? ''];
      if (route) route(res);
      else res.writeHead(200, { 'content-type': 'text/html' }).end(`<p>page ${req.url}</p>`);
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    routes = {};
    server.seen.length = 0;
  });
  const redirect = (location: string) => (res: http.ServerResponse) => res.writeHead(302, { location }).end();

  test('the socket goes to exactly the checked address, with the name as Host and TLS name', async () => {
    const { lookup, calls } = fixedLookup({ 'www.example.cn': [PUBLIC] });
    const connector = loopbackConnector(server.port);
    const result = await client({ lookup, connect: connector.connect }).get('http://www.example.cn/index.html?x=1');
    expect(result).toMatchObject({ ok: true, status: 200, finalUrl: 'http://www.example.cn/index.html?x=1' });
    expect(connector.targets).toEqual([{ address: PUBLIC, port: 80, tls: false, servername: 'www.example.cn' }]);
    expect(server.seen).toEqual([{ host: 'www.example.cn', path: '/index.html?x=1' }]);
    expect(calls).toEqual(['www.example.cn']);
  });

  test('https connects to port 443 of the checked address with TLS', async () => {
    const { lookup } = fixedLookup({ 'www.example.cn': ['2400:3200::1'] });
    const targets: ConnectTarget[] = [];
    // TLS is the connector's part (the default one wraps the socket in tls.connect with this servername); this one
    // hands over plain TCP to the loopback server, so only the target is under test here.
    await client({ lookup, connect: (t) => (targets.push(t), net.connect({ host: '127.0.0.1', port: server.port })) }).get('https://www.example.cn/');
    expect(targets).toEqual([{ address: '2400:3200::1', port: 443, tls: true, servername: 'www.example.cn' }]);
  });

  test('DNS rebinding: the name is resolved once per hop and the socket uses that answer, not a later one', async () => {
    let answers = 0;
    // Public on the first query, loopback on any later one (what a rebinding attacker's DNS server does).
    const lookup: Lookup = () => Promise.resolve([{ address: answers++ === 0 ? PUBLIC : '127.0.0.1', family: 4 }]);
    const connector = loopbackConnector(server.port);
    const result = await client({ lookup, connect: connector.connect }).get('http://rebind.example.cn/');
    expect(result.ok).toBe(true);
    expect(answers).toBe(1);
    expect(connector.targets.map((t) => t.address)).toEqual([PUBLIC]);

    // The other order: loopback first is refused, and no socket is opened at all.
    answers = 0;
    const rebindFirst: Lookup = () => Promise.resolve([{ address: answers++ === 0 ? '127.0.0.1' : PUBLIC, family: 4 }]);
    const refused = noConnector();
    expect(await client({ lookup: rebindFirst, connect: refused.connect }).get('http://rebind.example.cn/')).toMatchObject({ ok: false, reason: 'address_not_public' });
    expect(refused.targets).toEqual([]);
  });

  test.each([
    ['http://127.0.0.1/admin', 'address_not_public'],
    ['http://[::ffff:127.0.0.1]/', 'address_not_public'],
    ['http://2130706433/', 'address_not_public'],
    ['http://www.example.cn@127.0.0.1/', 'userinfo'],
    ['http://internal.example.cn/', 'address_not_public'],
    ['http://www.example.cn:6379/', 'port'],
    ['gopher://www.example.cn/', 'scheme'],
  ])('a redirect to %s is refused (%s) and never connected to', async (location, reason) => {
    routes['/'] = redirect(location);
    const { lookup } = fixedLookup({ 'www.example.cn': [PUBLIC], 'internal.example.cn': ['10.0.0.7'] });
    const connector = loopbackConnector(server.port);
    expect(await client({ lookup, connect: connector.connect }).get('http://www.example.cn/')).toMatchObject({ ok: false, reason });
    expect(connector.targets).toHaveLength(1);
  });

  test('a redirect off the allowed hosts is refused', async () => {
    routes['/'] = redirect('http://elsewhere.example.com/');
    const { lookup, calls } = fixedLookup({ 'www.example.cn': [PUBLIC], 'elsewhere.example.com': [PUBLIC] });
    const connector = loopbackConnector(server.port);
    const result = await client({ lookup, connect: connector.connect }).get('http://www.example.cn/', { allowHost: (h) => h.endsWith('example.cn') });
    expect(result).toMatchObject({ ok: false, reason: 'host_not_allowed' });
    expect(calls).toEqual(['www.example.cn']);
  });

  test('3 redirects are followed, a 4th is refused', async () => {
    routes['/'] = redirect('/a');
    routes['/a'] = redirect('/b');
    routes['/b'] = redirect('http://example.cn/c');
    const { lookup } = fixedLookup({ 'www.example.cn': [PUBLIC], 'example.cn': [PUBLIC] });
    const followed = await client({ lookup, connect: loopbackConnector(server.port).connect }).get('http://www.example.cn/');
    expect(followed).toMatchObject({ ok: true, status: 200, finalUrl: 'http://example.cn/c' });
    expect(server.seen.map((r) => `${r.host}${r.path}`)).toEqual(['www.example.cn/', 'www.example.cn/a', 'www.example.cn/b', 'example.cn/c']);

    routes['/b'] = redirect('/c');
    routes['/c'] = redirect('/d');
    const connector = loopbackConnector(server.port);
    expect(await client({ lookup, connect: connector.connect }).get('http://www.example.cn/')).toMatchObject({ ok: false, reason: 'too_many_redirects' });
    expect(connector.targets).toHaveLength(4);
  });

  test('HOMEPAGE_HOST_MAP is the one way to a loopback address (plain HTTP, the name as Host)', async () => {
    const connector = noConnector();
    const mapped = createOutboundClient({ timeoutMs: 2000, hostMap: { 'www.example.cn': { host: '127.0.0.1', port: server.port } } });
    const result = await mapped.get('https://www.example.cn/home');
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(server.seen).toEqual([{ host: 'www.example.cn', path: '/home' }]);
    // Unmapped names under the same client still meet the policy.
    expect(await createOutboundClient({ timeoutMs: 2000, hostMap: {}, connect: connector.connect }).get(`http://127.0.0.1:${server.port}/`)).toMatchObject({
      ok: false,
      reason: 'port',
    });
  });
});

describe('one deadline, a body cap', () => {
  test('a body dripping a byte at a time is cut at the deadline (total time, not idle time)', async () => {
    let timer: NodeJS.Timeout | undefined;
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      // 20 s of drip, one byte every 50 ms: never idle for long, never done within the deadline.
      let left = 400;
      timer = setInterval(() => {
        res.write('x');
        if (--left === 0) res.end();
      }, 50);
    });
    try {
      const { lookup } = fixedLookup({ 'slow.example.cn': [PUBLIC] });
      const started = Date.now();
      const result = await client({ timeoutMs: 600, lookup, connect: loopbackConnector(server.port).connect }).get('http://slow.example.cn/');
      expect(result).toMatchObject({ ok: false, reason: 'timeout' });
      // Cut long before the drip would end (20 s); the bound is loose on purpose, the point is "not after the drip".
      expect(Date.now() - started).toBeLessThan(10_000);
      // The client hung up: the server's socket closes.
      await eventually(() => server.open() === 0, 'the dripping connection to close');
    } finally {
      clearInterval(timer);
      await server.close();
    }
  });

  test('headers that never come time out too', async () => {
    const server = await startServer(() => undefined);
    try {
      const { lookup } = fixedLookup({ 'mute.example.cn': [PUBLIC] });
      expect(await client({ timeoutMs: 300, lookup, connect: loopbackConnector(server.port).connect }).get('http://mute.example.cn/')).toMatchObject({ ok: false, reason: 'timeout' });
    } finally {
      await server.close();
    }
  });

  test('DNS that never answers times out at the same deadline', async () => {
    const lookup: Lookup = () => new Promise(() => undefined);
    expect(await client({ timeoutMs: 200, lookup, connect: noConnector().connect }).get('http://dns.example.cn/')).toMatchObject({ ok: false, reason: 'timeout' });
  });

  test('only maxBodyBytes of a large body are kept and the rest is not read', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(Buffer.alloc(2 * 1024 * 1024, 'a'));
    });
    try {
      const { lookup } = fixedLookup({ 'big.example.cn': [PUBLIC] });
      const result = await client({ maxBodyBytes: 1000, lookup, connect: loopbackConnector(server.port).connect }).get('http://big.example.cn/');
      expect(result).toMatchObject({ ok: true, status: 200, truncated: true });
      expect(result.ok && result.body.length).toBe(1000);
    } finally {
      await server.close();
    }
  });
});
