import { DURATION_HELP, parseDuration, parseIsoDuration, readableDuration } from '../../src/format/duration';
import { dayInZone, formatInZone, isKnownTimeZone, offsetMinutes, parseInstant, TIME_HELP, zonedToInstant } from '../../src/format/dates';
import { CONNECTOR } from './errors';

/**
 * Time for Clockify: it stores UTC instants (`2024-03-15T09:00:00Z`) and ISO
 * durations (`PT1H30M`). What users type (ISO, "yesterday 14:00", "1h30m")
 * is read by the core parsers (src/format/dates.ts, duration.ts) in the
 * acting user's Clockify zone; this file binds them to the connector and
 * adds Clockify's wire forms.
 */

export { dayInZone, formatInZone, isKnownTimeZone, offsetMinutes, parseIsoDuration, readableDuration, zonedToInstant };

/** What time inputs accept, for descriptions and errors. */
export const TIME_INPUT_HELP = TIME_HELP;
/** What `duration` accepts, for descriptions. */
export const DURATION_INPUT_HELP = DURATION_HELP;

/** A time a user or model gave (see parseInstant), in `timeZone`; a day alone is its start, or with `edge` end the next midnight. */
export function parseTimeInput(input: string, timeZone: string, now: Date, field: string, edge: 'start' | 'end' = 'start'): Date {
  return parseInstant(input, { timeZone, now, field, connector: CONNECTOR }, edge);
}

/** A duration a user gave, in seconds (see parseDuration). */
export function parseDurationInput(input: string | number, field = 'duration'): number {
  return parseDuration(input, { field, connector: CONNECTOR });
}

/** Clockify's wire form: UTC with a Z, whole seconds. */
export function toClockifyInstant(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Seconds as Clockify's ISO form (`PT1H30M`). */
export function toIsoDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${sec || s === 0 ? `${sec}S` : ''}`;
}
