import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify } from '../test-support';

const stub = clockifyStub();
const ID = '6b11c2d3e4f5a6b7c8d9f001';

describe('clockify_get_shared_report', () => {
  it("returns a summary shared report's data for Q3: totals first, groups with their currency", async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/shared-reports/${ID}`, fixture('shared_reports-data')));
    const result = await runTool(clockify, 'clockify_get_shared_report', { shared_report_id: ID, start: '2023-07-01', end: '2023-09-30' }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.path === `/shared-reports/${ID}`)?.query).toMatchObject({
      dateRangeStart: '2023-07-01T00:00:00.000',
      dateRangeEnd: '2023-09-30T23:59:59.999',
      exportType: 'JSON',
    });
    const out = result.structuredContent as { totals: Record<string, unknown>; kind: string; rows: Record<string, unknown>[]; total_rows: number };
    expect(Object.keys(out)[0]).toBe('totals');
    expect(out.totals).toMatchObject({ duration: '108h 00m', amounts: [{ type: 'earned', amount: 8550, currency: 'EUR' }] });
    expect(out.kind).toBe('groups');
    expect(out.total_rows).toBe(2);
    expect(out.rows[0]).toMatchObject({ group: 'project', name: 'Acme website', client: 'Acme Corp', amount: { amount: 8550, currency: 'EUR' } });
  });

  it('maps a missing report (404) to not_found', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/shared-reports/${ID}`, clockifyError(404, 0)));
    const error = errorOf(await runTool(clockify, 'clockify_get_shared_report', { shared_report_id: ID }, { runtime: await startClockify() }));
    expect(error.code).toBe('not_found');
  });

  it('refuses an id that is not a Clockify id', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_get_shared_report', { shared_report_id: 'q3-report' }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('shared_report_id');
    expect(stub.received).toEqual([]);
  });
});
