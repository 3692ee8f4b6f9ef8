import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, PROJECT_ACME, runTool, startClockify, TASK_DESIGN, WS, AS_KEY_OWNER } from '../test-support';

const stub = clockifyStub();
const PATH = `/workspaces/${WS}/projects/${PROJECT_ACME}/tasks/${TASK_DESIGN}`;
const design = () => fixture<Record<string, unknown>[]>('tasks-list')[0]!;

describe('clockify_delete_task', () => {
  it('refuses to delete an active task with precondition_failed naming status DONE', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('delete', PATH, clockifyError(400, 501, 'Cannot delete an active task')));
    const error = errorOf(await runTool(clockify, 'clockify_delete_task', { project_id: PROJECT_ACME, task_id: TASK_DESIGN }, { runtime: await startClockify() }));
    expect(error.code).toBe('precondition_failed');
    expect(error.hint).toContain('clockify_update_task {"status": "DONE"}');
  });

  it('with archive_first sets the task DONE, then deletes it', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(
      stub.route('get', PATH, design()),
      stub.route('put', PATH, ({ body }) => ({ ...design(), ...(body as object) })),
      stub.route('delete', PATH, { ...design(), status: 'DONE' }),
    );
    const result = await runTool(clockify, 'clockify_delete_task', { project: 'Acme website', task_id: TASK_DESIGN, archive_first: true }, { runtime: await startClockify() });
    const writes = stub.received.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => r.method)).toEqual(['PUT', 'DELETE']);
    expect(writes[0]?.body).toMatchObject({ status: 'DONE', name: 'Design' });
    expect(result.structuredContent).toEqual({ acted_as: AS_KEY_OWNER, deleted: true, task: { id: TASK_DESIGN, name: 'Design' }, archived_first: true });
  });

  it('refuses project_id and project together', async () => {
    stub.use(...commonRoutes(stub));
    const error = errorOf(await runTool(clockify, 'clockify_delete_task', { project_id: PROJECT_ACME, project: 'Acme website', task_id: TASK_DESIGN }, { runtime: await startClockify() }));
    expect(error.code).toBe('invalid_argument');
    expect(stub.received.some((r) => r.method === 'DELETE')).toBe(false);
  });
});
