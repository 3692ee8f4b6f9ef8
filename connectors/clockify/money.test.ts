import { describe, expect, it } from 'vitest';
import { addAmounts, fromCents, moneyFromVendor, toCents } from './money';

describe('money', () => {
  it('converts decimal amounts to integer cents exactly (no float drift)', () => {
    expect(toCents(85.5)).toBe(8550);
    expect(toCents(85.55)).toBe(8555); // 85.55 * 100 = 8554.999… in floats
    expect(toCents(1.15)).toBe(115); // 1.15 * 100 = 114.99999999999999
    expect(toCents(0.1 + 0.2)).toBe(30); // 0.30000000000000004 is float noise for 0.3
    expect(toCents(0.7 - 0.1)).toBe(60); // 0.6 - noise = 0.5999999999999999
    expect(toCents('1234.5')).toBe(123450);
    expect(toCents(0)).toBe(0);
  });

  it('refuses a real third decimal and non-numbers', () => {
    expect(() => toCents(1.005)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => toCents('12,3.4x')).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => toCents(Number.NaN)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });

  it('turns cents into decimals that print exactly, and sums through cents', () => {
    expect(fromCents(8550)).toBe(85.5);
    expect(JSON.stringify(fromCents(30))).toBe('0.3');
    expect(addAmounts(0.1, 0.2)).toBe(0.3);
    expect(addAmounts(85.55, 14.45, 0.01)).toBe(100.01);
    expect(moneyFromVendor({ amount: 9010, currency: 'EUR' })).toEqual({ amount: 90.1, currency: 'EUR' });
    expect(moneyFromVendor({ amount: 2000 }, 'USD')).toEqual({ amount: 20, currency: 'USD' });
    expect(moneyFromVendor(null)).toBeNull();
  });
});
