import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const ID = '6601a2b3c4d5e6f7a8b9c0d1';

describe('clockify_get_time_entry', () => {
  it('returns the entry with names (resolved from the cache when not hydrated) and its rate in decimals', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/time-entries/${ID}`, { ...fixture<Record<string, unknown>>('time-entry'), approvalRequestId: 'a1' }));
    const result = await runTool(clockify, 'clockify_get_time_entry', { time_entry_id: ID }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.path.endsWith(ID))?.query).toEqual({ hydrated: 'true' });
    expect(result.structuredContent).toMatchObject({
      time_entry: { id: ID, project: { name: 'Acme website' }, task: { name: 'Design' }, tags: [{ name: 'meeting' }], hourly_rate: { amount: 90.1, currency: 'EUR' }, running: false, extra: { approvalRequestId: 'a1' } },
    });
  });

  it('a rate without a currency reads in the workspace currency (EUR), not USD', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/time-entries/${ID}`, { ...fixture<Record<string, unknown>>('time-entry'), hourlyRate: { amount: 9010 } }));
    const result = await runTool(clockify, 'clockify_get_time_entry', { time_entry_id: ID }, { runtime: await startClockify() });
    expect(result.structuredContent).toMatchObject({ time_entry: { hourly_rate: { amount: 90.1, currency: 'EUR' } } });
  });

  it('gives totalBillable (integer cents) as decimal money in the rate currency, never as a bare number in extra', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/time-entries/${ID}`, { ...fixture<Record<string, unknown>>('time-entry'), totalBillable: 13500 }));
    const result = await runTool(clockify, 'clockify_get_time_entry', { time_entry_id: ID }, { runtime: await startClockify() });
    const entry = (result.structuredContent as { time_entry: { billable_amount: unknown; extra: Record<string, unknown> } }).time_entry;
    expect(entry.billable_amount).toEqual({ amount: 135, currency: 'EUR' });
    expect(entry.extra).not.toHaveProperty('totalBillable');
  });

  it('billable_amount of an entry whose rate has no currency, or that has no rate, reads in the workspace currency (EUR), not null', async () => {
    const entry = { ...fixture<Record<string, unknown>>('time-entry'), totalBillable: 13500 };
    for (const hourlyRate of [{ amount: 9010 }, { amount: 9010, currency: '' }, null]) {
      stub.use(...commonRoutes(stub, { workspace: { ...fixture<Record<string, unknown>>('workspace'), hourlyRate: { amount: 8550, currency: 'EUR' } } }), stub.route('get', `/workspaces/${WS}/time-entries/${ID}`, { ...entry, hourlyRate }));
      const result = await runTool(clockify, 'clockify_get_time_entry', { time_entry_id: ID }, { runtime: await startClockify() });
      expect((result.structuredContent as { time_entry: { billable_amount: unknown } }).time_entry.billable_amount, JSON.stringify(hourlyRate)).toEqual({ amount: 135, currency: 'EUR' });
    }
  });

  it('money whose currency cannot be known at all is null, never a guessed USD', async () => {
    const { currencies: _c, hourlyRate: _h, ...bare } = fixture<Record<string, unknown>>('workspace');
    stub.use(...commonRoutes(stub, { workspace: bare }), stub.route('get', `/workspaces/${WS}/time-entries/${ID}`, { ...fixture<Record<string, unknown>>('time-entry'), hourlyRate: { amount: 9010 }, totalBillable: 13500 }));
    const result = await runTool(clockify, 'clockify_get_time_entry', { time_entry_id: ID }, { runtime: await startClockify() });
    expect(result.structuredContent).toMatchObject({ time_entry: { hourly_rate: null, billable_amount: null } });
  });

  it('an unknown id is not_found', async () => {
    stub.use(...commonRoutes(stub), stub.route('get', `/workspaces/${WS}/time-entries/${ID}`, clockifyError(404, 501, 'Time entry not found')));
    expect(errorOf(await runTool(clockify, 'clockify_get_time_entry', { time_entry_id: ID }, { runtime: await startClockify() })).code).toBe('not_found');
  });

  it('refuses an id that is not a Clockify id', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_get_time_entry', { time_entry_id: '42' }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('time_entry_id');
    expect(stub.received).toEqual([]);
  });
});
