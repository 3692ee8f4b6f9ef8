/**
 * Report date ranges: keywords and ISO dates resolved to whole days in the
 * acting user's Clockify time zone, and the window rules checked before any
 * call (the weekly report's exactly-7-days, at most one year per report).
 * Clockify's reports API reads `dateRangeStart/End` as wall-clock time in the
 * body's `timeZone`, so the body carries local midnights plus that zone.
 */
import { invalidArgument } from '../../../src/errors';

const CONNECTOR = 'clockify';
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An ISO date-time; only its calendar day (as written) is used. */
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export const RANGE_KEYWORDS = ['today', 'yesterday', 'this_week', 'last_week', 'this_month', 'last_month'] as const;
export type RangeKeyword = (typeof RANGE_KEYWORDS)[number];

export const WEEK_DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type WeekDay = (typeof WEEK_DAYS)[number];

export interface ReportRange {
  /** First day, YYYY-MM-DD, in `timeZone`. */
  start: string;
  /** Last day (inclusive), YYYY-MM-DD, in `timeZone`. */
  end: string;
  /** Days covered, both ends included. */
  days: number;
  timeZone: string;
  /** For the request body: local wall-clock start and end of the range. */
  dateRangeStart: string;
  dateRangeEnd: string;
}

export interface RangeOptions {
  /** IANA zone of the acting user (Clockify profile setting). */
  timeZone: string;
  now: Date;
  /** First day of the week for this_week/last_week (the user's Clockify setting; default Monday). */
  weekStart?: WeekDay;
  /** Whether the report must cover exactly 7 days (the weekly report). */
  exactlySevenDays?: boolean;
}

export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The calendar day (YYYY-MM-DD) it is at `now` in `timeZone`. */
export function dayIn(timeZone: string, now: Date): string {
  const zone = isKnownTimeZone(timeZone) ? timeZone : 'UTC';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function toUtcDate(day: string): Date {
  const match = ISO_DAY.exec(day);
  if (!match) throw new Error(`not a YYYY-MM-DD day: ${day}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
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

function isCalendarDay(text: string): boolean {
  const match = ISO_DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The first day of the week containing `day`. */
export function weekStartOf(day: string, weekStart: WeekDay = 'MONDAY'): string {
  // getUTCDay: 0 = Sunday; WEEK_DAYS index: 0 = Monday.
  const weekday = (toUtcDate(day).getUTCDay() + 6) % 7;
  const first = WEEK_DAYS.indexOf(weekStart);
  return addDays(day, -((weekday - first + 7) % 7));
}

function monthStartOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

function monthEndOf(day: string): string {
  const date = toUtcDate(monthStartOf(day));
  date.setUTCMonth(date.getUTCMonth() + 1);
  date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

/** The same calendar day one year later (Feb 29 → Mar 1). */
function oneYearAfter(day: string): string {
  const date = toUtcDate(day);
  date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date.toISOString().slice(0, 10);
}

/** A keyword or date as the span of days it names. */
export function resolveSpan(input: string, field: string, options: RangeOptions): { start: string; end: string } {
  const text = input.trim();
  const lower = text.toLowerCase().replace(/[\s-]+/g, '_');
  const today = dayIn(options.timeZone, options.now);
  const weekStart = options.weekStart ?? 'MONDAY';
  switch (lower) {
    case 'today':
      return { start: today, end: today };
    case 'yesterday': {
      const day = addDays(today, -1);
      return { start: day, end: day };
    }
    case 'this_week': {
      const start = weekStartOf(today, weekStart);
      return { start, end: addDays(start, 6) };
    }
    case 'last_week': {
      const start = addDays(weekStartOf(today, weekStart), -7);
      return { start, end: addDays(start, 6) };
    }
    case 'next_week': {
      const start = addDays(weekStartOf(today, weekStart), 7);
      return { start, end: addDays(start, 6) };
    }
    case 'this_month':
      return { start: monthStartOf(today), end: monthEndOf(today) };
    case 'next_month': {
      const day = addDays(monthEndOf(today), 1);
      return { start: day, end: monthEndOf(day) };
    }
    case 'last_month': {
      const day = addDays(monthStartOf(today), -1);
      return { start: monthStartOf(day), end: monthEndOf(day) };
    }
  }
  const dateTime = ISO_DATE_TIME.exec(text);
  const day = dateTime ? dateTime[1]! : text;
  if (isCalendarDay(day)) return { start: day, end: day };
  throw invalidArgument(`${field} must be a date (YYYY-MM-DD) or one of ${RANGE_KEYWORDS.join(', ')}.`, {
    connector: CONNECTOR,
    fields: [{ field, problem: `"${text.slice(0, 40)}" is neither a calendar day (YYYY-MM-DD) nor a known keyword` }],
    hint: `Pass e.g. {"${field}": "2024-03-01"} or {"${field}": "last_month"}; days are in your Clockify time zone.`,
  });
}

const span = (start: string, end: string) => `${start}..${end}`;

/**
 * Resolves `start` and `end` to whole days. A keyword in `start` with no
 * `end` covers the keyword's whole span (last_month is the whole month); a
 * date with no `end` is that day alone, or for the weekly report the 7-day
 * week (per `weekStart`) that contains it.
 */
export function resolveReportRange(startInput: string, endInput: string | undefined, options: RangeOptions): ReportRange {
  const first = resolveSpan(startInput, 'start', options);
  let start = first.start;
  let end: string;
  if (endInput !== undefined && endInput.trim() !== '') {
    end = resolveSpan(endInput, 'end', options).end;
  } else if (options.exactlySevenDays && first.start === first.end) {
    start = weekStartOf(first.start, options.weekStart);
    end = addDays(start, 6);
  } else {
    end = first.end;
  }

  if (end < start) {
    throw invalidArgument(`end (${end}) is before start (${start}).`, {
      connector: CONNECTOR,
      fields: [{ field: 'end', problem: 'must be on or after start' }],
      hint: 'Swap the two dates, or leave end out to report on the start day or keyword span alone.',
    });
  }
  const days = daysBetween(start, end) + 1;

  if (options.exactlySevenDays && days !== 7) {
    const weekFirst = weekStartOf(start, options.weekStart);
    const weekLast = addDays(weekFirst, 6);
    throw invalidArgument(`The weekly report covers exactly 7 days; ${span(start, end)} is ${days} day${days === 1 ? '' : 's'}.`, {
      connector: CONNECTOR,
      fields: [{ field: 'end', problem: `must be 6 days after start (${addDays(start, 6)}), giving 7 days` }],
      hint: `The week that contains ${start} is ${span(weekFirst, weekLast)}: call again with {"start": "${weekFirst}", "end": "${weekLast}"} (or leave end out). For another length use clockify_get_summary_report with group_by ["date"].`,
      alternatives: ['clockify_get_summary_report'],
    });
  }

  if (end >= oneYearAfter(start)) {
    const firstPartEnd = addDays(oneYearAfter(start), -1);
    throw invalidArgument(`A report covers at most one year; ${span(start, end)} is ${days} days.`, {
      connector: CONNECTOR,
      fields: [{ field: 'end', problem: `must be on or before ${firstPartEnd}` }],
      hint: `Split the range into calls of at most one year each, starting with {"start": "${start}", "end": "${firstPartEnd}"}, then add the totals.`,
    });
  }

  return {
    start,
    end,
    days,
    timeZone: options.timeZone,
    dateRangeStart: `${start}T00:00:00.000`,
    dateRangeEnd: `${end}T23:59:59.999`,
  };
}
