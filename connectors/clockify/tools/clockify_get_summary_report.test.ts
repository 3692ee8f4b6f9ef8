import type { summaryReportOut } from '../reports/run';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, PROJECT_ACME, runTool, startClockify, TEST_PERSONAL_KEY, WS } from '../test-support';

const stub = clockifyStub();
const SUMMARY = `/workspaces/${WS}/reports/summary`;

describe('clockify_get_summary_report', () => {
  it("reports last week by project then user, in the user's zone, totals first, amounts in EUR", async () => {
    stub.use(...commonRoutes(stub), stub.route('post', SUMMARY, fixture('reports-summary')));
    const result = await runTool(
      clockify,
      'clockify_get_summary_report',
      { start: 'last_week', group_by: ['project', 'user'], projects: ['Acme website'], billable: true },
      { runtime: await startClockify() },
    );
    expect(result.isError).toBeFalsy();
    const sent = stub.received.find((r) => r.path === SUMMARY);
    // TEST_NOW is Friday 2024-03-15 in Paris: last week is Monday 4th to Sunday 10th, local days sent with the zone.
    expect(sent?.body).toMatchObject({
      dateRangeStart: '2024-03-04T00:00:00.000',
      dateRangeEnd: '2024-03-10T23:59:59.999',
      timeZone: 'Europe/Paris',
      projects: { ids: [PROJECT_ACME], contains: 'CONTAINS' },
      billable: true,
      summaryFilter: { groups: ['PROJECT', 'USER'] },
    });
    const out = result.structuredContent as z.infer<typeof summaryReportOut>;
    expect(Object.keys(out)[0]).toBe('totals');
    expect(out.range).toEqual({ start: '2024-03-04', end: '2024-03-10', days: 7, time_zone: 'Europe/Paris' });
    expect(out.totals).toMatchObject({ duration_seconds: 61530, duration: '17h 05m', billable_seconds: 45030, entries: 14 });
    expect(out.totals.amounts[0]).toEqual({ type: 'earned', amount: 1070.125, currency: 'EUR' });
    expect(out.total_rows).toBe(7);
    expect(out.rows[0]).toMatchObject({ level: 1, group: 'project', name: 'Acme website', client: 'Acme Corp', duration: '12h 30m' });
    expect(out.rows[1]).toMatchObject({ level: 2, group: 'user', name: 'Alice Moreau', parents: ['Acme website'], amount: { amount: 676.5008, currency: 'EUR' } });
    expect(out.next_cursor).toBeNull();
  });

  it("uses a caller's own linked key on the reports host too", async () => {
    stub.use(...commonRoutes(stub), stub.route('post', SUMMARY, fixture('reports-summary')));
    const result = await runTool(clockify, 'clockify_get_summary_report', { start: 'today' }, { runtime: await startClockify(), credential: { id: 'cred-1', secret: TEST_PERSONAL_KEY } });
    expect(result.isError).toBeFalsy();
    const sent = stub.received.find((r) => r.path === SUMMARY);
    expect(sent?.secretIndex).toBe(1);
  });

  it('pages rows with limit and cursor, refusing a cursor from other arguments', async () => {
    stub.use(...commonRoutes(stub), stub.route('post', SUMMARY, fixture('reports-summary')));
    const runtime = await startClockify();
    const first = (await runTool(clockify, 'clockify_get_summary_report', { start: '2024-03-01', end: '2024-03-31', group_by: ['project', 'user'], limit: 4 }, { runtime }))
      .structuredContent as z.infer<typeof summaryReportOut>;
    expect(first.rows).toHaveLength(4);
    const second = (
      await runTool(clockify, 'clockify_get_summary_report', { start: '2024-03-01', end: '2024-03-31', group_by: ['project', 'user'], limit: 4, cursor: first.next_cursor }, { runtime })
    ).structuredContent as z.infer<typeof summaryReportOut>;
    expect(second.rows.map((r) => r.name)).toEqual(['Alice Moreau', '(without project)', 'Chen Wei']);
    expect(second.next_cursor).toBeNull();
    const wrong = errorOf(await runTool(clockify, 'clockify_get_summary_report', { start: '2024-02-01', cursor: first.next_cursor }, { runtime }));
    expect(wrong.code).toBe('invalid_argument');
  });

  it('turns a refusal of a 62-day range into plan_required naming the 31-day FREE limit', async () => {
    stub.use(...commonRoutes(stub), stub.route('post', SUMMARY, clockifyError(400, 501)));
    const error = errorOf(await runTool(clockify, 'clockify_get_summary_report', { start: '2024-01-01', end: '2024-03-02' }, { runtime: await startClockify() }));
    expect(error).toMatchObject({ code: 'plan_required', vendor_status: 400 });
    expect(error.message).toMatch(/31 days/);
    expect(error.hint).toMatch(/at most 31 days/);
  });

  it('refuses more than three levels, unknown groups and ranges over a year before calling Clockify', async () => {
    const runtime = await startClockify();
    const four = errorOf(await runTool(clockify, 'clockify_get_summary_report', { start: 'last_month', group_by: ['project', 'user', 'tag', 'date'] }, { runtime }));
    expect(four.code).toBe('invalid_argument');
    const unknown = errorOf(await runTool(clockify, 'clockify_get_summary_report', { start: 'last_month', group_by: ['country'] }, { runtime }));
    expect(unknown.fields?.[0]?.field).toMatch(/group_by/);
    stub.use(...commonRoutes(stub));
    const long = errorOf(await runTool(clockify, 'clockify_get_summary_report', { start: '2023-01-01', end: '2024-03-01' }, { runtime }));
    expect(long.code).toBe('invalid_argument');
    expect(long.hint).toContain('"end": "2023-12-31"');
    expect(stub.received.filter((r) => r.path.includes('/reports/'))).toEqual([]);
  });
});
