import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { errorOf, testPrincipal } from '../../../tests/support/tool-harness';
import desktime from '../index';
import { companyRoute, desktimeRoute, desktimeServer, fixture, identityRoutes, received, startDesktime, useDesktimeServer, runTool } from '../test-support';

useDesktimeServer();

describe('desktime_get_employee', () => {
  it("returns one employee's day with projects and apps as arrays, longest first", async () => {
    desktimeServer.use(companyRoute(), desktimeRoute('get', '/employee', fixture('employee')));
    const result = await runTool(
      desktime,
      'desktime_get_employee',
      { employee_id: 2, date: '2024-03-15' },
      { runtime: await startDesktime() },
    );
    // The company details give the zone of the arrival time (asked only because Andy arrived).
    expect(received).toEqual([
      { method: 'GET', path: '/employee', query: { id: '2', date: '2024-03-15' }, hadApiKey: true },
      { method: 'GET', path: '/company', query: {}, hadApiKey: true },
    ]);
    const out = result.structuredContent as Record<string, unknown> & { employee: Record<string, unknown> };
    expect(out.date).toBe('2024-03-15');
    expect(out.employee).toMatchObject({
      id: 2,
      name: 'Andy Bernard',
      arrived_at: '2024-03-15T09:17:00+02:00',
      desktime_time: { seconds: 30127, readable: '8h 22m' },
      productivity_percent: 69.7,
      efficiency_percent: 14.8,
      extra: { mood: 'cheerful' },
    });
    expect(out.employee).not.toHaveProperty('apps');
    expect(out.projects).toEqual([
      { project_id: 67973, project_name: 'Blue Book', task_id: 42282, task_name: 'Blue Book task', time: { seconds: 13186, readable: '3h 39m' } },
      { project_id: 1, project_name: 'Calling Dwight', task_id: 3802072, task_name: 'We need to talk!', time: { seconds: 1200, readable: '20m' } },
    ]);
    expect(out.apps).toEqual([
      { name: 'PhpStorm', app: 'phpstorm', kind: 'app', productivity: 'productive', time: { seconds: 8100, readable: '2h 15m' } },
      { name: 'chat.openai.com', app: 'chat.openai.com', kind: 'web', productivity: 'neutral', time: { seconds: 530, readable: '8m' } },
      { name: 'youtube.com', app: 'youtube.com', kind: 'web', productivity: 'unproductive', time: { seconds: 110, readable: '1m' } },
    ]);
    expect(out.apps_total_count).toBe(3);
  });

  it("defaults to the key owner for a caller who is no employee, on the company's yesterday, and says whose day it is", async () => {
    desktimeServer.use(...identityRoutes());
    const result = await runTool(desktime, 'desktime_get_employee', { date: 'yesterday' }, { runtime: await startDesktime() });
    expect(received.filter((r) => r.path === '/employee').at(-1)?.query).toEqual({ date: '2024-03-15' });
    expect(result.structuredContent).toMatchObject({
      employee: { id: 2 },
      acted_as: { how: 'shared_key_as_owner', user_id: '2', note: expect.stringContaining('no DeskTime employee has the email user-admin@example.test') },
    });
  });

  it('defaults to the caller\'s own day when their email is an employee\'s, and takes "me" the same way', async () => {
    // Like DeskTime: an id gets that employee's day, no id the key owner's.
    desktimeServer.use(
      companyRoute(),
      desktimeRoute('get', '/employee', (query) => (query.id === '1' ? { ...fixture('employee'), id: 1, name: 'Michael Scott', email: 'michael@example.test' } : fixture('employee'))),
      ...identityRoutes(),
    );
    const runtime = await startDesktime();
    const principal = testPrincipal('staff', { email: 'michael@example.test' });
    for (const args of [{}, { employee: 'me' }]) {
      received.length = 0;
      const result = await runTool(desktime, 'desktime_get_employee', { ...args, date: '2024-03-15' }, { runtime, principal });
      expect(received.filter((r) => r.path === '/employee').at(-1)?.query).toEqual({ id: '1', date: '2024-03-15' });
      expect(result.structuredContent).toMatchObject({
        employee: { id: 1, name: 'Michael Scott' },
        acted_as: { connector: 'desktime', how: 'shared_key_as_you', user_id: '1', name: 'Michael Scott', email: 'michael@example.test' },
      });
    }
  });

  it('does not pass off the key owner as another employee when DeskTime ignores the id', async () => {
    desktimeServer.use(companyRoute(), desktimeRoute('get', '/employee', fixture('employee')));
    const error = errorOf(
      await runTool(desktime, 'desktime_get_employee', { employee_id: 999, date: '2024-03-15' }, { runtime: await startDesktime() }),
    );
    expect(error.code).toBe('not_found');
    expect(error.hint).toContain('desktime_list_employees');
  });

  it('maps an unknown-employee error to not_found with where to find ids', async () => {
    desktimeServer.use(desktimeRoute('get', '/employee', HttpResponse.json({ error: 'Employee not found' }, { status: 404 })));
    const error = errorOf(
      await runTool(desktime, 'desktime_get_employee', { employee_id: 999, date: '2024-03-15' }, { runtime: await startDesktime() }),
    );
    expect(error).toMatchObject({ code: 'not_found', vendor_status: 404 });
    expect(error.hint).toContain('desktime_list_employees');
    expect(error.message).not.toContain('Employee not found');
  });

  it('rejects a non-numeric employee id and a range before calling DeskTime', async () => {
    const runtime = await startDesktime();
    const badId = errorOf(await runTool(desktime, 'desktime_get_employee', { employee_id: 'andy' }, { runtime }));
    expect(badId.fields?.[0]?.field).toBe('employee_id');
    const range = errorOf(await runTool(desktime, 'desktime_get_employee', { date: 'last week' }, { runtime }));
    expect(range.code).toBe('invalid_argument');
    expect(range.hint).toMatch(/once per day/);
    expect(received).toEqual([]);
  });

  describe('by name or email instead of employee_id', () => {
    const routes = () => desktimeServer.use(companyRoute(), desktimeRoute('get', '/employees', fixture('employees-day')), desktimeRoute('get', '/employee', fixture('employee')));

    it.each(['andy bernard', 'ANDY@example.test'])('finds %s among the employees DeskTime lists for that day', async (employee) => {
      routes();
      const result = await runTool(desktime, 'desktime_get_employee', { employee, date: '2024-03-15' }, { runtime: await startDesktime() });
      expect(received.map((r) => [r.path, r.query])).toEqual([
        ['/employees', { date: '2024-03-15', period: 'day' }],
        ['/employee', { id: '2', date: '2024-03-15' }],
        ['/company', {}],
      ]);
      expect((result.structuredContent as { employee: { name: string } }).employee.name).toBe('Andy Bernard');
    });

    it('offers the closest names with their ids, and asks for nobody\'s day', async () => {
      routes();
      const error = errorOf(await runTool(desktime, 'desktime_get_employee', { employee: 'Andy Bernand', date: '2024-03-15' }, { runtime: await startDesktime() }));
      expect(error).toMatchObject({ code: 'invalid_argument', fields: [{ field: 'employee', problem: expect.stringContaining('"Andy Bernard" (employee_id 2, andy@example.test)') }] });
      expect(received.map((r) => r.path)).toEqual(['/employees']);
    });

    it('is staff-only (it reads everyone\'s day, like desktime_list_employees): a user is refused before DeskTime is asked', async () => {
      routes();
      const error = errorOf(
        await runTool(desktime, 'desktime_get_employee', { employee: 'Andy Bernard', date: '2024-03-15' }, { runtime: await startDesktime(), principal: testPrincipal('user') }),
      );
      expect(error.code).toBe('permission_denied');
      expect(received).toEqual([]);
    });

    it('takes employee_id or employee, not both, before asking DeskTime', async () => {
      routes();
      const error = errorOf(await runTool(desktime, 'desktime_get_employee', { employee_id: 2, employee: 'Andy Bernard' }, { runtime: await startDesktime() }));
      expect(error.fields?.[0]?.field).toBe('employee');
      expect(received).toEqual([]);
    });
  });
});
