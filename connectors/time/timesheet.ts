import { z } from 'zod';
import { invalidArgument } from '../../src/errors';
import { addDays, isKnownTimeZone, resolveSpan, startOfDay } from '../../src/format/dates';
import type { VendorAccount } from '../../src/identity/identity';
import { assembleDays, dayOut, daysOf, type Source, type TrackedDay } from './day';
import { personOut, presenceAcross, resolvePerson, toPersonOut, type Person, type Presence } from './people';
import type { TimeContext } from './runtime';
import { absent, READ, clockifyEntries, desktimeRows, failed, helpdeskTouches, onedeskWorklogs, settle, sourceOut, trackedDaysOf, type SourceOut } from './sources';
import { reach, SYSTEM_NAMES, type SystemId } from './systems';

/** The day and timesheet views of one person (time_my_day, time_timesheet). */

export const MAX_DAYS = 31;
export const DEFAULT_TOLERANCE_MINUTES = 30;
/** The order parts are read and shown in. */
const ORDER = ['desktime', 'clockify', 'onedesk', 'helpdesk'] as const satisfies readonly SystemId[];

export const timesheetOut = z.object({
  person: personOut,
  time_zone: z.string(),
  time_zone_from: z.string(),
  from: z.string(),
  to: z.string(),
  partial: z.boolean().describe('true: some system is missing; sources says which and why.'),
  sources: z.array(sourceOut),
  days: z.array(dayOut),
});
export type TimesheetOut = z.infer<typeof timesheetOut>;

const label = (a: VendorAccount) => [a.name, a.email ? `<${a.email}>` : null].filter(Boolean).join(' ') || `id ${a.id}`;

/**
 * The person's own account in a system. When "my" reads there would land on
 * the shared key's owner instead (the caller is not matched), that is not
 * the person: comparing it with their other systems would mix two people.
 */
function accountOf(presence: Presence | undefined): { account: VendorAccount; note?: string } | undefined {
  if (!presence || !('account' in presence) || presence.actedAs?.how === 'shared_key_as_owner') return undefined;
  return { account: presence.account, note: presence.actedAs?.note };
}

/** The zone days are read in: the person's Clockify profile, else DeskTime's company zone, else the gateway's. */
async function zoneFor(ctx: TimeContext, clockify: VendorAccount | undefined): Promise<{ zone: string; from: string }> {
  if (clockify?.timeZone && isKnownTimeZone(clockify.timeZone)) return { zone: clockify.timeZone, from: 'their Clockify profile' };
  try {
    const reached = await reach(ctx, 'desktime', READ);
    return { zone: await reached.ctx.runtime.forCaller(reached.ctx).companyTimeZone(), from: "DeskTime's company settings" };
  } catch {
    return { zone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', from: "the gateway's clock (no system gives a zone)" };
  }
}

/** One person's days across the systems; a system that is off or fails is named in `sources`, never silently left out. */
export async function personDays(ctx: TimeContext, args: { person?: string; span: string; field: string; maxDays: number; toleranceMinutes?: number }): Promise<TimesheetOut> {
  const person: Person = await resolvePerson(ctx, args.person);
  const presences = await presenceAcross(ctx, person, ORDER);
  const at = (system: SystemId) => presences[ORDER.indexOf(system as (typeof ORDER)[number])];
  const clockifyAccount = accountOf(at('clockify'));
  const zone = await zoneFor(ctx, clockifyAccount?.account);
  const now = ctx.runtime.now();
  const span = resolveSpan(args.span, { timeZone: zone.zone, now, field: args.field, connector: 'time' });
  const days = daysOf(span.start, span.end);
  if (days.length > args.maxDays) {
    throw invalidArgument(`${span.start}..${span.end} is ${days.length} days; at most ${args.maxDays}.`, {
      connector: 'time',
      fields: [{ field: args.field, problem: `more than ${args.maxDays} days` }],
      hint: `Ask for at most ${args.maxDays} days per call (e.g. "last week", "this month").`,
    });
  }
  const from = startOfDay(span.start, zone.zone);
  const to = startOfDay(addDays(span.end, 1), zone.zone);
  const sources: SourceOut[] = [];

  const read = async <T>(system: (typeof ORDER)[number], what: (account: VendorAccount) => string, run: (account: VendorAccount) => Promise<T>): Promise<Source<T>> => {
    const presence = at(system);
    const missing = presence ? absent(presence) : undefined;
    const found = accountOf(presence);
    if (missing || !found) {
      const owner = presence && 'account' in presence ? presence.actedAs?.note : undefined;
      return missing ?? { ok: false, status: 'not_matched', detail: owner ? `not read: ${owner}` : 'not looked up' };
    }
    return settle(system, `${what(found.account)}${found.note ? ` (${found.note})` : ''}`, () => run(found.account));
  };

  let desktimeZone: string | undefined;
  const [desktime, clockify, onedesk, helpdesk] = await Promise.all([
    read('desktime', (a) => `DeskTime GET /employees, employee ${label(a)}`, async (a): Promise<TrackedDay[]> => {
      const reached = await reach(ctx, 'desktime', READ);
      const answer = await desktimeRows(reached, days);
      desktimeZone = answer.zone;
      return trackedDaysOf(answer.rows, a.id);
    }),
    read('clockify', (a) => `Clockify time entries of ${label(a)}`, async (a) => clockifyEntries(await reach(ctx, 'clockify', READ), a.id, from, to)),
    read('onedesk', (a) => `OneDesk worklogs by ${label(a)}`, async (a) => onedeskWorklogs(await reach(ctx, 'onedesk', READ), a.id, from, to)),
    read('helpdesk', (a) => `help desk replies and status changes by ${label(a)}, on tickets you can see`, async (a) =>
      helpdeskTouches(await reach(ctx, 'helpdesk', READ), a.id, from, to),
    ),
  ]);
  const parts = { desktime, clockify, onedesk, helpdesk };
  for (const system of ORDER) {
    const part = parts[system];
    sources.push(part.ok ? { system: SYSTEM_NAMES[system], status: 'ok', from: part.from, detail: null } : { system: SYSTEM_NAMES[system], status: part.status, from: null, detail: part.detail });
  }
  const out = assembleDays({
    days,
    timeZone: zone.zone,
    desktimeZone,
    desktime,
    clockify,
    onedesk,
    helpdesk,
    toleranceSeconds: (args.toleranceMinutes ?? DEFAULT_TOLERANCE_MINUTES) * 60,
    now,
  });
  return {
    person: toPersonOut(person),
    time_zone: zone.zone,
    time_zone_from: zone.from,
    from: span.start,
    to: span.end,
    partial: sources.some((s) => s.status !== 'ok'),
    sources,
    days: out,
  };
}

export { failed };
