import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAM_CLOCKIFY, startTimeWorld, type TimeWorld } from '../../connectors/time/test-support';
import { STAND_IN_WS } from '../support/clockify-stand-in';
import { connectClient } from '../support/clients';
import { errorOf } from '../support/tool-harness';

/**
 * time_log_for_ticket through the whole gateway: the official MCP client,
 * the real server, the help desk, and the Clockify and OneDesk stand-ins on
 * loopback. What a support agent notices: the time lands on their own
 * Clockify account naming the ticket, the ticket's internal note names the
 * entry, OneDesk items get a worklog, a missing project mapping is refused
 * with the projects to pick from, and asking twice logs once.
 */
type Logged = {
  ticket: { reference: string };
  logged_to: string;
  entry: { id: string; description: string | null; duration: { seconds: number }; project: { name: string | null } | null };
  duplicate_of_recent: boolean;
  ticket_note: string;
  acted_as: { how: string; user_id: string | null };
};

describe('time_log_for_ticket end to end', () => {
  let world: TimeWorld;
  beforeAll(async () => {
    world = await startTimeWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it("logs a help desk ticket's time to the caller's own Clockify account naming the ticket, and the ticket's internal note names the entry", async () => {
    const client = await connectClient('modern', world.gw.url, world.keys.sam);
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('time_log_for_ticket');
    const result = await client.callTool({
      name: 'time_log_for_ticket',
      arguments: { ticket: world.tickets.laptop.tracking, time: 'yesterday 14:00–15:30', description: 'Replaced the charger' },
    });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const logged = result.structuredContent as Logged;
    expect(logged).toMatchObject({ logged_to: 'clockify', duplicate_of_recent: false, acted_as: { how: 'shared_key_as_you', user_id: SAM_CLOCKIFY } });
    expect(logged.entry.duration.seconds).toBe(90 * 60);

    // In Clockify: on Sam's account (the for-user endpoint), in the mapped project, naming the ticket.
    const posts = world.clockify.calls.filter((c) => c.method === 'POST').map((c) => c.path);
    expect(posts).toEqual([`/workspaces/${STAND_IN_WS}/user/${SAM_CLOCKIFY}/time-entries`]);
    const saved = world.clockify.data.timeEntries.find((e) => e.id === logged.entry.id)!;
    expect(saved).toMatchObject({ userId: SAM_CLOCKIFY, projectId: world.projects.laptop, description: `${world.tickets.laptop.tracking} Laptop will not charge — Replaced the charger` });
    // 14:00 in Sam's Clockify zone (Europe/Riga).
    expect((saved.timeInterval as { start: string }).start).toMatch(/T1[12]:00:00Z$/);

    // In the help desk: an internal note naming the entry.
    const ticket = await client.callTool({ name: 'helpdesk_get_ticket', arguments: { ticket_id: world.tickets.laptop.id } });
    const replies = (ticket.structuredContent as { ticket: { replies: { body: string; is_internal: boolean }[] } }).ticket.replies;
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ is_internal: true, body: expect.stringContaining(`Entry ${logged.entry.id}, project Laptop repairs`) });
    expect(replies[0]!.body).toContain('1h 30m');
    expect(logged.ticket_note).toMatch(/^Internal note \w+ added/);
    await client.close();
  });

  it('the same call again within 10 minutes returns the first entry: nothing new in Clockify, no second note', async () => {
    const client = await connectClient('modern', world.gw.url, world.keys.sam);
    const args = { ticket: world.tickets.laptop.tracking, time: '45m' };
    const first = (await client.callTool({ name: 'time_log_for_ticket', arguments: args })).structuredContent as Logged;
    const entries = world.clockify.data.timeEntries.length;
    const again = (await client.callTool({ name: 'time_log_for_ticket', arguments: args })).structuredContent as Logged;
    expect(again).toMatchObject({ duplicate_of_recent: true, entry: { id: first.entry.id } });
    expect(world.clockify.data.timeEntries).toHaveLength(entries);
    const ticket = await client.callTool({ name: 'helpdesk_get_ticket', arguments: { ticket_id: world.tickets.laptop.id } });
    expect((ticket.structuredContent as { ticket: { replies: unknown[] } }).ticket.replies).toHaveLength(2);
    await client.close();
  });

  it('refuses a ticket no mapping decides, listing the Clockify projects to choose from; the project argument decides', async () => {
    const client = await connectClient('modern', world.gw.url, world.keys.sam);
    const entries = world.clockify.data.timeEntries.length;
    const refused = await client.callTool({ name: 'time_log_for_ticket', arguments: { ticket: world.tickets.office.tracking, time: '30m' } });
    const error = errorOf(refused);
    expect(error).toMatchObject({ code: 'invalid_argument', message: expect.stringContaining('category "Facilities"') });
    expect(error.fields).toEqual([{ field: 'project', problem: expect.stringMatching(/^candidates: .*Laptop repairs.*/) }]);
    expect(error.fields![0]!.problem).toContain('Support');
    expect(world.clockify.data.timeEntries).toHaveLength(entries);

    const chosen = await client.callTool({ name: 'time_log_for_ticket', arguments: { ticket: world.tickets.office.tracking, time: '30m', project: 'support' } });
    expect((chosen.structuredContent as Logged).entry.project?.name).toBe('Support');
    await client.close();
  });

  it('a OneDesk item with target auto gets a OneDesk worklog', async () => {
    const client = await connectClient('modern', world.gw.url, world.keys.sam);
    const result = await client.callTool({ name: 'time_log_for_ticket', arguments: { ticket: '1042', time: '2024-06-18 09:00-10:15', description: 'Cleared the jam' } });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    const logged = result.structuredContent as Logged;
    expect(logged).toMatchObject({ logged_to: 'onedesk', ticket: { reference: 'OneDesk #1042' }, entry: { description: 'Cleared the jam' } });
    expect(logged.entry.duration.seconds).toBe(75 * 60);
    expect(world.onedesk.timesheets[0]).toMatchObject({ itemId: 1042, dateStart: '2024-06-18T09:00:00Z', dateFinish: '2024-06-18T10:15:00Z', comments: 'Cleared the jam' });
    expect(world.clockify.calls.filter((c) => c.method === 'POST' && c.path.includes('1042'))).toEqual([]);
    await client.close();
  });
});
