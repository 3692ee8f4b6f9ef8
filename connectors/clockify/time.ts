import { readableDuration } from '../../src/format/duration';
import { invalidArgument } from '../../src/errors';
import { CONNECTOR } from './errors';

/**
 * Time for Clockify: it stores UTC instants (`2024-03-15T09:00:00Z`) and ISO
 * durations (`PT1H30M`). Users give wall-clock times in their own zone; the
 * model reads times with the offset of the acting user's Clockify zone.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(ms: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** Offset of `timeZone` from UTC at instant `ms`, in minutes (e.g. +60 for Berlin in winter). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** The instant of a wall-clock time in a zone (a time skipped by DST moves forward, like most calendars). */
export function zonedToInstant(parts: LocalParts, timeZone: string): Date {
  const guess = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const first = offsetMinutes(guess, timeZone);
  let ms = guess - first * 60_000;
  const second = offsetMinutes(ms, timeZone);
  if (second !== first) ms = guess - second * 60_000;
  return new Date(ms);
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** `2024-03-15T10:00:00+01:00`: the instant as wall-clock time in `timeZone`, with its offset. */
export function formatInZone(date: Date | string, timeZone: string): string {
  const ms = typeof date === 'string' ? Date.parse(date) : date.getTime();
  const off = offsetMinutes(ms, timeZone);
  const p = localParts(ms, timeZone);
  const sign = off < 0 ? '-' : '+';
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`;
}

/** The calendar day (YYYY-MM-DD) of an instant in a zone. */
export function dayInZone(date: Date, timeZone: string): string {
  const p = localParts(date.getTime(), timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Clockify's wire form: UTC with a Z, whole seconds. */
export function toClockifyInstant(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/** What time inputs accept, for descriptions and errors. */
export const TIME_INPUT_HELP = 'ISO 8601 with offset ("2024-03-15T14:00:00+01:00"), local "2024-03-15 14:00" (read in your Clockify time zone), or "now"';

function valid(p: LocalParts): boolean {
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day));
  return d.getUTCMonth() === p.month - 1 && d.getUTCDate() === p.day && p.hour < 24 && p.minute < 60 && p.second < 60;
}

/**
 * Parses a time a user or model gave: ISO with an offset or Z, a local
 * date-time (or a date: midnight) in `timeZone`, or "now".
 * Throws invalid_argument naming `field` otherwise.
 */
export function parseTimeInput(input: string, timeZone: string, now: Date, field: string): Date {
  const text = input.trim();
  if (text.toLowerCase() === 'now') return new Date(Math.floor(now.getTime() / 1000) * 1000);
  const bad = () =>
    invalidArgument(`"${text}" is not a time Clockify can use for ${field}.`, {
      connector: CONNECTOR,
      fields: [{ field, problem: `expected ${TIME_INPUT_HELP}` }],
      hint: `Pass ${field} as ${TIME_INPUT_HELP}.`,
    });
  const m = WITH_OFFSET.exec(text);
  if (m) {
    const parts = { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: +(m[6] ?? 0) };
    if (!valid(parts)) throw bad();
    const zone = m[7]!.toUpperCase();
    let off = 0;
    if (zone !== 'Z') {
      const digits = zone.replace(':', '');
      off = (digits[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
    }
    return new Date(Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - off * 60_000);
  }
  const l = LOCAL.exec(text);
  if (l) {
    const parts = { year: +l[1]!, month: +l[2]!, day: +l[3]!, hour: +(l[4] ?? 0), minute: +(l[5] ?? 0), second: +(l[6] ?? 0) };
    if (!valid(parts)) throw bad();
    return zonedToInstant(parts, timeZone);
  }
  throw bad();
}

/** What `duration` accepts, for descriptions. */
export const DURATION_INPUT_HELP = '"1h30m", "PT1H30M", "1:30" (h:mm) or a number of minutes (90)';

/**
 * A duration a user gave, in seconds: "1h30m", "1h 30m", "45m", "2h",
 * "90s", ISO "PT1H30M", "1:30" (hours:minutes), or a number (minutes; a
 * digits-only string is minutes too).
 */
export function parseDurationInput(input: string | number, field = 'duration'): number {
  const bad = () =>
    invalidArgument(`"${String(input)}" is not a duration.`, {
      connector: CONNECTOR,
      fields: [{ field, problem: `expected ${DURATION_INPUT_HELP}` }],
      hint: `Pass ${field} as ${DURATION_INPUT_HELP}.`,
    });
  let seconds: number | undefined;
  if (typeof input === 'number') seconds = input * 60;
  else {
    const text = input.trim().toLowerCase();
    if (/^\d+(\.\d+)?$/.test(text)) seconds = Number(text) * 60;
    else if (/^p/.test(text)) seconds = parseIsoDuration(text);
    else if (/^\d{1,3}:\d{2}$/.test(text)) {
      const [h, m] = text.split(':').map(Number) as [number, number];
      seconds = m < 60 ? h * 3600 + m * 60 : undefined;
    } else {
      const m = /^(?:(\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*m(?:in(?:utes?)?)?)?\s*(?:(\d+)\s*s(?:ec(?:onds?)?)?)?$/.exec(text);
      if (m && (m[1] || m[2] || m[3])) seconds = Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
    }
  }
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0 || seconds > 7 * 24 * 3600) throw bad();
  return Math.round(seconds);
}

/** ISO 8601 duration (`PT1H30M`, `P1DT2H`, `PT0.5S`) in whole seconds; undefined when it is not one. */
export function parseIsoDuration(text: string): number | undefined {
  const m = /^p(?:(\d+)d)?(?:t(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?)?$/i.exec(text.trim());
  if (!m || text.trim().length <= 1 || /t$/i.test(text.trim())) return undefined;
  return Math.round(Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0));
}

/** One readable form for every connector (src/format/duration.ts). */
export { readableDuration };

/** Seconds as Clockify's ISO form (`PT1H30M`). */
export function toIsoDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${sec || s === 0 ? `${sec}S` : ''}`;
}
