import { describe, expect, it } from 'vitest';
import { BOB, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, ME, PROJECT_INTERNAL, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const [RUNNING, DONE] = ['6601a2b3c4d5e6f7a8b9c0d2', '6601a2b3c4d5e6f7a8b9c0d1'];
const entries = () => Object.fromEntries(fixture<{ id: string }[]>('time-entries-list').map((e) => [e.id, { ...e, project: undefined, task: undefined, tags: undefined }]));

describe('clockify_update_time_entries', () => {
  it('moves several entries to a project by name, keeping each one\'s times, in one bulk PUT', async () => {
    const byId = entries();
    stub.use(
      ...commonRoutes(stub),
      stub.route('get', `/workspaces/${WS}/time-entries/:id`, ({ params }) => byId[params.id as string]!),
      stub.route('put', `/workspaces/${WS}/user/${ME}/time-entries`, ({ body }) => (body as Record<string, unknown>[]).map((b) => ({ ...byId[b.id as string], ...b }))),
    );
    const result = await runTool(clockify, 'clockify_update_time_entries', { time_entry_ids: [DONE, RUNNING], project: 'Internal' }, { runtime: await startClockify() });
    const put = stub.received.find((r) => r.method === 'PUT')?.body as Record<string, unknown>[];
    expect(put).toEqual([
      expect.objectContaining({ id: DONE, projectId: PROJECT_INTERNAL, start: '2024-03-14T13:00:00Z', end: '2024-03-14T15:00:00Z', description: 'Homepage wireframes' }),
      expect.objectContaining({ id: RUNNING, projectId: PROJECT_INTERNAL, start: '2024-03-15T08:30:00Z' }),
    ]);
    expect(put[0]).not.toHaveProperty('taskId');
    expect(put[1]).not.toHaveProperty('end');
    const out = (result.structuredContent as { time_entries: { project: { name: string } }[] }).time_entries;
    expect(out.map((e) => e.project.name)).toEqual(['Internal', 'Internal']);
  });

  it("refuses entries of another user before writing", async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/time-entries/:id`, { ...fixture<Record<string, unknown>>('time-entry'), userId: BOB }));
    const error = errorOf(await runTool(clockify, 'clockify_update_time_entries', { time_entry_ids: [DONE], billable: false }, { runtime: await startClockify() }));
    expect(error).toMatchObject({ code: 'invalid_argument', fields: [{ field: 'time_entry_ids' }] });
    expect(stub.received.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('a Clockify 400 is invalid_argument', async () => {
    const byId = entries();
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/time-entries/:id`, ({ params }) => byId[params.id as string]!), stub.route('put', `/workspaces/${WS}/user/${ME}/time-entries`, clockifyError(400, 501, 'nope')));
    expect(errorOf(await runTool(clockify, 'clockify_update_time_entries', { time_entry_ids: [DONE], billable: false }, { runtime: await startClockify() })).code).toBe('invalid_argument');
  });

  it('takes at most 50 ids', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_update_time_entries', { time_entry_ids: Array(51).fill(DONE), billable: true }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('time_entry_ids');
  });
});
