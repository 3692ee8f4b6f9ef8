import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { BOB, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, PROJECT_ACME, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const TASKS = `/workspaces/${WS}/projects/${PROJECT_ACME}/tasks`;

describe('clockify_create_task', () => {
  it('creates a task in a project named by the user, with an ISO estimate', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(
      stub.route('post', TASKS, ({ body }) =>
        HttpResponse.json(
          { id: '66c1d2e3f4a5b6c7d8e9f0aa', projectId: PROJECT_ACME, status: 'ACTIVE', duration: 'PT0S', billable: true, userGroupIds: [], ...(body as object) },
          { status: 201 },
        ),
      ),
    );
    const args = { project: 'Acme website', name: 'Fieldwork', estimate: '20h 30m', assignee_ids: [BOB] };
    const result = await runTool(clockify, 'clockify_create_task', args, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'POST')?.body).toEqual({ name: 'Fieldwork', assigneeIds: [BOB], estimate: 'PT20H30M' });
    expect(result.structuredContent).toMatchObject({
      task: { name: 'Fieldwork', project_name: 'Acme website', status: 'ACTIVE', estimate: { seconds: 73800, readable: '20h 30m' }, assignees: [{ id: BOB, name: 'Bob Chen' }] },
    });
  });

  it('maps a duplicate task name (400, code 501) to invalid_argument and does not re-send', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('post', TASKS, clockifyError(400, 501, 'Task with name Fieldwork already exists')));
    const error = errorOf(await runTool(clockify, 'clockify_create_task', { project_id: PROJECT_ACME, name: 'Fieldwork' }, { runtime: await startClockify() }));
    expect(error.code).toBe('invalid_argument');
    expect(stub.received.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('rejects an estimate it cannot read, before any call', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_create_task', { project_id: PROJECT_ACME, name: 'Fieldwork', estimate: 'a while' }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('estimate');
    expect(stub.received).toEqual([]);
  });
});
