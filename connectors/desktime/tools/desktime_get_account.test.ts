import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../../tests/support/tool-harness';
import desktime from '../index';
import { desktimeRoute, desktimeServer, fixture, received, startDesktime, useDesktimeServer, runTool } from '../test-support';

useDesktimeServer();

describe('desktime_get_account', () => {
  it('returns the company with its time zone and readable work day, keeping unknown fields', async () => {
    desktimeServer.use(desktimeRoute('get', '/company', { ...fixture('company'), country: 'US' }));
    const result = await runTool(desktime, 'desktime_get_account', {}, { runtime: await startDesktime() });
    expect(result.structuredContent).toEqual({
      name: 'Dunder Mifflin, Inc.',
      time_zone: 'Europe/Riga',
      work_starts: '09:00:00',
      work_ends: '18:00:00',
      work_duration: { seconds: 28800, readable: '8h' },
      working_days: 31,
      tracking_starts: '00:00:00',
      tracking_ends: '23:59:59',
      extra: { country: 'US' },
    });
    expect(received).toMatchObject([{ method: 'GET', path: '/company', hadApiKey: true }]);
  });

  it('remembers the time zone, so "today" afterwards needs no second company call', async () => {
    desktimeServer.use(
      desktimeRoute('get', '/company', fixture('company')),
      desktimeRoute('get', '/employee/projects', fixture('employee-projects')),
    );
    const runtime = await startDesktime();
    await runTool(desktime, 'desktime_get_account', {}, { runtime });
    await runTool(desktime, 'desktime_get_employee_projects', { employee_id: 2, date: 'today' }, { runtime });
    expect(received.map((r) => r.path)).toEqual(['/company', '/employee/projects']);
  });

  it('tolerates missing fields', async () => {
    desktimeServer.use(desktimeRoute('get', '/company', { name: 'Tiny Co' }));
    const result = await runTool(desktime, 'desktime_get_account', {}, { runtime: await startDesktime() });
    expect(result.structuredContent).toMatchObject({ name: 'Tiny Co', time_zone: null, work_duration: null, extra: {} });
  });

  it('maps a 403 to permission_denied without quoting DeskTime', async () => {
    desktimeServer.use(desktimeRoute('get', '/company', HttpResponse.json({ error: 'Only admins <b>may</b>' }, { status: 403 })));
    const error = errorOf(await runTool(desktime, 'desktime_get_account', {}, { runtime: await startDesktime() }));
    expect(error).toMatchObject({ code: 'permission_denied', vendor_status: 403, connector: 'desktime' });
    expect(JSON.stringify(error)).not.toContain('<b>');
  });

  it('rejects arguments it does not take', async () => {
    const error = errorOf(await runTool(desktime, 'desktime_get_account', { company_id: 5 }, { runtime: await startDesktime() }));
    expect(error.code).toBe('invalid_argument');
    expect(received).toEqual([]);
  });
});
