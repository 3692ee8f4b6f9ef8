import type { IncomingMessage } from 'node:http';
import { BlockList, isIP, isIPv4 } from 'node:net';

/**
 * Which proxies' X-Forwarded-For the gateway believes (`DESKGATE_TRUST_PROXY`),
 * and the client address that follows from it. One setting, read by every
 * per-address limit: the failed-authentication slow-down on /mcp and /api,
 * and the OAuth sign-in and registration limits.
 *
 * Default: trust no proxy, so the client is the socket's peer and
 * X-Forwarded-For is ignored (anyone can write it). With trusted proxies,
 * the header is read right to left: each trusted hop is skipped, and the
 * first address that is not a trusted proxy is the client.
 * Entries to the left of it were written by the client itself and are never
 * believed.
 */
export interface TrustProxy {
  /**
   * True when `address`, `hop` steps from the gateway (0: the socket's peer,
   * 1: the rightmost X-Forwarded-For entry, …), is a proxy whose
   * X-Forwarded-For is believed.
   */
  trusts(address: string, hop: number): boolean;
}

export const TRUST_NONE: TrustProxy = { trusts: () => false };

/** `::ffff:203.0.113.7` → `203.0.113.7`, `[2001:db8::1]` → `2001:db8::1`; other addresses as they are. */
function unmapped(address: string): string {
  const bare = address.trim().replace(/^\[(.*)\]$/, '$1');
  return bare.toLowerCase().startsWith('::ffff:') && isIPv4(bare.slice(7)) ? bare.slice(7) : bare;
}

/**
 * `DESKGATE_TRUST_PROXY`: a comma list of `loopback`, addresses and CIDR
 * blocks (`10.0.0.0/8`, `fd00::/8`), or a number of proxy hops in front of
 * the gateway whatever their addresses (`1`: one proxy, such as a container
 * network's or a cluster ingress's, whose addresses are not known in
 * advance); empty, unset or `0` trusts none. Returns what it could not read
 * as text instead.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy | { problem: string } {
  const entries = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) return TRUST_NONE;
  if (entries.length === 1 && /^\d{1,2}$/.test(entries[0]!)) {
    const hops = Number(entries[0]);
    return hops === 0 ? TRUST_NONE : { trusts: (_address, hop) => hop < hops };
  }
  const list = new BlockList();
  const bad: string[] = [];
  for (const entry of entries) {
    if (entry.toLowerCase() === 'loopback') {
      list.addSubnet('127.0.0.0', 8, 'ipv4');
      list.addAddress('::1', 'ipv6');
      continue;
    }
    const [address = '', bits, extra] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || extra !== undefined) {
      bad.push(entry);
      continue;
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const prefix = /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
    if (!(prefix >= 0 && prefix <= (family === 4 ? 32 : 128))) {
      bad.push(entry);
      continue;
    }
    list.addSubnet(address, prefix, type);
  }
  if (bad.length) {
    return {
      problem: `expected a comma list of proxy addresses, CIDR blocks (10.0.0.0/8, fd00::/8) or "loopback", or a number of proxy hops (1); not understood: ${bad.map((b) => `"${b}"`).join(', ')}`,
    };
  }
  return {
    trusts(address) {
      const bare = unmapped(address);
      const family = isIP(bare);
      if (family === 0) return false;
      return list.check(bare, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted
 * proxy; then X-Forwarded-For right to left, skipping trusted hops. A hop
 * that is not an address stops the walk at the last address known (the
 * proxy that passed it on). 'unknown' when the socket has none.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trust: TrustProxy): string {
  let client = peer ? unmapped(peer) : 'unknown';
  if (!peer || !trust.trusts(client, 0) || forwardedFor === undefined) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',');
  for (let i = hops.length - 1, hop = 1; i >= 0; i--, hop++) {
    const address = unmapped(hops[i]!);
    if (isIP(address) === 0) return client;
    client = address;
    if (!trust.trusts(address, hop)) return client;
  }
  return client;
}

/** The client's address for a Node request, under the trust setting. */
export function clientAddressOf(incoming: IncomingMessage | undefined, trust: TrustProxy): string {
  return clientAddress(incoming?.socket?.remoteAddress, incoming?.headers['x-forwarded-for'], trust);
}
