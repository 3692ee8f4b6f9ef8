/**
 * Events per client address in a sliding window: failed sign-ins (only
 * failures count, so a user who types the right key is never slowed) and
 * client registrations. An address at the limit is refused until its oldest
 * event leaves the window.
 */
export function createAddressLimiter(limit: number, windowMs: number, now: () => number = Date.now) {
  const events = new Map<string, number[]>();

  function recent(address: string): number[] {
    const cutoff = now() - windowMs;
    const kept = (events.get(address) ?? []).filter((t) => t > cutoff);
    if (kept.length) events.set(address, kept);
    else events.delete(address);
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
      events.set(address, kept);
      if (events.size > 50_000) events.delete(events.keys().next().value!);
    },
  };
}
