import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from '../../../tests/support/clients';
import { startTimeWorld, type TimeWorld } from '../../../tests/support/time-world';
import { errorOf } from '../../../tests/support/tool-harness';

/**
 * time_my_day with only Clockify and the help desk enabled (the time tools'
 * minimum): the systems that are off are named, no tracked-vs-logged claim
 * is made without DeskTime, and staff may name a colleague.
 */
interface Sheet {
  person: { email: string; name: string | null };
  partial: boolean;
  sources: { system: string; status: string; from: string | null; detail: string | null }[];
  days: {
    date: string;
    desktime: unknown;
    onedesk: unknown;
    clockify: { total: { readable: string }; by_project: { project: string | null }[] } | null;
    differences: { tracked_not_logged: unknown; logged_not_tracked: unknown; tickets_without_time: { tracking_number: string }[] };
  }[];
}

describe('time_my_day', () => {
  let w: TimeWorld;
  beforeAll(async () => {
    w = await startTimeWorld({ desktime: false, onedesk: false });
  });
  afterAll(async () => {
    await w?.close();
  });

  it('names DeskTime and OneDesk as off, and claims no tracked-vs-logged difference without DeskTime', async () => {
    const sheet = (await w.call('sam', 'time_my_day', { day: 'today' })).structuredContent as Sheet;
    expect(sheet.partial).toBe(true);
    expect(sheet.sources.map((s) => [s.system, s.status])).toEqual([
      ['DeskTime', 'off'],
      ['Clockify', 'ok'],
      ['OneDesk', 'off'],
      ['Help desk', 'ok'],
    ]);
    expect(sheet.sources[0]!.detail).toMatch(/DeskTime is not enabled/);
    const [day] = sheet.days;
    expect(day).toMatchObject({ date: w.today, desktime: null, onedesk: null, clockify: { total: { readable: '3h 30m' }, by_project: [{ project: 'Support' }] } });
    expect(day!.differences).toMatchObject({ tracked_not_logged: null, logged_not_tracked: null, tickets_without_time: [{ tracking_number: w.tickets.vpn }] });
  });

  it("gives staff a colleague's day by name, and says who is missing from Clockify", async () => {
    const sam = (await w.call('rita', 'time_my_day', { person: 'Sam Support' })).structuredContent as Sheet;
    expect(sam.person).toMatchObject({ email: 'sam@example.com', name: 'Sam Support' });
    expect(sam.sources.find((s) => s.system === 'Clockify')!.from).toContain('sam@example.com');
    expect(sam.days[0]!.clockify!.total.readable).toBe('3h 30m');
    const uma = (await w.call('rita', 'time_my_day', { person: 'uma@example.com' })).structuredContent as Sheet;
    expect(uma.sources.find((s) => s.system === 'Clockify')).toMatchObject({ status: 'not_matched', detail: 'no Clockify workspace member has the email uma@example.com' });
    expect(uma.days[0]!.clockify).toBeNull();
  });

  it("never shows the shared key owner's entries as the day of a caller Clockify does not know", async () => {
    const { user } = await w.gw.core.auth.ensureUser({ email: 'nora@example.com', name: 'Nora New', role: 'staff' });
    const { secret } = await w.gw.core.auth.createKey({ userId: user.id, name: 'nora' });
    // The key's owner has time today; Nora has none anywhere.
    w.clockify.data.timeEntries.push({ id: '64a687e29ae1f428e7eb0099', description: 'Owner work', userId: w.clockify.data.user.id, workspaceId: w.clockify.data.workspace.id, billable: false, type: 'REGULAR', timeInterval: { start: new Date(Date.now() - 60_000).toISOString(), end: null, duration: null } });
    const client = await connectClient('modern', w.gw.url, secret);
    const sheet = (await client.callTool({ name: 'time_my_day', arguments: {} })).structuredContent as Sheet;
    await client.close();
    const source = sheet.sources.find((s) => s.system === 'Clockify')!;
    expect(source.status).toBe('not_matched');
    expect(source.detail).toMatch(/not as you: no Clockify workspace member has the email nora@example.com/);
    expect(sheet.days[0]!.clockify).toBeNull();
  });

  it('refuses a day that is not one', async () => {
    expect(errorOf(await w.call('sam', 'time_my_day', { day: 'last week' }))).toMatchObject({ code: 'invalid_argument' });
  });
});
