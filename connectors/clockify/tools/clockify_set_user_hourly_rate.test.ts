import { describe, expect, it } from 'vitest';
import { BOB, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS, AS_KEY_OWNER } from '../test-support';

const stub = clockifyStub();

describe('clockify_set_user_hourly_rate', () => {
  it('declares the admin role and sends exact cents', async () => {
    expect(clockify.tools.find((t) => t.name === 'clockify_set_user_hourly_rate')?.minRole).toBe('admin');
    stub.use(...commonRoutes(stub), stub.route('put', `/workspaces/${WS}/users/${BOB}/hourly-rate`, fixture('workspace')));
    const result = await runTool(clockify, 'clockify_set_user_hourly_rate', { user_id: BOB, amount: 1.15 }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'PUT')?.body).toEqual({ amount: 115 });
    expect(result.structuredContent).toEqual({ acted_as: AS_KEY_OWNER, user_id: BOB, hourly_rate: { amount: 1.15, currency: 'EUR' }, since: null });
  });

  it('a 403 is permission_denied', async () => {
    stub.use(...commonRoutes(stub), stub.route('put', `/workspaces/${WS}/users/${BOB}/hourly-rate`, clockifyError(403, 0)));
    expect(errorOf(await runTool(clockify, 'clockify_set_user_hourly_rate', { user_id: BOB, amount: 50 }, { runtime: await startClockify() })).code).toBe('permission_denied');
  });

  it('refuses a currency other than the workspace one', async () => {
    stub.use(...commonRoutes(stub));
    const error = errorOf(await runTool(clockify, 'clockify_set_user_hourly_rate', { user_id: BOB, amount: 50, currency: 'USD' }, { runtime: await startClockify() }));
    expect(error).toMatchObject({ code: 'invalid_argument', fields: [{ field: 'currency' }] });
    expect(stub.received.filter((r) => r.method === 'PUT')).toEqual([]);
  });
});
