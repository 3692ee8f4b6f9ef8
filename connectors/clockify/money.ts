import { z } from 'zod';
import { invalidArgument } from '../../src/errors';
import { centsToAmount, moneyOf, type Money } from '../../src/format/money';
import { CONNECTOR } from './errors';

export { moneyOut, type Money } from '../../src/format/money';

/**
 * Money: Clockify stores integer cents (`{"amount": 8550, "currency": "EUR"}`);
 * the model reads and writes decimal units (`85.5`). Conversions go through
 * the decimal text, never through float multiplication, so 0.1 + 0.2 stays
 * 0.3 and 85.55 is 8555 cents, not 8554.999….
 */

/** Plain decimal text of a number, without exponent (1e-7 → "0.0000001"). */
function decimalText(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/\.?0+$/, '');
}

/**
 * Decimal units → integer cents, exactly. Accepts a number or a decimal
 * string with at most two decimals; float noise from arithmetic
 * (0.30000000000000004) is read as the two-decimal value it stands for.
 */
export function toCents(amount: number | string, field = 'amount'): number {
  const bad = (problem: string) =>
    invalidArgument(`${field} ${problem}.`, {
      connector: CONNECTOR,
      fields: [{ field, problem }],
      hint: `Pass ${field} as a decimal amount in currency units with at most two decimals, e.g. 85.5.`,
    });
  if (typeof amount === 'number' && !Number.isFinite(amount)) throw bad('must be a finite number');
  const text = (typeof amount === 'number' ? decimalText(amount) : amount.trim().replace(/,/g, ''));
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) throw bad('must be a decimal number like 85.5');
  const [, sign, whole, frac = ''] = m;
  let cents: number;
  if (frac.length <= 2) {
    cents = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  } else {
    // Float noise (…0000000004 / …9999999998) rounds away; a real third decimal is refused.
    const noise = /^(\d{2})(0{6,}\d*|9{6,}\d*)$/.exec(frac);
    if (!noise) throw bad('has more than two decimals');
    cents = Number(whole) * 100 + Number(noise[1]) + (noise[2]!.startsWith('9') ? 1 : 0);
  }
  if (!Number.isSafeInteger(cents)) throw bad('is too large');
  return sign === '-' ? -cents : cents;
}

/** Integer cents → decimal units (8550 → 85.5), through the core conversion (src/format/money.ts). */
export function fromCents(cents: number): number {
  return centsToAmount(Math.round(cents));
}

/** Sum of decimal amounts, exact (through cents). */
export function addAmounts(...amounts: number[]): number {
  return fromCents(amounts.reduce((sum, a) => sum + toCents(a), 0));
}

/**
 * Whether a vendor object (or list of them, memberships included) carries a
 * rate (hourlyRate / costRate) with an amount but no currency: then the
 * mapper needs the workspace's default currency to name it.
 */
export function rateWithoutCurrency(value: unknown, depth = 0): boolean {
  if (depth > 4 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => rateWithoutCurrency(v, depth + 1));
  const r = value as Record<string, unknown>;
  for (const key of ['hourlyRate', 'costRate']) {
    const rate = r[key];
    if (rate && typeof rate === 'object' && (rate as Record<string, unknown>).amount != null && !(rate as Record<string, unknown>).currency) return true;
  }
  return rateWithoutCurrency(r.memberships, depth + 1);
}

/**
 * Clockify's `{amount: cents, currency}` (either may be missing) → decimal
 * Money through the core moneyOf: without a currency from Clockify,
 * `fallbackCurrency` (the workspace's default currency) names it; null when
 * even that is unknown, never a guessed USD.
 */
export function moneyFromVendor(raw: unknown, fallbackCurrency?: string | null): Money | null {
  if (raw === null || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  return moneyOf(r.amount, r.currency, fallbackCurrency);
}

export const amountArg = z
  .union([z.number().min(0).max(1_000_000), z.string().trim().regex(/^\d+(\.\d+)?$/)])
  .describe('Decimal amount in currency units, e.g. 85.5 (at most two decimals).');
export const currencyArg = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/)
  .transform((c) => c.toUpperCase())
  .optional()
  .describe('ISO currency code, e.g. "EUR". Default: the workspace currency.');
