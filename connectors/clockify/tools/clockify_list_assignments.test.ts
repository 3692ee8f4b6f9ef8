import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const ALL = `/workspaces/${WS}/scheduling/assignments/all`;

describe('clockify_list_assignments', () => {
  it("lists next week's assignments with names, the window sent as UTC instants of the user's days", async () => {
    stub.use(...commonRoutes(stub), stub.route('get', ALL, HttpResponse.json(fixture('scheduling-assignments'), { headers: { 'Last-Page': 'true' } })));
    const result = await runTool(clockify, 'clockify_list_assignments', { start: 'next_week', end: 'next_week' }, { runtime: await startClockify() });
    // Next week in Paris: Monday 18 March 00:00 (+01:00) to Sunday 24 March 23:59:59.
    expect(stub.received.find((r) => r.path === ALL)?.query).toEqual({
      start: '2024-03-17T23:00:00Z',
      end: '2024-03-24T22:59:59Z',
      page: '1',
      'page-size': '50',
    });
    const out = result.structuredContent as { items: Record<string, unknown>[]; next_cursor: string | null };
    expect(out.items[0]).toMatchObject({
      user: 'Alice Moreau',
      project: 'Acme website',
      client: 'Acme Corp',
      task: 'Kickoff',
      hours_per_day: 7.5,
      start: '2026-12-07T01:00:00+01:00',
    });
    expect(out.items[1]).toMatchObject({ client: null, note: null });
    expect(out.next_cursor).toBeNull();
  });

  it('maps 402 to plan_required naming scheduling', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', ALL, clockifyError(402, 402)));
    const error = errorOf(await runTool(clockify, 'clockify_list_assignments', { start: '2024-03-18', end: '2024-03-24' }, { runtime: await startClockify() }));
    expect(error.code).toBe('plan_required');
    expect(error.message).toMatch(/scheduling/);
  });

  it('requires start and end before any call', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_list_assignments', { start: '2024-03-18' }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('end');
    expect(stub.received).toEqual([]);
  });
});
