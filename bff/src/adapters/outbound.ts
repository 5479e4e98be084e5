// The one HTTP client for fetches whose target a user can influence (today the homepage check). It resolves names
// itself and connects only to an address it has checked is public — the socket is opened to exactly that address, so a
// second DNS answer (rebinding) never reaches it; no userinfo, ports 80/443 only; at most 3 redirects under the same
// rules; one deadline over DNS, connect, headers and body; a body cap. HOMEPAGE_HOST_MAP is the only way to a
// non-public address (demo and tests).
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { Duplex } from 'node:stream';
import { nonPublicReason } from './publicAddress';

/** `www.a.cn` → where it is reached instead (plain HTTP), parsed from HOMEPAGE_HOST_MAP. */
export type HostMap = Record<string, { host: string; port: number | null }>;

export interface ResolvedAddress {
  address: string;
  family: number;
}
/** Every address a name resolves to (injected in tests, so no test depends on or sends to real DNS). */
export type Lookup = (hostname: string) => Promise<ResolvedAddress[]>;

/** Where one request's socket goes: the checked address, never the name again. */
export interface ConnectTarget {
  address: string;
  port: number;
  tls: boolean;
  /** The URL's host name: the Host header, the TLS SNI and the name the certificate is verified against. */
  servername: string;
}
export type Connector = (target: ConnectTarget) => Duplex;

/**
 * Why nothing usable came back. The first group are refusals by policy (nothing was sent); `unreachable` and `timeout`
 * are failures of the network. Callers show the applicant one "无法访问" for all of them: telling them apart would
 * make the check a port scanner. The codes are for logs and tests.
 */
export type OutboundFailure = 'bad_url' | 'scheme' | 'userinfo' | 'port' | 'host_not_allowed' | 'address_not_public' | 'too_many_redirects' | 'unreachable' | 'timeout';

export type OutboundResult =
  | { ok: true; status: number; body: Buffer; truncated: boolean; finalUrl: string }
  | { ok: false; reason: OutboundFailure; detail: string; url: string; /** The failure came after a redirect. */ redirected: boolean };

export interface OutboundOptions {
  /** One deadline for the whole fetch, redirects included (HOMEPAGE_TIMEOUT_MS). */
  timeoutMs: number;
  /** Body bytes kept; the rest is not read (default 512 KB: a homepage's footer check needs no more). */
  maxBodyBytes?: number;
  /** Redirects followed (default 3). */
  maxRedirects?: number;
  hostMap?: HostMap;
  /** Default: the system resolver, every address (`dns.lookup` with `all`). */
  lookup?: Lookup;
  /** Default: a TCP (or TLS) connection to the target address. Tests inject one to see where a socket would go. */
  connect?: Connector;
  /** Default: public unicast only (publicAddress.ts). Tests widen it to one loopback address, nothing else. */
  isAllowedAddress?: (address: string) => boolean;
}

export interface FetchOptions {
  /** Host names the URL and every redirect may name; anything else is refused before a name is resolved. */
  allowHost?: (hostname: string) => boolean;
}

const ALLOWED_PORTS = new Set([80, 443]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = 'beian-change-assistant/precheck';

const defaultLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

const defaultConnect: Connector = (t) =>
  t.tls
    ? tls.connect({ host: t.address, port: t.port, servername: net.isIP(t.servername) ? undefined : t.servername, ALPNProtocols: ['http/1.1'] })
    : net.connect({ host: t.address, port: t.port });

type Failure = Extract<OutboundResult, { ok: false }>;
const failure = (reason: OutboundFailure, detail: string, url: URL | string): Failure => ({ ok: false, reason, detail, url: String(url), redirected: false });

/** One HTTP exchange's answer before redirects are looked at. */
type Answer = { ok: true; status: number; location: string | null; body: Buffer; truncated: boolean } | Failure;

export function createOutboundClient(options: OutboundOptions) {
  const lookup = options.lookup ?? defaultLookup;
  const connect = options.connect ?? defaultConnect;
  const isAllowedAddress = options.isAllowedAddress ?? ((address: string) => nonPublicReason(address) === null);
  const maxBodyBytes = options.maxBodyBytes ?? 512 * 1024;
  const maxRedirects = options.maxRedirects ?? 3;
  const hostMap = options.hostMap ?? {};

  /** `work` unless the deadline passes first (a DNS query cannot be cancelled, only no longer waited for). */
  async function beforeDeadline<T>(deadline: number, work: Promise<T>): Promise<T | 'timeout'> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()));
    });
    try {
      return await Promise.race([work, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** An IP literal as itself, a name as every address it resolves to (before the deadline). */
  async function addressesOf(host: string, deadline: number, url: URL): Promise<string[] | Failure> {
    if (net.isIP(host)) return [host];
    let answer: ResolvedAddress[] | 'timeout';
    try {
      answer = await beforeDeadline(deadline, lookup(host));
    } catch (err) {
      return failure('unreachable', `resolving ${host}: ${(err as Error).message}`, url);
    }
    if (answer === 'timeout') return failure('timeout', `resolving ${host}`, url);
    if (answer.length === 0) return failure('unreachable', `${host} has no address`, url);
    return answer.map((a) => a.address);
  }

  /** The policy, applied to the first URL and every redirect alike: where the socket may go, or why not. */
  async function targetOf(url: URL, fetchOptions: FetchOptions, deadline: number): Promise<ConnectTarget | Failure> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return failure('scheme', `scheme ${url.protocol}`, url);
    if (url.username || url.password) return failure('userinfo', 'credentials in the URL', url);
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    if (!ALLOWED_PORTS.has(port)) return failure('port', `port ${port}`, url);
    // WHATWG parsing has already turned 127.1, 2130706433, 0x7f.1 and full-width digits into a dotted quad.
    const hostname = url.hostname
      .replace(/^\[|\]$/g, '')
      .replace(/\.$/, '')
      .toLowerCase();
    if (fetchOptions.allowHost && !fetchOptions.allowHost(hostname)) return failure('host_not_allowed', `host ${hostname}`, url);

    const mapped = hostMap[hostname];
    if (mapped) {
      // The operator's explicit map (demo/test): plain HTTP to the address given, not subject to the public-address rule.
      const answer = await addressesOf(mapped.host, deadline, url);
      if ('ok' in answer) return answer;
      return { address: answer[0], port: mapped.port ?? port, tls: false, servername: hostname };
    }
    const addresses = await addressesOf(hostname, deadline, url);
    if ('ok' in addresses) return addresses;
    // Every answer must be allowed, not just the one used: a name with any inward address is refused outright.
    for (const address of addresses) {
      if (!isAllowedAddress(address)) return failure('address_not_public', `${hostname} → ${address}: ${nonPublicReason(address) ?? 'not allowed'}`, url);
    }
    return { address: addresses[0], port, tls: url.protocol === 'https:', servername: hostname };
  }

  /** One GET over a socket to `target`; a redirect answers at its headers, anything else reads the body up to the cap. */
  function exchange(url: URL, target: ConnectTarget, deadline: number): Promise<Answer> {
    return new Promise((resolve) => {
      let settled = false;
      const chunks: Buffer[] = [];
      let size = 0;
      const req = http.request(
        {
          method: 'GET',
          path: `${url.pathname}${url.search}`,
          headers: { host: url.host, 'user-agent': USER_AGENT, accept: 'text/html,*/*;q=0.8', 'accept-encoding': 'identity', connection: 'close' },
          createConnection: () => connect(target),
        },
        (res) => {
          const status = res.statusCode ?? 0;
          const location = typeof res.headers.location === 'string' ? res.headers.location : null;
          if (REDIRECTS.has(status) && location) {
            finish({ ok: true, status, location, body: Buffer.alloc(0), truncated: false });
            return;
          }
          res.on('data', (chunk: Buffer) => {
            const kept = chunk.subarray(0, maxBodyBytes - size);
            chunks.push(kept);
            size += kept.length;
            // At the cap the rest is not read: the socket is closed.
            if (size >= maxBodyBytes) finish({ ok: true, status, location: null, body: Buffer.concat(chunks), truncated: true });
          });
          res.on('end', () => finish({ ok: true, status, location: null, body: Buffer.concat(chunks), truncated: false }));
          res.on('error', (err) => finish(failure('unreachable', err.message, url)));
        },
      );
      // The one deadline also cuts a body that drips in byte by byte: it counts total time, not idle time.
      const timer = setTimeout(() => finish(failure('timeout', `no complete answer from ${url.host} before the deadline`, url)), Math.max(0, deadline - Date.now()));
      function finish(answer: Answer) {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        resolve(answer);
      }
      req.on('error', (err) => finish(failure('unreachable', err.message, url)));
      req.end();
    });
  }

  return {
    /** GETs `rawUrl` under the policy; never throws. */
    async get(rawUrl: string, fetchOptions: FetchOptions = {}): Promise<OutboundResult> {
      const deadline = Date.now() + options.timeoutMs;
      let url: URL;
      try {
        url = new URL(rawUrl);
      } catch {
        return failure('bad_url', 'not a URL', rawUrl);
      }
      for (let redirects = 0; ; redirects += 1) {
        const target = await targetOf(url, fetchOptions, deadline);
        if ('ok' in target) return { ...target, redirected: redirects > 0 };
        const answer = await exchange(url, target, deadline);
        if (!answer.ok) return { ...answer, redirected: redirects > 0 };
        if (answer.location === null) return { ok: true, status: answer.status, body: answer.body, truncated: answer.truncated, finalUrl: url.toString() };
        if (redirects >= maxRedirects) return { ...failure('too_many_redirects', `more than ${maxRedirects} redirects`, url), redirected: true };
        try {
          url = new URL(answer.location, url);
        } catch {
          return { ...failure('bad_url', 'redirect to something that is not a URL', url), redirected: true };
        }
      }
    },
  };
}
export type OutboundClient = ReturnType<typeof createOutboundClient>;
