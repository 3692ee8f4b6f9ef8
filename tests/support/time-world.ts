import type { HelpdeskRuntime } from '../../connectors/helpdesk/runtime';
import { GENERAL_CATEGORY_ID } from '../../connectors/helpdesk/migrations';
import { dayIn, startOfDay } from '../../src/format/dates';
import { connectorCatalog } from '../../src/registry/catalog';
import { connectClient, type Era } from './clients';
import { startClockifyStandIn, STAND_IN_WS, type ClockifyStandIn } from './clockify-stand-in';
import { startDesktimeStandIn, type DesktimeStandIn } from './desktime-standin';
import { startTestGateway, type TestGateway } from './gateway';
import { startOnedeskStandIn, type OnedeskStandIn } from './onedesk-standin';

/**
 * A support team's day across all four systems, for the time tools' tests:
 * the real gateway with loopback stand-ins of Clockify, DeskTime and OneDesk
 * (each optional) and the built-in help desk. Today (in Paris), Sam tracked
 * 8 h in DeskTime but logged 3 h 30 m in Clockify (2 h billable at 85.50 EUR,
 * naming the printer ticket) and 1 h in OneDesk, and replied to two of Uma's
 * tickets; Rita tracked and logged 8 h. Sam and Rita are the help desk group
 * "Support"; Rita alone is the Clockify user group "Night shift"; Uma is a `user`.
 */
export const TIME_ZONE = 'Europe/Paris';
const CLOCKIFY_KEY = 'ckf_e2e_time_day_W8q3Re6Ty1Ui4Op';
const DESKTIME_KEY = 'dtk_e2e_time_day_5Lk2Jh8Gf4Ds1Az';
const ONEDESK_KEY = 'odk_e2e_time_day_9Mn3Bv6Cx2Za7Qw';
export const SAM_CK = '5a0ab5acb07987125438c001';
export const RITA_CK = '5a0ab5acb07987125438c002';
export const SAM_OD = '0b6f8c1e-2d3a-4b5c-8d7e-6f5a4b3c2d1e';
const PROJECT = '64a687e29ae1f428e7ebe401';

export interface TimeWorld {
  gw: TestGateway;
  clockify: ClockifyStandIn;
  desktime: DesktimeStandIn | undefined;
  onedesk: OnedeskStandIn | undefined;
  keys: { sam: string; rita: string; uma: string };
  today: string;
  /** Tracking numbers of Uma's tickets Sam replied to. */
  tickets: { printer: string; vpn: string };
  /** Calls a tool as one of the people; the structured result, or the error result as is. */
  call(who: 'sam' | 'rita' | 'uma', tool: string, args?: Record<string, unknown>, era?: Era): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** `at(9.5)`: today 09:30 in Paris, as ISO UTC. */
export function todayAt(today: string, hours: number): string {
  return new Date(startOfDay(today, TIME_ZONE).getTime() + hours * 3600_000).toISOString();
}

export async function startTimeWorld(options: { desktime?: boolean; onedesk?: boolean; env?: Record<string, string> } = {}): Promise<TimeWorld> {
  const today = dayIn(TIME_ZONE, new Date());
  const at = (hours: number) => todayAt(today, hours);
  const clockify = await startClockifyStandIn(CLOCKIFY_KEY);
  const desktime = options.desktime === false ? undefined : await startDesktimeStandIn(DESKTIME_KEY, { timeZone: TIME_ZONE });
  const onedesk = options.onedesk === false ? undefined : await startOnedeskStandIn(ONEDESK_KEY);
  const env: Record<string, string> = {
    CLOCKIFY_API_KEY: CLOCKIFY_KEY,
    CLOCKIFY_BASE_URL: clockify.baseUrl,
    CLOCKIFY_REPORTS_BASE_URL: clockify.reportsBaseUrl,
    CLOCKIFY_TIMEOUT_MS: '3000',
    ...(desktime ? { DESKTIME_API_KEY: DESKTIME_KEY, DESKTIME_BASE_URL: desktime.baseUrl, DESKTIME_TIMEOUT_MS: '3000' } : {}),
    ...(onedesk ? { ONEDESK_API_KEY: ONEDESK_KEY, ONEDESK_BASE_URL: onedesk.baseUrl, ONEDESK_TIMEOUT_MS: '3000' } : {}),
    ...options.env,
  };
  const gw = await startTestGateway({ catalog: connectorCatalog, env });

  const ids: Record<string, string> = {};
  const keys = {} as TimeWorld['keys'];
  for (const [name, email, full, role] of [
    ['sam', 'sam@example.com', 'Sam Support', 'staff'],
    ['rita', 'rita@example.com', 'Rita Ruiz', 'staff'],
    ['uma', 'uma@example.com', 'Uma User', 'user'],
  ] as const) {
    const { user } = await gw.core.auth.ensureUser({ email, name: full, role });
    ids[name] = user.id;
    keys[name] = (await gw.core.auth.createKey({ userId: user.id, name })).secret;
  }

  // Help desk: Uma's two tickets, assigned to Sam, who replies to both; a group Support of Sam and Rita.
  const helpdesk = gw.core.runtimes.get('helpdesk') as HelpdeskRuntime;
  const admin = (await gw.core.auth.listUsers()).find((u) => u.role === 'admin')!;
  const uma = (await gw.core.auth.getUser(ids.uma!))!;
  const sam = (await gw.core.auth.getUser(ids.sam!))!;
  const tickets = {} as TimeWorld['tickets'];
  for (const [key, subject] of [['printer', 'Printer jams'], ['vpn', 'VPN drops']] as const) {
    const t = await helpdesk.service.tickets.create(uma, { subject, description: `${subject} all morning.`, category_id: GENERAL_CATEGORY_ID });
    await helpdesk.service.tickets.assign(admin, { ticket_id: t.id, assignee_id: sam.id });
    await helpdesk.service.tickets.reply(sam, { ticket_id: t.id, body: 'Looking into it.' });
    tickets[key] = t.tracking_number;
  }
  const group = await helpdesk.service.groups.create(admin, { name: 'Support' });
  await helpdesk.service.groups.setMembers(admin, group.id, [ids.sam!, ids.rita!]);

  const member = (id: string, email: string, name: string) => ({ id, email, name, status: 'ACTIVE', activeWorkspace: STAND_IN_WS, settings: { timeZone: TIME_ZONE, weekStart: 'MONDAY' } });
  clockify.data.members.push(member(SAM_CK, 'sam@example.com', 'Sam Support'), member(RITA_CK, 'rita@example.com', 'Rita Ruiz'));
  // A Clockify user group with Rita alone (Clockify's user groups list; the stand-in has no built-in route for it).
  clockify.route('GET', '/workspaces/:ws/user-groups', ({ query }) => clockify.page([{ id: '64a687e29ae1f428e7ebe501', name: 'Night shift', userIds: [RITA_CK], workspaceId: STAND_IN_WS }], query));
  clockify.data.projects.push({ id: PROJECT, name: 'Support', clientId: '', archived: false });
  const entry = (id: string, userId: string, from: number, to: number, description: string, billable: boolean) => ({
    id,
    description,
    userId,
    workspaceId: STAND_IN_WS,
    projectId: PROJECT,
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
  desktime?.days.set(today, [
    { id: 11, name: 'Sam Support', email: 'sam@example.com', arrived: `${today} 09:00:00`, left: `${today} 17:30:00`, desktimeTime: 8 * 3600, productiveTime: 6.5 * 3600 },
    { id: 12, name: 'Rita Ruiz', email: 'rita@example.com', arrived: `${today} 09:00:00`, left: `${today} 17:00:00`, desktimeTime: 8 * 3600, productiveTime: 7 * 3600 },
  ]);
  onedesk?.users.push({ id: 31, externalId: SAM_OD, firstName: 'Sam', lastName: 'Support', email: 'sam@example.com' });
  onedesk?.timesheets.push({ id: 777, externalId: '7c1d2e3f-4a5b-4c6d-8e7f-000000000777', itemId: 1042, itemName: 'Onboarding', authorExternalId: SAM_OD, dateStart: at(14), dateFinish: at(15), works: 1 });

  return {
    gw,
    clockify,
    desktime,
    onedesk,
    keys,
    today,
    tickets,
    async call(who, tool, args = {}, era = 'modern') {
      const client = await connectClient(era, gw.url, keys[who]);
      try {
        return await client.callTool({ name: tool, arguments: args });
      } finally {
        await client.close();
      }
    },
    async close() {
      await gw.close();
      await Promise.all([clockify.close(), desktime?.close(), onedesk?.close()]);
    },
  };
}
