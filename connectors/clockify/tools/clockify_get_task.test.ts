import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, ME, PROJECT_ACME, runTool, startClockify, TASK_DESIGN, WS } from '../test-support';

const stub = clockifyStub();
const PATH = `/workspaces/${WS}/projects/${PROJECT_ACME}/tasks/${TASK_DESIGN}`;

describe('clockify_get_task', () => {
  it('gets a task with its project and assignee names', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PATH, fixture<object[]>('tasks-list')[0]!));
    const result = await runTool(clockify, 'clockify_get_task', { project_id: PROJECT_ACME, task_id: TASK_DESIGN }, { runtime: await startClockify() });
    expect(result.structuredContent).toMatchObject({
      task: { id: TASK_DESIGN, name: 'Design', project_name: 'Acme website', status: 'ACTIVE', assignees: [{ id: ME, name: 'Alice Moreau' }] },
    });
  });

  it('maps an unknown task to not_found', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PATH, clockifyError(404, 501, 'Task not found')));
    const error = errorOf(await runTool(clockify, 'clockify_get_task', { project_id: PROJECT_ACME, task_id: TASK_DESIGN }, { runtime: await startClockify() }));
    expect(error.code).toBe('not_found');
  });

  it('requires task_id', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_get_task', { project_id: PROJECT_ACME }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('task_id');
    expect(stub.received).toEqual([]);
  });
});
