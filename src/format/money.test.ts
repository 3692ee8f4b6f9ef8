import { describe, expect, it } from 'vitest';
import { centsToAmount, moneyOf } from './money';

describe('moneyOf: vendor cents as decimal money', () => {
  it('reads cents in the currency sent with them, else in the fallback (the account default), exactly', () => {
    expect(moneyOf(8550, 'EUR', 'USD')).toEqual({ amount: 85.5, currency: 'EUR' });
    expect(moneyOf(13500, undefined, 'EUR')).toEqual({ amount: 135, currency: 'EUR' });
    expect(moneyOf(13500, '', 'EUR')).toEqual({ amount: 135, currency: 'EUR' });
    expect(moneyOf('2000', null, 'EUR')).toEqual({ amount: 20, currency: 'EUR' });
    expect(moneyOf(20945.125, 'EUR')).toEqual({ amount: 209.45125, currency: 'EUR' });
    expect(centsToAmount(1005)).toBe(10.05);
  });

  it('is null without an amount, or without any currency to name it (never a guessed USD)', () => {
    expect(moneyOf(undefined, 'EUR')).toBeNull();
    expect(moneyOf(null, 'EUR')).toBeNull();
    expect(moneyOf('12 EUR', 'EUR')).toBeNull();
    expect(moneyOf(Number.NaN, 'EUR')).toBeNull();
    expect(moneyOf(13500, undefined, null)).toBeNull();
    expect(moneyOf(13500, undefined)).toBeNull();
  });
});
