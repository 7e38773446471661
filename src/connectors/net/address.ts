/**
 * Which IP addresses a user-supplied URL may reach. Everything that is not ordinary public unicast is
 * refused: loopback, RFC 1918 private, link-local (cloud metadata 169.254.169.254 included), carrier-grade
 * NAT, multicast, broadcast, unspecified, IPv6 unique-local, documentation/benchmark/reserved ranges and the
 * IPv6 forms that embed an IPv4 address (IPv4-mapped, NAT64, 6to4, Teredo). An allowlist of networks
 * (CIDRs) opts a self-hoster's LAN back in. Classification by `ipaddr.js`.
 * @see https://www.iana.org/assignments/iana-ipv4-special-registry/
 * @see https://www.iana.org/assignments/iana-ipv6-special-registry/
 */
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Network = [Address, number];

/** Special-use ranges ipaddr.js 1.9 reports as plain unicast. */
const EXTRA_FORBIDDEN: readonly Network[] = [
  ipaddr.parseCIDR('198.18.0.0/15'), // benchmarking
  ipaddr.parseCIDR('100::/64'), // discard-only
  ipaddr.parseCIDR('2001::/23'), // IETF protocol assignments
];

export class InvalidNetworkError extends Error {
  constructor(cidr: string) {
    super(`"${cidr}" is not a network in CIDR notation (e.g. 192.168.1.0/24)`);
    this.name = 'InvalidNetworkError';
  }
}

/** A parsed allowlist. Bare addresses count as single-host networks. */
export interface AddressPolicy {
  readonly allowed: readonly Network[];
}

export function addressPolicy(allowedNetworks: readonly string[] = []): AddressPolicy {
  const allowed: Network[] = [];
  for (const raw of allowedNetworks) {
    const text = raw.trim();
    if (!text) continue;
    try {
      if (text.includes('/')) {
        const [address, bits] = ipaddr.parseCIDR(text);
        allowed.push([unmapped(address), address.kind() === 'ipv6' && isMapped(address) ? bits - 96 : bits]);
      } else {
        const address = unmapped(ipaddr.parse(text));
        allowed.push([address, address.kind() === 'ipv4' ? 32 : 128]);
      }
    } catch {
      throw new InvalidNetworkError(text);
    }
  }
  return { allowed };
}

/** `CONVENE_ALLOW_PRIVATE_NETWORKS=192.168.1.0/24,127.0.0.1/32` → the networks, comma or space separated. */
export function allowedNetworksFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  return (env.CONVENE_ALLOW_PRIVATE_NETWORKS ?? '').split(/[\s,]+/).filter((s) => s.length > 0);
}

export type AddressVerdict =
  | { readonly ok: true; readonly address: string }
  | { readonly ok: false; readonly address: string; readonly range: string };

/** Whether `ip` (an IP literal, brackets allowed) may be connected to under `policy`. */
export function checkAddress(ip: string, policy: AddressPolicy): AddressVerdict {
  const text = ip.replace(/^\[|\]$/g, '');
  let parsed: Address;
  try {
    parsed = unmapped(ipaddr.parse(text));
  } catch {
    return { ok: false, address: text, range: 'invalid' };
  }
  const address = parsed.toString();
  for (const [network, bits] of policy.allowed) {
    if (within(parsed, network, bits)) return { ok: true, address };
  }
  const range = parsed.range();
  if (range !== 'unicast') return { ok: false, address, range };
  for (const [network, bits] of EXTRA_FORBIDDEN) {
    if (within(parsed, network, bits)) {
      return { ok: false, address, range: 'reserved' };
    }
  }
  return { ok: true, address };
}

export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(host.replace(/^\[|\]$/g, ''));
}

function isMapped(address: Address): boolean {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress();
}

/** ::ffff:127.0.0.1 is 127.0.0.1. */
function unmapped(address: Address): Address {
  return isMapped(address) ? (address as ipaddr.IPv6).toIPv4Address() : address;
}

function within(address: Address, network: Address, bits: number): boolean {
  if (address.kind() !== network.kind()) return false;
  return address.kind() === 'ipv4'
    ? (address as ipaddr.IPv4).match(network as ipaddr.IPv4, bits)
    : (address as ipaddr.IPv6).match(network as ipaddr.IPv6, bits);
}
