import type { BreakerState } from './types';

export interface BreakerOptions {
  failureThreshold: number;
  cooldownMs: number;
  /**
   * How far back failures count (default 30 s): `failureThreshold` failures
   * within this window, with no success between them, open the breaker.
   * Older ones are forgotten, so a few failures spread over a quiet day
   * never add up to an outage.
   */
  windowMs?: number;
  now?: () => number;
  onChange?: (state: BreakerState, recentFailures: number) => void;
}

export const DEFAULT_BREAKER_WINDOW_MS = 30_000;

/** One attempt's pass through the breaker; settle it exactly once. */
export interface BreakerPermit {
  /** The vendor answered (2xx–4xx): it is alive. */
  success(): void;
  /** A 5xx, timeout or network error: the vendor looks unwell. */
  failure(): void;
  /** No verdict (the caller cancelled, or the request never left the gateway). */
  release(): void;
}

export type BreakerDecision = { allowed: true; permit: BreakerPermit } | { allowed: false; retryAfterMs: number };

/** How long callers are told to wait while another call is probing a half-open breaker. */
const PROBE_IN_FLIGHT_RETRY_MS = 1000;

/**
 * Circuit breaker, one per vendor client: `failureThreshold` failures in a
 * row within a sliding `windowMs` open it. It exists so a vendor that is
 * down costs callers nothing (fail fast, no sockets, no retries piling onto
 * a struggling API) and recovers with a single probe instead of a
 * thundering herd.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  /** When each failure since the last success happened (oldest first, at most failureThreshold kept). */
  private failureTimes: number[] = [];
  private openedAt = 0;
  private probeInFlight = false;
  private readonly now: () => number;
  private readonly windowMs: number;

  constructor(private readonly options: BreakerOptions) {
    this.now = options.now ?? Date.now;
    this.windowMs = options.windowMs ?? DEFAULT_BREAKER_WINDOW_MS;
  }

  /** Current state; an open breaker whose cooldown has passed reads as half-open. */
  state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.options.cooldownMs) {
      this.transition('half_open');
    }
    return this.current;
  }

  /** Failures since the last success that are still inside the window. */
  failures(): number {
    this.forgetOld();
    return this.failureTimes.length;
  }

  private forgetOld(): void {
    const since = this.now() - this.windowMs;
    let old = 0;
    while (old < this.failureTimes.length && this.failureTimes[old]! <= since) old += 1;
    if (old) this.failureTimes.splice(0, old);
  }

  private recordFailure(): void {
    this.failureTimes.push(this.now());
    if (this.failureTimes.length > this.options.failureThreshold) this.failureTimes.shift();
    this.forgetOld();
  }

  tryAcquire(): BreakerDecision {
    const state = this.state();
    if (state === 'open') {
      return { allowed: false, retryAfterMs: this.openedAt + this.options.cooldownMs - this.now() };
    }
    if (state === 'half_open') {
      if (this.probeInFlight) return { allowed: false, retryAfterMs: PROBE_IN_FLIGHT_RETRY_MS };
      this.probeInFlight = true;
      return { allowed: true, permit: this.permit(true) };
    }
    return { allowed: true, permit: this.permit(false) };
  }

  private permit(isProbe: boolean): BreakerPermit {
    let settled = false;
    const settle = (verdict: 'success' | 'failure' | 'release') => {
      if (settled) return;
      settled = true;
      if (isProbe) this.probeInFlight = false;
      if (verdict === 'release') return;
      // Results of attempts that started before the breaker opened say nothing
      // about the vendor now; only closed-state attempts and the probe count.
      if (this.current === 'closed') {
        if (verdict === 'success') {
          this.failureTimes = [];
        } else {
          this.recordFailure();
          if (this.failureTimes.length >= this.options.failureThreshold) this.open();
        }
      } else if (isProbe && this.current === 'half_open') {
        if (verdict === 'success') {
          this.failureTimes = [];
          this.transition('closed');
        } else {
          this.recordFailure();
          this.open();
        }
      }
    };
    return { success: () => settle('success'), failure: () => settle('failure'), release: () => settle('release') };
  }

  private open(): void {
    this.openedAt = this.now();
    this.transition('open');
  }

  private transition(next: BreakerState): void {
    if (this.current === next && next !== 'open') return;
    this.current = next;
    this.options.onChange?.(next, this.failureTimes.length);
  }
}

/** Gauge value for `deskgate_vendor_breaker_state`. */
export function breakerGaugeValue(state: BreakerState): number {
  return state === 'closed' ? 0 : state === 'half_open' ? 1 : 2;
}
