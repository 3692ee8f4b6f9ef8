import { z } from 'zod';

/**
 * Money as a model reads it: a decimal amount in currency units and its
 * currency (`{"amount": 85.5, "currency": "EUR"}`), never vendor cents and
 * never a guessed currency. Vendors send integer cents, sometimes with a
 * fraction of a cent from rate × time (Clockify reports); the conversion
 * shifts the decimal point on the digits, never divides floats, so 1005 is
 * exactly 10.05 and 1234.5 is 12.345.
 */

export interface Money {
  amount: number;
  currency: string;
}

export const moneyOut = z.object({ amount: z.number(), currency: z.string() });

/** Plain decimal text of a finite number, without exponent (1e-7 → "0.0000001"). */
function plainDecimal(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  const [mantissa, exponentText] = text.toLowerCase().split('e') as [string, string];
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const [intPart, fracPart = ''] = mantissa.replace('-', '').split('.') as [string, string?];
  let digits = intPart + fracPart;
  let point = intPart.length + exponent;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits += '0'.repeat(point - digits.length);
  }
  const out = `${digits.slice(0, point)}${point < digits.length ? `.${digits.slice(point)}` : ''}`;
  return negative ? `-${out}` : out;
}

/** Decimal text of `cents / 100`, computed on the digits: 1005 → "10.05", 1234.5 → "12.345". */
export function centsToDecimalText(cents: number): string {
  if (!Number.isFinite(cents)) throw new Error('amount is not a finite number');
  const text = plainDecimal(cents);
  const negative = text.startsWith('-');
  const [intPart, fracPart = ''] = text.replace('-', '').split('.') as [string, string?];
  const padded = intPart.padStart(3, '0');
  const whole = padded.slice(0, -2).replace(/^0+(?=\d)/, '');
  const fraction = (padded.slice(-2) + fracPart).replace(/0+$/, '');
  const out = fraction ? `${whole}.${fraction}` : whole;
  return negative && out !== '0' ? `-${out}` : out;
}

/** Cents (integer or fractional) → decimal units; the JSON number reads exactly as the decimal text. */
export function centsToAmount(cents: number): number {
  return Number(centsToDecimalText(cents));
}

const currencyCode = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/**
 * The one way a vendor amount becomes Money: `cents` (a number, or a string
 * of digits) in the `currency` sent with it, else in `fallbackCurrency` (the
 * account's default currency, e.g. a Clockify workspace's, which is what a
 * rate sent without a currency is in). Null when there is no amount, or no
 * currency at all to name it: a guessed currency would misstate the money.
 */
export function moneyOf(cents: unknown, currency: unknown, fallbackCurrency?: string | null): Money | null {
  const value = typeof cents === 'number' ? cents : typeof cents === 'string' && /^-?\d+(\.\d+)?$/.test(cents.trim()) ? Number(cents) : undefined;
  if (value === undefined || !Number.isFinite(value)) return null;
  const code = currencyCode(currency) ?? currencyCode(fallbackCurrency);
  return code ? { amount: centsToAmount(value), currency: code } : null;
}
