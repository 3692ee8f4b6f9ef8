/**
 * The counts behind every limit the gateway keeps: per-key rate and
 * concurrency (src/http/limits.ts), failed sign-ins and registrations per
 * address (src/oauth/address-limiter.ts), and vendor request budgets
 * (Clockify's CLOCKIFY_MAX_RPS per workspace). Two implementations with the
 * same answers:
 *
 * - `createMemoryLimitStore`: this process's memory. With SQLite (one
 *   process, or each `DESKGATE_WORKERS` worker on its own) and in tests.
 * - `createPostgresLimitStore` (./postgres.ts): UNLOGGED tables in the
 *   gateway's PostgreSQL database, so every worker and every replica on that
 *   database draws on the same counts. One statement per decision, each
 *   atomic under the row's lock: two processes can never both take the last
 *   token or the last slot.
 *
 * `bucket` names what is counted, e.g. `key:<key id>` or `clockify:<workspace id>`.
 */
export interface LimitStore {
  /** `memory`: this process only; `postgres`: shared by every process on the database. */
  readonly kind: 'memory' | 'postgres';

  /**
   * Token bucket: holds `capacity` tokens and refills evenly over `periodMs`.
   * Takes one when there is one; else `ok: false` and the milliseconds until
   * the next token.
   */
  take(bucket: string, capacity: number, periodMs: number): Promise<{ ok: boolean; retryAfterMs: number }>;

  /**
   * One of `limit` slots, held until the returned release is called (or,
   * shared, until `leaseMs` passed: a process that died frees its slots by
   * itself). Undefined when all are held.
   */
  acquire(bucket: string, limit: number, leaseMs: number): Promise<(() => Promise<void>) | undefined>;

  /**
   * Sliding window of events: 0 when fewer than `limit` were recorded in the
   * last `windowMs`, else the milliseconds until the oldest of the last
   * `limit` leaves the window.
   */
  eventsWait(bucket: string, limit: number, windowMs: number): Promise<number>;
  /** Records one event for `eventsWait`. */
  addEvent(bucket: string, windowMs: number): Promise<void>;

  /**
   * Pacing: reserves the bucket's next send time, `intervalMs` after the
   * previous reservation (or now), and answers how many milliseconds from now
   * it is. Nothing is reserved when the wait would be `maxWaitMs` or more
   * (a caller that will not wait does not push everyone after it back); the
   * wait is still answered.
   */
  reserve(bucket: string, intervalMs: number, maxWaitMs: number): Promise<number>;

  /**
   * A send admitted at the moment it is made: at most `limit` in any
   * `windowMs`. 0 when admitted (and counted); else nothing is counted and
   * the answer is the milliseconds until the oldest of the last `limit`
   * leaves the window. `reserve` spaces callers out; this holds the line
   * even when a caller wakes late from its wait.
   */
  admit(bucket: string, limit: number, windowMs: number): Promise<number>;

  /**
   * A tool call's admission in one decision: a token from `rate` (as
   * `take`) and, only when it got one, one of `slot`'s in-flight slots (as
   * `acquire`). `ok: false` is the rate's refusal (no slot was asked for);
   * `ok: true` without `release` means every slot is held (the token stays
   * taken, as with `take` then `acquire`). On PostgreSQL one statement
   * instead of two.
   */
  takeAndAcquire(rate: RateAsk, slot: SlotAsk): Promise<CallAdmission>;
}

export interface RateAsk {
  bucket: string;
  capacity: number;
  periodMs: number;
}

export interface SlotAsk {
  bucket: string;
  limit: number;
  leaseMs: number;
}

export interface CallAdmission {
  ok: boolean;
  retryAfterMs: number;
  release?: () => Promise<void>;
}

/** Tracked buckets per kind at most; beyond, settled entries go first, then the oldest. */
const MAX_ENTRIES = 10_000;

function remember<V>(map: Map<string, V>, key: string, value: V, settled: (value: V) => boolean): void {
  if (map.size >= MAX_ENTRIES && !map.has(key)) {
    for (const [k, v] of map) if (settled(v)) map.delete(k);
    while (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value as string);
  }
  map.set(key, value);
}

/** The counts in this process's memory (today's behaviour with SQLite). */
export function createMemoryLimitStore(now: () => number = Date.now): LimitStore {
  const buckets = new Map<string, { tokens: number; at: number; fullAt: number }>();
  const held = new Map<string, number>();
  const events = new Map<string, number[]>();
  const paces = new Map<string, number>();
  const sends = new Map<string, number[]>();

  /** The last `keep` events of a bucket still inside the window. */
  const recent = (bucket: string, windowMs: number): number[] => {
    const cutoff = now() - windowMs;
    const kept = (events.get(bucket) ?? []).filter((t) => t > cutoff);
    if (kept.length) events.set(bucket, kept);
    else events.delete(bucket);
    return kept;
  };

  const take = (bucket: string, capacity: number, periodMs: number) => {
    const at = now();
      const perMs = capacity / periodMs;
      const current = buckets.get(bucket);
      const tokens = current ? Math.min(capacity, current.tokens + Math.max(0, at - current.at) * perMs) : capacity;
      const ok = tokens >= 1;
      const left = ok ? tokens - 1 : tokens;
    remember(buckets, bucket, { tokens: left, at, fullAt: at + (capacity - left) / perMs }, (b) => b.fullAt <= at);
    return { ok, retryAfterMs: ok ? 0 : (1 - left) / perMs };
  };

  const acquire = (bucket: string, limit: number): (() => Promise<void>) | undefined => {
    const current = held.get(bucket) ?? 0;
    if (current >= limit) return undefined;
    held.set(bucket, current + 1);
    let released = false;
    return async () => {
      if (released) return;
      released = true;
      const left = (held.get(bucket) ?? 1) - 1;
      if (left <= 0) held.delete(bucket);
      else held.set(bucket, left);
    };
  };

  return {
    kind: 'memory',

    async take(bucket, capacity, periodMs) {
      return take(bucket, capacity, periodMs);
    },

    async acquire(bucket, limit) {
      return acquire(bucket, limit);
    },

    async takeAndAcquire(rate, slot) {
      const taken = take(rate.bucket, rate.capacity, rate.periodMs);
      if (!taken.ok) return taken;
      return { ok: true, retryAfterMs: 0, release: acquire(slot.bucket, slot.limit) };
    },

    async eventsWait(bucket, limit, windowMs) {
      const kept = recent(bucket, windowMs);
      if (kept.length < limit) return 0;
      return kept[kept.length - limit]! + windowMs - now();
    },

    async addEvent(bucket, windowMs) {
      const kept = recent(bucket, windowMs);
      kept.push(now());
      // Only the most recent events decide; a few hundred is more than any limit here.
      if (kept.length > 1000) kept.splice(0, kept.length - 1000);
      const at = now();
      remember(events, bucket, kept, (list) => list.every((t) => t <= at - windowMs));
    },

    async reserve(bucket, intervalMs, maxWaitMs) {
      const at = now();
      const slot = Math.max(at, paces.get(bucket) ?? 0);
      if (slot - at >= maxWaitMs) return slot - at;
      remember(paces, bucket, slot + intervalMs, (next) => next < at);
      return slot - at;
    },

    async admit(bucket, limit, windowMs) {
      const at = now();
      const last = sends.get(bucket) ?? [];
      if (last.length >= limit) {
        const oldest = last[last.length - limit]!;
        if (oldest > at - windowMs) return oldest + windowMs - at;
      }
      remember(sends, bucket, [...last.slice(-(limit - 1)), at], (list) => list.every((t) => t <= at - windowMs));
      return 0;
    },
  };
}
