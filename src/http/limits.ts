import { GatewayError } from '../errors';

import { createMemoryLimitStore, type LimitStore } from '../limits/store';

/**
 * Per-key call limits and the slow-down for failed authentication:
 * - a token bucket per API key (`DESKGATE_KEY_RATE`, default 600/min): the
 *   bucket holds that many calls and refills evenly, so a key may burst up to
 *   the number and then keeps to the rate;
 * - at most `DESKGATE_KEY_CONCURRENCY` (default 20) tool calls in flight per key;
 * - after AUTH_FAILURES_PER_MINUTE failed credentials from one client address
 *   within a minute, further failures from it get 429 with Retry-After until
 *   the oldest of them is a minute old (src/http/app.ts: valid credentials
 *   always pass, and a request without any is not counted).
 * The counts live in a LimitStore (src/limits/): on PostgreSQL one set shared
 * by every worker and replica, on SQLite this process's memory.
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

/** A tool call's admission (`CallLimits.admitCall`): the key's token and its in-flight slot, decided together. */
export interface CallAdmitted {
  /** Over the key's rate: the call is answered with this, and holds no slot. */
  rateRefusal?: GatewayError;
  /** Every in-flight slot of the key is held: the call is answered with this (its token stays taken). */
  concurrencyRefusal?: GatewayError;
  /** The slot's release, when one was taken; calling it twice frees it once. */
  release?: () => Promise<void>;
  /** The store failed (not a refusal): thrown where the call needs its slot. */
  failure?: unknown;
}

const ADMIT_ALL: Promise<CallAdmitted> = Promise.resolve({});

/** How long a shared in-flight slot outlives a call that never released it (its process died): the call deadline plus this. */
const SLOT_LEASE_MARGIN_MS = 30_000;

export class CallLimits {
  private readonly store: LimitStore;
  private readonly leaseMs: number;

  constructor(
    private readonly config: LimitsConfig,
    now: () => number = Date.now,
    private readonly onLimited: (reason: LimitReason) => void = () => undefined,
    options: { store?: LimitStore; callTimeoutMs?: number } = {},
  ) {
    this.store = options.store ?? createMemoryLimitStore(now);
    this.leaseMs = (options.callTimeoutMs ?? 30_000) + SLOT_LEASE_MARGIN_MS;
  }

  /** Takes one call from the key's bucket; throws rate_limited when it is empty. */
  async takeCall(keyId: string): Promise<void> {
    const rate = this.config.rate;
    if (!rate) return;
    const { ok, retryAfterMs } = await this.store.take(`key:${keyId}`, rate.calls, rate.periodMs);
    if (ok) return;
    throw this.rateRefusal(rate, retryAfterMs);
  }

  /**
   * A tool call's token (as takeCall) and in-flight slot (as enter) in one
   * decision (one statement on PostgreSQL): a slot is taken only with a
   * token. Refusals are answered, not thrown; with neither limit set, nothing
   * is asked of the store.
   */
  admitCall(keyId: string): Promise<CallAdmitted> {
    const { rate, concurrency } = this.config;
    if (!rate && concurrency <= 0) return ADMIT_ALL;
    return this.admit(keyId, rate, concurrency);
  }

  private async admit(keyId: string, rate: KeyRate | undefined, limit: number): Promise<CallAdmitted> {
    if (!rate) {
      const release = await this.store.acquire(`inflight:${keyId}`, limit, this.leaseMs);
      return release ? { release } : { concurrencyRefusal: this.concurrencyRefusal(limit) };
    }
    if (limit <= 0) {
      const { ok, retryAfterMs } = await this.store.take(`key:${keyId}`, rate.calls, rate.periodMs);
      return ok ? {} : { rateRefusal: this.rateRefusal(rate, retryAfterMs) };
    }
    const { ok, retryAfterMs, release } = await this.store.takeAndAcquire(
      { bucket: `key:${keyId}`, capacity: rate.calls, periodMs: rate.periodMs },
      { bucket: `inflight:${keyId}`, limit, leaseMs: this.leaseMs },
    );
    if (!ok) return { rateRefusal: this.rateRefusal(rate, retryAfterMs) };
    return release ? { release } : { concurrencyRefusal: this.concurrencyRefusal(limit) };
  }

  private rateRefusal(rate: KeyRate, retryAfterMs: number): GatewayError {
    this.onLimited('key_rate');
    return new GatewayError('rate_limited', `This API key made more than ${rate.calls} calls in ${describePeriod(rate.periodMs)}.`, {
      connector: 'core',
      retryAfterSeconds: seconds(retryAfterMs),
      hint: 'Wait retry_after_seconds, then continue with fewer calls (page through lists instead of re-reading them); the operator sets the limit with DESKGATE_KEY_RATE.',
    });
  }

  private concurrencyRefusal(limit: number): GatewayError {
    this.onLimited('key_concurrency');
    return new GatewayError('rate_limited', `This API key already has ${limit} tool calls running.`, {
      connector: 'core',
      retryAfterSeconds: 1,
      hint: 'Wait for the running calls to finish and make calls one after another rather than all at once; the operator sets the limit with DESKGATE_KEY_CONCURRENCY.',
    });
  }

  /** Reserves one in-flight slot for the key; await the returned function when the call ends. Throws rate_limited when full. */
  async enter(keyId: string): Promise<() => Promise<void>> {
    const limit = this.config.concurrency;
    if (limit <= 0) return async () => undefined;
    const release = await this.store.acquire(`inflight:${keyId}`, limit, this.leaseMs);
    if (release) return release;
    throw this.concurrencyRefusal(limit);
  }

  /** Seconds to wait when this address failed authentication too often this minute, else undefined. */
  async authBlockedFor(address: string): Promise<number | undefined> {
    const waitMs = await this.store.eventsWait(`authfail:${address}`, AUTH_FAILURES_PER_MINUTE, AUTH_WINDOW_MS);
    if (waitMs <= 0) return undefined;
    this.onLimited('auth_failures');
    return seconds(waitMs);
  }

  /** Records a presented credential that failed, from this address. */
  async authFailed(address: string): Promise<void> {
    await this.store.addEvent(`authfail:${address}`, AUTH_WINDOW_MS);
  }
}

function describePeriod(ms: number): string {
  if (ms === 1000) return 'a second';
  if (ms === 60_000) return 'a minute';
  if (ms === 3_600_000) return 'an hour';
  return `${ms / 1000} s`;
}
