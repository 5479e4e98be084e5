// Which IP addresses an outbound fetch a user can aim may connect to: public unicast only. Every special-purpose range
// of the IANA registries (loopback, private, link-local, CGNAT, multicast, reserved, documentation, …) is refused.
import { isIPv4, isIPv6 } from 'node:net';

interface Range {
  /** The network as a bigint over the family's width (32 or 128 bits). */
  network: bigint;
  prefix: number;
  why: string;
}

function ipv4ToBigInt(ip: string): bigint | null {
  if (!isIPv4(ip)) return null;
  return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

/** The 128-bit value of an IPv6 address (with `::`, an IPv4 tail, a zone id), or null when it is not one. */
function ipv6ToBigInt(ip: string): bigint | null {
  let text = ip.split('%', 1)[0].toLowerCase();
  if (!isIPv6(text)) return null;
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4Tail) {
    const v4 = ipv4ToBigInt(v4Tail[1]);
    if (v4 === null) return null;
    text = `${text.slice(0, -v4Tail[1].length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const zeros = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...Array<string>(zeros).fill('0'), ...tail];
  if (groups.length !== 8) return null;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function cidr(text: string, why: string): Range {
  const [address, prefix] = text.split('/');
  const network = address.includes(':') ? ipv6ToBigInt(address) : ipv4ToBigInt(address);
  if (network === null) throw new Error(`bad range ${text}`);
  return { network, prefix: Number(prefix), why };
}

function inRange(value: bigint, width: number, range: Range): boolean {
  const shift = BigInt(width - range.prefix);
  return value >> shift === range.network >> shift;
}

/** IANA IPv4 Special-Purpose Address Registry, plus multicast and the reserved class E (with the broadcast address). */
const IPV4_REFUSED: Range[] = [
  cidr('0.0.0.0/8', 'this network (0/8)'),
  cidr('10.0.0.0/8', 'private (10/8)'),
  cidr('100.64.0.0/10', 'carrier-grade NAT (100.64/10)'),
  cidr('127.0.0.0/8', 'loopback (127/8)'),
  cidr('169.254.0.0/16', 'link-local (169.254/16)'),
  cidr('172.16.0.0/12', 'private (172.16/12)'),
  cidr('192.0.0.0/24', 'IETF protocol assignments (192.0.0/24)'),
  cidr('192.0.2.0/24', 'documentation (192.0.2/24)'),
  cidr('192.88.99.0/24', '6to4 relay anycast (192.88.99/24)'),
  cidr('192.168.0.0/16', 'private (192.168/16)'),
  cidr('198.18.0.0/15', 'benchmarking (198.18/15)'),
  cidr('198.51.100.0/24', 'documentation (198.51.100/24)'),
  cidr('203.0.113.0/24', 'documentation (203.0.113/24)'),
  cidr('224.0.0.0/4', 'multicast (224/4)'),
  cidr('255.255.255.255/32', 'broadcast'),
  cidr('240.0.0.0/4', 'reserved (240/4)'),
];

/**
 * IPv6 is judged by an allow-list: only global unicast (2000::/3) can be public, which leaves out loopback, unspecified,
 * IPv4-mapped (::ffff:0:0/96) and IPv4-translated (::ffff:0:0:0/96) forms, NAT64 (64:ff9b::/96), discard, ULA (fc00::/7),
 * link-local, site-local (fec0::/10) and multicast; inside it, the ranges below are not public either. The named
 * ranges outside 2000::/3 are listed only so a refusal says what it saw.
 */
const IPV6_GLOBAL_UNICAST = cidr('2000::/3', 'global unicast');
const IPV6_REFUSED: Range[] = [
  cidr('::/128', 'unspecified (::)'),
  cidr('::1/128', 'loopback (::1)'),
  cidr('::ffff:0:0/96', 'IPv4-mapped (::ffff:0:0/96)'),
  cidr('::ffff:0:0:0/96', 'IPv4-translated (::ffff:0:0:0/96)'),
  cidr('64:ff9b::/96', 'NAT64 (64:ff9b::/96)'),
  cidr('64:ff9b:1::/48', 'local NAT64 (64:ff9b:1::/48)'),
  cidr('100::/64', 'discard (100::/64)'),
  cidr('fc00::/7', 'unique local (fc00::/7)'),
  cidr('fe80::/10', 'link-local (fe80::/10)'),
  cidr('fec0::/10', 'site-local (fec0::/10)'),
  cidr('ff00::/8', 'multicast (ff00::/8)'),
  cidr('2001::/23', 'IETF protocol assignments incl. Teredo (2001::/23)'),
  cidr('2001:db8::/32', 'documentation (2001:db8::/32)'),
  cidr('2002::/16', '6to4 (2002::/16)'),
  cidr('3fff::/20', 'documentation (3fff::/20)'),
];

/** Why an address must not be connected to (for logs and tests), or null when it is a public unicast address. */
export function nonPublicReason(ip: string): string | null {
  const v4 = ipv4ToBigInt(ip);
  if (v4 !== null) return IPV4_REFUSED.find((r) => inRange(v4, 32, r))?.why ?? null;
  const v6 = ipv6ToBigInt(ip);
  if (v6 === null) return 'not an IP address';
  const named = IPV6_REFUSED.find((r) => inRange(v6, 128, r));
  if (named) return named.why;
  return inRange(v6, 128, IPV6_GLOBAL_UNICAST) ? null : 'not global unicast (outside 2000::/3)';
}

export const isPublicAddress = (ip: string): boolean => nonPublicReason(ip) === null;
