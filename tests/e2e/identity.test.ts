import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorCatalog } from '../../src/registry/catalog';
import { connectClient, ERAS } from '../support/clients';
import { startClockifyStandIn, STAND_IN_ME, STAND_IN_WS, type ClockifyStandIn } from '../support/clockify-stand-in';
import { startTestGateway, type TestGateway } from '../support/gateway';

/**
 * Who the caller is, through the whole gateway: real server, official MCP
 * clients, the Clockify stand-in on a loopback socket holding the shared
 * key's owner (Alice) and one more member (Bob). A deskgate user with Bob's
 * email acts as Bob (Clockify's for-user endpoints); one matching nobody acts
 * as Alice, and every result says which.
 */
const API_KEY = 'ckf_e2e_identity_Q7w2Ne5Rt8Ly3Kp';
const BOB = '5a0ab5acb07987125438b610';

type Result = { isError?: boolean; structuredContent?: Record<string, unknown>; content?: { text: string }[] };
const ok = <T = Record<string, unknown>>(r: Record<string, unknown>): T => {
  const result = r as Result;
  expect(result.isError, JSON.stringify(result.structuredContent ?? result.content)).toBeFalsy();
  return result.structuredContent as T;
};

describe('identity end to end through /mcp', () => {
  let gw: TestGateway;
  let clockify: ClockifyStandIn;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    clockify = await startClockifyStandIn(API_KEY);
    clockify.data.members.push({
      id: BOB,
      email: 'bob@example.com',
      name: 'Bob Chen',
      status: 'ACTIVE',
      activeWorkspace: STAND_IN_WS,
      settings: { timeZone: 'America/New_York', weekStart: 'MONDAY' },
    });
    gw = await startTestGateway({
      catalog: connectorCatalog,
      env: { CLOCKIFY_API_KEY: API_KEY, CLOCKIFY_BASE_URL: clockify.baseUrl, CLOCKIFY_REPORTS_BASE_URL: clockify.reportsBaseUrl, CLOCKIFY_TIMEOUT_MS: '3000' },
    });
    for (const [name, email, connectors] of [
      ['bob', 'bob@example.com', undefined],
      ['carol', 'carol@example.com', undefined],
      ['limited', 'bob@example.com', ['helpdesk']],
    ] as const) {
      const { user } = await gw.core.auth.ensureUser({ email, name: name === 'carol' ? 'Carol Diaz' : 'Bob Chen', role: 'staff' });
      keys[name] = (await gw.core.auth.createKey({ userId: user.id, name, connectors: connectors ? [...connectors] : undefined })).secret;
    }
  });
  afterAll(async () => {
    await gw?.close();
    await clockify?.close();
  });

  it.each(ERAS)('deskgate_whoami names the caller in Clockify, the shared key and how calls act (%s client)', async (era) => {
    const client = await connectClient(era, gw.url, keys.bob);
    const listed = (await client.listTools()).tools.map((t) => t.name);
    expect(listed[0]).toBe('deskgate_whoami');
    const me = ok<Record<string, unknown>>(await client.callTool({ name: 'deskgate_whoami', arguments: {} }));
    expect(me.you).toEqual({ name: 'Bob Chen', email: 'bob@example.com', role: 'staff' });
    expect(me.key).toEqual({ name: 'bob', connectors: null, toolsets: null, read_only: false });
    // Bob's zone comes from his Clockify profile, and "today" is read in it.
    expect(me).toMatchObject({ time_zone: 'America/New_York', time_zone_from: 'your Clockify profile' });
    expect(me.today).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date()));
    const connectors = me.connectors as Record<string, unknown>[];
    expect(connectors.map((c) => c.connector)).toEqual(['helpdesk', 'clockify']);
    expect(connectors[1]).toMatchObject({
      you: { id: BOB, name: 'Bob Chen', email: 'bob@example.com' },
      not_matched: null,
      key: 'shared',
      key_owner: { id: STAND_IN_ME, name: 'Alice Moreau', email: 'alice@example.com' },
      reads: 'shared_key_as_you',
      writes: 'shared_key_as_you',
      toolsets_on: ['time_entries', 'reports', 'setup'],
      toolsets_off: expect.arrayContaining([{ toolset: 'projects', why: 'toolset "projects" is not in CLOCKIFY_TOOLSETS' }]),
    });
    expect(connectors[0]).toMatchObject({ connector: 'helpdesk', you: { email: 'bob@example.com' }, reads: 'deskgate_user' });
    await client.close();
  });

  it('a matched member logs time on their own account through the for-user endpoint, and acted_as says so', async () => {
    const client = await connectClient('modern', gw.url, keys.bob);
    const calls = clockify.calls.length;
    const logged = ok<{ time_entry: { user: { id: string } }; acted_as: Record<string, unknown> }>(
      await client.callTool({ name: 'clockify_create_time_entry', arguments: { start: '2024-03-14 14:00', duration: '45m', description: 'Bob support call' } }),
    );
    expect(clockify.calls.slice(calls).filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([`/workspaces/${STAND_IN_WS}/user/${BOB}/time-entries`]);
    expect(logged.time_entry.user.id).toBe(BOB);
    expect(logged.acted_as).toEqual({ connector: 'clockify', how: 'shared_key_as_you', user_id: BOB, name: 'Bob Chen', email: 'bob@example.com' });
    // Read back with "me": Bob's own entries, and whose they are.
    const mine = ok<{ time_entries: { description: string }[]; acted_as: { user_id: string } }>(
      await client.callTool({ name: 'clockify_list_time_entries', arguments: { user_id: 'me' } }),
    );
    expect(mine.time_entries.map((e) => e.description)).toEqual(['Bob support call']);
    expect(mine.acted_as.user_id).toBe(BOB);
    await client.close();
  });

  it("a caller who matches no member acts as the key's owner, and the result says so", async () => {
    const client = await connectClient('legacy', gw.url, keys.carol);
    const calls = clockify.calls.length;
    const logged = ok<{ time_entry: { user: { id: string } }; acted_as: Record<string, unknown> }>(
      await client.callTool({ name: 'clockify_create_time_entry', arguments: { start: '2024-03-14 09:00', duration: '30m', description: 'Carol call' } }),
    );
    expect(clockify.calls.slice(calls).filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([`/workspaces/${STAND_IN_WS}/time-entries`]);
    expect(logged.time_entry.user.id).toBe(STAND_IN_ME);
    expect(logged.acted_as).toMatchObject({
      how: 'shared_key_as_owner',
      user_id: STAND_IN_ME,
      name: 'Alice Moreau',
      note: expect.stringContaining('no Clockify workspace member has the email carol@example.com'),
    });
    const me = ok<{ connectors: Record<string, unknown>[] }>(await client.callTool({ name: 'deskgate_whoami', arguments: {} }));
    expect(me.connectors.find((c) => c.connector === 'clockify')).toMatchObject({ you: null, not_matched: 'no Clockify workspace member has the email carol@example.com', writes: 'shared_key_as_owner' });
    await client.close();
  });

  it('a key limited to other connectors still lists deskgate_whoami, and Clockify is not looked up for it', async () => {
    const client = await connectClient('modern', gw.url, keys.limited);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('deskgate_whoami');
    expect(names.some((n) => n.startsWith('clockify_'))).toBe(false);
    const calls = clockify.calls.length;
    const me = ok<{ key: { connectors: string[] }; connectors: Record<string, unknown>[] }>(await client.callTool({ name: 'deskgate_whoami', arguments: {} }));
    expect(me.key.connectors).toEqual(['helpdesk']);
    expect(me.connectors.find((c) => c.connector === 'clockify')).toMatchObject({ you: null, toolsets_on: [], note: expect.stringContaining('the key is limited to connectors helpdesk') });
    expect(clockify.calls.length).toBe(calls);
    await client.close();
  });
});
