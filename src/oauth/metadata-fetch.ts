import { lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';

/**
 * Addresses a Client ID Metadata Document is never fetched from: everything
 * that is not the public internet (IANA special-purpose registries, RFC 6890
 * and successors). A client_id is any https URL a stranger names, so without
 * this the gateway would connect wherever it is told: its own loopback
 * ports, the private network, the cloud metadata service.
 */
const SPECIAL_USE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0
  ['10.0.0.0', 8], // RFC 1918
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata services)
  ['172.16.0.0', 12], // RFC 1918
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // RFC 1918
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  SPECIAL_USE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback, IPv4-compatible
  // IPv4-mapped (::ffff:a.b.c.d) addresses are checked against the IPv4 list by BlockList itself.
  ['64:ff9b::', 96], // NAT64 (would reach any IPv4 address, private ones included)
  ['64:ff9b:1::', 48], // local NAT64
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo among them)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 (embeds any IPv4 address)
  ['3fff::', 20], // documentation
  ['5f00::', 16], // segment routing
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  SPECIAL_USE.addSubnet(network, prefix, 'ipv6');
}

/** True for a public unicast address; false for anything special-use, private or not an IP address at all. */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return false;
  return !SPECIAL_USE.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

export class RefusedAddressError extends Error {
  readonly code = 'EADDRNOTPUBLIC';
  constructor(host: string, address: string) {
    super(`client metadata host ${host} is at ${address}, a private or special-use address: not fetched`);
  }
}

type Resolve = (hostname: string) => Promise<LookupAddress[]>;
type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

const resolveAll: Resolve = (hostname) => lookup(hostname, { all: true, verbatim: true });

/**
 * A `lookup` for the socket: resolves the name once, refuses it if any of its
 * addresses is special-use, and hands the socket exactly the addresses it
 * checked, so a DNS answer that changes between check and connect (DNS
 * rebinding) cannot move the connection.
 */
export function checkedLookup(resolve: Resolve = resolveAll) {
  return (hostname: string, options: { all?: boolean } | number, callback: LookupCallback): void => {
    const checked = resolve(hostname).then((addresses) => {
      if (addresses.length === 0) throw Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' });
      const refused = addresses.find((a) => !isPublicAddress(a.address));
      if (refused) throw new RefusedAddressError(hostname, refused.address);
      return addresses;
    });
    checked.then(
      (addresses) => {
        if (typeof options === 'object' && options.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: Error) => callback(error, ''),
    );
  };
}

/**
 * How oidc-provider fetches Client ID Metadata Documents: only from public
 * addresses (an IP-literal host is checked as it is, a name after resolving,
 * on the connection itself), with oidc-provider's own timeout and body limit.
 */
export function createMetadataFetch(options: { resolve?: Resolve; onRefused?: (host: string) => void } = {}): typeof fetch {
  const agent = new Agent({ connect: { lookup: checkedLookup(options.resolve) as never }, connections: 4, keepAliveTimeout: 10_000 });
  return (async (input: string | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !isPublicAddress(host)) {
      options.onRefused?.(url.host);
      throw new RefusedAddressError(url.host, host);
    }
    try {
      return (await undiciFetch(url, { ...(init as object), dispatcher: agent })) as unknown as Response;
    } catch (error) {
      if ((error as { cause?: unknown }).cause instanceof RefusedAddressError) options.onRefused?.(url.host);
      throw error;
    }
  }) as typeof fetch;
}
