import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERAS } from '../support/clients';
import { startTimeWorld, TIME_ZONE, type TimeWorld } from '../support/time-world';
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
