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

/**
 * A stand-in for the Clockify and OneDesk catalogues (~100 tools), generated
 * here so the tool-count row does not depend on those connectors: tools with
 * realistic inputs (ids, dates, paging, an enum, a nested filter) that are
 * listed and validated like any other but never called by the bench.
 */
export function syntheticConnector(count: number): ConnectorManifest<Record<string, never>, Record<string, never>> {
  const define = toolFactory<Record<string, never>>();
  const verbs = ['list', 'get', 'create', 'update', 'delete'] as const;
  const nouns = ['projects', 'tasks', 'clients', 'tags', 'time_entries', 'reports', 'users', 'groups', 'items', 'comments'];
  const toolsets = ['time', 'projects', 'people', 'items', 'reports'];
  const tools = Array.from({ length: count }, (_, i) => {
    const verb = verbs[i % verbs.length]!;
    const noun = `${nouns[Math.floor(i / verbs.length) % nouns.length]}${Math.floor(i / (verbs.length * nouns.length)) || ''}`;
    const name = `synth_${verb}_${noun}`;
    return define({
      name,
      title: `${verb} ${noun.replace(/_/g, ' ')}`,
      description: `Synthetic tool ${i}: ${verb}s ${noun.replace(/_/g, ' ')} in the workspace. Use it when the user asks to ${verb} ${noun}. Example: ${name}({"workspace_id": "w1"}).`,
      toolset: toolsets[i % toolsets.length]!,
      input: z.strictObject({
        workspace_id: z.string().min(1).max(64).describe('Workspace id, from synth_list_projects.'),
        id: z.string().min(1).max(64).optional().describe('Record id.'),
        start: z.iso.datetime({ offset: true }).optional().describe('Range start, ISO 8601 with offset.'),
        end: z.iso.datetime({ offset: true }).optional().describe('Range end, ISO 8601 with offset.'),
        status: z.enum(['active', 'archived', 'all']).optional().describe('Which records.'),
        filter: z.strictObject({ name: z.string().max(100).optional().describe('Name contains.'), tag_ids: z.array(z.string()).max(50).optional().describe('Tag ids.') }).optional().describe('Filters.'),
        limit: z.number().int().min(1).max(200).optional().describe('Page size, default 50.'),
        cursor: z.string().max(512).optional().describe('next_cursor from the previous page.'),
      }),
      output: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })), next_cursor: z.string().nullable() }),
      annotations: { readOnlyHint: verb === 'list' || verb === 'get', destructiveHint: verb === 'delete', idempotentHint: verb !== 'create', openWorldHint: true },
      handler: async () => ({ items: [], next_cursor: null }),
    });
  });
  return {
    id: 'synth',
    title: 'Synthetic catalogue',
    configSchema: z.object({}).transform(() => ({}) as Record<string, never>),
    env: [],
    isConfigured: () => true,
    toolsets: toolsets.map((id) => ({ id, description: id })),
    tools: tools as unknown as ConnectorManifest<Record<string, never>, Record<string, never>>['tools'],
    start: () => ({}),
    healthCheck: async () => ({ ok: true, detail: 'synthetic' }),
  };
}
