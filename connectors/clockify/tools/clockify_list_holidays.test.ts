import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const HOLIDAYS = `/workspaces/${WS}/holidays`;

describe('clockify_list_holidays', () => {
  it('lists holidays with member names, and only those touching the window (a yearly one by its month and day)', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', HOLIDAYS, fixture('holidays-list')));
    const runtime = await startClockify();
    const all = (await runTool(clockify, 'clockify_list_holidays', {}, { runtime })).structuredContent as { items: Record<string, unknown>[] };
    expect(all.items.map((h) => h.name)).toEqual(['Design offsite', 'Christmas Day']);
    expect(all.items[1]).toMatchObject({
      start_date: '2026-12-25',
      end_date: '2026-12-25',
      occurs_annually: true,
      everyone: true,
      users: [{ id: '5a0ab5acb07987125438b60f', name: 'Alice Moreau' }, { id: '5a0ab5acb07987125438b610', name: 'Bob Chen' }, { id: '5a0ab5acb07987125438b611', name: null }],
    });
    // Christmas 2024 (yearly) is in the window; the 2026 offsite is not.
    const december = (await runTool(clockify, 'clockify_list_holidays', { start: '2024-12-20', end: '2024-12-31' }, { runtime })).structuredContent as { items: { name: string }[] };
    expect(december.items.map((h) => h.name)).toEqual(['Christmas Day']);
  });

  it('passes the member filter as assigned-to, and maps 402 to plan_required', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', HOLIDAYS, clockifyError(402, 402)));
    const error = errorOf(await runTool(clockify, 'clockify_list_holidays', { user_id: '5a0ab5acb07987125438b610' }, { runtime: await startClockify() }));
    expect(stub.received.find((r) => r.path === HOLIDAYS)?.query).toEqual({ 'assigned-to': '5a0ab5acb07987125438b610' });
    expect(error.code).toBe('plan_required');
    expect(error.message).toMatch(/holidays/);
  });

  it('refuses a start that is not a day', async () => {
    stub.use(...commonRoutes(stub));
    const error = errorOf(await runTool(clockify, 'clockify_list_holidays', { start: 'soon' }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('start');
    expect(stub.received.filter((r) => r.path === HOLIDAYS)).toEqual([]);
  });
});
