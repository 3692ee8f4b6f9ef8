import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../../tests/support/tool-harness';
import desktime from '../index';
import { desktimeRoute, desktimeServer, fixture, identityRoutes, received, runTool, startDesktime, useDesktimeServer } from '../test-support';

useDesktimeServer();

describe('desktime_get_employee_projects_and_apps', () => {
  it("returns the day's projects and apps from DeskTime's basic data", async () => {
    desktimeServer.use(...identityRoutes(), desktimeRoute('get', '/employee/basic', fixture('employee-basic')));
    const result = await runTool(
      desktime,
      'desktime_get_employee_projects_and_apps',
      { employee_id: 2, date: '2024-03-15' },
      { runtime: await startDesktime() },
    );
    expect(received).toEqual([{ method: 'GET', path: '/employee/basic', query: { id: '2', date: '2024-03-15' }, hadApiKey: true }]);
    expect(result.structuredContent).toEqual({
      date: '2024-03-15',
      employee: { id: 2, name: 'Andy Bernard' },
      desktime_time: { seconds: 30127, readable: '8h 22m' },
      productive_time: { seconds: 21013, readable: '5h 50m' },
      productivity_percent: 69.7,
      projects: [
        { project_id: 67973, project_name: 'Blue Book', task_id: 42282, task_name: 'Blue Book task', time: { seconds: 13186, readable: '3h 39m' } },
      ],
      apps: [
        { name: 'PhpStorm', app: 'phpstorm', kind: 'app', productivity: 'productive', time: { seconds: 8100, readable: '2h 15m' } },
        { name: 'github.com', app: 'github.com', kind: 'web', productivity: 'productive', time: { seconds: 2400, readable: '40m' } },
      ],
      apps_total_count: 2,
    });
  });

  it('keeps the longest 50 apps and says how many there were', async () => {
    const apps = Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => [`site${i}.test`, { app: `site${i}.test`, name: `site${i}.test`, type: 'web', duration: i + 1 }]),
    );
    desktimeServer.use(...identityRoutes(), desktimeRoute('get', '/employee/basic', { id: 2, name: 'Andy Bernard', apps: { '0': apps } }));
    const result = await runTool(desktime, 'desktime_get_employee_projects_and_apps', { date: '2024-03-15' }, { runtime: await startDesktime() });
    const out = result.structuredContent as { apps: { name: string }[]; apps_total_count: number; desktime_time: unknown };
    expect(out.apps).toHaveLength(50);
    expect(out.apps[0]?.name).toBe('site59.test');
    expect(out.apps_total_count).toBe(60);
    expect(out.desktime_time).toBeNull();
  });

  it('maps an HTML 500 to an upstream error without the page', async () => {
    desktimeServer.use(...identityRoutes(), desktimeRoute('get', '/employee/basic', new HttpResponse('<h1>Whoops</h1>', { status: 500 })));
    const error = errorOf(
      await runTool(desktime, 'desktime_get_employee_projects_and_apps', { date: '2024-03-15' }, { runtime: await startDesktime() }),
    );
    expect(error).toMatchObject({ code: 'upstream_error', vendor_status: 500 });
    expect(JSON.stringify(error)).not.toContain('Whoops');
  });

  it('rejects a negative employee id', async () => {
    const error = errorOf(
      await runTool(desktime, 'desktime_get_employee_projects_and_apps', { employee_id: -3 }, { runtime: await startDesktime() }),
    );
    expect(error.fields?.[0]?.field).toBe('employee_id');
    expect(received).toEqual([]);
  });
});
