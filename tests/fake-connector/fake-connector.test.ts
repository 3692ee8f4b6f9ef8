import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorServices } from '../../src/registry/types';
import { createVendorHttpClient } from '../../src/vendor-http/client';
import { errorOf, runTool, silentLog } from '../support/tool-harness';
import { FAKE_DEFAULT_BASE_URL, fakeManifest, type FakeRuntime } from './index';

/**
 * These tests also prove the vendor client's `fetch` transport (global fetch
 * with the client's undici Agent as dispatcher, what the connector test kit
 * uses) is intercepted by msw, GET and POST alike. The production `undici`
 * transport is not (msw sees global fetch only); tests/vendor-http runs it
 * against real loopback servers.
 */
const received: { method: string; url: string; apiKey: string | null; body: unknown }[] = [];
const vendor = setupServer(
  http.get(`${FAKE_DEFAULT_BASE_URL}/widgets/:id`, ({ request, params }) => {
    received.push({ method: 'GET', url: request.url, apiKey: request.headers.get('x-api-key'), body: undefined });
    if (params.id === 'missing') return HttpResponse.json({ error: { code: 'not_found' } }, { status: 404 });
    return HttpResponse.json({ id: params.id, name: 'Gear', extra: 'ignored' });
  }),
  http.post(`${FAKE_DEFAULT_BASE_URL}/widgets`, async ({ request }) => {
    const body = (await request.json()) as { name: string };
    received.push({ method: 'POST', url: request.url, apiKey: request.headers.get('x-api-key'), body });
    if (body.name === 'Taken') return HttpResponse.json({ error: { code: 'duplicate_name' } }, { status: 409 });
    return HttpResponse.json({ id: 'w2', name: body.name }, { status: 201 });
  }),
  http.get(`${FAKE_DEFAULT_BASE_URL}/ping`, () => HttpResponse.json({ pong: true })),
);

let runtime: FakeRuntime;

beforeAll(async () => {
  vendor.listen({ onUnhandledRequest: 'error' });
  // Only createHttpClient is used by this connector; the rest of the core is not needed here.
  const services = {
    log: silentLog,
    createHttpClient: (options) => createVendorHttpClient({ ...options, connector: 'fake', maxRetries: 0 }, { log: silentLog, transport: 'fetch' }),
  } as Pick<ConnectorServices, 'log' | 'createHttpClient'> as ConnectorServices;
  runtime = await fakeManifest.start({ apiKey: 'fake-key-123' }, { access: 'full', toolsets: undefined, baseUrl: undefined, timeoutMs: 2_000, minRole: 'user', credentials: 'shared' }, services);
});
afterEach(() => {
  received.length = 0;
  vendor.resetHandlers();
});
afterAll(async () => {
  vendor.close();
  await fakeManifest.stop?.(runtime);
});

describe('fake connector (test fixture)', () => {
  it('reads a widget through GET with the API key header', async () => {
    const result = await runTool(fakeManifest, 'fake_get_widget', { widget_id: 'w1' }, { runtime });
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toEqual({ id: 'w1', name: 'Gear' });
    expect(received).toEqual([{ method: 'GET', url: `${FAKE_DEFAULT_BASE_URL}/widgets/w1`, apiKey: 'fake-key-123', body: undefined }]);
  });

  it('creates a widget through POST with a JSON body; the creator comes from the principal', async () => {
    const result = await runTool(fakeManifest, 'fake_create_widget', { name: 'Sprocket' }, { runtime });
    expect(result.structuredContent).toEqual({ id: 'w2', name: 'Sprocket' });
    expect(received[0]).toMatchObject({ method: 'POST', body: { name: 'Sprocket', created_by: 'user-admin@example.test' } });
  });

  it('turns vendor errors into what the model reads: connector mapping first, then generic', async () => {
    expect(errorOf(await runTool(fakeManifest, 'fake_create_widget', { name: 'Taken' }, { runtime }))).toMatchObject({
      code: 'conflict',
      connector: 'fake',
      vendor_status: 409,
    });
    expect(errorOf(await runTool(fakeManifest, 'fake_get_widget', { widget_id: 'missing' }, { runtime }))).toMatchObject({
      code: 'not_found',
      connector: 'fake',
      vendor_status: 404,
    });
  });

  it('declares one tool per access level and two toolsets', () => {
    expect(fakeManifest.tools.map((t) => [t.name, t.toolset, t.annotations.readOnlyHint, t.annotations.destructiveHint])).toEqual([
      ['fake_get_widget', 'widgets', true, false],
      ['fake_create_widget', 'widgets', false, false],
      ['fake_delete_widget', 'admin', false, true],
    ]);
  });

  it('reports health from a ping', async () => {
    expect(await fakeManifest.healthCheck(runtime)).toEqual({ ok: true, detail: 'fake vendor answered' });
    vendor.use(http.get(`${FAKE_DEFAULT_BASE_URL}/ping`, () => HttpResponse.json({}, { status: 503 })));
    expect(await fakeManifest.healthCheck(runtime)).toEqual({ ok: false, detail: 'fake vendor did not answer (upstream_unavailable)' });
  });
});
