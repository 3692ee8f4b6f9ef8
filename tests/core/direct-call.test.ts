import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallLimits } from '../../src/http/limits';
import { directToolCallOf } from '../../src/mcp/direct-call';
import { authInfoFor, createMcpEndpoint } from '../../src/mcp/endpoint';
import { createLogger } from '../../src/observability/logger';
import { createMetrics } from '../../src/observability/metrics';
import { ToolRegistry } from '../../src/registry/registry';
import type { ConnectorManifest } from '../../src/registry/types';
import { connectClient, ERAS } from '../support/clients';
import { echoConnector } from '../support/echo-connector';
import { lineCollector, startTestGateway, type TestGateway } from '../support/gateway';
import { errorOf, testPrincipal } from '../support/tool-harness';

/**
 * The direct tools/call path (src/mcp/direct-call.ts) must answer exactly as
 * the SDK's per-request Server does. Two real gateways, one with the direct
 * path and one without, get the same raw HTTP requests; status, content type
 * and body bytes must match, for the requests the direct path takes and for
 * those it leaves to the SDK.
 */
const catalog = [echoConnector] as unknown as ConnectorManifest<unknown, unknown>[];

const ENVELOPE = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'direct-test', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

interface Exchange {
  headers: Record<string, string>;
  body: unknown;
}

function call(name: string, args: unknown, tweak: { headers?: Record<string, string | undefined>; params?: Record<string, unknown>; body?: Record<string, unknown> } = {}): Exchange {
  const headers: Record<string, string | undefined> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': '2026-07-28',
    'mcp-method': 'tools/call',
    'mcp-name': name,
    ...tweak.headers,
  };
  return {
    headers: Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined)),
    body: { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name, arguments: args, _meta: ENVELOPE, ...tweak.params }, ...tweak.body },
  };
}

/** A 2025-era stateless call: no envelope, no standard headers. */
function legacyCall(name: string, args: unknown, tweak: { headers?: Record<string, string | undefined>; params?: Record<string, unknown>; body?: Record<string, unknown> } = {}): Exchange {
  const headers: Record<string, string | undefined> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...tweak.headers };
  return {
    headers: Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined)),
    body: { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name, arguments: args, ...tweak.params }, ...tweak.body },
  };
}

/** Requests the direct path answers itself. */
const TAKEN: [string, Exchange][] = [
  ['a successful call', call('echo_get_message', { message: 'hi', times: 2 })],
  ['a string id', call('echo_get_message', { message: 'hi' }, { body: { id: 'req-1' } })],
  ['no arguments (the tool reports the missing field)', call('echo_get_message', undefined)],
  ['bad arguments: invalid_argument naming each field', call('echo_get_message', { message: '', times: 9 })],
  ['a tool whose handler fails: not_found with its hint', call('echo_delete_note', { id: 'never-made' })],
  ['an envelope without clientInfo', call('echo_get_message', { message: 'hi' }, { params: { _meta: { ...ENVELOPE, 'io.modelcontextprotocol/clientInfo': undefined } } })],
  ['a 2025-era call', legacyCall('echo_get_message', { message: 'hi', times: 2 })],
  ['a 2025-era call naming its protocol version', legacyCall('echo_get_message', { message: 'hi' }, { headers: { 'mcp-protocol-version': '2025-06-18' } })],
  ['a 2025-era call with bad arguments (the error in text and _meta)', legacyCall('echo_get_message', { message: '' })],
  ['a 2025-era call whose handler fails', legacyCall('echo_delete_note', { id: 'never-made' }, { body: { id: 'abc' } })],
];

/** Requests it leaves to the SDK, which answers or rejects them. */
const LEFT: [string, Exchange][] = [
  ['a name header that differs from the body', call('echo_get_message', { message: 'hi' }, { headers: { 'mcp-name': 'echo_create_note' } })],
  ['no name header', call('echo_get_message', { message: 'hi' }, { headers: { 'mcp-name': undefined } })],
  ['a protocol version header that differs from the envelope', call('echo_get_message', { message: 'hi' }, { headers: { 'mcp-protocol-version': '2025-11-25' } })],
  ['an envelope without client capabilities', call('echo_get_message', { message: 'hi' }, { params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } } })],
  ['client capabilities that are not an object', call('echo_get_message', { message: 'hi' }, { params: { _meta: { ...ENVELOPE, 'io.modelcontextprotocol/clientCapabilities': 'all' } } })],
  ['an unsupported envelope version', call('echo_get_message', { message: 'hi' }, { params: { _meta: { ...ENVELOPE, 'io.modelcontextprotocol/protocolVersion': '2099-01-01' } }, headers: { 'mcp-protocol-version': '2099-01-01' } })],
  ['arguments that are not an object', call('echo_get_message', ['hi'])],
  ['a fractional id', call('echo_get_message', { message: 'hi' }, { body: { id: 1.5 } })],
  ['a null id', call('echo_get_message', { message: 'hi' }, { body: { id: null } })],
  ['task augmentation in params', call('echo_get_message', { message: 'hi' }, { params: { task: { ttl: 1000 } } })],
  ['a progress token in the envelope', call('echo_get_message', { message: 'hi' }, { params: { _meta: { ...ENVELOPE, progressToken: 'p1' } } })],
  ['a 2025-era call that does not accept an event stream', legacyCall('echo_get_message', { message: 'hi' }, { headers: { accept: 'application/json' } })],
  ['a 2025-era call naming an unknown protocol version', legacyCall('echo_get_message', { message: 'hi' }, { headers: { 'mcp-protocol-version': '1999-01-01' } })],
  ['a 2025-era call naming the 2026-07-28 revision without its envelope', legacyCall('echo_get_message', { message: 'hi' }, { headers: { 'mcp-protocol-version': '2026-07-28' } })],
  ['a 2025-era call with a session id', legacyCall('echo_get_message', { message: 'hi' }, { headers: { 'mcp-session-id': 'abc' } })],
  ['a 2025-era call with a progress token', legacyCall('echo_get_message', { message: 'hi' }, { params: { _meta: { progressToken: 1 } } })],
  ['a 2025-era initialize', { headers: legacyCall('x', {}).headers, body: { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } } } }],
  ['a notification', { headers: call('x', {}).headers, body: { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1, _meta: ENVELOPE } } }],
];

describe('direct tools/call answers as the SDK would', () => {
  let direct: TestGateway;
  let viaSdk: TestGateway;
  const lines: string[] = [];
  /** The `path` of the direct gateway's latest tool-call log line: which of the two answered. */
  const lastPath = () => {
    const line = lines.filter((l) => l.includes('"msg":"tool call"')).at(-1);
    return line ? (JSON.parse(line) as { path: string }).path : undefined;
  };
  beforeAll(async () => {
    [direct, viaSdk] = await Promise.all([startTestGateway({ catalog, logs: lineCollector(lines) }), startTestGateway({ catalog, directToolCalls: false })]);
  });
  afterAll(async () => {
    await Promise.all([direct?.close(), viaSdk?.close()]);
  });

  async function send(gw: TestGateway, exchange: Exchange, key = gw.adminKey) {
    const res = await fetch(gw.url, { method: 'POST', headers: { ...exchange.headers, authorization: `Bearer ${key}` }, body: JSON.stringify(exchange.body) });
    const headers = Object.fromEntries(['content-type', 'cache-control', 'x-accel-buffering'].map((h) => [h, res.headers.get(h)]));
    return { status: res.status, headers, body: await res.text() };
  }

  it.each(TAKEN)('takes %s, and answers byte for byte as the SDK', async (_, exchange) => {
    expect(directToolCallOf('POST', new Headers(exchange.headers), JSON.parse(JSON.stringify(exchange.body)))).toBeDefined();
    const [mine, sdk] = [await send(direct, exchange), await send(viaSdk, exchange)];
    expect(mine).toEqual(sdk);
    expect(mine.status).toBe(200);
    expect(lastPath()).toBe('direct');
  });

  it.each(LEFT)('leaves %s to the SDK', async (_, exchange) => {
    expect(directToolCallOf('POST', new Headers(exchange.headers), JSON.parse(JSON.stringify(exchange.body)))).toBeUndefined();
    const before = lines.length;
    const [mine, sdk] = [await send(direct, exchange), await send(viaSdk, exchange)];
    expect(mine).toEqual(sdk);
    // Whatever the SDK ran as a call, it ran itself.
    if (lines.length > before && lines.at(-1)!.includes('"msg":"tool call"')) expect(lastPath()).toBe('sdk');
  });

  it('leaves an unknown tool to the SDK, which answers the protocol error', async () => {
    const exchange = call('no_such_tool', {});
    const [mine, sdk] = [await send(direct, exchange), await send(viaSdk, exchange)];
    expect(mine).toEqual(sdk);
    expect(JSON.parse(mine.body).error.message).toContain('Unknown tool: no_such_tool');
  });

  it('refuses a read-only key a write tool with the same permission_denied result', async () => {
    const readOnlyKey = async (gw: TestGateway) => {
      const admin = { authorization: `Bearer ${gw.adminKey}`, 'content-type': 'application/json' };
      const users = (await (await fetch(`${gw.baseUrl}/api/admin/users`, { headers: admin })).json()) as { items: { id: string }[] };
      const created = await fetch(`${gw.baseUrl}/api/admin/keys`, { method: 'POST', headers: admin, body: JSON.stringify({ user_id: users.items[0]!.id, name: 'ro', read_only: true }) });
      return ((await created.json()) as { secret: string }).secret;
    };
    const exchange = call('echo_create_note', { id: 'n1', text: 'x' });
    const [mine, sdk] = [await send(direct, exchange, await readOnlyKey(direct)), await send(viaSdk, exchange, await readOnlyKey(viaSdk))];
    expect(mine).toEqual(sdk);
    expect(errorOf(JSON.parse(mine.body).result).code).toBe('permission_denied');
  });

  it.each(ERAS)('takes what the official %s-era client sends for a call, and the client reads the result', async (era) => {
    const sent: Exchange[] = [];
    const recording: typeof fetch = async (input, init) => {
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { method?: string }) : undefined;
      if (body?.method === 'tools/call') {
        const headers: Record<string, string> = {};
        new Headers(init?.headers).forEach((value, name) => (headers[name] = value));
        sent.push({ headers, body });
      }
      return fetch(input, init);
    };
    const client = await connectClient(era, direct.url, direct.adminKey, {}, recording);
    const result = await client.callTool({ name: 'echo_get_message', arguments: { message: 'hi' } });
    const failed = await client.callTool({ name: 'echo_get_message', arguments: { message: '' } });
    await client.close();
    expect(result.structuredContent).toEqual({ echoed: 'hi', caller: 'admin@localhost' });
    expect(failed.isError).toBe(true);
    expect(JSON.stringify(failed.content)).toContain('invalid_argument');
    expect(lastPath()).toBe('direct');
    expect(sent).toHaveLength(2);
    for (const exchange of sent) {
      expect(directToolCallOf('POST', new Headers(exchange.headers), exchange.body)).toMatchObject({ name: 'echo_get_message', era });
    }
  });
});

describe('a gateway failure on the direct path', () => {
  /** The real endpoint, with per-key limits that fail as a gateway bug would (a plain Error, not a GatewayError). */
  function failingEndpoint() {
    const lines: string[] = [];
    const registry = new ToolRegistry(
      [{ manifest: echoConnector as unknown as ConnectorManifest<unknown, unknown>, config: {}, common: { access: 'full', toolsets: undefined, baseUrl: undefined, timeoutMs: 1000, minRole: 'user', credentials: 'shared' } }],
      false,
    );
    const exploded = () => {
      throw new Error('limits store exploded: /secret/path');
    };
    // A tools/call's slot is asked for with its token (admitCall); other requests use takeCall and enter.
    const limits = { takeCall: () => undefined, enter: exploded, admitCall: async () => exploded() } as unknown as CallLimits;
    const endpoint = createMcpEndpoint({ registry, runtimes: new Map(), log: createLogger('debug', lineCollector(lines)), metrics: createMetrics(), limits });
    return { endpoint, lines };
  }

  it.each([
    ['modern', call('echo_get_message', { message: 'hi' })],
    ['legacy', legacyCall('echo_get_message', { message: 'hi' })],
  ] as const)('is logged and answered as a JSON-RPC internal error framed for the %s era, with no detail of the failure', async (era, exchange) => {
    const { endpoint, lines } = failingEndpoint();
    const request = new Request('http://127.0.0.1/mcp', { method: 'POST', headers: exchange.headers, body: JSON.stringify(exchange.body) });
    const response = await endpoint.fetch(request, { parsedBody: exchange.body, authInfo: authInfoFor(testPrincipal('staff'), 'req-9', new AbortController().signal) });
    const text = await response.text();
    expect(response.headers.get('content-type')).toBe(era === 'legacy' ? 'text/event-stream' : 'application/json');
    const json = era === 'legacy' ? text.replace(/^event: message\ndata: /, '').trimEnd() : text;
    const id = (exchange.body as { id: number }).id;
    expect(JSON.parse(json)).toEqual({ jsonrpc: '2.0', id, error: { code: -32603, message: expect.stringContaining('Internal error') } });
    expect(text).not.toContain('exploded');
    const logged = lines.map((l) => JSON.parse(l) as { level: string; msg: string; requestId?: string; err?: { message: string } });
    expect(logged).toContainEqual(expect.objectContaining({ level: 'error', msg: 'tool call failed outside the tool', requestId: 'req-9', err: expect.objectContaining({ message: expect.stringContaining('exploded') }) }));
  });
});
