import { z } from 'zod';
import { toolFactory, type ConnectorManifest } from '../src/registry/types';
import type { VendorHttpClient } from '../src/vendor-http/types';

/**
 * The connector the benchmark drives: one tool that does no I/O and one that
 * calls a loopback mock vendor through the real vendor HTTP client.
 */
export interface BenchRuntime {
  vendor: VendorHttpClient;
}

const defineTool = toolFactory<BenchRuntime>();

export const echoInput = z.object({ message: z.string().min(1).max(200).describe('Text to echo.') });
export const echoOutput = z.object({ echoed: z.string(), length: z.number().int() });
export const echoWork = (message: string) => ({ echoed: message, length: message.length });

export const itemInput = z.object({ id: z.string().min(1).describe('Item id.') });
export const itemOutput = z.object({ id: z.string(), name: z.string(), hours: z.number() });

const benchEcho = defineTool({
  name: 'bench_get_echo',
  title: 'Echo (no I/O)',
  description: 'Benchmark tool: echoes the message. Example: bench_get_echo({"message":"hi"}).',
  toolset: 'bench',
  input: echoInput,
  output: echoOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ message }) => echoWork(message),
});

const benchItem = defineTool({
  name: 'bench_get_item',
  title: 'Get an item from the mock vendor',
  description: 'Benchmark tool: GET /items/{id} on the mock vendor. Example: bench_get_item({"id":"42"}).',
  toolset: 'bench',
  input: itemInput,
  output: itemOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async ({ id }, ctx) => {
    // Passes the call's signal, as the real connectors do.
    const { body } = await ctx.runtime.vendor.request<z.infer<typeof itemOutput>>({ method: 'GET', path: `/items/${id}`, operation: 'get item', signal: ctx.signal });
    return itemOutput.parse(body);
  },
});

export const benchConnector: ConnectorManifest<Record<string, never>, BenchRuntime> = {
  id: 'bench',
  title: 'Benchmark connector',
  configSchema: z.object({}).transform(() => ({}) as Record<string, never>),
  env: [],
  isConfigured: () => true,
  defaultBaseUrl: 'http://127.0.0.1:9',
  toolsets: [{ id: 'bench', description: 'Benchmark tools' }],
  tools: [benchEcho, benchItem] as unknown as ConnectorManifest<Record<string, never>, BenchRuntime>['tools'],
  start: (_config, common, services) => ({
    vendor: services.createHttpClient({ baseUrl: common.baseUrl!, timeoutMs: common.timeoutMs }),
  }),
  healthCheck: async () => ({ ok: true, detail: 'bench' }),
  stop: async (runtime) => runtime.vendor.close(),
};
