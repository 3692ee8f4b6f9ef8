import { describe, expect, it } from 'vitest';
import { BOB, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, ME, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const SUPPORT = '68e1a2b3c4d5e6f7a8b9c002';
const PATH = `/workspaces/${WS}/user-groups/${SUPPORT}/users`;
const support = () => fixture<{ userIds: string[] }[]>('groups-list')[1]!;

describe('clockify_add_user_to_group', () => {
  it('adds a member found by email and returns the group with names', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('post', PATH, ({ body }) => ({ ...support(), userIds: [...support().userIds, (body as { userId: string }).userId] })));
    const result = await runTool(clockify, 'clockify_add_user_to_group', { group_id: SUPPORT, user: 'ALICE@example.com' }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'POST')?.body).toEqual({ userId: ME });
    expect(result.structuredContent).toMatchObject({
      group: { name: 'Support', member_count: 3, members: [{ id: BOB, name: 'Bob Chen' }, { name: null }, { id: ME, name: 'Alice Moreau' }] },
    });
  });

  it('lists the closest members when the name matches nobody, before writing', async () => {
    stub.use(...commonRoutes(stub));
    const error = errorOf(await runTool(clockify, 'clockify_add_user_to_group', { group_id: SUPPORT, user: 'Alise Moreau' }, { runtime: await startClockify() }));
    expect(error.code).toBe('invalid_argument');
    expect(error.fields?.[0]?.problem).toContain(ME);
    expect(stub.received.some((r) => r.method === 'POST')).toBe(false);
  });

  it('maps a user from another workspace (400, code 501) to invalid_argument', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('post', PATH, clockifyError(400, 501, "User doesn't belong to Workspace")));
    const error = errorOf(await runTool(clockify, 'clockify_add_user_to_group', { group_id: SUPPORT, user_id: BOB }, { runtime: await startClockify() }));
    expect(error.code).toBe('invalid_argument');
  });

  it('needs user_id or user, not both', async () => {
    const runtime = await startClockify();
    stub.use(...commonRoutes(stub));
    expect(errorOf(await runTool(clockify, 'clockify_add_user_to_group', { group_id: SUPPORT }, { runtime })).fields?.[0]?.field).toBe('user_id');
    expect(errorOf(await runTool(clockify, 'clockify_add_user_to_group', { group_id: SUPPORT, user_id: BOB, user: 'Bob' }, { runtime })).code).toBe('invalid_argument');
    expect(stub.received.some((r) => r.method === 'POST')).toBe(false);
  });

  it('finds the group by name (case-insensitive)', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/user-groups`, fixture('groups-list')));
    stub.use(stub.route('post', PATH, ({ body }) => ({ ...support(), userIds: [...support().userIds, (body as { userId: string }).userId] })));
    const result = await runTool(clockify, 'clockify_add_user_to_group', { group: 'support', user: 'Alice Moreau' }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'POST')?.path).toBe(PATH);
    expect(result.structuredContent).toMatchObject({ group: { id: SUPPORT, name: 'Support' } });
  });

  it('lists the closest groups when the group name matches none, before writing', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/user-groups`, fixture('groups-list')));
    const error = errorOf(await runTool(clockify, 'clockify_add_user_to_group', { group: 'Suport', user_id: BOB }, { runtime: await startClockify() }));
    expect(error).toMatchObject({ code: 'invalid_argument', fields: [{ field: 'group', problem: expect.stringContaining(SUPPORT) }] });
    expect(stub.received.some((r) => r.method === 'POST')).toBe(false);
  });

  it('needs group_id or group, naming where the id comes from', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_add_user_to_group', { user_id: BOB }, { runtime: await startClockify() }));
    expect(error).toMatchObject({ code: 'invalid_argument', fields: [{ field: 'group_id' }], hint: expect.stringContaining('clockify_list_user_groups') });
    expect(stub.received).toEqual([]);
  });
});
