import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS, AS_KEY_OWNER } from '../test-support';

const stub = clockifyStub();
const SUPPORT = '68e1a2b3c4d5e6f7a8b9c002';
const PATH = `/workspaces/${WS}/user-groups/${SUPPORT}`;

describe('clockify_delete_user_group', () => {
  it('deletes the group and says who was in it', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('delete', PATH, fixture<unknown[]>('groups-list')[1]!));
    const result = await runTool(clockify, 'clockify_delete_user_group', { group_id: SUPPORT }, { runtime: await startClockify() });
    expect(result.structuredContent).toEqual({ acted_as: AS_KEY_OWNER, deleted: true, group: { id: SUPPORT, name: 'Support', member_count: 2 } });
  });

  it('maps a 403 to permission_denied', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('delete', PATH, clockifyError(403, 403, 'Forbidden')));
    const error = errorOf(await runTool(clockify, 'clockify_delete_user_group', { group_id: SUPPORT }, { runtime: await startClockify() }));
    expect(error.code).toBe('permission_denied');
  });

  it('rejects a group name where the id goes', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_delete_user_group', { group_id: 'Support' }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('group_id');
    expect(stub.received).toEqual([]);
  });

  it('finds the group by name', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/user-groups`, fixture('groups-list')));
    stub.use(stub.route('delete', PATH, fixture<unknown[]>('groups-list')[1]!));
    const result = await runTool(clockify, 'clockify_delete_user_group', { group: 'Support' }, { runtime: await startClockify() });
    expect(result.structuredContent).toEqual({ acted_as: AS_KEY_OWNER, deleted: true, group: { id: SUPPORT, name: 'Support', member_count: 2 } });
  });

  it('needs group_id or group, not both', async () => {
    const runtime = await startClockify();
    expect(errorOf(await runTool(clockify, 'clockify_delete_user_group', {}, { runtime })).fields?.[0]?.field).toBe('group_id');
    expect(errorOf(await runTool(clockify, 'clockify_delete_user_group', { group_id: SUPPORT, group: 'Support' }, { runtime })).fields?.[0]?.field).toBe('group');
    expect(stub.received).toEqual([]);
  });
});
