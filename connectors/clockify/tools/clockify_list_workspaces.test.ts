import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const second = () => ({ ...fixture<Record<string, unknown>>('workspace'), id: '64a687e29ae1f428e7ebe999', name: 'Side projects', hourlyRate: { amount: 0, currency: 'USD' }, currencies: [{ code: 'USD', isDefault: true }] });

describe('clockify_list_workspaces', () => {
  it('lists workspaces with currency, decimal rates and rules, cut locally since Clockify sends them all', async () => {
    stub.use(stub.route('get', '/workspaces', [fixture('workspace'), second()]));
    const runtime = await startClockify();
    const first = await runTool(clockify, 'clockify_list_workspaces', { limit: 1 }, { runtime });
    expect(stub.received[0]?.query).toEqual({});
    const out = first.structuredContent as { workspaces: Record<string, unknown>[]; next_cursor: string };
    expect(out.workspaces).toEqual([
      expect.objectContaining({ id: WS, name: 'Moreau Design Studio', currency: 'EUR', hourly_rate: { amount: 85.5, currency: 'EUR' }, member_count: 2, plan: 'PRO_YEAR_2024', settings: expect.objectContaining({ force_tasks: false }) }),
    ]);
    const next = await runTool(clockify, 'clockify_list_workspaces', { limit: 1, cursor: out.next_cursor }, { runtime });
    expect(next.structuredContent).toMatchObject({ workspaces: [{ name: 'Side projects', currency: 'USD' }], next_cursor: null });
  });

  it('a revoked key is unauthenticated', async () => {
    stub.use(stub.route('get', '/workspaces', clockifyError(401, 4003)));
    expect(errorOf(await runTool(clockify, 'clockify_list_workspaces', {}, { runtime: await startClockify() })).code).toBe('unauthenticated');
  });

  it('refuses a limit of 0', async () => {
    expect(errorOf(await runTool(clockify, 'clockify_list_workspaces', { limit: 0 }, { runtime: await startClockify() })).fields?.[0]?.field).toBe('limit');
  });
});
