import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, ME, PROJECT_ACME, runTool, startClockify, TASK_DESIGN, WS } from '../test-support';

const stub = clockifyStub();
const PATH = `/workspaces/${WS}/projects/${PROJECT_ACME}/tasks/${TASK_DESIGN}`;
const design = () => fixture<Record<string, unknown>[]>('tasks-list')[0]!;

describe('clockify_update_task', () => {
  it('closes a task and writes back its name, assignees and estimate (Clockify replaces the whole task)', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PATH, design()), stub.route('put', PATH, ({ body }) => ({ ...design(), ...(body as object) })));
    const result = await runTool(clockify, 'clockify_update_task', { project_id: PROJECT_ACME, task_id: TASK_DESIGN, status: 'DONE' }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'PUT')?.body).toEqual({
      name: 'Design',
      status: 'DONE',
      assigneeIds: [ME],
      userGroupIds: [],
      estimate: 'PT10H',
      billable: true,
    });
    expect(result.structuredContent).toMatchObject({ task: { id: TASK_DESIGN, status: 'DONE', name: 'Design', project_name: 'Acme website' } });
  });

  it('renames a done task and it stays done', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PATH, { ...design(), status: 'DONE' }), stub.route('put', PATH, ({ body }) => ({ ...design(), ...(body as object) })));
    await runTool(clockify, 'clockify_update_task', { project_id: PROJECT_ACME, task_id: TASK_DESIGN, name: 'Visual design' }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'PUT')?.body).toMatchObject({ name: 'Visual design', status: 'DONE' });
  });

  it('maps a 403 on the write to permission_denied', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PATH, design()), stub.route('put', PATH, clockifyError(403, 403, 'Forbidden')));
    const error = errorOf(await runTool(clockify, 'clockify_update_task', { project_id: PROJECT_ACME, task_id: TASK_DESIGN, billable: false }, { runtime: await startClockify() }));
    expect(error.code).toBe('permission_denied');
  });

  it('refuses an unknown status and a call that changes nothing', async () => {
    const runtime = await startClockify();
    expect(errorOf(await runTool(clockify, 'clockify_update_task', { project_id: PROJECT_ACME, task_id: TASK_DESIGN, status: 'CLOSED' }, { runtime })).fields?.[0]?.field).toBe('status');
    expect(errorOf(await runTool(clockify, 'clockify_update_task', { project_id: PROJECT_ACME, task_id: TASK_DESIGN }, { runtime })).code).toBe('invalid_argument');
    expect(stub.received).toEqual([]);
  });
});
