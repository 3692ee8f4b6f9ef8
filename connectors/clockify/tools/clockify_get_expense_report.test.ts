import type { expenseReportOut } from '../reports/run';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { CLIENT_ACME, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const EXPENSES = `/workspaces/${WS}/reports/expenses/detailed`;

describe('clockify_get_expense_report', () => {
  it("lists last month's expenses of a client with exact decimal amounts and totals", async () => {
    stub.use(...commonRoutes(stub), stub.route('post', EXPENSES, fixture('reports-expenses')));
    const result = await runTool(clockify, 'clockify_get_expense_report', { start: 'last_month', clients: ['Acme Corp'] }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.path === EXPENSES)?.body).toMatchObject({
      dateRangeStart: '2024-02-01T00:00:00.000',
      dateRangeEnd: '2024-02-29T23:59:59.999',
      clients: { ids: [CLIENT_ACME] },
      page: 1,
      pageSize: 200,
    });
    const out = result.structuredContent as z.infer<typeof expenseReportOut>;
    expect(out.totals).toEqual({
      expenses: 2,
      total: { amount: 142.505, currency: 'EUR' },
      billable_total: { amount: 129.9, currency: 'EUR' },
    });
    expect(out.rows[1]).toMatchObject({ user: 'Bruno Keller', category: 'Mileage', quantity: 42, amount: { amount: 12.605, currency: 'EUR' }, date: '2026-11-10' });
    expect(out.total_rows).toBe(2);
  });

  it('turns HTTP 402 into plan_required', async () => {
    stub.use(...commonRoutes(stub), stub.route('post', EXPENSES, clockifyError(402, 402)));
    const error = errorOf(await runTool(clockify, 'clockify_get_expense_report', { start: 'this_month' }, { runtime: await startClockify() }));
    expect(error.code).toBe('plan_required');
  });

  it('has no tag filter', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_get_expense_report', { start: 'this_month', tags: ['meeting'] }, { runtime: await startClockify() }));
    expect(error.code).toBe('invalid_argument');
    expect(stub.received).toEqual([]);
  });
});
