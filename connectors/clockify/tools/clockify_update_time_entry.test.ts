import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, PROJECT_INTERNAL, runTool, startClockify, TAG_MEETING, WS } from '../test-support';

const stub = clockifyStub();
const ID = '6601a2b3c4d5e6f7a8b9c0d1';
const echo = ({ body }: { body: unknown }) => {
  const b = body as Record<string, unknown>;
  return { ...fixture<Record<string, unknown>>('time-entry'), ...b, taskId: b.taskId ?? null, timeInterval: { start: b.start, end: b.end ?? null, duration: null } };
};

describe('clockify_update_time_entry', () => {
  it('changes only what is given: a new project by name drops the old task, keeps times, tags and description', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/time-entries/${ID}`, fixture('time-entry')), stub.route('put', `/workspaces/${WS}/time-entries/${ID}`, echo));
    const result = await runTool(clockify, 'clockify_update_time_entry', { time_entry_id: ID, project: 'Internal' }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'PUT')?.body).toEqual({
      start: '2024-03-14T13:00:00Z',
      end: '2024-03-14T15:00:00Z',
      description: 'Homepage wireframes',
      projectId: PROJECT_INTERNAL,
      tagIds: [TAG_MEETING],
      billable: true,
      type: 'REGULAR',
    });
    expect(result.structuredContent).toMatchObject({ time_entry: { project: { name: 'Internal' }, task: null, duration_seconds: 7200 } });
  });

  it('a new start keeps the length; a duration sets the end', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/time-entries/${ID}`, fixture('time-entry')), stub.route('put', `/workspaces/${WS}/time-entries/${ID}`, echo));
    const runtime = await startClockify();
    await runTool(clockify, 'clockify_update_time_entry', { time_entry_id: ID, start: '2024-03-14 09:00' }, { runtime });
    expect(stub.received.filter((r) => r.method === 'PUT')[0]?.body).toMatchObject({ start: '2024-03-14T08:00:00Z', end: '2024-03-14T10:00:00Z' });
    await runTool(clockify, 'clockify_update_time_entry', { time_entry_id: ID, duration: '45m' }, { runtime });
    expect(stub.received.filter((r) => r.method === 'PUT')[1]?.body).toMatchObject({ start: '2024-03-14T13:00:00Z', end: '2024-03-14T13:45:00Z' });
  });

  it('a locked entry refused by Clockify (400, 501) is invalid_argument', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/time-entries/${ID}`, fixture('time-entry')), stub.route('put', `/workspaces/${WS}/time-entries/${ID}`, clockifyError(400, 501, 'Entry is locked')));
    expect(errorOf(await runTool(clockify, 'clockify_update_time_entry', { time_entry_id: ID, description: 'x' }, { runtime: await startClockify() })).code).toBe('invalid_argument');
  });

  it('refuses project and project_id together, and an end before the start', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/time-entries/${ID}`, fixture('time-entry')));
    const runtime = await startClockify();
    expect(errorOf(await runTool(clockify, 'clockify_update_time_entry', { time_entry_id: ID, project: 'Internal', project_id: PROJECT_INTERNAL }, { runtime })).fields?.[0]?.field).toBe('project');
    expect(errorOf(await runTool(clockify, 'clockify_update_time_entry', { time_entry_id: ID, end: '2024-03-14 10:00' }, { runtime })).code).toBe('invalid_argument');
    expect(stub.received.filter((r) => r.method === 'PUT')).toEqual([]);
  });
});
