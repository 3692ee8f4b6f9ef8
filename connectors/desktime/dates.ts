import { invalidArgument } from '../../src/errors';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CONNECTOR = 'desktime';

/** The calendar day (YYYY-MM-DD) it is at `now` in `timeZone`; UTC when the zone is unknown to this Node. */
export function dayIn(timeZone: string, now: Date): string {
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
  }
  const parts = Object.fromEntries(formatter.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function addDays(day: string, days: number): string {
  const match = ISO_DAY.exec(day);
  if (!match) throw new Error(`not a YYYY-MM-DD day: ${day}`);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days));
  return date.toISOString().slice(0, 10);
}

function isCalendarDay(text: string): boolean {
  const match = ISO_DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Two dates, a separator, or words that name a span: the model asked for a range DeskTime cannot give. */
function looksLikeRange(text: string): boolean {
  const lower = text.toLowerCase();
  if ((lower.match(/\d{4}-\d{2}-\d{2}/g) ?? []).length >= 2) return true;
  if (/\.\.|\bto\b|\buntil\b|\bthrough\b|\bbetween\b|\bfrom\b|\bsince\b/.test(lower)) return true;
  return /\b(week|weeks|month|months|year|days|last \d+)\b/.test(lower);
}

export interface DayOptions {
  field?: string;
  /** Whether the tool can answer a whole month (desktime_list_employees with period "month"). */
  monthAvailable?: string;
}

/**
 * Turns `YYYY-MM-DD`, `today` or `yesterday` (or nothing, meaning today) into
 * one calendar day in the company's time zone, because that is the day
 * DeskTime files its figures under; "today" in the gateway's zone could be
 * tomorrow in the company's.
 */
export function resolveDay(input: string | undefined, timeZone: string, now: Date, options: DayOptions = {}): string {
  const field = options.field ?? 'date';
  const text = (input ?? 'today').trim();
  const lower = text.toLowerCase();
  if (lower === 'today') return dayIn(timeZone, now);
  if (lower === 'yesterday') return addDays(dayIn(timeZone, now), -1);
  if (isCalendarDay(text)) return text;

  if (looksLikeRange(text)) {
    const perMonth = options.monthAvailable ? ` or ${options.monthAvailable}` : '';
    throw invalidArgument(`DeskTime has no date ranges: ${field} must be one day.`, {
      connector: CONNECTOR,
      fields: [{ field, problem: 'a range was given; use one day as YYYY-MM-DD, "today" or "yesterday"' }],
      hint: `Call this tool once per day in the range${perMonth}.`,
    });
  }
  throw invalidArgument(`${field} must be a day as YYYY-MM-DD, "today" or "yesterday".`, {
    connector: CONNECTOR,
    fields: [{ field, problem: 'expected YYYY-MM-DD (a real calendar day), "today" or "yesterday"' }],
    hint: `Pass ${field} like "2024-03-15", or "today"; days are in the company's time zone (see desktime_get_account).`,
  });
}
