import { describe, expect, it } from 'vitest';
import { CLIENT_ACME, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const PATH = `/workspaces/${WS}/clients/${CLIENT_ACME}`;

describe('clockify_get_client', () => {
  it('gets one client', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PATH, fixture<unknown[]>('clients-list')[0]!));
    const result = await runTool(clockify, 'clockify_get_client', { client_id: CLIENT_ACME }, { runtime: await startClockify() });
    expect(result.structuredContent).toMatchObject({ client: { id: CLIENT_ACME, name: 'Acme Corp', archived: false, currency: 'USD' } });
  });

  it('maps an unknown client to not_found', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PATH, clockifyError(404, 501, 'Client not found')));
    const error = errorOf(await runTool(clockify, 'clockify_get_client', { client_id: CLIENT_ACME }, { runtime: await startClockify() }));
    expect(error.code).toBe('not_found');
  });

  it('requires client_id', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_get_client', {}, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('client_id');
    expect(stub.received).toEqual([]);
  });
});
