import { describe, expect, it } from 'vitest';
import { parseRetryAfter, toRetryAfterSeconds } from '../../src/vendor-http/retry-after';

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1_500);
  });

  it('reads an HTTP-date relative to now, and a past date as no wait', () => {
    expect(parseRetryAfter('Wed, 01 May 2024 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 01 May 2024 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    for (const value of [undefined, null, '', '-5', 'soon', '12abc', '1e3']) {
      expect(parseRetryAfter(value, now), String(value)).toBeUndefined();
    }
  });

  it('rounds seconds up for the model and never says 0', () => {
    expect(toRetryAfterSeconds(0)).toBe(1);
    expect(toRetryAfterSeconds(1_001)).toBe(2);
    expect(toRetryAfterSeconds(120_000)).toBe(120);
  });
});
