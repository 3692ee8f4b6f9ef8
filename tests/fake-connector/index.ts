/**
 * TEST FIXTURE, not a real connector. The smallest connector that exercises
 * the framework end to end: a real manifest whose tools call a vendor through
 * the shared vendor HTTP client. One tool per access level (read, write,
 * full) and two toolsets, so registry, access and toolset tests have
 * something to filter. The "vendor" is whatever `FAKE_BASE_URL` points at:
 * an msw handler or a loopback server in tests.
 */
import { z } from 'zod';
import { GatewayError } from '../../src/errors';
import { toolFactory, type ConnectorManifest } from '../../src/registry/types';
import type { VendorErrorMapper, VendorHttpClient } from '../../src/vendor-http/types';

export const FAKE_DEFAULT_BASE_URL = 'https://fake-vendor.test/api';

export interface FakeConfig {
  apiKey: string;
}

export interface FakeRuntime {
  http: VendorHttpClient;
}

const defineTool = toolFactory<FakeRuntime>();

const widgetSchema = z.object({
  id: z.string().describe('Widget id'),
  name: z.string().describe('Widget name'),
});

/** The vendor's error body is `{"error": {"code": "..."}}`; only known codes become specific errors. */
export const toFakeError: VendorErrorMapper = (ctx) => {
  const code = (ctx.body as { error?: { code?: unknown } } | undefined)?.error?.code;
  if (ctx.status === 409 && code === 'duplicate_name') {
    return new GatewayError('conflict', 'A widget with that name already exists.', {
      connector: ctx.connector,
      vendorStatus: ctx.status,
      hint: 'Pick another name, or call fake_get_widget with the existing widget id.',
    });
  }
  return undefined;
};

export const fakeGetWidget = defineTool({
  name: 'fake_get_widget',
  title: 'Get widget',
  description: 'Reads one widget by id. Example: {"widget_id": "w1"}.',
  toolset: 'widgets',
  input: z.object({ widget_id: z.string().min(1).describe('Widget id, e.g. "w1"') }),
  output: widgetSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(args, ctx) {
    const response = await ctx.runtime.http.request<{ id: string; name: string }>({
      method: 'GET',
      path: `/widgets/${encodeURIComponent(args.widget_id)}`,
      operation: 'get widget',
      signal: ctx.signal,
    });
    return { id: response.body.id, name: response.body.name };
  },
});

export const fakeCreateWidget = defineTool({
  name: 'fake_create_widget',
  title: 'Create widget',
  description: 'Creates a widget. Example: {"name": "Gear"}. Side effect: a new widget exists at the vendor.',
  toolset: 'widgets',
  input: z.object({ name: z.string().min(1).max(100).describe('Name of the new widget') }),
  output: widgetSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async handler(args, ctx) {
    const response = await ctx.runtime.http.request<{ id: string; name: string }>({
      method: 'POST',
      path: '/widgets',
      body: { name: args.name, created_by: ctx.principal.user.email },
      operation: 'create widget',
      signal: ctx.signal,
    });
    return { id: response.body.id, name: response.body.name };
  },
});

export const fakeDeleteWidget = defineTool({
  name: 'fake_delete_widget',
  title: 'Delete widget',
  description: 'Deletes a widget for good. Example: {"widget_id": "w1"}. Side effect: the widget is gone.',
  toolset: 'admin',
  input: z.object({ widget_id: z.string().min(1).describe('Widget id, e.g. "w1"') }),
  output: z.object({ deleted: z.literal(true) }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  async handler(args, ctx) {
    await ctx.runtime.http.request({
      method: 'DELETE',
      path: `/widgets/${encodeURIComponent(args.widget_id)}`,
      operation: 'delete widget',
      signal: ctx.signal,
    });
    return { deleted: true as const };
  },
});

export const fakeManifest: ConnectorManifest<FakeConfig, FakeRuntime> = {
  id: 'fake',
  title: 'Fake Vendor (test fixture)',
  configSchema: z
    .object({ FAKE_API_KEY: z.string().trim().min(1, 'FAKE_API_KEY is required.') })
    .transform((env): FakeConfig => ({ apiKey: env.FAKE_API_KEY })),
  env: [
    { name: 'FAKE_API_KEY', description: 'API key of the fake vendor. Enables the connector.', required: true, secret: true },
    { name: 'FAKE_BASE_URL', description: `Fake vendor address (default ${FAKE_DEFAULT_BASE_URL}).` },
  ],
  isConfigured: (env) => Boolean(env.FAKE_API_KEY?.trim()),
  defaultBaseUrl: FAKE_DEFAULT_BASE_URL,
  toolsets: [
    { id: 'widgets', description: 'Read and create widgets.' },
    { id: 'admin', description: 'Delete widgets.' },
  ],
  tools: [fakeGetWidget, fakeCreateWidget, fakeDeleteWidget],
  start(config, common, services) {
    return {
      http: services.createHttpClient({
        baseUrl: common.baseUrl ?? FAKE_DEFAULT_BASE_URL,
        timeoutMs: common.timeoutMs,
        auth: { headers: { 'X-Api-Key': config.apiKey } },
        mapError: toFakeError,
      }),
    };
  },
  async healthCheck(runtime) {
    try {
      await runtime.http.request({ method: 'GET', path: '/ping', operation: 'ping' });
      return { ok: true, detail: 'fake vendor answered' };
    } catch (error) {
      const code = error instanceof GatewayError ? error.code : 'internal';
      return { ok: false, detail: `fake vendor did not answer (${code})` };
    }
  },
  async stop(runtime) {
    await runtime.http.close();
  },
};
