import type { HelpdeskRuntime } from '../connectors/helpdesk/runtime';
import { GENERAL_CATEGORY_ID } from '../connectors/helpdesk/migrations';
import { addDays, dayIn, startOfDay, weekStartOf } from '../src/format/dates';
import { connectorCatalog } from '../src/registry/catalog';
import { startClockifyStandIn, STAND_IN_ME, STAND_IN_WS, type ClockifyStandIn, type Entity, type StandInRequest } from '../tests/support/clockify-stand-in';
import { startTestGateway, type TestGateway } from '../tests/support/gateway';
import { startDesktimeStandIn, type DesktimeStandIn } from '../tests/support/desktime-standin';
import { startOnedeskStandIn, type OnedeskStandIn } from '../tests/support/onedesk-standin';

/**
 * The eval's world: the real gateway with every connector on its default
 * toolsets (no <ID>_TOOLSETS), loopback stand-ins of Clockify, DeskTime and
 * OneDesk holding a small team, the built-in help desk with a few tickets, and one
 * staff member, Sam, whose deskgate email is also his email in every vendor
 * system. The shared keys belong to someone else (Alice Moreau in Clockify
 * and DeskTime; OneDesk cannot say whom),
 * so every "my" write must land on Sam's own account, never the key owner's.
 */
export const ZONE = 'Europe/Paris';
const CLOCKIFY_KEY = 'ckf_eval_shared_R4t8Yu2Io6Pa3Sd';
const ONEDESK_KEY = 'odk_eval_shared_H5j9Kl3Zx7Cv1Bn';
const DESKTIME_KEY = 'dtk_eval_shared_P2o6Iu4Yt8Re3Wq';

export const SAM = { email: 'sam@example.com', name: 'Sam Support' };
export const SAM_CK = '5a0ab5acb07987125438c101';
export const MIA_CK = '5a0ab5acb07987125438c102';
export const MAX_CK = '5a0ab5acb07987125438c103';
export const SAM_OD = '0b6f8c1e-2d3a-4b5c-8d7e-6f5a4b3c2e01';
/** DeskTime employee ids: Alice owns the shared key. */
export const DT = { alice: 10, sam: 11, mia: 12, max: 13 };
export const IDS = {
  acmeClient: '6410a1b2c3d4e5f6a7b8c901',
  acme: '65b1c2d3e4f5a6b7c8d9e001',
  internal: '65b1c2d3e4f5a6b7c8d9e002',
  support: '65b1c2d3e4f5a6b7c8d9e003',
  intranet: '65b1c2d3e4f5a6b7c8d9e004',
  design: '66c1d2e3f4a5b6c7d8e9f001',
  development: '66c1d2e3f4a5b6c7d8e9f002',
  overtime: '67d1e2f3a4b5c6d7e8f9a001',
  meeting: '67d1e2f3a4b5c6d7e8f9a002',
};
const RATE_CENTS = 8550;

export interface EvalWorld {
  gw: TestGateway;
  clockify: ClockifyStandIn;
  onedesk: OnedeskStandIn;
  desktime: DesktimeStandIn;
  /** Sam's deskgate API key (staff, no limits). */
  key: string;
  samUserId: string;
  today: string;
  yesterday: string;
  /** Monday of last week (Sam's Clockify week starts on Monday). */
  lastMonday: string;
  tickets: { laptop: string; mail: string; mouse: string; vpn: string };
  close(): Promise<void>;
}

/** `at(day, 14.5)`: that day 14:30 in Paris, as ISO UTC. */
export const at = (day: string, hours: number) => new Date(startOfDay(day, ZONE).getTime() + hours * 3600_000).toISOString();

function entry(id: string, userId: string, day: string, from: number, to: number, projectId: string | null, description: string, billable: boolean, extra: Partial<Entity> = {}): Entity {
  return {
    id,
    description,
    userId,
    workspaceId: STAND_IN_WS,
    projectId,
    taskId: null,
    tagIds: [],
    billable,
    type: 'REGULAR',
    timeInterval: { start: at(day, from), end: at(day, to), duration: `PT${Math.round((to - from) * 3600)}S` },
    hourlyRate: { amount: RATE_CENTS, currency: 'EUR' },
    ...extra,
  };
}

const seconds = (e: Entity) => {
  const t = e.timeInterval as { start: string; end: string | null };
  return Math.round(((t.end ? Date.parse(t.end) : Date.now()) - Date.parse(t.start)) / 1000);
};

/**
 * Clockify's reports host, computed from the stand-in's entries: the summary
 * (first group: project or user), the detailed report (one page) and the
 * weekly report (by user or project),
 * filtered by range and users as Clockify does.
 */
function reportRoutes(clockify: ClockifyStandIn) {
  const d = clockify.data;
  const people = () => [d.user, ...d.members];
  const select = (body: Record<string, unknown>) => {
    const from = Date.parse(String(body.dateRangeStart));
    const to = Date.parse(String(body.dateRangeEnd));
    const users = (body.users as { ids?: string[] } | undefined)?.ids;
    const projects = (body.projects as { ids?: string[] } | undefined)?.ids;
    return d.timeEntries.filter((e) => {
      const start = Date.parse((e.timeInterval as { start: string }).start);
      return start >= from && start <= to && (!users || users.includes(e.userId as string)) && (!projects || projects.includes(e.projectId as string));
    });
  };
  const amount = (list: Entity[]) => list.filter((e) => e.billable).reduce((sum, e) => sum + (seconds(e) / 3600) * RATE_CENTS, 0);
  const totals = (list: Entity[]) => [
    {
      _id: '',
      totalTime: list.reduce((s, e) => s + seconds(e), 0),
      totalBillableTime: list.filter((e) => e.billable).reduce((s, e) => s + seconds(e), 0),
      entriesCount: list.length,
      amounts: [{ type: 'EARNED', value: amount(list), amountByCurrencies: [{ currency: 'EUR', amount: amount(list) }] }],
    },
  ];
  const groupKey = (group: string, e: Entity): { id: string; name: string } => {
    if (group === 'USER') {
      const u = people().find((p) => p.id === e.userId);
      return { id: String(e.userId), name: String(u?.name ?? '') };
    }
    const p = d.projects.find((x) => x.id === e.projectId);
    return { id: String(e.projectId ?? ''), name: String(p?.name ?? 'Without project') };
  };
  const groups = (list: Entity[], group: string) => {
    const out = new Map<string, { _id: string; name: string; list: Entity[] }>();
    for (const e of list) {
      const k = groupKey(group, e);
      if (!out.has(k.id)) out.set(k.id, { _id: k.id, name: k.name, list: [] });
      out.get(k.id)!.list.push(e);
    }
    return [...out.values()];
  };
  clockify.route(
    'POST',
    '/workspaces/:ws/reports/summary',
    ({ body }: StandInRequest) => {
      const b = body as Record<string, unknown>;
      const list = select(b);
      const group = ((b.summaryFilter as { groups: string[] }).groups[0] ?? 'PROJECT').toUpperCase();
      return {
        body: {
          totals: totals(list),
          groupOne: groups(list, group).map((g) => ({
            _id: g._id,
            name: g.name,
            duration: g.list.reduce((s, e) => s + seconds(e), 0),
            amount: amount(g.list),
            amounts: [{ type: 'EARNED', value: amount(g.list) }],
          })),
        },
      };
    },
    'reports',
  );
  clockify.route(
    'POST',
    '/workspaces/:ws/reports/detailed',
    ({ body }: StandInRequest) => {
      const list = select(body as Record<string, unknown>);
      return {
        body: {
          totals: totals(list),
          timeentries: list.map((e) => {
            const project = d.projects.find((p) => p.id === e.projectId);
            const user = people().find((p) => p.id === e.userId);
            const t = e.timeInterval as { start: string; end: string | null };
            return {
              _id: e.id,
              description: e.description,
              userId: e.userId,
              userName: user?.name ?? null,
              userEmail: user?.email ?? null,
              projectId: e.projectId,
              projectName: project?.name ?? null,
              clientId: project?.clientId ?? null,
              clientName: project?.clientName ?? null,
              taskId: null,
              taskName: null,
              tags: [],
              billable: e.billable,
              timeInterval: { start: t.start, end: t.end, duration: seconds(e) },
              rate: e.billable ? RATE_CENTS : 0,
              amount: e.billable ? amount([e]) : 0,
            };
          }),
        },
      };
    },
    'reports',
  );
  clockify.route(
    'POST',
    '/workspaces/:ws/reports/weekly',
    ({ body }: StandInRequest) => {
      const b = body as Record<string, unknown>;
      const list = select(b);
      const first = String(b.dateRangeStart).slice(0, 10);
      const days = Array.from({ length: 7 }, (_, i) => addDays(first, i));
      const dayOf = (e: Entity) => dayIn(ZONE, new Date((e.timeInterval as { start: string }).start));
      const perDay = (l: Entity[]) => days.map((day) => {
        const on = l.filter((e) => dayOf(e) === day);
        return { date: `${day}T00:00:00Z`, duration: on.reduce((s, e) => s + seconds(e), 0), amount: amount(on) };
      });
      const group = String((b.weeklyFilter as { group: string }).group).toUpperCase();
      return {
        body: {
          totals: totals(list),
          totalsByDay: perDay(list),
          groupOne: groups(list, group).map((g) => ({ _id: g._id, name: g.name, duration: g.list.reduce((s, e) => s + seconds(e), 0), amount: amount(g.list), days: perDay(g.list) })),
        },
      };
    },
    'reports',
  );
}

export async function startEvalWorld(): Promise<EvalWorld> {
  const now = new Date();
  const today = dayIn(ZONE, now);
  const yesterday = addDays(today, -1);
  const lastMonday = addDays(weekStartOf(today), -7);

  const clockify = await startClockifyStandIn(CLOCKIFY_KEY);
  const onedesk = await startOnedeskStandIn(ONEDESK_KEY);
  const desktime = await startDesktimeStandIn(DESKTIME_KEY, { timeZone: ZONE, owner: { id: DT.alice, name: 'Alice Moreau', email: 'alice@example.com' } });
  const gw = await startTestGateway({
    catalog: connectorCatalog,
    // Keys and where the vendors are; nothing about toolsets: the eval is about the default surface.
    env: {
      CLOCKIFY_API_KEY: CLOCKIFY_KEY,
      CLOCKIFY_BASE_URL: clockify.baseUrl,
      CLOCKIFY_REPORTS_BASE_URL: clockify.reportsBaseUrl,
      CLOCKIFY_TIMEOUT_MS: '5000',
      ONEDESK_API_KEY: ONEDESK_KEY,
      ONEDESK_BASE_URL: onedesk.baseUrl,
      ONEDESK_TIMEOUT_MS: '5000',
      DESKTIME_API_KEY: DESKTIME_KEY,
      DESKTIME_BASE_URL: desktime.baseUrl,
      DESKTIME_TIMEOUT_MS: '5000',
      // Where time on a help desk ticket goes in Clockify (the operator's mapping).
      DESKGATE_TIME_PROJECTS: 'helpdesk:*=Support',
    },
  });

  // deskgate: Sam (staff, the caller), Uma (a user who submits tickets).
  const { user: samUser } = await gw.core.auth.ensureUser({ email: SAM.email, name: SAM.name, role: 'staff' });
  const { user: umaUser } = await gw.core.auth.ensureUser({ email: 'uma@example.com', name: 'Uma User', role: 'user' });
  const key = (await gw.core.auth.createKey({ userId: samUser.id, name: 'sam-laptop' })).secret;

  // Help desk: Sam is in the group that handles the General category; Uma's tickets arrive there.
  const helpdesk = gw.core.runtimes.get('helpdesk') as HelpdeskRuntime;
  const admin = (await gw.core.auth.listUsers()).find((u) => u.role === 'admin')!;
  const sam = (await gw.core.auth.getUser(samUser.id))!;
  const uma = (await gw.core.auth.getUser(umaUser.id))!;
  const group = await helpdesk.service.groups.create(admin, { name: 'Support' });
  await helpdesk.service.groups.setMembers(admin, group.id, [sam.id]);
  await helpdesk.service.groups.addScope(admin, group.id, { category_id: GENERAL_CATEGORY_ID });
  const ticket = async (subject: string, priority: 'High' | 'Medium' | 'Low') =>
    (await helpdesk.service.tickets.create(uma, { subject, description: `${subject}. Please help.`, category_id: GENERAL_CATEGORY_ID, priority })).tracking_number;
  const tickets = {
    vpn: await ticket('VPN drops every hour', 'Medium'),
    mouse: await ticket('Mouse squeaks', 'Low'),
    mail: await ticket('Mail bounces for the sales list', 'High'),
    laptop: await ticket('Laptop will not boot', 'High'),
  };
  // The VPN ticket is Sam's, already in progress (request 11 resolves it).
  await helpdesk.service.tickets.assign(admin, { ticket_id: tickets.vpn, assignee_id: sam.id });
  await helpdesk.service.tickets.updateStatus(sam, { ticket_id: tickets.vpn, status_id: 'In Progress' });

  // Clockify: Alice owns the shared key; Sam, Mia and Max are members.
  const member = (id: string, email: string, name: string) => ({ id, email, name, status: 'ACTIVE', activeWorkspace: STAND_IN_WS, settings: { timeZone: ZONE, weekStart: 'MONDAY' } });
  clockify.data.members.push(member(SAM_CK, SAM.email, SAM.name), member(MIA_CK, 'mia@example.com', 'Mia Schneider'), member(MAX_CK, 'max@example.com', 'Max Keller'));
  clockify.data.clients.push({ id: IDS.acmeClient, name: 'Acme Corp', archived: false, workspaceId: STAND_IN_WS });
  clockify.data.projects.push(
    { id: IDS.acme, name: 'Acme website', clientId: IDS.acmeClient, clientName: 'Acme Corp', billable: true, public: true, color: '#03A9F4', archived: false, hourlyRate: { amount: RATE_CENTS, currency: 'EUR' }, note: '' },
    { id: IDS.internal, name: 'Internal', clientId: '', clientName: '', billable: false, public: true, color: '#9E9E9E', archived: false, note: '' },
    { id: IDS.support, name: 'Support', clientId: '', clientName: '', billable: false, public: true, color: '#4CAF50', archived: false, note: '' },
    { id: IDS.intranet, name: 'Intranet', clientId: IDS.acmeClient, clientName: 'Acme Corp', billable: true, public: false, color: '#FF5722', archived: false, hourlyRate: { amount: 7000, currency: 'EUR' }, note: 'Phase 1 only' },
  );
  clockify.data.tasks.push({ id: IDS.design, name: 'Design', projectId: IDS.acme, status: 'ACTIVE' }, { id: IDS.development, name: 'Development', projectId: IDS.acme, status: 'ACTIVE' });
  clockify.data.tags.push({ id: IDS.overtime, name: 'overtime', archived: false, workspaceId: STAND_IN_WS }, { id: IDS.meeting, name: 'meeting', archived: false, workspaceId: STAND_IN_WS });
  const mon = lastMonday;
  const nowMinus = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
  clockify.data.timeEntries.push(
    // Sam, last week: 9 h, 7 h of it billable on Acme.
    entry('64a687e29ae1f428e7eb1001', SAM_CK, mon, 9, 12, IDS.acme, 'Homepage layout', true),
    entry('64a687e29ae1f428e7eb1002', SAM_CK, addDays(mon, 1), 9, 11, IDS.internal, 'Team meeting', false),
    entry('64a687e29ae1f428e7eb1003', SAM_CK, addDays(mon, 2), 13, 17, IDS.acme, 'Checkout flow', true),
    // Mia, last week and yesterday.
    entry('64a687e29ae1f428e7eb2001', MIA_CK, addDays(mon, 3), 9, 17, IDS.acme, 'Accessibility review', true),
    entry('64a687e29ae1f428e7eb2002', MIA_CK, yesterday, 9, 11, IDS.acme, 'Homepage hero images', true),
    entry('64a687e29ae1f428e7eb2003', MIA_CK, yesterday, 13, 14.5, IDS.internal, 'Sprint planning', false),
    // Alice (the key's owner), last week and yesterday: never Sam's.
    entry('64a687e29ae1f428e7eb3001', STAND_IN_ME, addDays(mon, 4), 9, 15, IDS.internal, 'Budget', false),
    entry('64a687e29ae1f428e7eb3002', STAND_IN_ME, yesterday, 8, 12, IDS.internal, 'Invoices', false),
    // Sam yesterday morning.
    entry('64a687e29ae1f428e7eb1004', SAM_CK, yesterday, 9, 11.5, IDS.support, 'Printer tickets', false),
    // Running timers: Sam's (for 40 minutes) and Alice's.
    { ...entry('64a687e29ae1f428e7eb1005', SAM_CK, today, 0, 0, IDS.internal, 'Inbox', false), timeInterval: { start: nowMinus(40), end: null, duration: null } },
    { ...entry('64a687e29ae1f428e7eb3003', STAND_IN_ME, today, 0, 0, IDS.internal, 'Payroll', false), timeInterval: { start: nowMinus(90), end: null, duration: null } },
  );
  reportRoutes(clockify);

  // OneDesk: Sam is a user of the organization.
  onedesk.users.push({ id: 31, externalId: SAM_OD, firstName: 'Sam', lastName: 'Support', email: SAM.email });

  // DeskTime: today Sam and Mia are at work, Max is not; yesterday Sam tracked 7 h.
  const dtRow = (id: number, name: string, email: string, day: string, from: string, to: string, tracked: number, productive: number) => ({
    id,
    name,
    email,
    arrived: `${day} ${from}:00`,
    left: `${day} ${to}:00`,
    desktimeTime: tracked * 3600,
    productiveTime: productive * 3600,
  });
  desktime.days.set(today, [
    dtRow(DT.sam, SAM.name, SAM.email, today, '08:45', '17:00', 6, 5),
    dtRow(DT.mia, 'Mia Schneider', 'mia@example.com', today, '09:10', '16:00', 5, 4.5),
    { id: DT.max, name: 'Max Keller', email: 'max@example.com' },
  ]);
  desktime.days.set(yesterday, [dtRow(DT.sam, SAM.name, SAM.email, yesterday, '09:00', '17:30', 7, 6), dtRow(DT.alice, 'Alice Moreau', 'alice@example.com', yesterday, '08:00', '18:00', 9, 8)]);

  return {
    gw,
    clockify,
    onedesk,
    desktime,
    key,
    samUserId: samUser.id,
    today,
    yesterday,
    lastMonday,
    tickets,
    async close() {
      await gw.close();
      await Promise.all([clockify.close(), onedesk.close(), desktime.close()]);
    },
  };
}
