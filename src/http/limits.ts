import { GatewayError } from '../errors';

/**
 * Per-key call limits and the slow-down for failed authentication, in one
 * process's memory:
 * - a token bucket per API key (`DESKGATE_KEY_RATE`, default 600/min): the
 *   bucket holds that many calls and refills evenly, so a key may burst up to
 *   the number and then keeps to the rate;
 * - at most `DESKGATE_KEY_CONCURRENCY` (default 20) tool calls in flight per key;
 * - after AUTH_FAILURES_PER_MINUTE failed credentials from one client address
 *   within a minute, further failures from it get 429 with Retry-After until
 *   the minute is over (src/http/app.ts: valid credentials always pass, and a
 *   request without any is not counted).
 * Each worker process and each replica keeps its own counts, so N workers
 * admit up to N times the configured figures.
 */
export interface KeyRate {
  /** Calls allowed per `periodMs`; the bucket's size. */
  calls: number;
  periodMs: number;
}

export interface LimitsConfig {
  /** undefined: no rate limit. */
  rate: KeyRate | undefined;
  /** 0: no concurrency limit. */
  concurrency: number;
}

export const AUTH_FAILURES_PER_MINUTE = 10;
const AUTH_WINDOW_MS = 60_000;
/** Tracked addresses and keys at most; beyond, settled entries are dropped first. */
const MAX_ENTRIES = 10_000;

const PERIODS: Record<string, number> = { s: 1000, sec: 1000, second: 1000, m: 60_000, min: 60_000, minute: 60_000, h: 3_600_000, hour: 3_600_000 };

/** `600/min`, `10/s`, `5000/h`, or `off`; undefined for anything else. */
export function parseKeyRate(raw: string): KeyRate | 'off' | undefined {
  const value = raw.trim().toLowerCase();
  if (value === 'off') return 'off';
  const match = /^(\d{1,7})\s*\/\s*([a-z]+)$/.exec(value);
  const periodMs = match ? PERIODS[match[2]!] : undefined;
  if (!match || periodMs === undefined || Number(match[1]) < 1) return undefined;
  return { calls: Number(match[1]), periodMs };
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export type LimitReason = 'key_rate' | 'key_concurrency' | 'auth_failures';

export class CallLimits {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly inFlight = new Map<string, number>();
  private readonly authFailures = new Map<string, { since: number; count: number }>();

  constructor(
    private readonly config: LimitsConfig,
    private readonly now: () => number = Date.now,
    private readonly onLimited: (reason: LimitReason) => void = () => undefined,
  ) {}

  /** Takes one call from the key's bucket; throws rate_limited when it is empty. */
  takeCall(keyId: string): void {
    const rate = this.config.rate;
    if (!rate) return;
    const now = this.now();
    const perMs = rate.calls / rate.periodMs;
    const bucket = this.buckets.get(keyId) ?? { tokens: rate.calls, at: now };
    bucket.tokens = Math.min(rate.calls, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      if (!this.buckets.has(keyId)) this.remember(this.buckets, keyId, bucket, (b) => b.tokens + (now - b.at) * perMs >= rate.calls);
      return;
    }
    this.remember(this.buckets, keyId, bucket, () => false);
    this.onLimited('key_rate');
    throw new GatewayError('rate_limited', `This API key made more than ${rate.calls} calls in ${describePeriod(rate.periodMs)}.`, {
      connector: 'core',
      retryAfterSeconds: seconds((1 - bucket.tokens) / perMs),
      hint: 'Wait retry_after_seconds, then continue with fewer calls (page through lists instead of re-reading them); the operator sets the limit with DESKGATE_KEY_RATE.',
    });
  }

  /** Reserves one in-flight slot for the key; call the returned function when the call ends. Throws rate_limited when full. */
  enter(keyId: string): () => void {
    const limit = this.config.concurrency;
    if (limit <= 0) return () => undefined;
    const current = this.inFlight.get(keyId) ?? 0;
    if (current >= limit) {
      this.onLimited('key_concurrency');
      throw new GatewayError('rate_limited', `This API key already has ${limit} tool calls running.`, {
        connector: 'core',
        retryAfterSeconds: 1,
        hint: 'Wait for the running calls to finish and make calls one after another rather than all at once; the operator sets the limit with DESKGATE_KEY_CONCURRENCY.',
      });
    }
    this.inFlight.set(keyId, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(keyId) ?? 1) - 1;
      if (left <= 0) this.inFlight.delete(keyId);
      else this.inFlight.set(keyId, left);
    };
  }

  /** Seconds to wait when this address failed authentication too often this minute, else undefined. */
  authBlockedFor(address: string): number | undefined {
    const entry = this.authFailures.get(address);
    if (!entry) return undefined;
    const left = entry.since + AUTH_WINDOW_MS - this.now();
    if (left <= 0) {
      this.authFailures.delete(address);
      return undefined;
    }
    if (entry.count < AUTH_FAILURES_PER_MINUTE) return undefined;
    this.onLimited('auth_failures');
    return seconds(left);
  }

  /** Records a presented credential that failed, from this address. */
  authFailed(address: string): void {
    const now = this.now();
    const entry = this.authFailures.get(address);
    if (entry && now - entry.since < AUTH_WINDOW_MS) {
      entry.count++;
      return;
    }
    this.remember(this.authFailures, address, { since: now, count: 1 }, (e) => now - e.since >= AUTH_WINDOW_MS);
  }

  /** Adds an entry, first dropping settled ones (then the oldest) when the map is full. */
  private remember<V>(map: Map<string, V>, key: string, value: V, settled: (value: V) => boolean): void {
    if (map.size >= MAX_ENTRIES && !map.has(key)) {
      for (const [k, v] of map) if (settled(v)) map.delete(k);
      while (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value as string);
    }
    map.set(key, value);
  }
}

function describePeriod(ms: number): string {
  if (ms === 1000) return 'a second';
  if (ms === 60_000) return 'a minute';
  if (ms === 3_600_000) return 'an hour';
  return `${ms / 1000} s`;
}
