import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, ME, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const IN_PERIOD = `/workspaces/${WS}/holidays/in-period`;

describe('clockify_list_holidays_in_period', () => {
  it("asks for my holidays of next month by default", async () => {
    stub.use(...commonRoutes(stub), stub.route('get', IN_PERIOD, [(fixture('holidays-list') as unknown[])[0] as Record<string, string>]));
    const result = await runTool(clockify, 'clockify_list_holidays_in_period', { start: 'next_month', end: 'next_month' }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.path === IN_PERIOD)?.query).toEqual({ 'assigned-to': ME, start: '2024-04-01T00:00:00Z', end: '2024-04-30T23:59:59Z' });
    expect(result.structuredContent).toMatchObject({ user_id: ME, start: '2024-04-01', end: '2024-04-30', items: [{ name: 'Christmas Day' }] });
  });

  it("maps Clockify's 400 (code 3001) to invalid_argument", async () => {
    stub.use(...commonRoutes(stub), stub.route('get', IN_PERIOD, clockifyError(400, 3001)));
    const error = errorOf(await runTool(clockify, 'clockify_list_holidays_in_period', { start: '2024-04-01', end: '2024-04-30' }, { runtime: await startClockify() }));
    expect(error.code).toBe('invalid_argument');
  });

  it('requires start and end, and end not before start, before any call', async () => {
    stub.use(...commonRoutes(stub));
    const runtime = await startClockify();
    const missing = errorOf(await runTool(clockify, 'clockify_list_holidays_in_period', { start: '2024-04-01' }, { runtime }));
    expect(missing.fields?.[0]?.field).toBe('end');
    const reversed = errorOf(await runTool(clockify, 'clockify_list_holidays_in_period', { start: '2024-04-30', end: '2024-04-01' }, { runtime }));
    expect(reversed.code).toBe('invalid_argument');
    expect(stub.received.filter((r) => r.path === IN_PERIOD)).toEqual([]);
  });
});
