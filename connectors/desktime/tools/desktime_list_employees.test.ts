import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { errorOf } from '../../../tests/support/tool-harness';
import desktime from '../index';
import { companyRoute, desktimeRoute, desktimeServer, fixture, received, startDesktime, useDesktimeServer, runTool } from '../test-support';

useDesktimeServer();

describe('desktime_list_employees', () => {
  it("lists today's employees as an array, today being the company's day", async () => {
    desktimeServer.use(companyRoute(), desktimeRoute('get', '/employees', fixture('employees-day')));
    const result = await runTool(desktime, 'desktime_list_employees', {}, { runtime: await startDesktime() });
    const out = result.structuredContent as {
      date: string;
      days: { date: string; employees: Record<string, unknown>[] }[];
      employee_days: number;
      truncated: boolean;
    };
    // TEST_NOW is late on the 15th in UTC, already the 16th in Riga.
    expect(received.find((r) => r.path === '/employees')?.query).toEqual({ date: '2024-03-16', period: 'day' });
    expect(out.date).toBe('2024-03-16');
    expect(out.employee_days).toBe(2);
    expect(out.truncated).toBe(false);
    expect(out.days.map((d) => d.date)).toEqual(['2024-03-16']);
    const [andy, michael] = out.days[0]!.employees;
    expect(andy).toMatchObject({
      id: 2,
      name: 'Andy Bernard',
      group_id: 106345,
      group_name: 'Marketing',
      is_online: true,
      // DeskTime's wall-clock time in the company zone (Europe/Riga, UTC+2 in March), with its offset: not read as the model's own zone.
      arrived_at: '2024-03-16T09:17:00+02:00',
      late: true,
      desktime_time: { seconds: 6027, readable: '1h 40m' },
      productive_time: { seconds: 4213, readable: '1h 10m' },
      productivity_percent: 69.9,
      efficiency_percent: 14.8,
      active_project: { project_id: 67973, project_name: 'Blue Book', task_id: 42282, task_name: 'Blue Book task', time: { seconds: 6027, readable: '1h 40m' } },
      notes: [{ label: 'Background', value: 'Law and accounting' }],
    });
    expect(michael).toMatchObject({ id: 1, arrived_at: null, left_at: null, active_project: null, notes: [] });
  });

  it('asks for a month and returns its days in order', async () => {
    desktimeServer.use(companyRoute(), desktimeRoute('get', '/employees', fixture('employees-month')));
    const result = await runTool(
      desktime,
      'desktime_list_employees',
      { date: '2024-03-01', period: 'month' },
      { runtime: await startDesktime() },
    );
    expect(received).toEqual([{ method: 'GET', path: '/employees', query: { date: '2024-03-01', period: 'month' }, hadApiKey: true }]);
    const out = result.structuredContent as { days: { date: string; employees: { name: string }[] }[]; employee_days: number };
    expect(out.days.map((d) => [d.date, d.employees.map((e) => e.name)])).toEqual([
      ['2024-03-01', ['Andy Bernard', 'Creed Bratton']],
      ['2024-03-02', ['Creed Bratton']],
      ['2024-03-03', []],
    ]);
    expect(out.employee_days).toBe(3);
  });

  it('refuses a date range before calling DeskTime, pointing at per-day or per-month calls', async () => {
    const error = errorOf(
      await runTool(desktime, 'desktime_list_employees', { date: '2024-03-01..2024-03-07' }, { runtime: await startDesktime() }),
    );
    expect(error.code).toBe('invalid_argument');
    expect(error.hint).toMatch(/once per day/);
    expect(error.hint).toMatch(/period "month"/);
    expect(received).toEqual([]);
  });

  it('refuses a date that is not a day', async () => {
    const runtime = await startDesktime();
    for (const date of ['2024-02-30', '15/03/2024', 'tomorrow-ish']) {
      const error = errorOf(await runTool(desktime, 'desktime_list_employees', { date }, { runtime }));
      expect(error.code).toBe('invalid_argument');
      expect(error.fields?.[0]?.field).toBe('date');
    }
    const badPeriod = errorOf(await runTool(desktime, 'desktime_list_employees', { period: 'week' }, { runtime }));
    expect(badPeriod.fields?.[0]?.field).toBe('period');
    expect(received).toEqual([]);
  });

  it('maps 429 to rate_limited with the wait DeskTime asked for', async () => {
    desktimeServer.use(
      desktimeRoute('get', '/employees', new HttpResponse(null, { status: 429, headers: { 'Retry-After': '30' } })),
    );
    const error = errorOf(await runTool(desktime, 'desktime_list_employees', { date: '2024-03-01' }, { runtime: await startDesktime({}) }));
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, retry_after_seconds: 30, vendor_status: 429 });
  });

  it('reports an answer without employees as an upstream error, not an empty company', async () => {
    desktimeServer.use(desktimeRoute('get', '/employees', { something: 'else' }));
    const error = errorOf(await runTool(desktime, 'desktime_list_employees', { date: '2024-03-01' }, { runtime: await startDesktime() }));
    expect(error.code).toBe('upstream_error');
  });
});
