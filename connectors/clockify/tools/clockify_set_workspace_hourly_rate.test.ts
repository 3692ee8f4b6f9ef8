import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();

describe('clockify_set_workspace_hourly_rate', () => {
  it('declares the admin role and sends the amount as exact cents in the workspace currency', async () => {
    expect(clockify.tools.find((t) => t.name === 'clockify_set_workspace_hourly_rate')?.minRole).toBe('admin');
    stub.use(...commonRoutes(stub), stub.route('put', `/workspaces/${WS}/hourly-rate`, ({ body }) => ({ ...fixture<Record<string, unknown>>('workspace'), hourlyRate: body })));
    const result = await runTool(clockify, 'clockify_set_workspace_hourly_rate', { amount: 85.55, since: '2024-04-01' }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'PUT')?.body).toEqual({ amount: 8555, currency: 'EUR', since: '2024-03-31T22:00:00Z' });
    expect(result.structuredContent).toMatchObject({ workspace: { hourly_rate: { amount: 85.55, currency: 'EUR' } } });
  });

  it('a 403 is permission_denied', async () => {
    stub.use(...commonRoutes(stub), stub.route('put', `/workspaces/${WS}/hourly-rate`, clockifyError(403, 0)));
    expect(errorOf(await runTool(clockify, 'clockify_set_workspace_hourly_rate', { amount: 10, currency: 'usd' }, { runtime: await startClockify() })).code).toBe('permission_denied');
    expect(stub.received.find((r) => r.method === 'PUT')?.body).toEqual({ amount: 1000, currency: 'USD' });
  });

  it('refuses three decimals and a negative amount', async () => {
    const runtime = await startClockify();
    expect(errorOf(await runTool(clockify, 'clockify_set_workspace_hourly_rate', { amount: 10.005, workspace_id: WS }, { runtime })).fields?.[0]?.field).toBe('amount');
    expect(errorOf(await runTool(clockify, 'clockify_set_workspace_hourly_rate', { amount: -1 }, { runtime })).fields?.[0]?.field).toBe('amount');
    expect(stub.received.filter((r) => r.method === 'PUT')).toEqual([]);
  });
});
