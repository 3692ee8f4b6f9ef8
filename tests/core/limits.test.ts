import { describe, expect, it } from 'vitest';
import type { GatewayError } from '../../src/errors';
import { loadConfig } from '../../src/config/config';
import { AUTH_FAILURES_PER_MINUTE, CallLimits, parseKeyRate } from '../../src/http/limits';

const thrown = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (error) {
    return error as GatewayError;
  }
  throw new Error('expected a throw');
};

describe('per-key limits', () => {
  it('reads DESKGATE_KEY_RATE', () => {
    expect(parseKeyRate('600/min')).toEqual({ calls: 600, periodMs: 60_000 });
    expect(parseKeyRate('20 / s')).toEqual({ calls: 20, periodMs: 1000 });
    expect(parseKeyRate('off')).toBe('off');
    for (const bad of ['600', '0/min', 'ten/min', '5/fortnight']) expect(parseKeyRate(bad)).toBeUndefined();
    expect(loadConfig({}, [])).toMatchObject({ keyRate: { calls: 600, periodMs: 60_000 }, keyConcurrency: 20 });
    expect(loadConfig({ DESKGATE_KEY_RATE: 'off', DESKGATE_KEY_CONCURRENCY: '0' }, [])).toMatchObject({ keyRate: undefined, keyConcurrency: 0 });
    expect(() => loadConfig({ DESKGATE_KEY_RATE: 'lots' }, [])).toThrow(/DESKGATE_KEY_RATE: expected calls per period such as 600\/min/);
  });

  it('lets a key burst up to its rate, then refuses with the wait until the next call refills', async () => {
    let now = 0;
    const limits = new CallLimits({ rate: { calls: 3, periodMs: 60_000 }, concurrency: 0 }, () => now);
    for (let i = 0; i < 3; i++) await limits.takeCall('k1');
    const error = await thrown(() => limits.takeCall('k1'));
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 20 });
    expect(error.hint).toContain('DESKGATE_KEY_RATE');
    await limits.takeCall('k2'); // another key has its own bucket
    now += 20_000;
    await limits.takeCall('k1');
    await expect(limits.takeCall('k1')).rejects.toThrow();
  });

  it('caps the calls in flight per key and frees a slot when a call ends', async () => {
    const limits = new CallLimits({ rate: undefined, concurrency: 2 });
    const first = await limits.enter('k1');
    await limits.enter('k1');
    expect(await thrown(() => limits.enter('k1'))).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 1 });
    await limits.enter('k2');
    await first();
    await first(); // releasing twice frees one slot only
    await limits.enter('k1');
    await expect(limits.enter('k1')).rejects.toThrow();
  });

  it('slows an address after repeated authentication failures, until the oldest of them is a minute old', async () => {
    let now = 0;
    const limits = new CallLimits({ rate: undefined, concurrency: 0 }, () => now);
    for (let i = 0; i < AUTH_FAILURES_PER_MINUTE - 1; i++) await limits.authFailed('198.51.100.7');
    expect(await limits.authBlockedFor('198.51.100.7')).toBeUndefined();
    await limits.authFailed('198.51.100.7');
    now += 15_000;
    expect(await limits.authBlockedFor('198.51.100.7')).toBe(45);
    expect(await limits.authBlockedFor('198.51.100.8')).toBeUndefined();
    now += 45_000;
    expect(await limits.authBlockedFor('198.51.100.7')).toBeUndefined();
  });
});
