/**
 * Report date ranges: keywords and ISO dates resolved to whole days in the
 * acting user's Clockify time zone, and the window rules checked before any
 * call (the weekly report's exactly-7-days, at most one year per report).
 * Clockify's reports API reads `dateRangeStart/End` as wall-clock time in the
 * body's `timeZone`, so the body carries local midnights plus that zone.
 */
import { invalidArgument } from '../../../src/errors';
import { addDays, daysBetween, resolveSpan as resolveCoreSpan, weekStartOf, WEEK_DAYS, type WeekDay } from '../../../src/format/dates';

const CONNECTOR = 'clockify';

/** The keywords descriptions name (the core parser reads more: weekdays, "last 7 days", "a..b"). */
export const RANGE_KEYWORDS = ['today', 'yesterday', 'this_week', 'last_week', 'this_month', 'last_month'] as const;
export type RangeKeyword = (typeof RANGE_KEYWORDS)[number];

export { addDays, daysBetween, weekStartOf, WEEK_DAYS, type WeekDay };

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

/** A keyword, weekday, date or range as the span of days it names, in the acting user's zone. */
export function resolveSpan(input: string, field: string, options: RangeOptions): { start: string; end: string } {
  return resolveCoreSpan(input, { timeZone: options.timeZone, now: options.now, weekStart: options.weekStart, field, connector: CONNECTOR });
}

/** The same calendar day one year later (Feb 29 → Mar 1). */
function oneYearAfter(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date.toISOString().slice(0, 10);
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
