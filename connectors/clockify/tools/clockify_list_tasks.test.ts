import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, ME, PROJECT_ACME, runTool, startClockify, TASK_DESIGN, WS } from '../test-support';

const stub = clockifyStub();
const TASKS = `/workspaces/${WS}/projects/${PROJECT_ACME}/tasks`;

describe('clockify_list_tasks', () => {
  it("lists a project's tasks (project by name) with project name, estimate, assignees and rates", async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', TASKS, fixture('tasks-list')));
    const result = await runTool(clockify, 'clockify_list_tasks', { project: 'acme website', status: 'all' }, { runtime: await startClockify() });
    expect(result.structuredContent).toEqual({
      tasks: [
        {
          id: TASK_DESIGN,
          name: 'Design',
          project_id: PROJECT_ACME,
          project_name: 'Acme website',
          status: 'ACTIVE',
          billable: true,
          estimate: { seconds: 36000, readable: '10h' },
          tracked: { seconds: 15300, readable: '4h 15m' },
          assignees: [{ id: ME, name: 'Alice Moreau' }],
          hourly_rate: null,
          cost_rate: null,
          extra: { budgetEstimate: 0 },
        },
        {
          id: '66c1d2e3f4a5b6c7d8e9f002',
          name: 'Development',
          project_id: PROJECT_ACME,
          project_name: 'Acme website',
          status: 'DONE',
          billable: true,
          estimate: null,
          tracked: { seconds: 29700, readable: '8h 15m' },
          assignees: [],
          hourly_rate: { amount: 100, currency: 'EUR' },
          cost_rate: null,
          extra: { budgetEstimate: 0 },
        },
      ],
      next_cursor: null,
    });
  });

  it('sends the status filter as is-active', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', TASKS, fixture<unknown[]>('tasks-list').slice(1)));
    await runTool(clockify, 'clockify_list_tasks', { project_id: PROJECT_ACME, status: 'done', name: 'Dev' }, { runtime: await startClockify() });
    expect(stub.received.filter((r) => r.path === TASKS).at(-1)?.query).toEqual({ name: 'Dev', 'is-active': 'false', page: '1', 'page-size': '50' });
  });

  it('maps an unknown project to not_found', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', TASKS, clockifyError(404, 501, 'Project not found')));
    const error = errorOf(await runTool(clockify, 'clockify_list_tasks', { project_id: PROJECT_ACME }, { runtime: await startClockify() }));
    expect(error.code).toBe('not_found');
  });

  it('needs the project, by id or name', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_list_tasks', {}, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('project_id');
    expect(error.hint).toContain('clockify_list_projects');
    expect(stub.received).toEqual([]);
  });
});
