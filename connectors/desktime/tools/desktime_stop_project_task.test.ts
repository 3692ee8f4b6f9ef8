import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { errorOf, testPrincipal } from '../../../tests/support/tool-harness';
import desktime from '../index';
import { identityRoutes, desktimeRoute, desktimeServer, fixture, received, startDesktime, useDesktimeServer, runTool } from '../test-support';

useDesktimeServer();


describe('desktime_stop_project_task', () => {
  it('stops tracking with the project and task names', async () => {
    desktimeServer.use(...identityRoutes(), desktimeRoute('get', '/stop-project', fixture('stop-project')));
    const result = await runTool(
      desktime,
      'desktime_stop_project_task',
      { project: 'Blue Book', task: 'Blue Book task' },
      { runtime: await startDesktime(), principal: testPrincipal('staff', { email: 'andy@example.test' }) },
    );
    expect(received.filter((r) => r.path === '/stop-project')).toEqual([
      { method: 'GET', path: '/stop-project', query: { project: 'Blue Book', task: 'Blue Book task' }, hadApiKey: true },
    ]);
    expect(result.structuredContent).toEqual({
      stopped: true,
      project: 'Blue Book',
      task: 'Blue Book task',
      employee: { id: 2, name: 'Andy Bernard' },
      acted_as: { connector: 'desktime', how: 'shared_key_as_you', user_id: '2', name: 'Andy Bernard', email: 'andy@example.test' },
    });
  });

  it('refuses to stop for another employee without sending the stop', async () => {
    desktimeServer.use(desktimeRoute('get', '/employee', fixture('employee')));
    const error = errorOf(
      await runTool(desktime, 'desktime_stop_project_task', { project: 'Blue Book', employee_id: 3 }, { runtime: await startDesktime() }),
    );
    expect(error.code).toBe('unsupported_by_vendor');
    expect(received.map((r) => r.path)).toEqual(['/employee']);
  });

  it('is not re-sent after a 429, and says when to try again', async () => {
    desktimeServer.use(
      ...identityRoutes(),
      desktimeRoute('get', '/stop-project', new HttpResponse(null, { status: 429, headers: { 'Retry-After': '12' } })),
    );
    const error = errorOf(await runTool(desktime, 'desktime_stop_project_task', { project: 'Blue Book' }, { runtime: await startDesktime() }));
    expect(error).toMatchObject({ code: 'rate_limited', retry_after_seconds: 12 });
    expect(received.filter((r) => r.path === '/stop-project')).toHaveLength(1);
  });

  it('maps a 200 error about a missing project to upstream_error with where to find names', async () => {
    desktimeServer.use(...identityRoutes(), desktimeRoute('get', '/stop-project', { error: 'Project does not exist' }));
    const error = errorOf(await runTool(desktime, 'desktime_stop_project_task', { project: 'Nope' }, { runtime: await startDesktime() }));
    // DeskTime's wording is unverified, so the text picks no code; the hint still points at the names.
    expect(error.code).toBe('upstream_error');
    expect(error.hint).toContain('desktime_list_projects');
    expect(error.message).not.toContain('does not exist');
  });

  it('rejects an employee id that is not a number', async () => {
    const error = errorOf(
      await runTool(desktime, 'desktime_stop_project_task', { project: 'Blue Book', employee_id: 'me' }, { runtime: await startDesktime() }),
    );
    expect(error.fields?.[0]?.field).toBe('employee_id');
    expect(received).toEqual([]);
  });
});
