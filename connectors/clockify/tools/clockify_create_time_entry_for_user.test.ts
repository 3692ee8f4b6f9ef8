import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { BOB, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();

describe('clockify_create_time_entry_for_user', () => {
  it('declares the admin role', () => {
    expect(clockify.tools.find((t) => t.name === 'clockify_create_time_entry_for_user')?.minRole).toBe('admin');
  });

  it("logs time for another member through the for-user endpoint, local times in that member's zone", async () => {
    stub.use(
      ...commonRoutes(stub),
      stub.route('post', `/workspaces/${WS}/user/${BOB}/time-entries`, ({ body }) =>
        HttpResponse.json(
          { ...fixture<Record<string, unknown>>('time-entry'), userId: BOB, projectId: '65b1c2d3e4f5a6b7c8d9e002', taskId: null, tagIds: [], timeInterval: { start: (body as { start: string }).start, end: (body as { end: string }).end, duration: 'PT1H' } },
          { status: 201 },
        ),
      ),
    );
    const result = await runTool(clockify, 'clockify_create_time_entry_for_user', { user_id: BOB, start: '2024-03-14 09:00', duration: '1h', project: 'Internal' }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'POST')?.body).toMatchObject({ start: '2024-03-14T13:00:00Z', end: '2024-03-14T14:00:00Z' });
    expect(result.structuredContent).toMatchObject({ time_entry: { user: { id: BOB, name: 'Bob Chen' }, project: { name: 'Internal' }, duration_seconds: 3600 } });
  });

  it('403 from Clockify is permission_denied about the Clockify role', async () => {
    stub.use(...commonRoutes(stub), stub.route('post', `/workspaces/${WS}/user/${BOB}/time-entries`, clockifyError(403, 0, 'Access denied')));
    const error = errorOf(await runTool(clockify, 'clockify_create_time_entry_for_user', { user_id: BOB, duration: '1h', start: '2024-03-14 09:00' }, { runtime: await startClockify() }));
    expect(error.code).toBe('permission_denied');
  });

  it('needs a user_id of a member: a name that matches nobody is refused naming user_id', async () => {
    stub.use(...commonRoutes(stub));
    const runtime = await startClockify();
    expect(errorOf(await runTool(clockify, 'clockify_create_time_entry_for_user', { duration: '1h' }, { runtime })).fields?.[0]?.field).toBe('user_id');
    expect(errorOf(await runTool(clockify, 'clockify_create_time_entry_for_user', { user_id: 'nobody here', duration: '1h' }, { runtime })).fields?.[0]?.field).toBe('user_id');
    expect(errorOf(await runTool(clockify, 'clockify_create_time_entry_for_user', { user_id: '5a0ab5acb07987125438bfff', duration: '1h' }, { runtime })).code).toBe('not_found');
    expect(stub.received.filter((r) => r.method === 'POST')).toEqual([]);
  });
});
