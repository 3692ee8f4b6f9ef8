import { describe, expect, it } from 'vitest';
import { moneyOf } from '../../../src/format/money';
import { centsToDecimalText, isoInZone, readableDuration, sumCents } from './format';

describe('report conversions', () => {
  it('durations: seconds to a readable form', () => {
    expect(readableDuration(0)).toBe('0s');
    expect(readableDuration(42)).toBe('42s');
    expect(readableDuration(2710)).toBe('45m 10s');
    expect(readableDuration(3600)).toBe('1h 00m');
    expect(readableDuration(45_300)).toBe('12h 35m');
    expect(readableDuration(100 * 3600 + 59)).toBe('100h 00m');
  });

  it('cents to decimal units exactly, fractions of a cent included', () => {
    expect(centsToDecimalText(1005)).toBe('10.05');
    expect(centsToDecimalText(20000)).toBe('200');
    expect(centsToDecimalText(5)).toBe('0.05');
    expect(centsToDecimalText(-1999)).toBe('-19.99');
    expect(centsToDecimalText(1234.5)).toBe('12.345');
    expect(centsToDecimalText(0.1)).toBe('0.001');
    expect(centsToDecimalText(1e21)).toBe('10000000000000000000');
    expect(moneyOf(8550, 'EUR')).toEqual({ amount: 85.5, currency: 'EUR' });
    // 0.1 + 0.2 style drift: 1.1 cents + 2.2 cents is 3.3 cents, not 3.3000000000000003.
    expect(sumCents([1.1, 2.2])).toBe(3.3);
    expect(JSON.stringify(moneyOf(sumCents([10, 20]), 'USD'))).toBe('{"amount":0.3,"currency":"USD"}');
  });

  it('instants as ISO with the offset of the user zone', () => {
    expect(isoInZone('2024-03-04T08:00:00Z', 'Europe/Riga')).toBe('2024-03-04T10:00:00+02:00');
    expect(isoInZone('2024-07-04T08:00:00Z', 'Europe/Riga')).toBe('2024-07-04T11:00:00+03:00');
    expect(isoInZone('2024-03-04T08:00:00Z', 'Asia/Kolkata')).toBe('2024-03-04T13:30:00+05:30');
    expect(isoInZone('2024-03-04T08:00:00Z', 'Not/AZone')).toBe('2024-03-04T08:00:00+00:00');
    expect(isoInZone(null, 'UTC')).toBeNull();
    expect(isoInZone('garbage', 'UTC')).toBeNull();
  });
});
