import { isIPv6 } from 'node:net';

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
 * until its oldest event leaves the window. Counted in each process.
 */
export function createAddressLimiter(limit: number, windowMs: number, now: () => number = Date.now) {
  const events = new Map<string, number[]>();

  function recent(address: string): number[] {
    const key = limitKeyOf(address);
    const cutoff = now() - windowMs;
    const kept = (events.get(key) ?? []).filter((t) => t > cutoff);
    if (kept.length) events.set(key, kept);
    else events.delete(key);
    return kept;
  }

  return {
    /** Seconds to wait before trying again, or 0 when a try is allowed. */
    retryAfter(address: string): number {
      const kept = recent(address);
      if (kept.length < limit) return 0;
      return Math.max(1, Math.ceil((kept[0]! + windowMs - now()) / 1000));
    },
    /** Counts one event for the address. */
    record(address: string): void {
      const kept = recent(address);
      kept.push(now());
      events.set(limitKeyOf(address), kept);
      if (events.size > 50_000) events.delete(events.keys().next().value!);
    },
  };
}
