import { isIPv6 } from 'node:net';
import { createMemoryLimitStore, type LimitStore } from '../limits/store';

/**
 * The key an address is limited under: an IPv4 address as it is, an IPv6
 * address by its /64 (one host usually holds a whole /64, so counting single
 * IPv6 addresses would not limit anyone).
 */
export function limitKeyOf(address: string): string {
  if (!isIPv6(address)) return address;
  const [head = '', tail] = address.split('::');
  const groupsOf = (part: string) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
  const front = groupsOf(head);
  const back = tail === undefined ? [] : groupsOf(tail);
  const groups = tail === undefined ? front : [...front, ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill('0'), ...back];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/**
 * Events per client address in a sliding window: failed sign-ins (only
 * failures count, so a user who types the right key is never slowed) and
 * client registrations. An address (an IPv6 /64) at the limit is refused
 * until its oldest event leaves the window. Counted in `store`: on
 * PostgreSQL shared by every worker and replica, else in this process.
 * `name` keeps each limiter's counts apart (`signin`, `register`, …).
 */
export function createAddressLimiter(name: string, limit: number, windowMs: number, store: LimitStore = createMemoryLimitStore()) {
  const bucketOf = (address: string) => `${name}:${limitKeyOf(address)}`;
  return {
    /** Seconds to wait before trying again, or 0 when a try is allowed. */
    async retryAfter(address: string): Promise<number> {
      const waitMs = await store.eventsWait(bucketOf(address), limit, windowMs);
      return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : 0;
    },
    /** Counts one event for the address. */
    async record(address: string): Promise<void> {
      await store.addEvent(bucketOf(address), windowMs);
    },
  };
}
