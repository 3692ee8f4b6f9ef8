import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/vendor-http/breaker';

/**
 * Issue 18 item 14: the vendor circuit breaker's failure count never
 * decayed, so 4 failures, 31 s of quiet and then 1 timeout opened it, and
 * every caller of that vendor was turned away for 30 s over failures spread
 * across a quiet day. Failures now count in a sliding window (default 30 s).
 */
describe('the circuit breaker forgets old failures', () => {
  function breaker(threshold: number, cooldownMs: number, windowMs?: number) {
    let now = 0;
    const b = new CircuitBreaker({ failureThreshold: threshold, cooldownMs, windowMs, now: () => now });
    const fail = () => {
      const d = b.tryAcquire();
      if (!d.allowed) throw new Error('expected to be allowed');
      d.permit.failure();
    };
    return { b, fail, advance: (ms: number) => (now += ms) };
  }

  it('forgets failures older than its window: 4 failures, 31 s of quiet, then 1 more stays closed (default 30 s window)', () => {
    const { b, fail, advance } = breaker(5, 30_000);
    for (let i = 0; i < 4; i++) fail();
    expect(b.failures()).toBe(4);
    advance(31_000);
    expect(b.failures()).toBe(0);
    fail();
    expect(b.state()).toBe('closed');
    expect(b.failures()).toBe(1);
  });

  it('opens when the threshold is reached inside the sliding window, however the failures are spread', () => {
    const { b, fail, advance } = breaker(3, 1_000, 10_000);
    fail(); // t=0
    advance(6_000);
    fail(); // t=6s
    advance(5_000);
    fail(); // t=11s: the first has slid out, two remain
    expect(b.state()).toBe('closed');
    expect(b.failures()).toBe(2);
    advance(4_000);
    fail(); // t=15s: 6s, 11s, 15s are all within 10 s
    expect(b.state()).toBe('open');
  });
});
