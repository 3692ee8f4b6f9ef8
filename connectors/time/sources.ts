import { z } from 'zod';
import { toGatewayError } from '../../src/errors';
import { monthStartOf } from '../../src/format/dates';
import { vendorPath } from '../../src/vendor-http/path';
import { reportPlanError } from '../clockify/reports/report-args';
import { detailedReportBody, VENDOR_REPORT_PAGE_SIZE } from '../clockify/reports/requests';
import { detailedEntries, toDetailedRow, toTotals } from '../clockify/reports/shape';
import type { ReportRange } from '../clockify/reports/range';
import { vendorTimeEntry } from '../clockify/schemas';
import { toClockifyInstant } from '../clockify/time';
import { employeeDays } from '../desktime/format';
import type { VendorEmployeeDay } from '../desktime/schemas';
import { onedeskFilter } from '../onedesk/vendor';
import { toWorklog } from '../onedesk/worklogs';
import type { LoggedEntry, Source, TicketTouch, TrackedDay, Worklog } from './day';
import type { Presence } from './people';
import type { Need, Reached } from './systems';

/**
 * Reading each system for the day and team views, through the connectors'
 * own runtimes and clients (their keys, limiters, retries, deadlines),
 * never through MCP. Each reader makes a bounded number of vendor calls:
 *
 * - DeskTime: GET /employees once per calendar month the days touch (a
 *   range of up to 31 days touches at most 2), period=day for a single day;
 *   the whole company's rows come back, so a team costs the same as one person.
 * - Clockify: GET …/user/{id}/time-entries once per person per 1,000 entries;
 *   for a team, the workspace detailed report (reports host) once per
 *   200 entries of the whole team.
 * - OneDesk: POST /timesheets/filter/details once per ONEDESK_PAGE_SIZE
 *   worklogs (default 20); for a team, one filter for everyone.
 * - Help desk: the gateway's own database, no vendor call.
 *
 * Identity lookups (who the caller is, people by email) come on top the
 * first time and are cached for minutes by each connector.
 */

/**
 * What reading a system needs of the caller: the connector's read access, its
 * role (<ID>_MIN_ROLE) and the key's connector limits, as for any of its read
 * tools; not one particular toolset (which toolsets are on by default is a
 * budget choice, and these tools stand in for those calls).
 */
export const READ: Need = { access: 'read' };

export const MAX_ENTRIES = 1000;
export const MAX_WORKLOGS = 1000;

/** A system's part of an answer: where it came from, or why it is missing. */
export const sourceOut = z.object({
  system: z.string(),
  status: z.enum(['ok', 'off', 'refused', 'not_matched', 'unreachable']),
  from: z.string().nullable().describe('What was read, as whom.'),
  detail: z.string().nullable(),
});
export type SourceOut = z.infer<typeof sourceOut>;

/** How a failure to reach or read a system shows: off (not enabled), refused (policy), or unreachable. */
export function failed(thrown: unknown, system: string): { ok: false; status: 'off' | 'refused' | 'unreachable'; detail: string } {
  const error = toGatewayError(thrown, system);
  const status = error.code === 'permission_denied' ? 'refused' : error.code === 'precondition_failed' && /not enabled/.test(error.message) ? 'off' : 'unreachable';
  return { ok: false, status, detail: `${error.code}: ${error.message}${error.hint ? ` ${error.hint}` : ''}` };
}

/** A presence that is not an account, as a missing source. */
export function absent(presence: Presence): { ok: false; status: 'off' | 'refused' | 'unreachable' | 'not_matched'; detail: string } | undefined {
  if ('unreached' in presence) {
    const status = presence.code === 'permission_denied' ? 'refused' : presence.code === 'precondition_failed' && /not enabled/.test(presence.why) ? 'off' : 'unreachable';
    return { ok: false, status, detail: `${presence.code}: ${presence.why}` };
  }
  if ('missing' in presence) return { ok: false, status: 'not_matched', detail: presence.missing };
  return undefined;
}

const seconds = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.round(value)) : 0);

function trackedDay(date: string, row: VendorEmployeeDay): TrackedDay {
  return { date, arrived: row.arrived || null, left: row.left || null, trackedSeconds: seconds(row.desktimeTime), productiveSeconds: seconds(row.productiveTime) };
}

/** DeskTime's rows for these days, every employee: one /employees call per month (period=day for one day). */
export async function desktimeRows(reached: Reached<'desktime'>, days: string[]): Promise<{ zone: string; rows: { date: string; row: VendorEmployeeDay }[]; calls: number }> {
  const { ctx } = reached;
  const caller = ctx.runtime.forCaller(ctx);
  const scope = { signal: ctx.signal, deadline: ctx.deadline };
  const asks = days.length === 1 ? [{ date: days[0]!, period: 'day' as const }] : [...new Set(days.map(monthStartOf))].map((date) => ({ date, period: 'month' as const }));
  const [zone, ...answers] = await Promise.all([caller.companyTimeZone(), ...asks.map((ask) => caller.client.employees(ask, scope))]);
  const wanted = new Set(days);
  const rows: { date: string; row: VendorEmployeeDay }[] = [];
  for (const answer of answers) for (const { date, rows: list } of employeeDays(answer)) if (wanted.has(date)) for (const row of list) rows.push({ date, row });
  return { zone, rows, calls: asks.length };
}

/** One employee's tracked days. */
export function trackedDaysOf(rows: { date: string; row: VendorEmployeeDay }[], employeeId: string): TrackedDay[] {
  return rows.filter((r) => String(r.row.id) === employeeId).map((r) => trackedDay(r.date, r.row));
}

/** Tracked seconds per day per lower-case email, for a team. */
export function trackedByEmail(rows: { date: string; row: VendorEmployeeDay }[]): Map<string, { name: string | null; days: Map<string, number> }> {
  const out = new Map<string, { name: string | null; days: Map<string, number> }>();
  for (const { date, row } of rows) {
    const email = row.email?.trim().toLowerCase();
    if (!email) continue;
    const person = out.get(email) ?? { name: row.name ?? null, days: new Map<string, number>() };
    person.days.set(date, (person.days.get(date) ?? 0) + seconds(row.desktimeTime));
    out.set(email, person);
  }
  return out;
}

/** A Clockify member's entries that start in [from, to). */
export async function clockifyEntries(reached: Reached<'clockify'>, userId: string, from: Date, to: Date): Promise<LoggedEntry[]> {
  const { ctx } = reached;
  const rt = ctx.runtime;
  const ws = await rt.workspaceId(ctx);
  const raws = await rt.api.all(
    ctx,
    vendorPath('/workspaces/{workspace_id}/user/{user_id}/time-entries', { workspace_id: ws, user_id: userId }),
    vendorTimeEntry,
    { operation: 'list time entries', query: { start: toClockifyInstant(from), end: toClockifyInstant(to), hydrated: true } },
    MAX_ENTRIES,
  );
  // A rate without its currency is in the workspace's (asked only then, cached).
  const currency = raws.some((r) => r.hourlyRate && !r.hourlyRate.currency) ? (await rt.workspace(ctx, ws)).currency : null;
  const out: LoggedEntry[] = [];
  for (const raw of raws) {
    const start = Date.parse(raw.timeInterval.start ?? '');
    if (Number.isNaN(start)) continue;
    const end = raw.timeInterval.end ? Date.parse(raw.timeInterval.end) : NaN;
    const projectId = raw.projectId ?? raw.project?.id ?? null;
    const rate = raw.hourlyRate;
    const cents = rate && typeof rate.amount === 'number' ? rate.amount : rate && typeof rate.amount === 'string' && /^\d+$/.test(rate.amount) ? Number(rate.amount) : undefined;
    out.push({
      id: raw.id,
      start: new Date(start),
      end: Number.isNaN(end) ? null : new Date(end),
      description: raw.description ?? '',
      project: projectId ? { id: projectId, name: raw.project?.name ?? null } : null,
      billable: raw.billable === true,
      // A rate whose currency is unknown even to the workspace counts no amount (never a guessed one).
      rate: cents !== undefined && (rate?.currency || currency) ? { cents, currency: rate?.currency || currency! } : null,
    });
  }
  return out;
}

/**
 * Whether this key reads the whole workspace in Clockify's reports: its user
 * is a workspace admin or the owner (GET /workspaces?roles=…, the workspaces
 * where the key's user has one of those roles). A team or project manager or
 * a regular member may get a workspace report holding only part of the team
 * (their team, or themselves) with nothing in the answer saying so; such a
 * key reads per person, where a refusal is a 403 naming whom it could not read.
 */
export async function clockifyKeyReadsWorkspace(reached: Reached<'clockify'>): Promise<boolean> {
  const { ctx } = reached;
  const ws = await ctx.runtime.workspaceId(ctx);
  const workspaces = await ctx.runtime.api.call(ctx, 'GET', vendorPath('/workspaces'), z.array(z.object({ id: z.unknown() }).passthrough()), {
    operation: 'workspaces where this key is an admin',
    query: { roles: ['WORKSPACE_ADMIN', 'OWNER'] },
  });
  return workspaces.some((w) => w.id === ws);
}

/** Most detailed-report pages a team read asks for (200 entries each): 20,000 entries, far above a month of 200 people. */
export const MAX_REPORT_PAGES = 100;
/** Report pages in flight at once after the first (Clockify's limiter paces them anyway). */
const REPORT_PAGES_IN_FLIGHT = 4;

export interface TeamEntry {
  userId: string;
  start: Date;
  seconds: number;
}

/**
 * Every entry of these members (all members: `userIds` undefined) on these
 * consecutive days in `timeZone`, from the workspace detailed report
 * (POST …/reports/detailed on the reports host, DetailedReportFilterV1):
 * the connector's own body, answer reader and row mapper, paged 200 entries
 * a call, the first page's totals telling how many pages follow. Clockify
 * lets only workspace admins (and managers, for their teams) read other
 * people's time in reports; a refusal comes back as the connector maps it
 * (permission_denied with vendorStatus 403), for the caller to fall back on.
 */
export async function clockifyTeamEntries(
  reached: Reached<'clockify'>,
  userIds: string[] | undefined,
  days: string[],
  timeZone: string,
  now: Date,
): Promise<{ entries: TeamEntry[]; calls: number; total: number | null }> {
  const { ctx } = reached;
  const rt = ctx.runtime;
  const ws = await rt.workspaceId(ctx);
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const range: ReportRange = {
    start: first,
    end: last,
    days: days.length,
    timeZone,
    dateRangeStart: `${first}T00:00:00.000`,
    dateRangeEnd: `${last}T23:59:59.999`,
  };
  const path = vendorPath('/workspaces/{workspace_id}/reports/detailed', { workspace_id: ws });
  const filters = userIds ? { user_ids: userIds } : {};
  let calls = 0;
  const page = async (n: number) => {
    calls += 1;
    try {
      return (await rt.reports.request(ctx, 'POST', path, { body: detailedReportBody(range, filters, n), operation: 'detailed report for a team', idempotent: true })).body;
    } catch (error) {
      throw reportPlanError(error, range);
    }
  };
  const firstAnswer = await page(1);
  const rows: unknown[][] = [detailedEntries(firstAnswer)];
  const total = toTotals((firstAnswer as { totals?: unknown } | null)?.totals, 'USD').entries;
  if (rows[0]!.length === VENDOR_REPORT_PAGE_SIZE) {
    if (total !== null) {
      // The totals say how many pages there are: ask for the rest side by side.
      const pages = Math.min(Math.ceil(total / VENDOR_REPORT_PAGE_SIZE), MAX_REPORT_PAGES);
      const rest = Array.from({ length: Math.max(0, pages - 1) }, (_, i) => i + 2);
      const answers = new Map<number, unknown[]>();
      let next = 0;
      const worker = async () => {
        while (next < rest.length) {
          const n = rest[next++]!;
          answers.set(n, detailedEntries(await page(n)));
        }
      };
      await Promise.all(Array.from({ length: Math.min(REPORT_PAGES_IN_FLIGHT, rest.length) }, worker));
      for (const n of rest) rows.push(answers.get(n)!);
    } else {
      for (let n = 2; n <= MAX_REPORT_PAGES; n++) {
        const list = detailedEntries(await page(n));
        rows.push(list);
        if (list.length < VENDOR_REPORT_PAGE_SIZE) break;
      }
    }
  }
  const entries: TeamEntry[] = [];
  for (const raw of rows.flat()) {
    const row = toDetailedRow(raw, timeZone, 'USD');
    const start = row?.start ? Date.parse(row.start) : NaN;
    if (!row?.user_id || Number.isNaN(start)) continue;
    // A running entry counts up to now, as on the per-person path.
    const seconds = row.end === null ? Math.max(0, Math.round((now.getTime() - start) / 1000)) : row.duration_seconds;
    entries.push({ userId: row.user_id, start: new Date(start), seconds });
  }
  return { entries, calls, total };
}

/** OneDesk worklogs starting in [from, to): one author's, or everyone's (author undefined). */
export async function onedeskWorklogs(reached: Reached<'onedesk'>, author: string | undefined, from: Date, to: Date): Promise<(Worklog & { author: string | null })[]> {
  const properties: { property: string; operation: 'EQ' | 'GE' | 'LT'; value: string }[] = [];
  if (author) properties.push({ property: 'authorExternalId', operation: 'EQ', value: author });
  properties.push({ property: 'dateStart', operation: 'GE', value: from.toISOString() }, { property: 'dateStart', operation: 'LT', value: to.toISOString() });
  const answer = await onedeskFilter(reached.ctx, 'timesheets', { properties, limit: MAX_WORKLOGS, offset: 0 }, 'list worklogs');
  return answer.rows.map(toWorklog).map((w) => {
    const start = w.start ? Date.parse(w.start) : NaN;
    const finish = w.finish ? Date.parse(w.finish) : NaN;
    return {
      id: w.external_id ?? String(w.id ?? ''),
      item: w.item ? { id: w.item.id !== null ? String(w.item.id) : w.item.external_id, name: w.item.name } : null,
      start: Number.isNaN(start) ? null : new Date(start),
      finish: Number.isNaN(finish) ? null : new Date(finish),
      seconds: w.duration?.seconds ?? 0,
      comment: w.comment,
      author: w.user?.external_id ?? (w.user?.id !== null && w.user?.id !== undefined ? String(w.user.id) : null),
    };
  });
}

/** What the person did on help desk tickets, as the caller may see them. */
export async function helpdeskTouches(reached: Reached<'helpdesk'>, personId: string, from: Date, to: Date): Promise<TicketTouch[]> {
  const touches = await reached.ctx.runtime.service.tickets.touchesBy(reached.ctx.principal.user, personId, from, to);
  return touches.map((t) => ({ ...t, at: new Date(t.at) }));
}

/** Runs a read; a failure becomes the named missing part, never the whole call's failure. */
export async function settle<T>(system: string, from: string, read: () => Promise<T>): Promise<Source<T>> {
  try {
    return { ok: true, from, data: await read() };
  } catch (thrown) {
    return failed(thrown, system);
  }
}
