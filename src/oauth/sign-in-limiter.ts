/**
 * Failed sign-ins per address, in a sliding minute. Only failures count, so a
 * user who types the right key is never slowed; an address that keeps
 * guessing is refused until its oldest failure is a minute old.
 */
export function createSignInLimiter(perMinute: number, now: () => number = Date.now) {
  const failures = new Map<string, number[]>();
  const WINDOW_MS = 60_000;

  function recent(address: string): number[] {
    const cutoff = now() - WINDOW_MS;
    const kept = (failures.get(address) ?? []).filter((t) => t > cutoff);
    if (kept.length) failures.set(address, kept);
    else failures.delete(address);
    return kept;
  }

  return {
    /** Seconds to wait before trying again, or 0 when a try is allowed. */
    retryAfter(address: string): number {
      const kept = recent(address);
      if (kept.length < perMinute) return 0;
      return Math.max(1, Math.ceil((kept[0]! + WINDOW_MS - now()) / 1000));
    },
    fail(address: string): void {
      const kept = recent(address);
      kept.push(now());
      failures.set(address, kept);
      if (failures.size > 50_000) failures.delete(failures.keys().next().value!);
    },
  };
}
