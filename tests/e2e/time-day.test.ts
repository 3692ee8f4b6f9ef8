import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERAS } from '../support/clients';
import type { OnedeskRuntime } from '../../connectors/onedesk/runtime';
import { STAND_IN_WS } from '../support/clockify-stand-in';
import { RITA_CK, SAM_CK, startTimeWorld, TIME_ZONE, todayAt, type TimeWorld } from '../support/time-world';
import { errorOf } from '../support/tool-harness';

/**
 * A support team's day across all four systems, through the whole gateway:
 * real server, official MCP clients, loopback stand-ins of Clockify,
 * DeskTime and OneDesk, the built-in help desk (tests/support/time-world.ts).
 * Today, Sam tracked 8 h in DeskTime but logged only 3 h 30 m in Clockify
 * and 1 h in OneDesk, and replied to two tickets, one of which no entry
 * names. Rita tracked and logged 8 h.
 */
const ZONE = TIME_ZONE;

type Result = { isError?: boolean; structuredContent?: Record<string, unknown>; content?: { text: string }[] };
const ok = <T = Record<string, unknown>>(r: Record<string, unknown>): T => {
  const result = r as Result;
  expect(result.isError, JSON.stringify(result.structuredContent ?? result.content)).toBeFalsy();
  return result.structuredContent as T;
};

interface Day {
  date: string;
  desktime: { tracked: { seconds: number }; arrived: string | null } | null;
  clockify: { total: { seconds: number }; billable_amount: { amount: number; currency: string }[] } | null;
  onedesk: { total: { seconds: number } } | null;
  helpdesk: { tickets: { tracking_number: string; actions: string[] }[] } | null;
  differences: { tracked_not_logged: { seconds: number; readable: string } | null; tickets_without_time: { tracking_number: string }[] };
}
interface Sheet {
  partial: boolean;
  time_zone: string;
  sources: { system: string; status: string; from: string | null; detail: string | null }[];
  days: Day[];
}

describe('time_my_day, time_timesheet and time_reconcile end to end', () => {
  let w: TimeWorld;
  let today: string;
  let tickets: TimeWorld['tickets'];
  beforeAll(async () => {
    w = await startTimeWorld();
    today = w.today;
    tickets = w.tickets;
  });
  afterAll(async () => {
    await w?.close();
  });

  it.each(ERAS)('time_my_day shows the tracked-but-not-logged gap, the billable amount and the ticket worked without time (%s client)', async (era) => {
    const sheet = ok<Sheet>(await w.call('sam', 'time_my_day', {}, era));
    expect(sheet.partial, JSON.stringify(sheet.sources)).toBe(false);
    expect(sheet.time_zone).toBe(ZONE);
    expect(sheet.sources.map((s) => [s.system, s.status])).toEqual([
      ['DeskTime', 'ok'],
      ['Clockify', 'ok'],
      ['OneDesk', 'ok'],
      ['Help desk', 'ok'],
    ]);
    expect(sheet.sources[1]!.from).toContain('Sam Support');
    const [day] = sheet.days;
    expect(day!.date).toBe(today);
    expect(day!.desktime!.tracked.seconds).toBe(8 * 3600);
    expect(day!.clockify!.total.seconds).toBe(3.5 * 3600);
    expect(day!.clockify!.billable_amount).toEqual([{ amount: 171, currency: 'EUR' }]);
    expect(day!.onedesk!.total.seconds).toBe(3600);
    // 8 h tracked − (3 h 30 m + 1 h) logged.
    expect(day!.differences.tracked_not_logged).toEqual({ seconds: 3.5 * 3600, readable: '3h 30m' });
    expect(day!.helpdesk!.tickets.map((t) => [t.tracking_number, t.actions])).toEqual([
      [tickets.printer, ['replied']],
      [tickets.vpn, ['replied']],
    ]);
    expect(day!.differences.tickets_without_time).toEqual([{ tracking_number: tickets.vpn, subject: 'VPN drops' }]);
  });

  it('time_timesheet gives each day of the week, DeskTime read once per month touched', async () => {
    const before = w.desktime!.calls.length;
    const sheet = ok<Sheet & { from: string; to: string }>(await w.call('sam', 'time_timesheet', { range: 'this week' }));
    expect(sheet.days).toHaveLength(7);
    expect(sheet.days.map((d) => d.date)).toContain(today);
    const mine = sheet.days.find((d) => d.date === today)!;
    expect(mine.differences.tracked_not_logged?.readable).toBe('3h 30m');
    expect(sheet.days.filter((d) => d.date !== today).every((d) => d.desktime!.tracked.seconds === 0 && d.clockify!.total.seconds === 0)).toBe(true);
    const months = new Set([sheet.from.slice(0, 7), sheet.to.slice(0, 7)]).size;
    expect(w.desktime!.calls.slice(before).filter((c) => c.path === '/employees')).toEqual(Array.from({ length: months }, () => expect.objectContaining({ query: expect.objectContaining({ period: 'month' }) })));
  });

  it("refuses a user asking for a colleague's day, and gives a user their own", async () => {
    const refused = errorOf(await w.call('uma', 'time_my_day', { person: 'sam@example.com' }));
    expect(refused.code).toBe('permission_denied');
    expect(refused.message).toMatch(/only your own/);
    const own = ok<Sheet>(await w.call('uma', 'time_my_day'));
    // The vendor connectors are for staff: named as refused, not silently missing.
    expect(own.sources.find((s) => s.system === 'Clockify')).toMatchObject({ status: 'refused' });
    expect(own.partial).toBe(true);
  });

  it('time_reconcile flags the person whose tracked and logged time differ, worst first, totals first', async () => {
    const out = ok<{
      team: { kind: string; name: string; people: number };
      totals: { flagged: number; person_days: number };
      rows: { person: { email: string }; difference: { readable: string }; direction: string; flagged: boolean }[];
    }>(await w.call('rita', 'time_reconcile', { team: 'Support', range: 'today' }));
    expect(Object.keys(out).indexOf('totals')).toBeLessThan(Object.keys(out).indexOf('rows'));
    expect(out.team).toEqual({ kind: 'helpdesk_group', name: 'Support', people: 2 });
    expect(out.totals).toMatchObject({ flagged: 1, person_days: 2 });
    expect(out.rows.map((r) => [r.person.email, r.difference.readable, r.direction, r.flagged])).toEqual([
      ['sam@example.com', '3h 30m', 'tracked_not_logged', true],
      ['rita@example.com', '0s', 'none', false],
    ]);
    const paged = ok<{ rows: unknown[]; next_cursor: string | null }>(await w.call('rita', 'time_reconcile', { team: 'Support', range: 'today', limit: 1 }));
    expect(paged.rows).toHaveLength(1);
    const next = ok<{ rows: { person: { email: string } }[]; next_cursor: string | null }>(
      await w.call('rita', 'time_reconcile', { team: 'Support', range: 'today', limit: 1, cursor: paged.next_cursor }),
    );
    expect(next.rows.map((r) => r.person.email)).toEqual(['rita@example.com']);
    expect(next.next_cursor).toBeNull();
  });

  it("time_reconcile reads a team's Clockify time in one workspace report filtered to its members, not once per person", async () => {
    const before = w.clockify.calls.length;
    ok(await w.call('rita', 'time_reconcile', { team: 'Support', range: 'today' }));
    const calls = w.clockify.calls.slice(before);
    const reports = calls.filter((c) => c.host === 'reports' && c.path === `/workspaces/${STAND_IN_WS}/reports/detailed`);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.body).toMatchObject({
      dateRangeStart: `${today}T00:00:00.000`,
      dateRangeEnd: `${today}T23:59:59.999`,
      timeZone: ZONE,
      users: { ids: expect.arrayContaining([SAM_CK, RITA_CK]), contains: 'CONTAINS' },
      detailedFilter: { page: 1, pageSize: 200 },
    });
    expect((reports[0]!.body as { users: { ids: string[] } }).users.ids).toHaveLength(2);
    expect(calls.filter((c) => /\/user\/[^/]+\/time-entries$/.test(c.path))).toEqual([]);
  });

  it('time_reconcile falls back to reading each person when Clockify refuses the key its workspace report (403), and says so', async () => {
    w.clockify.forbidReports = true;
    try {
      const before = w.clockify.calls.length;
      const out = ok<{
        partial: boolean;
        sources: { system: string; status: string; from: string | null; detail: string | null }[];
        rows: { person: { email: string }; clockify_logged: { readable: string } | null; flagged: boolean }[];
      }>(await w.call('rita', 'time_reconcile', { team: 'Support', range: 'today' }));
      // The same numbers as from the report.
      expect(out.rows.map((r) => [r.person.email, r.clockify_logged?.readable, r.flagged])).toEqual([
        ['sam@example.com', '3h 30m', true],
        ['rita@example.com', '8h', false],
      ]);
      const clockify = out.sources.find((s) => s.system === 'Clockify')!;
      expect(clockify.status).toBe('ok');
      expect(clockify.from).toMatch(/each one's time entries/);
      expect(clockify.detail).toMatch(/HTTP 403/);
      expect(clockify.detail).toMatch(/once per person \(2 calls\)/);
      const calls = w.clockify.calls.slice(before);
      expect(calls.filter((c) => c.host === 'reports')).toHaveLength(1);
      expect(calls.filter((c) => /\/user\/[^/]+\/time-entries$/.test(c.path)).map((c) => c.path).sort()).toEqual(
        [SAM_CK, RITA_CK].map((id) => `/workspaces/${STAND_IN_WS}/user/${id}/time-entries`).sort(),
      );
    } finally {
      w.clockify.forbidReports = false;
    }
  });

  it('time_reconcile reads each person, and says why, when the Clockify key is not a workspace admin (a report could hold only part of the team)', async () => {
    w.clockify.keyRoles = ['TEAM_MANAGER'];
    try {
      const before = w.clockify.calls.length;
      const out = ok<{
        sources: { system: string; status: string; from: string | null; detail: string | null }[];
        rows: { person: { email: string }; clockify_logged: { readable: string } | null; flagged: boolean }[];
      }>(await w.call('rita', 'time_reconcile', { team: 'Support', range: 'today' }));
      expect(out.rows.map((r) => [r.person.email, r.clockify_logged?.readable, r.flagged])).toEqual([
        ['sam@example.com', '3h 30m', true],
        ['rita@example.com', '8h', false],
      ]);
      const clockify = out.sources.find((s) => s.system === 'Clockify')!;
      expect(clockify.from).toMatch(/each one's time entries/);
      expect(clockify.detail).toMatch(/not a workspace admin or owner/);
      const calls = w.clockify.calls.slice(before);
      expect(calls.filter((c) => c.host === 'reports')).toHaveLength(0);
      expect(calls.filter((c) => /\/user\/[^/]+\/time-entries$/.test(c.path))).toHaveLength(2);
    } finally {
      w.clockify.keyRoles = ['OWNER'];
    }
  });

  it('gives a partial answer naming DeskTime when it is down', async () => {
    w.desktime!.down = true;
    try {
      const sheet = ok<Sheet>(await w.call('sam', 'time_my_day'));
      expect(sheet.partial).toBe(true);
      expect(sheet.sources.find((s) => s.system === 'DeskTime')).toMatchObject({ status: 'unreachable', from: null });
      expect(sheet.sources.find((s) => s.system === 'DeskTime')!.detail).toMatch(/DeskTime/);
      expect(sheet.sources.find((s) => s.system === 'Clockify')).toMatchObject({ status: 'ok' });
      expect(sheet.days[0]!.desktime).toBeNull();
      expect(sheet.days[0]!.clockify!.total.seconds).toBe(3.5 * 3600);
      // No DeskTime numbers, so no tracked-vs-logged claim.
      expect(sheet.days[0]!.differences.tracked_not_logged).toBeNull();
      } finally {
      w.desktime!.down = false;
    }
  });
});

/**
 * A team of 40 besides Sam and Rita, each tracking 6 h in DeskTime today and
 * logging six 1 h Clockify entries (T07 logs only two), plus Olga, whom only
 * OneDesk knows (2 h of worklogs today), listed there after 200 other users.
 */
describe('time_reconcile for everyone in a larger team', () => {
  const TEAM = 40;
  let w: TimeWorld;
  beforeAll(async () => {
    w = await startTimeWorld();
    const at = (hours: number) => todayAt(w.today, hours);
    const rows = w.desktime!.days.get(w.today)!;
    for (let p = 1; p <= TEAM; p++) {
      const n = String(p).padStart(2, '0');
      const id = `5a0ab5acb07987125438d${n.padStart(3, '0')}`;
      const email = `t${n}@example.com`;
      w.clockify.data.members.push({ id, email, name: `Team ${n}`, status: 'ACTIVE', activeWorkspace: STAND_IN_WS, settings: { timeZone: ZONE, weekStart: 'MONDAY' } });
      rows.push({ id: 100 + p, name: `Team ${n}`, email, arrived: `${w.today} 09:00:00`, left: `${w.today} 15:00:00`, desktimeTime: 6 * 3600, productiveTime: 5 * 3600 });
      for (let e = 0; e < (p === 7 ? 2 : 6); e++) {
        w.clockify.data.timeEntries.push({
          id: `64a687e29ae1f428e7e${(p * 10 + e).toString(16).padStart(5, '0')}`,
          description: `Queue ${e}`,
          userId: id,
          workspaceId: STAND_IN_WS,
          projectId: null,
          tagIds: [],
          billable: false,
          type: 'REGULAR',
          timeInterval: { start: at(9 + e), end: at(10 + e), duration: 'PT3600S' },
        });
      }
    }
    // 200 OneDesk users without an email first, so Olga comes after the first 200 (the connector's name directory).
    for (let i = 0; i < 200; i++) w.onedesk!.users.push({ id: 2000 + i, externalId: `00000000-0000-4000-8000-${String(2000 + i).padStart(12, '0')}`, firstName: 'Guest', lastName: String(i) });
    w.onedesk!.users.push({ id: 61, externalId: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', firstName: 'Olga', lastName: 'Onedesk', email: 'olga@example.com' });
    w.onedesk!.timesheets.push({ id: 778, externalId: '7c1d2e3f-4a5b-4c6d-8e7f-000000000778', itemId: 1042, itemName: 'Onboarding', authorExternalId: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', dateStart: at(10), dateFinish: at(12), works: 2 });
  });
  afterAll(async () => {
    await w?.close();
  });

  type Out = {
    team: { kind: string; people: number };
    totals: { flagged: number };
    sources: { system: string; status: string; from: string | null }[];
    rows: { person: { email: string }; desktime_tracked: { seconds: number } | null; clockify_logged: { seconds: number } | null; onedesk_logged: { seconds: number } | null; flagged: boolean; notes: string[] }[];
  };

  it("reads everyone's Clockify time in two report pages (243 entries, 200 a page), not once per person", async () => {
    const before = w.clockify.calls.length;
    const out = ok<Out>(await w.call('rita', 'time_reconcile', { range: 'today', limit: 200 }));
    const calls = w.clockify.calls.slice(before);
    expect(out.team.kind).toBe('everyone');
    expect(out.team.people).toBeGreaterThan(TEAM);
    const reports = calls.filter((c) => c.host === 'reports');
    expect(reports.map((c) => (c.body as { detailedFilter: { page: number } }).detailedFilter.page).sort()).toEqual([1, 2]);
    // Everyone is every member: no users filter.
    expect(reports.every((c) => (c.body as { users?: unknown }).users === undefined)).toBe(true);
    expect(calls.filter((c) => /\/user\/[^/]+\/time-entries$/.test(c.path))).toEqual([]);
    // Report pages, the member list and the first call's identity lookups: a handful for 40+ people.
    expect(calls.length).toBeLessThanOrEqual(6);
    const row = (email: string) => out.rows.find((r) => r.person.email === email);
    expect(row('t01@example.com')).toMatchObject({ clockify_logged: { seconds: 6 * 3600 }, desktime_tracked: { seconds: 6 * 3600 }, flagged: false });
    expect(row('t07@example.com')).toMatchObject({ clockify_logged: { seconds: 2 * 3600 }, flagged: true });
    expect(row('sam@example.com')).toMatchObject({ clockify_logged: { seconds: 3.5 * 3600 }, flagged: true });
    expect(out.totals.flagged).toBe(2);
    expect(out.sources.find((s) => s.system === 'Clockify')).toMatchObject({ status: 'ok', from: expect.stringMatching(/workspace detailed report \(2 calls\)/) });
  });

  it('includes a person only OneDesk knows, matched by email past its first 200 users, with their worklogs and the systems that lack them named', async () => {
    const out = ok<Out>(await w.call('rita', 'time_reconcile', { range: 'today', limit: 200 }));
    const olga = out.rows.find((r) => r.person.email === 'olga@example.com');
    expect(olga).toMatchObject({ onedesk_logged: { seconds: 2 * 3600 }, desktime_tracked: null, clockify_logged: null });
    expect(olga!.notes).toEqual(['DeskTime: no employee has the email olga@example.com', 'Clockify: no workspace member has the email olga@example.com']);
    expect(out.sources.find((s) => s.system === 'OneDesk')).toMatchObject({ status: 'ok', detail: null });
  });

  it("names OneDesk when its user list cannot be read, instead of saying no one has a OneDesk user", async () => {
    (w.gw.core.runtimes.get('onedesk') as OnedeskRuntime).cache.clear();
    w.onedesk!.failNext('/users/filter/details', 403);
    const out = ok<Out & { partial: boolean }>(await w.call('rita', 'time_reconcile', { range: 'today', limit: 200 }));
    expect(out.partial).toBe(true);
    expect(out.sources.find((s) => s.system === 'OneDesk')).toMatchObject({ status: 'refused', from: null });
    expect(out.rows.flatMap((r) => r.notes).filter((n) => n.startsWith('OneDesk'))).toEqual([]);
    expect(out.rows.every((r) => r.onedesk_logged === null)).toBe(true);
    // Olga is known only to OneDesk: not listed while its users cannot be read.
    expect(out.rows.map((r) => r.person.email)).not.toContain('olga@example.com');
  });
});
