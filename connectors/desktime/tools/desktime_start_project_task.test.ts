import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../../tests/support/tool-harness';
import desktime from '../index';
import { desktimeRoute, desktimeServer, fixture, received, startDesktime, useDesktimeServer, runTool } from '../test-support';

useDesktimeServer();

describe('desktime_start_project_task', () => {
  it('starts tracking with the project and task names', async () => {
    desktimeServer.use(desktimeRoute('get', '/start-project', fixture('start-project')));
    const result = await runTool(
      desktime,
      'desktime_start_project_task',
      { project: 'Client website redesign', task: 'Design review' },
      { runtime: await startDesktime() },
    );
    expect(received).toEqual([
      { method: 'GET', path: '/start-project', query: { project: 'Client website redesign', task: 'Design review' }, hadApiKey: true },
    ]);
    expect(result.structuredContent).toEqual({
      started: true,
      project: 'Client website redesign',
      task: 'Design review',
      employee: null,
      extra: { status: 'started' },
    });
  });

  it('accepts the key owner named explicitly', async () => {
    desktimeServer.use(
      desktimeRoute('get', '/employee', fixture('employee')),
      desktimeRoute('get', '/start-project', fixture('start-project')),
    );
    const result = await runTool(
      desktime,
      'desktime_start_project_task',
      { project: 'Blue Book', employee_id: 2 },
      { runtime: await startDesktime() },
    );
    expect(result.structuredContent).toMatchObject({ started: true, task: null, employee: { id: 2, name: 'Andy Bernard' } });
    expect(received.map((r) => [r.path, r.query])).toEqual([
      ['/employee', {}],
      ['/start-project', { project: 'Blue Book' }],
    ]);
  });

  it('refuses to start for another employee without sending the start', async () => {
    desktimeServer.use(desktimeRoute('get', '/employee', fixture('employee')));
    const error = errorOf(
      await runTool(desktime, 'desktime_start_project_task', { project: 'Blue Book', employee_id: 7 }, { runtime: await startDesktime() }),
    );
    expect(error.code).toBe('unsupported_by_vendor');
    expect(error.message).toContain('employee 2');
    expect(error.hint).toContain('Omit employee_id');
    expect(received.map((r) => r.path)).toEqual(['/employee']);
  });

  it('is never re-sent after a failure that may have reached DeskTime', async () => {
    desktimeServer.use(desktimeRoute('get', '/start-project', new HttpResponse(null, { status: 503 })));
    const error = errorOf(await runTool(desktime, 'desktime_start_project_task', { project: 'Blue Book' }, { runtime: await startDesktime() }));
    expect(error.code).toBe('upstream_unavailable');
    expect(received).toHaveLength(1);
  });

  it('requires a project name', async () => {
    const error = errorOf(await runTool(desktime, 'desktime_start_project_task', { task: 'Design review' }, { runtime: await startDesktime() }));
    expect(error.fields?.[0]?.field).toBe('project');
    expect(received).toEqual([]);
  });
});
