import { describe, expect, it } from 'vitest';
import { BOB, WS, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, testPrincipal } from '../test-support';

const stub = clockifyStub();
const running = () => [{ ...fixture<Record<string, unknown>[]>('time-entries-list')[0]!, userId: BOB, project: undefined, task: undefined, tags: undefined }];

describe('clockify_list_running_timers', () => {
  const members = () => stub.route('get', `/workspaces/${WS}/users`, ({ query }) => fixture<{ email: string }[]>('users-list').filter((u) => !query.email || u.email === query.email));

  it("with no user, answers the caller's own timer, not the whole workspace's (issue 17)", async () => {
    stub.use(...commonRoutes(stub), members(), stub.route('get', `/workspaces/${WS}/user/${BOB}/time-entries`, running()));
    const result = await runTool(clockify, 'clockify_list_running_timers', {}, { runtime: await startClockify(), principal: testPrincipal('staff', { email: 'bob@example.com' }) });
    expect(result.isError).toBeUndefined();
    expect(stub.received.some((r) => r.path.endsWith('/status/in-progress'))).toBe(false);
    expect(stub.received.find((r) => r.path === `/workspaces/${WS}/user/${BOB}/time-entries`)?.query).toMatchObject({ 'in-progress': 'true' });
    expect(result.structuredContent).toMatchObject({ time_entries: [expect.objectContaining({ user: { id: BOB, name: 'Bob Chen' } })], acted_as: { how: 'shared_key_as_you' } });
  });

  it("all_users lists the workspace's running timers with user and project names", async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/time-entries/status/in-progress`, running()));
    const result = await runTool(clockify, 'clockify_list_running_timers', { all_users: true }, { runtime: await startClockify() });
    expect(result.structuredContent).toEqual({
      time_entries: [expect.objectContaining({ running: true, end: null, user: { id: BOB, name: 'Bob Chen' }, project: { id: '65b1c2d3e4f5a6b7c8d9e002', name: 'Internal' } })],
      next_cursor: null,
    });
  });

  it("user_id narrows to that user's running entry", async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/user/${BOB}/time-entries`, running()));
    await runTool(clockify, 'clockify_list_running_timers', { user_id: BOB }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.path.includes('/user/'))?.query).toMatchObject({ 'in-progress': 'true' });
  });

  it('a 429 is rate_limited', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/time-entries/status/in-progress`, clockifyError(429, 429, 'Too many requests')));
    expect(errorOf(await runTool(clockify, 'clockify_list_running_timers', { all_users: true }, { runtime: await startClockify() })).code).toBe('rate_limited');
  });

  it('everyone is for staff and admins only, and not together with a user', async () => {
    const runtime = await startClockify();
    const denied = errorOf(await runTool(clockify, 'clockify_list_running_timers', { all_users: true }, { runtime, principal: testPrincipal('user', { email: 'bob@example.com' }) }));
    expect(denied.code).toBe('permission_denied');
    expect(errorOf(await runTool(clockify, 'clockify_list_running_timers', { all_users: true, user: 'Bob' }, { runtime })).fields?.[0]?.field).toBe('all_users');
    expect(stub.received.filter((r) => r.path.includes('time-entries'))).toEqual([]);
  });

  it('takes the user by first name or email', async () => {
    stub.use(...commonRoutes(stub), members(), stub.route('get', `/workspaces/${WS}/user/${BOB}/time-entries`, []));
    const runtime = await startClockify();
    for (const user of ['bob', 'bob@example.com', 'Bob Chen']) {
      const result = await runTool(clockify, 'clockify_list_running_timers', { user }, { runtime });
      expect(result.isError, user).toBeUndefined();
    }
    expect(stub.received.filter((r) => r.path.includes('/user/')).map((r) => r.path)).toEqual(Array(3).fill(`/workspaces/${WS}/user/${BOB}/time-entries`));
  });

  it('takes a name in user_id too ("Mia" in user_id was refused), and refuses nobody by that name naming user_id', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/user/${BOB}/time-entries`, []));
    const runtime = await startClockify();
    expect((await runTool(clockify, 'clockify_list_running_timers', { user_id: 'bob' }, { runtime })).isError).toBeUndefined();
    expect(stub.received.some((r) => r.path === `/workspaces/${WS}/user/${BOB}/time-entries`)).toBe(true);
    expect(errorOf(await runTool(clockify, 'clockify_list_running_timers', { user_id: '../x' }, { runtime })).fields?.[0]?.field).toBe('user_id');
    expect(stub.received.filter((r) => r.path.includes('..'))).toEqual([]);
  });

  it('"me" is the caller: the member with their email, on the shared key', async () => {
    stub.use(
      ...commonRoutes(stub),
      stub.route('get', `/workspaces/${WS}/users`, ({ query }) => fixture<{ email: string }[]>('users-list').filter((u) => !query.email || u.email === query.email)),
      stub.route('get', `/workspaces/${WS}/user/${BOB}/time-entries`, []),
    );
    const result = await runTool(clockify, 'clockify_list_running_timers', { user_id: 'ME' }, { runtime: await startClockify(), principal: testPrincipal('staff', { email: 'bob@example.com' }) });
    expect(result.isError).toBeUndefined();
    expect(stub.received.filter((r) => r.path.includes('/user/')).map((r) => r.path)).toEqual([`/workspaces/${WS}/user/${BOB}/time-entries`]);
  });
});
