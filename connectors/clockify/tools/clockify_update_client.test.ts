import { describe, expect, it } from 'vitest';
import { CLIENT_ACME, clockify, clockifyError, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const PATH = `/workspaces/${WS}/clients/${CLIENT_ACME}`;
const acme = () => fixture<Record<string, unknown>[]>('clients-list')[0]!;

describe('clockify_update_client', () => {
  it('archives a client and writes back every other field unchanged', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(
      stub.route('get', PATH, acme()),
      // Clockify answers a PUT with ClientDtoV1 (no currencyCode).
      stub.route('put', PATH, ({ body }) => {
        const { currencyCode: _, ...rest } = acme();
        return { ...rest, ...(body as object) };
      }),
    );
    const result = await runTool(clockify, 'clockify_update_client', { client_id: CLIENT_ACME, archived: true }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'PUT')?.body).toEqual({
      name: 'Acme Corp',
      email: 'billing@acme.example',
      address: '1 Road Runner Way, Phoenix AZ',
      note: 'Net 30',
      archived: true,
      ccEmails: [],
      currencyId: '6410a1b2c3d4e5f6a7b8c9aa',
    });
    expect(result.structuredContent).toMatchObject({ client: { name: 'Acme Corp', archived: true, note: 'Net 30', currency: 'USD' } });
  });

  it('clears a field given as null and keeps the archived state', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PATH, { ...acme(), archived: true }), stub.route('put', PATH, ({ body }) => ({ ...acme(), ...(body as object) })));
    await runTool(clockify, 'clockify_update_client', { client_id: CLIENT_ACME, note: null }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'PUT')?.body).toMatchObject({ note: '', archived: true, name: 'Acme Corp' });
  });

  it('maps a 403 on the write to permission_denied', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', PATH, acme()), stub.route('put', PATH, clockifyError(403, 403, 'Forbidden')));
    const error = errorOf(await runTool(clockify, 'clockify_update_client', { client_id: CLIENT_ACME, name: 'Acme Inc' }, { runtime: await startClockify() }));
    expect(error.code).toBe('permission_denied');
  });

  it('refuses a call that changes nothing', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_update_client', { client_id: CLIENT_ACME }, { runtime: await startClockify() }));
    expect(error.code).toBe('invalid_argument');
    expect(stub.received).toEqual([]);
  });
});
