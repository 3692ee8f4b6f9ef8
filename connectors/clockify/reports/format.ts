/**
 * Conversions for report answers: durations (the reports API gives integer
 * seconds) and amounts (integer cents, sometimes with a fraction of a cent
 * from rate × time), exact: cents are shifted by two decimal places on their
 * decimal text, never divided as floats.
 */
import { formatInZone } from '../../../src/format/dates';

export { centsToDecimalText, type Money } from '../../../src/format/money';

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
