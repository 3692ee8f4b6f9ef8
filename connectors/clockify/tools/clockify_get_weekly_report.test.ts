import type { weeklyReportOut } from '../reports/run';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, ME, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const WEEKLY = `/workspaces/${WS}/reports/weekly`;

describe('clockify_get_weekly_report', () => {
  it('reports my last week by user: 7 local days, rows with their days, totals by day', async () => {
    stub.use(...commonRoutes(stub), stub.route('post', WEEKLY, fixture('reports-weekly')));
    const result = await runTool(clockify, 'clockify_get_weekly_report', { start: 'last_week', users: ['me'] }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.path === WEEKLY)?.body).toMatchObject({
      dateRangeStart: '2024-03-04T00:00:00.000',
      dateRangeEnd: '2024-03-10T23:59:59.999',
      timeZone: 'Europe/Paris',
      users: { ids: [ME] },
      weeklyFilter: { group: 'USER', subgroup: 'TIME' },
    });
    const out = result.structuredContent as z.infer<typeof weeklyReportOut>;
    expect(out.totals).toMatchObject({ duration_seconds: 99000, duration: '27h 30m' });
    expect(out.totals.amounts).toEqual([{ type: 'earned', amount: 2148.975, currency: 'EUR' }]);
    expect(out.totals_by_day).toHaveLength(7);
    expect(out.rows[1]).toMatchObject({ name: 'Bruno Keller', duration: '12h 30m', amount: { amount: 797.625, currency: 'EUR' } });
    expect(out.rows[1]?.days?.[4]).toEqual({ date: '2026-11-27', duration_seconds: 5400, duration: '1h 30m' });
  });

  it('refuses a 6-day range before any call, naming the week that contains start', async () => {
    stub.use(...commonRoutes(stub));
    const error = errorOf(await runTool(clockify, 'clockify_get_weekly_report', { start: '2024-03-06', end: '2024-03-11' }, { runtime: await startClockify() }));
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toMatch(/exactly 7 days/);
    expect(error.hint).toContain('2024-03-04..2024-03-10');
    expect(stub.received.filter((r) => r.path === WEEKLY)).toEqual([]);
  });

  it("passes on Clockify's own refusal (400, code 501) as invalid_argument", async () => {
    stub.use(...commonRoutes(stub), stub.route('post', WEEKLY, clockifyError(400, 501, 'Please select date range of exactly 7 days')));
    const error = errorOf(await runTool(clockify, 'clockify_get_weekly_report', { start: '2024-03-04' }, { runtime: await startClockify() }));
    expect(error.code).toBe('invalid_argument');
    expect(JSON.stringify(error)).not.toContain('Please select');
  });

  it('refuses a group other than user or project', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_get_weekly_report', { start: 'last_week', group_by: 'tag' }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('group_by');
  });
});
