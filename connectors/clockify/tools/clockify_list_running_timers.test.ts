import { describe, expect, it } from 'vitest';
import { BOB, WS, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, testPrincipal } from '../test-support';

const stub = clockifyStub();
const running = () => [{ ...fixture<Record<string, unknown>[]>('time-entries-list')[0]!, userId: BOB, project: undefined, task: undefined, tags: undefined }];

describe('clockify_list_running_timers', () => {
  it("lists the workspace's running timers with user and project names", async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/time-entries/status/in-progress`, running()));
    const result = await runTool(clockify, 'clockify_list_running_timers', {}, { runtime: await startClockify() });
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
    expect(errorOf(await runTool(clockify, 'clockify_list_running_timers', {}, { runtime: await startClockify() })).code).toBe('rate_limited');
  });

  it('refuses a bad user_id', async () => {
    expect(errorOf(await runTool(clockify, 'clockify_list_running_timers', { user_id: 'bob' }, { runtime: await startClockify() })).fields?.[0]?.field).toBe('user_id');
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
