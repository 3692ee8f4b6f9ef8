import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { clockify, clockifyError, clockifyStub, commonRoutes, errorOf, runTool, startClockify, WS, AS_KEY_OWNER } from '../test-support';

const stub = clockifyStub();
const GLOBEX = { id: '6410a1b2c3d4e5f6a7b8c9f0', name: 'Globex', email: 'ap@globex.example', address: null, note: null, archived: false, ccEmails: [], currencyId: null, currencyCode: 'EUR', workspaceId: WS };

describe('clockify_create_client', () => {
  it('creates the client with the documented body fields', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('post', `/workspaces/${WS}/clients`, HttpResponse.json(GLOBEX, { status: 201 })));
    const result = await runTool(clockify, 'clockify_create_client', { name: 'Globex', email: 'ap@globex.example' }, { runtime: await startClockify() });
    expect(stub.received.find((r) => r.method === 'POST')?.body).toEqual({ name: 'Globex', email: 'ap@globex.example' });
    expect(result.structuredContent).toEqual({ acted_as: AS_KEY_OWNER,
      client: { id: GLOBEX.id, name: 'Globex', archived: false, email: 'ap@globex.example', address: null, note: null, currency: 'EUR', extra: {} },
    });
  });

  it('is not re-sent after a 503, since Clockify may have created it', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('post', `/workspaces/${WS}/clients`, clockifyError(503, 503, 'unavailable')));
    const error = errorOf(await runTool(clockify, 'clockify_create_client', { name: 'Globex' }, { runtime: await startClockify() }));
    expect(error.code).toBe('upstream_unavailable');
    expect(stub.received.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('rejects an email that is not one', async () => {
    const error = errorOf(await runTool(clockify, 'clockify_create_client', { name: 'Globex', email: 'globex' }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('email');
    expect(stub.received).toEqual([]);
  });
});
