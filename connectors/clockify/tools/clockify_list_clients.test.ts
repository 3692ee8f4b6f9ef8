import { describe, expect, it } from 'vitest';
import { CLIENT_ACME, clockify, clockifyStub, commonRoutes, errorOf, fixture, runTool, startClockify, WS } from '../test-support';

const stub = clockifyStub();
const CLIENTS = `/workspaces/${WS}/clients`;

describe('clockify_list_clients', () => {
  it('lists clients with contact fields and currency, empty fields as null', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', CLIENTS, fixture('clients-list')));
    const result = await runTool(clockify, 'clockify_list_clients', { name: 'a', archived: true }, { runtime: await startClockify() });
    expect(result.structuredContent).toEqual({
      clients: [
        { id: CLIENT_ACME, name: 'Acme Corp', archived: false, email: 'billing@acme.example', address: '1 Road Runner Way, Phoenix AZ', note: 'Net 30', currency: 'USD', extra: {} },
        { id: '6410a1b2c3d4e5f6a7b8c902', name: 'Globex', archived: true, email: null, address: null, note: null, currency: 'USD', extra: {} },
      ],
      next_cursor: null,
    });
    expect(stub.received.find((r) => r.path === CLIENTS)?.query).toEqual({ name: 'a', archived: 'true', page: '1', 'page-size': '50' });
  });

  it('never returns more than limit, even when Clockify ignores paging', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', CLIENTS, fixture('clients-list')));
    const result = await runTool(clockify, 'clockify_list_clients', { limit: 1 }, { runtime: await startClockify() });
    const out = result.structuredContent as { clients: { name: string }[]; next_cursor: string | null };
    expect(out.clients.map((c) => c.name)).toEqual(['Acme Corp']);
    expect(out.next_cursor).not.toBeNull();
  });

  it('maps a 429 to rate_limited with the wait', async () => {
    stub.use(...commonRoutes(stub));
    stub.use(stub.route('get', CLIENTS, new Response(JSON.stringify({ message: 'Too many requests', code: 429 }), { status: 429, headers: { 'Retry-After': '7', 'content-type': 'application/json' } })));
    const error = errorOf(await runTool(clockify, 'clockify_list_clients', {}, { runtime: await startClockify() }));
    expect(error).toMatchObject({ code: 'rate_limited', retry_after_seconds: 7 });
  });

  it('rejects a cursor it did not hand out', async () => {
    stub.use(...commonRoutes(stub));
    const error = errorOf(await runTool(clockify, 'clockify_list_clients', { cursor: 'page-2' }, { runtime: await startClockify() }));
    expect(error.fields?.[0]?.field).toBe('cursor');
    expect(stub.received.some((r) => r.path === CLIENTS)).toBe(false);
  });
});
