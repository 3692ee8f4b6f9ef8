import { describe, expect, it } from 'vitest';
import { errorOf } from '../../../tests/support/tool-harness';
import desktime from '../index';
import { desktimeRoute, desktimeServer, fixture, identityRoutes, received, runTool, startDesktime, useDesktimeServer } from '../test-support';

useDesktimeServer();

describe('desktime_get_employee_projects', () => {
  it('lists the projects with times and their total, skipping entries that are not projects', async () => {
    desktimeServer.use(...identityRoutes(), desktimeRoute('get', '/employee/projects', fixture('employee-projects')));
    const result = await runTool(
      desktime,
      'desktime_get_employee_projects',
      { employee_id: 2, date: '2024-03-14' },
      { runtime: await startDesktime() },
    );
    expect(received).toEqual([
      { method: 'GET', path: '/employee/projects', query: { id: '2', date: '2024-03-14' }, hadApiKey: true },
    ]);
    expect(result.structuredContent).toEqual({
      date: '2024-03-14',
      employee: { id: 2, name: 'Andy Bernard' },
      projects: [
        { project_id: 67973, project_name: 'Blue Book', task_id: 42282, task_name: 'Blue Book task', time: { seconds: 13186, readable: '3h 39m' } },
        { project_id: 1, project_name: 'Calling Dwight', task_id: null, task_name: null, time: { seconds: 1200, readable: '20m' } },
      ],
      total_time: { seconds: 14386, readable: '3h 59m' },
      // The entry that is not a project cannot be shown, and the result says one was not read.
      partly_read: expect.objectContaining({ items: 1, fields: ['(entry not an object)'] }),
    });
  });

  it('returns an empty list when DeskTime sends no projects', async () => {
    desktimeServer.use(...identityRoutes(), desktimeRoute('get', '/employee/projects', { id: 2, name: 'Andy Bernard' }));
    const result = await runTool(desktime, 'desktime_get_employee_projects', { date: '2024-03-14' }, { runtime: await startDesktime() });
    expect(result.structuredContent).toMatchObject({ projects: [], total_time: { seconds: 0, readable: '0s' } });
  });

  it('maps a 200 carrying an access error to permission_denied', async () => {
    desktimeServer.use(...identityRoutes(), desktimeRoute('get', '/employee/projects', { error: { code: 403, message: 'Access denied for this employee' } }));
    const error = errorOf(
      await runTool(desktime, 'desktime_get_employee_projects', { employee_id: 7, date: '2024-03-14' }, { runtime: await startDesktime() }),
    );
    expect(error.code).toBe('permission_denied');
    expect(error.hint).toContain('Omit employee_id');
    expect(error.message).not.toContain('Access denied');
  });

  it('rejects a date in another format', async () => {
    const error = errorOf(
      await runTool(desktime, 'desktime_get_employee_projects', { date: 'March 14' }, { runtime: await startDesktime() }),
    );
    expect(error.code).toBe('invalid_argument');
    expect(received).toEqual([]);
  });
});
