import { invalidArgument } from '../errors';
import { parseDuration } from './duration';

/**
 * Dates and times as people say them, for every connector: ISO dates and
 * date-times, `today`, `yesterday`, weekday names, ranges (`this week`,
 * `last month`, `last 7 days`, `2024-03-01..2024-03-15`) and times such as
 * `yesterday 14:00`, all read in the caller's time zone. Connectors pass
 * the zone they answer in (Clockify: the user's profile zone; DeskTime: the
 * company's) and turn the result into their wire form.
 */

export const WEEK_DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type WeekDay = (typeof WEEK_DAYS)[number];

/** How the parsers read relative words: the zone, the instant it is now, and where a week starts. */
export interface DateContext {
  timeZone: string;
  now: Date;
  /** First day of `this week` / `last week` (default Monday). */
  weekStart?: WeekDay;
  /** The argument's name, for errors. */
  field?: string;
  /** The connector whose tool was called, for errors. */
  connector?: string;
}

/** Inclusive span of calendar days, YYYY-MM-DD. */
export interface DaySpan {
  start: string;
  end: string;
}

/** For descriptions and errors: what a day argument accepts. */
export const DAY_HELP = 'YYYY-MM-DD, "today", "yesterday" or a weekday ("monday": the latest one, today included)';
/** What a range argument accepts. */
export const RANGE_HELP = `${DAY_HELP}, or a range: "this week", "last week", "this month", "last month", "last 7 days", "2024-03-01..2024-03-15"`;
/** What a time argument accepts. */
export const TIME_HELP = 'ISO 8601 ("2024-03-15T14:00:00+01:00"), local "2024-03-15 14:00", "yesterday 14:00", "monday 9:30", "14:00" (today), a day (its start) or "now"';

// ── time zones ───────────────────────────────────────────────────────────

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

/** A zone this Node knows, else UTC (a vendor may send a zone name Node lacks). */
const usable = (timeZone: string) => (isKnownTimeZone(timeZone) ? timeZone : 'UTC');

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(ms: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(usable(timeZone)).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
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

/** The calendar day (YYYY-MM-DD) of an instant in a zone (UTC when the zone is unknown to this Node). */
export function dayInZone(date: Date, timeZone: string): string {
  const p = localParts(date.getTime(), timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** The calendar day it is at `now` in `timeZone`. */
export const dayIn = (timeZone: string, now: Date): string => dayInZone(now, timeZone);

// ── calendar days ────────────────────────────────────────────────────────

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtcDate(day: string): Date {
  const match = ISO_DAY.exec(day);
  if (!match) throw new Error(`not a YYYY-MM-DD day: ${day}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

export function isCalendarDay(text: string): boolean {
  const match = ISO_DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function addDays(day: string, days: number): string {
  const date = toUtcDate(day);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtcDate(b).getTime() - toUtcDate(a).getTime()) / 86_400_000);
}

/** Monday = 0 … Sunday = 6. */
function weekdayIndex(day: string): number {
  return (toUtcDate(day).getUTCDay() + 6) % 7;
}

/** The first day of the week containing `day`. */
export function weekStartOf(day: string, weekStart: WeekDay = 'MONDAY'): string {
  return addDays(day, -((weekdayIndex(day) - WEEK_DAYS.indexOf(weekStart) + 7) % 7));
}

export function monthStartOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export function monthEndOf(day: string): string {
  const date = toUtcDate(monthStartOf(day));
  date.setUTCMonth(date.getUTCMonth() + 1);
  date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

/** Local midnight at the start of `day` in `timeZone`. */
export function startOfDay(day: string, timeZone: string): Date {
  const d = toUtcDate(day);
  return zonedToInstant({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0, second: 0 }, usable(timeZone));
}

// ── words ────────────────────────────────────────────────────────────────

const WEEKDAY_WORDS: Record<string, number> = {
  monday: 0, mon: 0, tuesday: 1, tue: 1, tues: 1, wednesday: 2, wed: 2, thursday: 3, thu: 3, thur: 3, thurs: 3, friday: 4, fri: 4, saturday: 5, sat: 5, sunday: 6, sun: 6,
};

/** Lower case, single spaces; `last_week` and `last-week` read as `last week`. */
function words(text: string): string {
  return text.trim().toLowerCase().replace(/[\s_]+/g, ' ').replace(/^(this|last|next|past)-/, '$1 ').replace(/-(week|month|year|days?)$/, ' $1');
}

function problem(input: string, expected: string, context: DateContext, what: string) {
  const field = context.field ?? 'date';
  const shown = input.trim().slice(0, 60);
  return invalidArgument(`"${shown}" is not ${what} for ${field}.`, {
    connector: context.connector,
    fields: [{ field, problem: `expected ${expected}` }],
    hint: `Pass ${field} as ${expected}; relative words are read in ${context.timeZone}.`,
  });
}

/** A single day named by a word or ISO date; undefined when `text` is not one. */
function namedDay(text: string, today: string): string | undefined {
  const w = words(text);
  if (w === 'today') return today;
  if (w === 'yesterday') return addDays(today, -1);
  if (w === 'tomorrow') return addDays(today, 1);
  if (w === 'day before yesterday') return addDays(today, -2);
  const weekday = /^(?:(last|this|on) )?([a-z]+)$/.exec(w);
  if (weekday && weekday[2]! in WEEKDAY_WORDS) {
    const back = (weekdayIndex(today) - WEEKDAY_WORDS[weekday[2]!]! + 7) % 7;
    // "monday" is the latest Monday, today included; "last monday" is strictly before today.
    return addDays(today, -(back === 0 && weekday[1] === 'last' ? 7 : back));
  }
  const dateTime = /^(\d{4}-\d{2}-\d{2})(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$/.exec(w);
  if (dateTime && isCalendarDay(dateTime[1]!)) return dateTime[1]!;
  return undefined;
}

/** A span word (`last week`, `this month`, `last 7 days`, …); undefined when `text` is not one. */
function namedSpan(text: string, today: string, weekStart: WeekDay): DaySpan | undefined {
  const w = words(text);
  const week = weekStartOf(today, weekStart);
  switch (w) {
    case 'this week':
    case 'week':
      return { start: week, end: addDays(week, 6) };
    case 'last week':
    case 'previous week':
      return { start: addDays(week, -7), end: addDays(week, -1) };
    case 'next week':
      return { start: addDays(week, 7), end: addDays(week, 13) };
    case 'this month':
    case 'month':
      return { start: monthStartOf(today), end: monthEndOf(today) };
    case 'last month':
    case 'previous month': {
      const day = addDays(monthStartOf(today), -1);
      return { start: monthStartOf(day), end: monthEndOf(day) };
    }
    case 'next month': {
      const day = addDays(monthEndOf(today), 1);
      return { start: day, end: monthEndOf(day) };
    }
    case 'this year':
      return { start: `${today.slice(0, 4)}-01-01`, end: `${today.slice(0, 4)}-12-31` };
    case 'last year': {
      const year = String(Number(today.slice(0, 4)) - 1);
      return { start: `${year}-01-01`, end: `${year}-12-31` };
    }
  }
  // "last 7 days" / "past 30 days": that many days ending today.
  const lastDays = /^(?:last|past) (\d{1,3}) days?$/.exec(w);
  if (lastDays && Number(lastDays[1]) >= 1) return { start: addDays(today, -(Number(lastDays[1]) - 1)), end: today };
  return undefined;
}

/**
 * The days a day or range argument names: ISO days (or a date-time's day),
 * `today`, `yesterday`, weekday names, `this week` / `last week` / `this
 * month` / `last month` / `last 7 days`, or two of those joined by `..` or
 * ` to ` (from the first's start to the second's end).
 */
export function resolveSpan(input: string, context: DateContext): DaySpan {
  const today = dayIn(context.timeZone, context.now);
  const weekStart = context.weekStart ?? 'MONDAY';
  const one = (text: string): DaySpan | undefined => {
    const day = namedDay(text, today);
    return day ? { start: day, end: day } : namedSpan(text, today, weekStart);
  };
  const text = input.trim();
  const whole = one(text);
  if (whole) return whole;
  const parts = /^(?:from |between )?(.+?)\s*(?:\.\.|–| - | to | until | through | and )\s*(.+)$/i.exec(text);
  if (parts) {
    const first = one(parts[1]!);
    const last = one(parts[2]!);
    if (first && last) {
      if (last.end < first.start) {
        throw invalidArgument(`The range ${first.start}..${last.end} ends before it starts.`, {
          connector: context.connector,
          fields: [{ field: context.field ?? 'date', problem: 'end before start' }],
          hint: 'Swap the two ends.',
        });
      }
      return { start: first.start, end: last.end };
    }
  }
  throw problem(input, RANGE_HELP, context, 'a day or range');
}

/**
 * One calendar day: ISO, `today`, `yesterday`, a weekday name. A range
 * (`last week`, two dates) is refused naming the range, for tools whose
 * vendor answers one day at a time; `rangeHint` says what to do instead.
 */
export function resolveDay(input: string, context: DateContext & { rangeHint?: string }): string {
  const today = dayIn(context.timeZone, context.now);
  const day = namedDay(input, today);
  if (day) return day;
  let span: DaySpan | undefined;
  try {
    span = resolveSpan(input, context);
  } catch {
    span = undefined;
  }
  const field = context.field ?? 'date';
  if (span) {
    throw invalidArgument(`${field} takes one day; "${input.trim().slice(0, 60)}" is ${span.start}..${span.end}.`, {
      connector: context.connector,
      fields: [{ field, problem: `a range was given; expected one day: ${DAY_HELP}` }],
      hint: context.rangeHint ?? 'Call once per day in the range.',
    });
  }
  throw problem(input, DAY_HELP, context, 'a day');
}

// ── instants ─────────────────────────────────────────────────────────────

const WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/i;
/** `14:00`, `9:30:15`, `2pm`, `2:30 pm`, `14h`. */
const CLOCK = /^(?:at )?(\d{1,2})(?:[:.](\d{2})(?::(\d{2}))?)?\s*(am|pm|a\.m\.|p\.m\.|h)?$/i;

function validParts(p: LocalParts): boolean {
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day));
  return d.getUTCFullYear() === p.year && d.getUTCMonth() === p.month - 1 && d.getUTCDate() === p.day && p.hour < 24 && p.minute < 60 && p.second < 60;
}

/** A time of day; undefined when `text` is not one. A bare number is not a time (it could be anything). */
function clock(text: string): { hour: number; minute: number; second: number } | undefined {
  const m = CLOCK.exec(text.trim());
  if (!m || (m[2] === undefined && m[4] === undefined)) return undefined;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  const second = Number(m[3] ?? 0);
  const suffix = (m[4] ?? '').toLowerCase().replace(/\./g, '');
  if (suffix === 'am' || suffix === 'pm') {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (suffix === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return { hour, minute, second };
}

/** What a time argument named: one instant, or whole days (a day or range word, or an ISO date). */
export type When = { kind: 'instant'; at: Date } | { kind: 'days'; span: DaySpan };

/**
 * A time argument as given: `now`; ISO with an offset or Z; a local
 * date-time (`2024-03-15 14:00`); a day word with a time, either way round
 * (`yesterday 14:00`, `monday at 9:30`, `14:00 yesterday`); a time alone
 * (today) — all instants; or a day or range word alone: days.
 */
export function parseWhen(input: string, context: DateContext): When {
  const text = input.trim();
  const zone = usable(context.timeZone);
  const bad = () => problem(input, TIME_HELP, context, 'a time');
  const instant = (at: Date): When => ({ kind: 'instant', at });
  if (words(text) === 'now') return instant(new Date(Math.floor(context.now.getTime() / 1000) * 1000));

  const m = WITH_OFFSET.exec(text);
  if (m) {
    const parts = { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: +(m[6] ?? 0) };
    if (!validParts(parts)) throw bad();
    const z = m[7]!.toUpperCase();
    let off = 0;
    if (z !== 'Z') {
      const digits = z.replace(':', '');
      off = (digits[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
    }
    return instant(new Date(Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - off * 60_000));
  }
  const l = LOCAL.exec(text);
  if (l) {
    const parts = { year: +l[1]!, month: +l[2]!, day: +l[3]!, hour: +l[4]!, minute: +l[5]!, second: +(l[6] ?? 0) };
    if (!validParts(parts)) throw bad();
    return instant(zonedToInstant(parts, zone));
  }

  const today = dayIn(zone, context.now);
  const at = (day: string, time: { hour: number; minute: number; second: number }) => {
    const d = toUtcDate(day);
    return instant(zonedToInstant({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), ...time }, zone));
  };
  const alone = clock(text);
  if (alone) return at(today, alone);
  // "yesterday 14:00", "monday at 9:30", "2024-03-15 2pm", "14:00 yesterday"
  const dayThenTime = /^(.+?)(?:,\s*|\s+)(?:at\s+)?(\d{1,2}(?:[:.]\d{2}(?::\d{2})?)?\s*(?:am|pm|a\.m\.|p\.m\.|h)?)$/i.exec(text);
  const timeThenDay = /^(?:at\s+)?(\d{1,2}(?:[:.]\d{2}(?::\d{2})?)?\s*(?:am|pm|a\.m\.|p\.m\.|h)?)(?:,\s*|\s+)(?:on\s+)?(.+)$/i.exec(text);
  const readings: [string, string][] = [];
  if (dayThenTime) readings.push([dayThenTime[1]!, dayThenTime[2]!]);
  if (timeThenDay) readings.push([timeThenDay[2]!, timeThenDay[1]!]);
  for (const [dayText, timeText] of readings) {
    const day = namedDay(dayText, today);
    const time = clock(timeText);
    if (day && time) return at(day, time);
  }

  try {
    return { kind: 'days', span: resolveSpan(text, context) };
  } catch {
    throw bad();
  }
}

/**
 * An instant from a time argument (see parseWhen); days stand for their
 * first moment (`edge` start) or the midnight after the last one (`edge`
 * end, an exclusive end), in the context's zone.
 */
export function parseInstant(input: string, context: DateContext, edge: 'start' | 'end' = 'start'): Date {
  const when = parseWhen(input, context);
  if (when.kind === 'instant') return when.at;
  const zone = usable(context.timeZone);
  return edge === 'start' ? startOfDay(when.span.start, zone) : startOfDay(addDays(when.span.end, 1), zone);
}

/** Both ends of an instant range; a day or range word in `end` includes its last day. */
export function parseInstantRange(start: string, end: string, context: DateContext): { start: Date; end: Date } {
  const from = parseInstant(start, { ...context, field: 'start' }, 'start');
  const until = parseInstant(end, { ...context, field: 'end' }, 'end');
  if (until.getTime() <= from.getTime()) {
    throw invalidArgument('end must be after start.', {
      connector: context.connector,
      fields: [{ field: 'end', problem: `start ${formatInZone(from, usable(context.timeZone))}, end ${formatInZone(until, usable(context.timeZone))}` }],
      hint: 'Swap start and end, or pass a later end (e.g. "now").',
    });
  }
  return { start: from, end: until };
}

/**
 * The instants a list asks for from optional start and end arguments: an end
 * day includes that day; a day or range in start with no end ("yesterday",
 * "last week") covers just those days; an instant in start with no end is
 * open-ended.
 */
export function instantWindow(start: string | undefined, end: string | undefined, context: DateContext & { startField?: string; endField?: string }): { start?: Date; end?: Date } {
  const zone = usable(context.timeZone);
  const endAt = end !== undefined ? parseInstant(end, { ...context, field: context.endField ?? 'end' }, 'end') : undefined;
  if (start === undefined) return { end: endAt };
  const when = parseWhen(start, { ...context, field: context.startField ?? 'start' });
  const startAt = when.kind === 'instant' ? when.at : startOfDay(when.span.start, zone);
  const until = endAt ?? (when.kind === 'days' ? startOfDay(addDays(when.span.end, 1), zone) : undefined);
  if (until && until.getTime() <= startAt.getTime()) {
    throw invalidArgument(`${context.endField ?? 'end'} must be after ${context.startField ?? 'start'}.`, {
      connector: context.connector,
      fields: [{ field: context.endField ?? 'end', problem: `${formatInZone(startAt, zone)} to ${formatInZone(until, zone)}` }],
      hint: 'Swap the two, or leave the end out.',
    });
  }
  return { start: startAt, end: until };
}

/** What a span of work accepts, for descriptions and errors. */
export const SPAN_HELP = '"yesterday 14:00–15:30", "14:00-15:30" (today), "2024-03-15 9:00 to 11:30" or "monday 9:00 for 2h"';

const SPAN_SEPARATOR = /\s*(?:–|—|\.\.|\s(?:to|until|till)\s|-)\s*/gi;

/**
 * A span of work as people write it: a start and an end joined by an en or
 * em dash, a hyphen, "to", "until" or ".." (`yesterday 14:00–15:30`; an end
 * that is a time alone is on the start's day, or the next day when it would
 * not be after the start: `22:00–01:00`), or a start "for" a duration
 * (`monday 9:00 for 2h`). Undefined when the text has neither shape (a
 * duration alone, or `1:30`, which is one in h:mm); invalid_argument when
 * it has one but does not read, or is a start alone.
 */
export function parseTimeSpan(input: string, context: DateContext): { start: Date; end: Date } | undefined {
  const text = input.trim();
  const zone = usable(context.timeZone);
  const bad = () => problem(input, SPAN_HELP, context, 'a span of time');
  const instantOf = (part: string): Date | undefined => {
    try {
      const when = parseWhen(part, context);
      return when.kind === 'instant' ? when.at : undefined;
    } catch {
      return undefined;
    }
  };
  const lasting = /^(.+?)\s+for\s+(.+)$/i.exec(text);
  if (lasting) {
    const start = instantOf(lasting[1]!);
    if (!start) throw bad();
    const seconds = parseDuration(lasting[2]!, { field: context.field, connector: context.connector });
    return { start, end: new Date(start.getTime() + seconds * 1000) };
  }
  // "1:30" reads as a duration (h:mm) to the caller, not as a span.
  if (clock(text)) return undefined;
  const cuts = [...text.matchAll(SPAN_SEPARATOR)].reverse();
  for (const cut of cuts) {
    const left = text.slice(0, cut.index);
    const right = text.slice(cut.index + cut[0].length);
    if (!left || !right) continue;
    // "2024-03-15T14:00-05:00" is one time with its offset, not 14:00 to 05:00.
    if (cut[0] === '-' && /T\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/i.test(left) && /^\d{2}:?\d{2}$/.test(right)) continue;
    const start = instantOf(left);
    if (!start) continue;
    const time = clock(right);
    let end: Date | undefined;
    if (time) {
      const d = toUtcDate(dayInZone(start, zone));
      end = zonedToInstant({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), ...time }, zone);
      if (end.getTime() <= start.getTime()) {
        const next = toUtcDate(addDays(dayInZone(start, zone), 1));
        const overnight = zonedToInstant({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), ...time }, zone);
        // Past midnight (22:00–01:00), not a start and end written the wrong way round.
        if (overnight.getTime() - start.getTime() <= 12 * 3600_000) end = overnight;
      }
    } else {
      end = instantOf(right);
    }
    if (!end) continue;
    if (end.getTime() <= start.getTime()) {
      throw invalidArgument('The end is not after the start.', {
        connector: context.connector,
        fields: [{ field: context.field ?? 'time', problem: `${formatInZone(start, zone)} to ${formatInZone(end, zone)}` }],
        hint: 'Give the start first and the end after it.',
      });
    }
    return { start, end };
  }
  // A start alone is not a span; nor is what has a separator but no readable start and end.
  if (cuts.length || instantOf(text)) throw bad();
  return undefined;
}
