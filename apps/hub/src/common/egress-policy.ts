import type { Text } from '@hub/rules';
import ipaddr from 'ipaddr.js';

/**
 * Which addresses the hub may connect to on a user's say-so (a webhook URL, a robot URL) or an
 * operator's (the SMTP server): public unicast addresses, and whatever HUB_NOTIFY_ALLOWED_HOSTS
 * lists. Everything else — loopback, link-local (the cloud metadata service 169.254.169.254),
 * private, unique-local, CGNAT, multicast, unspecified, reserved, and IPv4 hidden in IPv6 — is
 * refused. Address ranges are ipaddr.js's (IANA special-purpose registries).
 */

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** One entry of HUB_NOTIFY_ALLOWED_HOSTS. */
export type AllowEntry =
  | { kind: 'host'; name: string }
  /** `*.example.gov.cn`: any name under the domain (not the domain itself) */
  | { kind: 'suffix'; suffix: string }
  /** a CIDR, or one address as /32 or /128 */
  | { kind: 'range'; range: [Address, number] };

const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** A host as URLs carry it, compared without case, brackets or a final dot. */
export function normaliseHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

/** Reads one allow-list entry, or null when it is none of a host name, `*.domain`, an address or a CIDR. */
export function parseAllowEntry(raw: string): AllowEntry | null {
  const value = normaliseHost(raw);
  if (ipaddr.isValidCIDR(value)) {
    const [address, bits] = ipaddr.parseCIDR(value);
    return { kind: 'range', range: unmappedRange(address, bits) };
  }
  if (ipaddr.isValid(value)) {
    const address = unmapped(ipaddr.parse(value));
    return { kind: 'range', range: [address, address.kind() === 'ipv4' ? 32 : 128] };
  }
  if (value.startsWith('*.') && HOST_NAME.test(value.slice(2))) {
    return { kind: 'suffix', suffix: value.slice(1) };
  }
  return HOST_NAME.test(value) ? { kind: 'host', name: value } : null;
}

/** The allow-list of HUB_NOTIFY_ALLOWED_HOSTS, its entries already checked at boot. */
export class AllowList {
  private readonly entries: AllowEntry[];

  constructor(raw: readonly string[]) {
    this.entries = raw.map((r) => {
      const entry = parseAllowEntry(r);
      if (!entry) throw new Error(`not an allow-list entry: ${r}`);
      return entry;
    });
  }

  /** Whether the host name itself is listed (then every address it resolves to is accepted). */
  allowsName(host: string): boolean {
    const name = normaliseHost(host);
    return this.entries.some(
      (e) => (e.kind === 'host' && e.name === name) || (e.kind === 'suffix' && name.endsWith(e.suffix)),
    );
  }

  /** Whether the address lies in a listed address or CIDR. */
  allowsAddress(address: string): boolean {
    const parsed = parseAddress(address);
    if (!parsed) return false;
    return this.entries.some(
      (e) => e.kind === 'range' && e.range[0].kind() === parsed.kind() && parsed.match(e.range),
    );
  }
}

const RANGE_TEXT: Record<string, Text> = {
  loopback: { zh: '本机回环地址', en: 'a loopback address' },
  linkLocal: {
    zh: '链路本地地址（含云平台元数据服务 169.254.169.254）',
    en: 'a link-local address (where cloud metadata services live, 169.254.169.254)',
  },
  private: { zh: '内网地址', en: 'a private address' },
  uniqueLocal: { zh: 'IPv6 内网地址（唯一本地地址）', en: 'an IPv6 unique-local address' },
  carrierGradeNat: { zh: '运营商级 NAT 地址', en: 'a carrier-grade NAT address' },
  multicast: { zh: '组播地址', en: 'a multicast address' },
  broadcast: { zh: '广播地址', en: 'the broadcast address' },
  unspecified: { zh: '未指定地址', en: 'an unspecified address' },
};
const NOT_PUBLIC: Text = { zh: '非公网地址（保留或特殊用途）', en: 'a reserved or special-purpose address' };

/** The only IPv6 space assigned for global unicast: anything outside it is special. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * Why the hub must not connect to `address` on its own accord, or null for a public unicast
 * address. IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it carries.
 */
export function nonPublicReason(address: string): Text | null {
  const parsed = parseAddress(address);
  if (!parsed) return NOT_PUBLIC;
  const range = parsed.range();
  if (parsed.kind() === 'ipv4') return range === 'unicast' ? null : (RANGE_TEXT[range] ?? NOT_PUBLIC);
  if (range === 'unicast' && parsed.match(GLOBAL_UNICAST_V6)) return null;
  return RANGE_TEXT[range] ?? NOT_PUBLIC;
}

/** Whether connecting to `address` reaches this machine whatever its interfaces: loopback, 0.0.0.0, `::`. */
export function isThisMachine(address: string): boolean {
  const range = parseAddress(address)?.range();
  return range === 'loopback' || range === 'unspecified';
}

/** Whether two textual addresses are the same address (`::ffff:10.0.0.1` is `10.0.0.1`). */
export function sameAddress(a: string, b: string): boolean {
  const [x, y] = [parseAddress(a), parseAddress(b)];
  return (
    x !== null && y !== null && x.kind() === y.kind() && x.toNormalizedString() === y.toNormalizedString()
  );
}

function parseAddress(address: string): Address | null {
  const value = normaliseHost(address).replace(/%.*$/, '');
  return ipaddr.isValid(value) ? unmapped(ipaddr.parse(value)) : null;
}

function unmapped(address: Address): Address {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

/** `::ffff:10.0.0.0/104` is `10.0.0.0/8`; a wider IPv6 range stays IPv6. */
function unmappedRange(address: Address, bits: number): [Address, number] {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96
    ? [(address as ipaddr.IPv6).toIPv4Address(), bits - 96]
    : [address, bits];
}
