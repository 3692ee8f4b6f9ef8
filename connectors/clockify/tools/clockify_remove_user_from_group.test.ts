import { describe, expect, it } from 'vitest';
import { BOB, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, ME, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const DESIGN = '68e1a2b3c4d5e6f7a8b9c001';
const PATH = `/workspaces/${WS}/user-groups/${DESIGN}/users/${BOB}`;

describe('clockify_remove_user_from_group', () => {
  it('removes a member found by name and returns who is left', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('delete', PATH, { ...fixture<object[]>('groups-list')[0]!, userIds: [ME] }));
    const result = await runTool(clockify, 'clockify_remove_user_from_group', { group_id: DESIGN, user: 'bob chen' }, { runtime: await startClockify() });
    expect(result.structuredContent).toMatchObject({ group: { id: DESIGN, member_count: 1, members: [{ id: ME, name: 'Alice Moreau', email: 'alice@example.com' }] } });
    expect(stub.received.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([PATH]);
  });

  it('maps an unknown group or member to not_found', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('delete', PATH, clockifyError(404, 501, 'not found')));
    const error = errorOf(await runTool(clockify, 'clockify_remove_user_from_group', { group_id: DESIGN, user_id: BOB }, { runtime: await startClockify() }));
    expect(error.code).toBe('not_found');
  });

  it('refuses a user_id that matches nobody, before any write', async () => {
    stub.use(...commonRoutes(stub));
    const error = errorOf(await runTool(clockify, 'clockify_remove_user_from_group', { group_id: DESIGN, user_id: '../bob' }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('user_id');
    expect(stub.received.filter((r) => r.method === 'DELETE')).toEqual([]);
  });

  it('finds the group by name and the member by email', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/user-groups`, fixture('groups-list')));
    stub.use(stub.route('delete', `/workspaces/${WS}/user-groups/${DESIGN}/users/${BOB}`, { ...fixture<Record<string, unknown>[]>('groups-list')[0]!, userIds: [ME] }));
    const result = await runTool(clockify, 'clockify_remove_user_from_group', { group: 'Design', user: 'bob@example.com' }, { runtime: await startClockify() });
    expect(result.structuredContent).toMatchObject({ group: { id: DESIGN, member_count: 1 } });
  });
});
