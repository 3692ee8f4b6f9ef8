import type { AuthUser, Role } from '../../src/auth/types';
import { connectorCatalog } from '../../src/registry/catalog';
import { newId, startClockifyStandIn, STAND_IN_WS, type ClockifyStandIn } from '../../tests/support/clockify-stand-in';
import { startTestGateway, type TestGateway } from '../../tests/support/gateway';
import { startOnedeskStandIn, type OnedeskStandIn } from '../../tests/support/onedesk-standin';
import type { HelpdeskRuntime } from '../helpdesk/runtime';
import type { TimeRuntime } from './runtime';

/**
 * A support team's gateway for the time tools' tests: the real gateway with
 * the help desk, a Clockify stand-in and a OneDesk stand-in on loopback.
 *
 * - Sam (staff) is a Clockify workspace member besides the key's owner
 *   (Alice), so his entries go through the for-user endpoint; Una is a
 *   help desk user.
 * - Clockify projects: Laptop repairs, Support, Website.
 * - Help desk tickets assigned to Sam: `laptop` (Hardware > Laptop, mapped
 *   to Laptop repairs) and `office` (Facilities, mapped to nothing).
 * - OneDesk item 1042 ("Printer on floor 2 jams", project IT Support, mapped to Support).
 */
export const CLOCKIFY_KEY = 'ckf_time_world_Q7w2Ne5Rt8Ly3Kp';
export const ONEDESK_KEY = 'od_time_world_9Zx4Vb7Nm2Kl5Qw';
export const SAM_CLOCKIFY = '5a0ab5acb07987125438c001';

export interface TimeWorld {
  gw: TestGateway;
  clockify: ClockifyStandIn;
  onedesk: OnedeskStandIn;
  users: { admin: AuthUser; sam: AuthUser; una: AuthUser };
  keys: { sam: string; una: string };
  tickets: { laptop: { id: string; tracking: string }; office: { id: string; tracking: string } };
  projects: Record<'laptop' | 'support' | 'website', string>;
  time: TimeRuntime;
  close(): Promise<void>;
}

export async function startTimeWorld(env: Record<string, string> = {}): Promise<TimeWorld> {
  const clockify = await startClockifyStandIn(CLOCKIFY_KEY);
  const onedesk = await startOnedeskStandIn(ONEDESK_KEY);
  clockify.data.members.push({ id: SAM_CLOCKIFY, email: 'sam@example.com', name: 'Sam Rivera', status: 'ACTIVE', activeWorkspace: STAND_IN_WS, settings: { timeZone: 'Europe/Riga', weekStart: 'MONDAY' } });
  const project = (name: string) => {
    const id = newId();
    clockify.data.projects.push({ id, name, workspaceId: STAND_IN_WS, archived: false, billable: true, clientId: '', clientName: '', color: '#03A9F4', public: true });
    return id;
  };
  const projects = { laptop: project('Laptop repairs'), support: project('Support'), website: project('Website') };
  const gw = await startTestGateway({
    catalog: connectorCatalog,
    env: {
      CLOCKIFY_API_KEY: CLOCKIFY_KEY,
      CLOCKIFY_BASE_URL: clockify.baseUrl,
      CLOCKIFY_REPORTS_BASE_URL: clockify.reportsBaseUrl,
      CLOCKIFY_TIMEOUT_MS: '3000',
      ONEDESK_API_KEY: ONEDESK_KEY,
      ONEDESK_BASE_URL: onedesk.baseUrl,
      ONEDESK_TIMEOUT_MS: '3000',
      DESKGATE_TIME_PROJECTS: 'helpdesk:Hardware > Laptop=Laptop repairs; onedesk:IT Support=Support',
      ...env,
    },
  });
  const person = async (name: string, email: string, role: Role) => (await gw.core.auth.ensureUser({ email, name, role })).user;
  const users = { admin: await person('Ada Admin', 'ada@example.com', 'admin'), sam: await person('Sam Rivera', 'sam@example.com', 'staff'), una: await person('Una User', 'una@example.com', 'user') };
  const keys = {
    sam: (await gw.core.auth.createKey({ userId: users.sam.id, name: 'sam' })).secret,
    una: (await gw.core.auth.createKey({ userId: users.una.id, name: 'una' })).secret,
  };
  const { service } = gw.core.runtimes.get('helpdesk') as HelpdeskRuntime;
  const hardware = await service.catalog.createCategory(users.admin, { name: 'Hardware' });
  const laptop = await service.catalog.createCategory(users.admin, { name: 'Laptop', parent_id: hardware.id });
  const facilities = await service.catalog.createCategory(users.admin, { name: 'Facilities' });
  const ticket = async (subject: string, category: { id: string }, type?: { id: string }) => {
    const created = await service.tickets.create(users.una, { subject, description: 'Please help.', category_id: category.id, type_id: type?.id ?? null });
    await service.tickets.assign(users.admin, { ticket_id: created.id, assignee_id: users.sam.id });
    return { id: created.id, tracking: created.tracking_number };
  };
  const tickets = { laptop: await ticket('Laptop will not charge', hardware, laptop), office: await ticket('Office door sticks', facilities) };
  return {
    gw,
    clockify,
    onedesk,
    users,
    keys,
    tickets,
    projects,
    time: gw.core.runtimes.get('time') as TimeRuntime,
    async close() {
      await gw.close();
      await clockify.close();
      await onedesk.close();
    },
  };
}
