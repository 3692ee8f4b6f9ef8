import { describe, expect, it } from 'vitest';
import { BOB, clockify, clockifyError, clockifyStub, errorOf, fixture, ME, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();

describe('clockify_list_user_managers', () => {
  it("lists a member's managers, paged", async () => {
    stub.use(stub.route('get', `/workspaces/${WS}/users/${BOB}/managers`, [fixture<unknown[]>('users-list')[0]]));
    const result = await runTool(clockify, 'clockify_list_user_managers', { user_id: BOB, workspace_id: WS }, { runtime: await startClockify() });
    expect(stub.received[0]?.query).toEqual({ page: '1', 'page-size': '50' });
    expect(result.structuredContent).toEqual({ managers: [{ id: ME, name: 'Alice Moreau', email: 'alice@example.com' }], next_cursor: null });
  });

  it('a 403 is permission_denied', async () => {
    stub.use(stub.route('get', `/workspaces/${WS}/users/${BOB}/managers`, clockifyError(403, 0)));
    expect(errorOf(await runTool(clockify, 'clockify_list_user_managers', { user_id: BOB, workspace_id: WS }, { runtime: await startClockify() })).code).toBe('permission_denied');
  });

  it('refuses a bad cursor', async () => {
    expect(errorOf(await runTool(clockify, 'clockify_list_user_managers', { user_id: BOB, workspace_id: WS, cursor: 'abc' }, { runtime: await startClockify() })).fields?.[0]?.field).toBe('cursor');
  });
});
