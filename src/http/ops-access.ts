import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { bearerToken } from './auth';

/**
 * Who may read /metrics and /readyz: callers on the loopback interface (a
 * local Prometheus agent, a sidecar, `curl` on the host), and anyone else only
 * with the `DESKGATE_METRICS_TOKEN` bearer. Both reveal internals (tool names,
 * call rates, connector and database state) that are nobody else's business.
 * A reverse proxy on the same host makes every caller look local: set the
 * token and keep these paths off the proxy.
 */
export type OpsAccess = 'allowed' | 'needs_token' | 'bad_token';

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

const digest = (value: string) => createHash('sha256').update(value).digest();

export function remoteAddressOf(incoming: IncomingMessage | undefined): string | undefined {
  return incoming?.socket?.remoteAddress;
}

export function opsAccess(remoteAddress: string | undefined, authorization: string | undefined, token: string | undefined): OpsAccess {
  const given = bearerToken(authorization);
  if (given !== undefined && token !== undefined) {
    // Compared as digests so the comparison takes the same time whatever the lengths.
    return timingSafeEqual(digest(given), digest(token)) ? 'allowed' : 'bad_token';
  }
  // Without a configured token no bearer can open the door: only loopback.
  return isLoopback(remoteAddress) ? 'allowed' : 'needs_token';
}
