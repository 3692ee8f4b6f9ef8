import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HelpdeskRuntime } from '../../connectors/helpdesk/runtime';
import { GENERAL_CATEGORY_ID } from '../../connectors/helpdesk/migrations';
import { dayIn, startOfDay } from '../../src/format/dates';
import { connectorCatalog } from '../../src/registry/catalog';
import { connectClient, ERAS } from '../support/clients';
import { startClockifyStandIn, STAND_IN_WS, type ClockifyStandIn } from '../support/clockify-stand-in';
import { startDesktimeStandIn, type DesktimeStandIn } from '../support/desktime-standin';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { startOnedeskStandIn, type OnedeskStandIn } from '../support/onedesk-standin';
import { errorOf } from '../support/tool-harness';

/**
 * A support team's day across all four systems, through the whole gateway:
 * real server, official MCP clients, loopback stand-ins of Clockify,
 * DeskTime and OneDesk, the built-in help desk. Today (Paris), Sam tracked
 * 8 h in DeskTime but logged only 3 h 30 m in Clockify and 1 h in OneDesk,
 * and replied to two tickets, one of which no entry names. Rita tracked and
 * logged 8 h.
 */
const CLOCKIFY_KEY = 'ckf_e2e_time_day_W8q3Re6Ty1Ui4Op';
const DESKTIME_KEY = 'dtk_e2e_time_day_5Lk2Jh8Gf4Ds1Az';
const ONEDESK_KEY = 'odk_e2e_time_day_9Mn3Bv6Cx2Za7Qw';
const ZONE = 'Europe/Paris';
const SAM_CK = '5a0ab5acb07987125438c001';
const RITA_CK = '5a0ab5acb07987125438c002';
const SAM_OD = '0b6f8c1e-2d3a-4b5c-8d7e-6f5a4b3c2d1e';

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
  let gw: TestGateway;
  let clockify: ClockifyStandIn;
  let desktime: DesktimeStandIn;
  let onedesk: OnedeskStandIn;
  const keys: Record<string, string> = {};
  const today = dayIn(ZONE, new Date());
  const at = (hours: number) => new Date(startOfDay(today, ZONE).getTime() + hours * 3600_000).toISOString();
  const tickets: Record<string, string> = {};

  beforeAll(async () => {
    clockify = await startClockifyStandIn(CLOCKIFY_KEY);
    desktime = await startDesktimeStandIn(DESKTIME_KEY, { timeZone: ZONE });
    onedesk = await startOnedeskStandIn(ONEDESK_KEY);
    gw = await startTestGateway({
      catalog: connectorCatalog,
      env: {
        CLOCKIFY_API_KEY: CLOCKIFY_KEY,
        CLOCKIFY_BASE_URL: clockify.baseUrl,
        CLOCKIFY_REPORTS_BASE_URL: clockify.reportsBaseUrl,
        CLOCKIFY_TIMEOUT_MS: '3000',
        DESKTIME_API_KEY: DESKTIME_KEY,
        DESKTIME_BASE_URL: desktime.baseUrl,
        DESKTIME_TIMEOUT_MS: '3000',
        ONEDESK_API_KEY: ONEDESK_KEY,
        ONEDESK_BASE_URL: onedesk.baseUrl,
        ONEDESK_TIMEOUT_MS: '3000',
      },
    });
    const users: Record<string, { id: string }> = {};
    for (const [name, email, full, role] of [
      ['sam', 'sam@example.com', 'Sam Support', 'staff'],
      ['rita', 'rita@example.com', 'Rita Ruiz', 'staff'],
      ['uma', 'uma@example.com', 'Uma User', 'user'],
    ] as const) {
      const { user } = await gw.core.auth.ensureUser({ email, name: full, role });
      users[name] = user;
      keys[name] = (await gw.core.auth.createKey({ userId: user.id, name })).secret;
    }

    // Help desk: Uma's two tickets, assigned to Sam, who replies to both; a group Support of Sam and Rita.
    const helpdesk = gw.core.runtimes.get('helpdesk') as HelpdeskRuntime;
    const admin = (await gw.core.auth.listUsers()).find((u) => u.role === 'admin')!;
    const uma = (await gw.core.auth.getUser(users.uma!.id))!;
    const sam = (await gw.core.auth.getUser(users.sam!.id))!;
    for (const [key, subject] of [['printer', 'Printer jams'], ['vpn', 'VPN drops']] as const) {
      const t = await helpdesk.service.tickets.create(uma, { subject, description: `${subject} all morning.`, category_id: GENERAL_CATEGORY_ID });
      await helpdesk.service.tickets.assign(admin, { ticket_id: t.id, assignee_id: sam.id });
      await helpdesk.service.tickets.reply(sam, { ticket_id: t.id, body: 'Looking into it.' });
      tickets[key] = t.tracking_number;
    }
    const group = await helpdesk.service.groups.create(admin, { name: 'Support' });
    await helpdesk.service.groups.setMembers(admin, group.id, [users.sam!.id, users.rita!.id]);

    // Clockify: Sam logged 3 h 30 m (2 h billable at 85.50 EUR naming the printer ticket), Rita 8 h.
    const member = (id: string, email: string, name: string) => ({ id, email, name, status: 'ACTIVE', activeWorkspace: STAND_IN_WS, settings: { timeZone: ZONE, weekStart: 'MONDAY' } });
    clockify.data.members.push(member(SAM_CK, 'sam@example.com', 'Sam Support'), member(RITA_CK, 'rita@example.com', 'Rita Ruiz'));
    clockify.data.projects.push({ id: '64a687e29ae1f428e7ebe401', name: 'Support', clientId: '', archived: false });
    const entry = (id: string, userId: string, from: number, to: number, description: string, billable: boolean) => ({
      id,
      description,
      userId,
      workspaceId: STAND_IN_WS,
      projectId: '64a687e29ae1f428e7ebe401',
      tagIds: [],
      billable,
      type: 'REGULAR',
      timeInterval: { start: at(from), end: at(to), duration: `PT${Math.round((to - from) * 3600)}S` },
      hourlyRate: { amount: 8550, currency: 'EUR' },
    });
    clockify.data.timeEntries.push(
      entry('64a687e29ae1f428e7eb0001', SAM_CK, 9, 11, `${tickets.printer} Printer jams`, true),
      entry('64a687e29ae1f428e7eb0002', SAM_CK, 11, 12.5, 'Email triage', false),
      entry('64a687e29ae1f428e7eb0003', RITA_CK, 9, 17, 'Queue', false),
    );

    // DeskTime: both tracked 8 h today.
    desktime.days.set(today, [
      { id: 11, name: 'Sam Support', email: 'sam@example.com', arrived: `${today} 09:00:00`, left: `${today} 17:30:00`, desktimeTime: 8 * 3600, productiveTime: 6.5 * 3600 },
      { id: 12, name: 'Rita Ruiz', email: 'rita@example.com', arrived: `${today} 09:00:00`, left: `${today} 17:00:00`, desktimeTime: 8 * 3600, productiveTime: 7 * 3600 },
    ]);

    // OneDesk: Sam logged 1 h on an item.
    onedesk.users.push({ id: 31, externalId: SAM_OD, firstName: 'Sam', lastName: 'Support', email: 'sam@example.com' });
    onedesk.timesheets.push({ id: 777, externalId: '7c1d2e3f-4a5b-4c6d-8e7f-000000000777', itemId: 1042, itemName: 'Onboarding', authorExternalId: SAM_OD, dateStart: at(14), dateFinish: at(15), works: 1 });
  });

  afterAll(async () => {
    await gw?.close();
    await Promise.all([clockify?.close(), desktime?.close(), onedesk?.close()]);
  });

  it.each(ERAS)('time_my_day shows the tracked-but-not-logged gap, the billable amount and the ticket worked without time (%s client)', async (era) => {
    const client = await connectClient(era, gw.url, keys.sam);
    const sheet = ok<Sheet>(await client.callTool({ name: 'time_my_day', arguments: {} }));
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
    await client.close();
  });

  it('time_timesheet gives each day of the week, DeskTime read once per month touched', async () => {
    const client = await connectClient('modern', gw.url, keys.sam);
    const before = desktime.calls.length;
    const sheet = ok<Sheet & { from: string; to: string }>(await client.callTool({ name: 'time_timesheet', arguments: { range: 'this week' } }));
    expect(sheet.days).toHaveLength(7);
    expect(sheet.days.map((d) => d.date)).toContain(today);
    const mine = sheet.days.find((d) => d.date === today)!;
    expect(mine.differences.tracked_not_logged?.readable).toBe('3h 30m');
    expect(sheet.days.filter((d) => d.date !== today).every((d) => d.desktime!.tracked.seconds === 0 && d.clockify!.total.seconds === 0)).toBe(true);
    const months = new Set([sheet.from.slice(0, 7), sheet.to.slice(0, 7)]).size;
    expect(desktime.calls.slice(before).filter((c) => c.path === '/employees')).toEqual(Array.from({ length: months }, () => expect.objectContaining({ query: expect.objectContaining({ period: 'month' }) })));
    await client.close();
  });

  it("refuses a user asking for a colleague's day, and gives a user their own", async () => {
    const client = await connectClient('modern', gw.url, keys.uma);
    const refused = errorOf(await client.callTool({ name: 'time_my_day', arguments: { person: 'sam@example.com' } }));
    expect(refused.code).toBe('permission_denied');
    expect(refused.message).toMatch(/only your own/);
    const own = ok<Sheet>(await client.callTool({ name: 'time_my_day', arguments: {} }));
    // The vendor connectors are for staff: named as refused, not silently missing.
    expect(own.sources.find((s) => s.system === 'Clockify')).toMatchObject({ status: 'refused' });
    expect(own.partial).toBe(true);
    await client.close();
  });

  it('time_reconcile flags the person whose tracked and logged time differ, worst first, totals first', async () => {
    const client = await connectClient('modern', gw.url, keys.rita);
    const out = ok<{
      team: { kind: string; name: string; people: number };
      totals: { flagged: number; person_days: number };
      rows: { person: { email: string }; difference: { readable: string }; direction: string; flagged: boolean }[];
    }>(await client.callTool({ name: 'time_reconcile', arguments: { team: 'Support', range: 'today' } }));
    expect(Object.keys(out).indexOf('totals')).toBeLessThan(Object.keys(out).indexOf('rows'));
    expect(out.team).toEqual({ kind: 'helpdesk_group', name: 'Support', people: 2 });
    expect(out.totals).toMatchObject({ flagged: 1, person_days: 2 });
    expect(out.rows.map((r) => [r.person.email, r.difference.readable, r.direction, r.flagged])).toEqual([
      ['sam@example.com', '3h 30m', 'tracked_not_logged', true],
      ['rita@example.com', '0s', 'none', false],
    ]);
    const paged = ok<{ rows: unknown[]; next_cursor: string | null }>(await client.callTool({ name: 'time_reconcile', arguments: { team: 'Support', range: 'today', limit: 1 } }));
    expect(paged.rows).toHaveLength(1);
    const next = ok<{ rows: { person: { email: string } }[]; next_cursor: string | null }>(
      await client.callTool({ name: 'time_reconcile', arguments: { team: 'Support', range: 'today', limit: 1, cursor: paged.next_cursor } }),
    );
    expect(next.rows.map((r) => r.person.email)).toEqual(['rita@example.com']);
    expect(next.next_cursor).toBeNull();
    await client.close();
  });

  it('gives a partial answer naming DeskTime when it is down', async () => {
    desktime.down = true;
    try {
      const client = await connectClient('modern', gw.url, keys.sam);
      const sheet = ok<Sheet>(await client.callTool({ name: 'time_my_day', arguments: {} }));
      expect(sheet.partial).toBe(true);
      expect(sheet.sources.find((s) => s.system === 'DeskTime')).toMatchObject({ status: 'unreachable', from: null });
      expect(sheet.sources.find((s) => s.system === 'DeskTime')!.detail).toMatch(/DeskTime/);
      expect(sheet.sources.find((s) => s.system === 'Clockify')).toMatchObject({ status: 'ok' });
      expect(sheet.days[0]!.desktime).toBeNull();
      expect(sheet.days[0]!.clockify!.total.seconds).toBe(3.5 * 3600);
      // No DeskTime numbers, so no tracked-vs-logged claim.
      expect(sheet.days[0]!.differences.tracked_not_logged).toBeNull();
      await client.close();
    } finally {
      desktime.down = false;
    }
  });
});
