import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { errorOf, testPrincipal } from '../../../tests/support/tool-harness';
import desktime from '../index';
import { identityRoutes, desktimeRoute, desktimeServer, fixture, received, startDesktime, useDesktimeServer, runTool } from '../test-support';

useDesktimeServer();

const michael = testPrincipal('staff', { email: 'michael@example.test', name: 'Michael Scott' });
const andy = testPrincipal('staff', { email: 'Andy@Example.test', name: 'Andy Bernard' });

describe('desktime_start_project_task', () => {
  it('starts tracking for the key owner who calls, and says it acted as them', async () => {
    desktimeServer.use(...identityRoutes(), desktimeRoute('get', '/start-project', fixture('start-project')));
    const result = await runTool(
      desktime,
      'desktime_start_project_task',
      { project: 'Client website redesign', task: 'Design review' },
      { runtime: await startDesktime(), principal: andy },
    );
    expect(received.filter((r) => r.path === '/start-project')).toEqual([
      { method: 'GET', path: '/start-project', query: { project: 'Client website redesign', task: 'Design review' }, hadApiKey: true },
    ]);
    expect(result.structuredContent).toEqual({
      started: true,
      project: 'Client website redesign',
      task: 'Design review',
      employee: { id: 2, name: 'Andy Bernard' },
      acted_as: { connector: 'desktime', how: 'shared_key_as_you', user_id: '2', name: 'Andy Bernard', email: 'andy@example.test' },
    });
  });

  it('refuses another employee on the shared key, before DeskTime is asked to start, with how to link their own key', async () => {
    desktimeServer.use(...identityRoutes(), desktimeRoute('get', '/start-project', fixture('start-project')));
    const error = errorOf(await runTool(desktime, 'desktime_start_project_task', { project: 'Blue Book' }, { runtime: await startDesktime(), principal: michael }));
    expect(error.code).toBe('precondition_failed');
    expect(error.message).toContain('cannot start tracking as you (Michael Scott (michael@example.test))');
    expect(error.message).toContain('Andy Bernard');
    expect(error.hint).toContain('deskgate credentials set desktime');
    expect(error.hint).toContain('PUT /api/me/credentials/desktime');
    expect(error.hint).toContain('DESKTIME_SHARED_WRITES=owner');
    expect(received.map((r) => r.path)).not.toContain('/start-project');
  });

  it("with DESKTIME_SHARED_WRITES=owner tracks the key owner for another employee, and says on whose account", async () => {
    desktimeServer.use(...identityRoutes(), desktimeRoute('get', '/start-project', fixture('start-project')));
    const runtime = await startDesktime({ common: { sharedWrites: 'owner' } });
    const result = await runTool(desktime, 'desktime_start_project_task', { project: 'Blue Book' }, { runtime, principal: michael });
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toMatchObject({
      started: true,
      employee: { id: 2, name: 'Andy Bernard' },
      acted_as: { connector: 'desktime', how: 'shared_key_as_owner', user_id: '2', name: 'Andy Bernard', email: 'andy@example.test', note: expect.stringContaining('DESKTIME_SHARED_WRITES=owner') },
    });
  });

  it('a caller who is no employee tracks the key owner, and the result says so', async () => {
    desktimeServer.use(...identityRoutes(), desktimeRoute('get', '/start-project', fixture('start-project')));
    const result = await runTool(desktime, 'desktime_start_project_task', { project: 'Blue Book' }, { runtime: await startDesktime(), principal: testPrincipal('staff', { email: 'admin@localhost' }) });
    expect(result.structuredContent).toMatchObject({
      acted_as: { how: 'shared_key_as_owner', name: 'Andy Bernard', note: expect.stringContaining('no DeskTime employee has the email admin@localhost') },
    });
  });

  it('accepts the key owner named explicitly', async () => {
    desktimeServer.use(...identityRoutes(), desktimeRoute('get', '/start-project', fixture('start-project')));
    const result = await runTool(
      desktime,
      'desktime_start_project_task',
      { project: 'Blue Book', employee_id: 2 },
      { runtime: await startDesktime() },
    );
    expect(result.structuredContent).toMatchObject({ started: true, task: null, employee: { id: 2, name: 'Andy Bernard' } });
    expect(received.filter((r) => r.path === '/start-project').map((r) => r.query)).toEqual([{ project: 'Blue Book' }]);
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
    desktimeServer.use(...identityRoutes(), desktimeRoute('get', '/start-project', new HttpResponse(null, { status: 503 })));
    const error = errorOf(await runTool(desktime, 'desktime_start_project_task', { project: 'Blue Book' }, { runtime: await startDesktime() }));
    expect(error.code).toBe('upstream_unavailable');
    expect(received.filter((r) => r.path === '/start-project')).toHaveLength(1);
  });

  it('requires a project name', async () => {
    const error = errorOf(await runTool(desktime, 'desktime_start_project_task', { task: 'Design review' }, { runtime: await startDesktime() }));
    expect(error.fields?.[0]?.field).toBe('project');
    expect(received).toEqual([]);
  });
});
