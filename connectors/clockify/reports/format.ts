/**
 * Conversions for report answers: durations (the reports API gives integer
 * seconds) and amounts (integer cents, sometimes with a fraction of a cent
 * from rate × time), exact: cents are shifted by two decimal places on their
 * decimal text, never divided as floats.
 */
import { formatInZone } from '../../../src/format/dates';

export interface Money {
  amount: number;
  currency: string;
}

/** "12h 05m" (hours keep counting past a day, as in Clockify), "45m 10s", "20s". */
export function readableDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes) return rest ? `${minutes}m ${rest}s` : `${minutes}m`;
  return `${rest}s`;
}

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

/** `{amount, currency}` from integer (or fractional) cents; the JSON number reads exactly as the decimal text. */
export function moneyFromCents(cents: number, currency: string): Money {
  return { amount: Number(centsToDecimalText(cents)), currency };
}

/** Sum of cent values done on integers of 1/10000 cent, so 0.1 + 0.2 stays 0.3. */
export function sumCents(values: number[]): number {
  const SCALE = 10_000;
  let total = 0n;
  for (const v of values) total += BigInt(Math.round(v * SCALE));
  const negative = total < 0n;
  const abs = negative ? -total : total;
  const whole = abs / BigInt(SCALE);
  const frac = (abs % BigInt(SCALE)).toString().padStart(4, '0').replace(/0+$/, '');
  return Number(`${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`);
}

/** ISO 8601 with the zone's offset at that instant: "2024-03-04T09:00:00+01:00". Null for missing or unparseable input. */
export function isoInZone(instant: string | null | undefined, timeZone: string): string | null {
  if (!instant) return null;
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return null;
  // Whole seconds, as Clockify's own times are.
  return formatInZone(new Date(Math.floor(ms / 1000) * 1000), timeZone);
}
