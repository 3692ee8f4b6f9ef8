import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, runTool, startClockify, WS, AS_KEY_OWNER } from '../test-support';

const stub = clockifyStub();
const NEW_GROUP = { id: '68e1a2b3c4d5e6f7a8b9c0aa', name: 'Finance', teamManagers: [], userIds: [], workspaceId: WS };

describe('clockify_create_user_group', () => {
  it('creates an empty group', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('post', `/workspaces/${WS}/user-groups`, HttpResponse.json(NEW_GROUP, { status: 201 })));
    const result = await runTool(clockify, 'clockify_create_user_group', { name: 'Finance' }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'POST')?.body).toEqual({ name: 'Finance' });
    expect(result.structuredContent).toEqual({ acted_as: AS_KEY_OWNER, group: { id: NEW_GROUP.id, name: 'Finance', members: [], member_count: 0, team_managers: [], extra: {} } });
  });

  it('maps a duplicate name (400, code 501) to invalid_argument', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('post', `/workspaces/${WS}/user-groups`, clockifyError(400, 501, 'User group with name Finance already exists')));
    const error = errorOf(await runTool(clockify, 'clockify_create_user_group', { name: 'Finance' }, { runtime: await startClockify() }));
    expect(error).toMatchObject({ code: 'invalid_argument', vendor_status: 400 });
  });

  it('requires a name', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_create_user_group', {}, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('name');
    expect(stub.received).toEqual([]);
  });
});
