import { z } from 'zod';
import { addDays, dayInZone, daysBetween, formatInZone, zonedToInstant } from '../../src/format/dates';
import { durationOut, toDuration } from '../../src/format/duration';
import { moneyOf } from '../../src/format/money';

/**
 * A person's day across the four systems, and what differs between them:
 * pure functions over what the sources read (sources.ts), no I/O, so every
 * rule here is tested without a vendor. All days are calendar days in one
 * zone (the person's), given by the caller of these functions.
 */

/** DeskTime's day for one employee (GET /employees, one row). */
export interface TrackedDay {
  date: string;
  /** "YYYY-MM-DD HH:MM:SS" in DeskTime's company zone, as DeskTime sends it; null when not arrived. */
  arrived: string | null;
  left: string | null;
  trackedSeconds: number;
  productiveSeconds: number;
}

/** A Clockify time entry, times as instants. */
export interface LoggedEntry {
  id: string;
  start: Date;
  /** null: a running timer (counted up to `now`). */
  end: Date | null;
  description: string;
  project: { id: string; name: string | null } | null;
  billable: boolean;
  /** The entry's hourly rate in integer cents, when Clockify gives one. */
  rate: { cents: number; currency: string } | null;
}

/** A OneDesk worklog; start and finish may be unknown (then it counts by its hours alone). */
export interface Worklog {
  id: string;
  item: { id: string | null; name: string | null } | null;
  start: Date | null;
  finish: Date | null;
  seconds: number;
  comment: string | null;
}

export const TOUCH_KINDS = ['replied', 'status_changed', 'resolved'] as const;
export type TouchKind = (typeof TOUCH_KINDS)[number];

/** Something the person did on a help desk ticket. */
export interface TicketTouch {
  ticketId: string;
  trackingNumber: string;
  subject: string;
  at: Date;
  kind: TouchKind;
}

/** What one system gave for a person: its data, or why there is none. */
export type Source<T> =
  | { ok: true; from: string; data: T }
  | { ok: false; status: 'off' | 'unreachable' | 'not_matched' | 'refused'; detail: string };

export interface DayInputs {
  /** The days to show, YYYY-MM-DD, in order. */
  days: string[];
  /** The zone days are read in (instants from Clockify, OneDesk and the help desk). */
  timeZone: string;
  /** DeskTime's company zone, for its arrival and departure times; undefined: `timeZone`. */
  desktimeZone?: string;
  desktime: Source<TrackedDay[]>;
  clockify: Source<LoggedEntry[]>;
  onedesk: Source<Worklog[]>;
  helpdesk: Source<TicketTouch[]>;
  /** Differences at or below this many seconds are not reported. */
  toleranceSeconds: number;
  now: Date;
}

const money = z.object({ amount: z.number(), currency: z.string() });
const ref = z.object({ system: z.enum(['clockify', 'onedesk']), id: z.string(), label: z.string() });

export const dayOut = z.object({
  date: z.string(),
  weekday: z.string(),
  desktime: z
    .object({
      arrived: z.string().nullable(),
      left: z.string().nullable(),
      tracked: durationOut,
      productive: durationOut,
    })
    .nullable()
    .describe('null: DeskTime not available (see sources).'),
  clockify: z
    .object({
      entries: z.number().int(),
      total: durationOut,
      by_project: z.array(z.object({ project: z.string().nullable(), time: durationOut })),
      billable: durationOut,
      billable_amount: z.array(money).describe('Per currency, decimal units.'),
    })
    .nullable(),
  onedesk: z
    .object({
      worklogs: z.number().int(),
      total: durationOut,
      by_item: z.array(z.object({ item: z.string().nullable(), time: durationOut })),
    })
    .nullable(),
  helpdesk: z
    .object({
      tickets: z.array(z.object({ id: z.string(), tracking_number: z.string(), subject: z.string(), actions: z.array(z.enum(TOUCH_KINDS)) })),
    })
    .nullable(),
  differences: z.object({
    tracked_not_logged: durationOut.nullable().describe('DeskTime tracked minus time logged (Clockify + OneDesk), when over the tolerance.'),
    logged_not_tracked: durationOut.nullable().describe('Logged minus DeskTime tracked, when over the tolerance.'),
    overlapping: z.array(z.object({ a: ref, b: ref, overlap: durationOut })),
    tickets_without_time: z.array(z.object({ tracking_number: z.string(), subject: z.string() })).describe('Help desk tickets you acted on that day that no time entry or worklog of the day names.'),
  }),
});
export type DayOut = z.infer<typeof dayOut>;

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function weekdayOf(day: string): string {
  return WEEKDAYS[(new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7]!;
}

/** Every day from `start` to `end`, inclusive. */
export function daysOf(start: string, end: string): string[] {
  const out: string[] = [];
  for (let i = 0; i <= daysBetween(start, end); i++) out.push(addDays(start, i));
  return out;
}

/** DeskTime's "YYYY-MM-DD HH:MM:SS" (company zone) → the same moment written in `timeZone`, or null. */
export function desktimeMoment(local: string | null, desktimeZone: string, timeZone: string): string | null {
  const m = local ? /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(local) : null;
  if (!m) return local;
  const at = zonedToInstant(
    { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6] ?? 0) },
    desktimeZone,
  );
  return formatInZone(at, timeZone);
}

const entrySeconds = (e: LoggedEntry, now: Date) => Math.max(0, Math.round(((e.end ?? now).getTime() - e.start.getTime()) / 1000));

/** Billable amount of one entry in integer cents: rate × hours, rounded once per entry. */
export function billableCents(e: LoggedEntry, now: Date): number {
  if (!e.billable || !e.rate) return 0;
  return Math.round((e.rate.cents * entrySeconds(e, now)) / 3600);
}

interface Span {
  system: 'clockify' | 'onedesk';
  id: string;
  label: string;
  start: number;
  end: number;
}

/** Pairs of logged spans that overlap by more than a minute, longest overlap first (at most `max`). */
export function overlaps(spans: Span[], max = 10): { a: z.infer<typeof ref>; b: z.infer<typeof ref>; overlap: z.infer<typeof durationOut> }[] {
  const sorted = [...spans].sort((x, y) => x.start - y.start || x.end - y.end);
  const found: { a: Span; b: Span; seconds: number }[] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j]!.start < sorted[i]!.end; j++) {
      const seconds = Math.round((Math.min(sorted[i]!.end, sorted[j]!.end) - sorted[j]!.start) / 1000);
      if (seconds > 60) found.push({ a: sorted[i]!, b: sorted[j]!, seconds });
    }
  }
  const strip = (s: Span) => ({ system: s.system, id: s.id, label: s.label });
  return found
    .sort((x, y) => y.seconds - x.seconds)
    .slice(0, max)
    .map((f) => ({ a: strip(f.a), b: strip(f.b), overlap: toDuration(f.seconds) }));
}

function byDay<T>(items: T[], at: (item: T) => Date | null, timeZone: string, fallbackDay?: (item: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const when = at(item);
    const day = when ? dayInZone(when, timeZone) : (fallbackDay?.(item) ?? null);
    if (!day) continue;
    const list = map.get(day) ?? [];
    list.push(item);
    map.set(day, list);
  }
  return map;
}

function totals<T>(items: T[], key: (item: T) => string | null, seconds: (item: T) => number) {
  const sums = new Map<string | null, number>();
  for (const item of items) sums.set(key(item), (sums.get(key(item)) ?? 0) + seconds(item));
  return [...sums.entries()].sort((a, b) => b[1] - a[1]);
}

/** Does any logged text of the day name the ticket (tracking number or id)? */
function named(ticket: { ticketId: string; trackingNumber: string }, texts: string[]): boolean {
  const tracking = ticket.trackingNumber.toUpperCase();
  const id = ticket.ticketId.toUpperCase();
  return texts.some((t) => {
    const upper = t.toUpperCase();
    return upper.includes(tracking) || upper.includes(id);
  });
}

/** The per-day view of one person, from whatever each system gave. */
export function assembleDays(input: DayInputs): DayOut[] {
  const { timeZone, now } = input;
  const dtZone = input.desktimeZone ?? timeZone;
  const tracked = input.desktime.ok ? new Map(input.desktime.data.map((d) => [d.date, d])) : undefined;
  const entries = input.clockify.ok ? byDay(input.clockify.data, (e) => e.start, timeZone) : undefined;
  const worklogs = input.onedesk.ok ? byDay(input.onedesk.data, (w) => w.start ?? w.finish, timeZone) : undefined;
  const touches = input.helpdesk.ok ? byDay(input.helpdesk.data, (t) => t.at, timeZone) : undefined;

  return input.days.map((date): DayOut => {
    const t = tracked?.get(date);
    const dayEntries = entries?.get(date) ?? [];
    const dayWorklogs = worklogs?.get(date) ?? [];
    const dayTouches = touches?.get(date) ?? [];

    const desktime = tracked
      ? {
          arrived: desktimeMoment(t?.arrived ?? null, dtZone, timeZone),
          left: desktimeMoment(t?.left ?? null, dtZone, timeZone),
          tracked: toDuration(t?.trackedSeconds ?? 0),
          productive: toDuration(t?.productiveSeconds ?? 0),
        }
      : null;

    let clockify: DayOut['clockify'] = null;
    let clockifySeconds = 0;
    if (entries) {
      clockifySeconds = dayEntries.reduce((s, e) => s + entrySeconds(e, now), 0);
      const billable = dayEntries.filter((e) => e.billable).reduce((s, e) => s + entrySeconds(e, now), 0);
      const cents = new Map<string, number>();
      for (const e of dayEntries) {
        const c = billableCents(e, now);
        if (c > 0 && e.rate) cents.set(e.rate.currency, (cents.get(e.rate.currency) ?? 0) + c);
      }
      clockify = {
        entries: dayEntries.length,
        total: toDuration(clockifySeconds),
        by_project: totals(dayEntries, (e) => e.project?.name ?? e.project?.id ?? null, (e) => entrySeconds(e, now)).map(([project, s]) => ({ project, time: toDuration(s) })),
        billable: toDuration(billable),
        billable_amount: [...cents.entries()].sort().flatMap(([currency, c]) => moneyOf(Math.round(c), currency) ?? []),
      };
    }

    let onedesk: DayOut['onedesk'] = null;
    let onedeskSeconds = 0;
    if (worklogs) {
      onedeskSeconds = dayWorklogs.reduce((s, w) => s + w.seconds, 0);
      onedesk = {
        worklogs: dayWorklogs.length,
        total: toDuration(onedeskSeconds),
        by_item: totals(dayWorklogs, (w) => w.item?.name ?? w.item?.id ?? null, (w) => w.seconds).map(([item, s]) => ({ item, time: toDuration(s) })),
      };
    }

    let helpdesk: DayOut['helpdesk'] = null;
    if (touches) {
      const tickets = new Map<string, { id: string; tracking_number: string; subject: string; actions: TouchKind[] }>();
      for (const touch of [...dayTouches].sort((a, b) => a.at.getTime() - b.at.getTime())) {
        const ticket = tickets.get(touch.ticketId) ?? { id: touch.ticketId, tracking_number: touch.trackingNumber, subject: touch.subject, actions: [] };
        if (!ticket.actions.includes(touch.kind)) ticket.actions.push(touch.kind);
        tickets.set(touch.ticketId, ticket);
      }
      helpdesk = { tickets: [...tickets.values()] };
    }

    // Differences: only between systems that answered.
    const logged = entries || worklogs ? clockifySeconds + onedeskSeconds : undefined;
    const trackedSeconds = t?.trackedSeconds ?? (tracked ? 0 : undefined);
    const gap = trackedSeconds !== undefined && logged !== undefined ? trackedSeconds - logged : undefined;
    const spans: Span[] = [
      ...dayEntries.map((e) => ({ system: 'clockify' as const, id: e.id, label: e.description || e.project?.name || '(no description)', start: e.start.getTime(), end: (e.end ?? now).getTime() })),
      ...dayWorklogs
        .filter((w) => w.start && w.finish)
        .map((w) => ({ system: 'onedesk' as const, id: w.id, label: w.item?.name ?? w.comment ?? '(worklog)', start: w.start!.getTime(), end: w.finish!.getTime() })),
    ];
    const texts = [...dayEntries.map((e) => e.description), ...dayWorklogs.map((w) => `${w.comment ?? ''} ${w.item?.name ?? ''}`)];
    const canTellTime = entries !== undefined || worklogs !== undefined;
    return {
      date,
      weekday: weekdayOf(date),
      desktime,
      clockify,
      onedesk,
      helpdesk,
      differences: {
        tracked_not_logged: gap !== undefined && gap > input.toleranceSeconds ? toDuration(gap) : null,
        logged_not_tracked: gap !== undefined && -gap > input.toleranceSeconds ? toDuration(-gap) : null,
        overlapping: overlaps(spans),
        tickets_without_time:
          helpdesk && canTellTime
            ? helpdesk.tickets
                .filter((ticket) => !named({ ticketId: ticket.id, trackingNumber: ticket.tracking_number }, texts))
                .map((ticket) => ({ tracking_number: ticket.tracking_number, subject: ticket.subject }))
            : [],
      },
    };
  });
}

// ── reconcile ────────────────────────────────────────────────────────────

/** One person's seconds per day in each system; undefined: that system has nothing to say for them. */
export interface PersonTotals {
  person: { name: string; email: string };
  /** Per day: DeskTime tracked seconds. Missing map: DeskTime unavailable for this person. */
  tracked?: Map<string, number>;
  clockify?: Map<string, number>;
  onedesk?: Map<string, number>;
  /** Why a system has no numbers for this person (not matched, unreachable). */
  notes: string[];
}

export const reconcileRowOut = z.object({
  person: z.object({ name: z.string(), email: z.string() }),
  date: z.string(),
  desktime_tracked: durationOut.nullable(),
  clockify_logged: durationOut.nullable(),
  onedesk_logged: durationOut.nullable(),
  difference: durationOut.describe('Largest gap between the systems that have numbers (tracked vs Clockify + OneDesk).'),
  direction: z.enum(['tracked_not_logged', 'logged_not_tracked', 'none']),
  flagged: z.boolean(),
  notes: z.array(z.string()),
});
export type ReconcileRow = z.infer<typeof reconcileRowOut>;

/**
 * Per person and day: DeskTime tracked against what was logged (Clockify +
 * OneDesk). A day is flagged when the gap exceeds the tolerance. Days where
 * no system has anything are left out. Sorted worst first (largest gap),
 * then by name and date so pages are stable.
 */
export function reconcileRows(people: PersonTotals[], days: string[], toleranceSeconds: number): ReconcileRow[] {
  const rows: (ReconcileRow & { gap: number })[] = [];
  for (const p of people) {
    for (const date of days) {
      const t = p.tracked?.get(date) ?? (p.tracked ? 0 : undefined);
      const c = p.clockify?.get(date) ?? (p.clockify ? 0 : undefined);
      const o = p.onedesk?.get(date) ?? (p.onedesk ? 0 : undefined);
      if (!t && !c && !o) continue;
      const logged = c === undefined && o === undefined ? undefined : (c ?? 0) + (o ?? 0);
      const gap = t !== undefined && logged !== undefined ? t - logged : 0;
      const flagged = Math.abs(gap) > toleranceSeconds;
      rows.push({
        person: p.person,
        date,
        desktime_tracked: t === undefined ? null : toDuration(t),
        clockify_logged: c === undefined ? null : toDuration(c),
        onedesk_logged: o === undefined ? null : toDuration(o),
        difference: toDuration(Math.abs(gap)),
        direction: gap > 0 ? 'tracked_not_logged' : gap < 0 ? 'logged_not_tracked' : 'none',
        flagged,
        notes: p.notes,
        gap: Math.abs(gap),
      });
    }
  }
  rows.sort((a, b) => b.gap - a.gap || a.person.name.localeCompare(b.person.name) || a.date.localeCompare(b.date));
  return rows.map(({ gap: _gap, ...row }) => row);
}

export const reconcileTotalsOut = z.object({
  people: z.number().int(),
  person_days: z.number().int(),
  flagged: z.number().int(),
  desktime_tracked: durationOut,
  clockify_logged: durationOut,
  onedesk_logged: durationOut,
});

export function reconcileTotals(people: PersonTotals[], rows: ReconcileRow[]): z.infer<typeof reconcileTotalsOut> {
  const sum = (pick: (r: ReconcileRow) => { seconds: number } | null) => toDuration(rows.reduce((s, r) => s + (pick(r)?.seconds ?? 0), 0));
  return {
    people: people.length,
    person_days: rows.length,
    flagged: rows.filter((r) => r.flagged).length,
    desktime_tracked: sum((r) => r.desktime_tracked),
    clockify_logged: sum((r) => r.clockify_logged),
    onedesk_logged: sum((r) => r.onedesk_logged),
  };
}

/** Seconds per day in `timeZone` of items with an instant and a length. */
export function secondsPerDay<T>(items: T[], at: (item: T) => Date | null, seconds: (item: T) => number, timeZone: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const item of items) {
    const when = at(item);
    if (!when) continue;
    const day = dayInZone(when, timeZone);
    map.set(day, (map.get(day) ?? 0) + seconds(item));
  }
  return map;
}

export { entrySeconds };
