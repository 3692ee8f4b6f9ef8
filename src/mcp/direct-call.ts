import {
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  PROTOCOL_VERSION_META_KEY,
  SERVER_INFO_META_KEY,
  isSpecType,
} from '@modelcontextprotocol/server';

/**
 * The one exchange that dominates /mcp traffic, a 2026-07-28 `tools/call`,
 * answered without the SDK's per-request `Server` and transport (about a
 * quarter of the gateway's CPU per call). Only a request every check of the
 * SDK's modern ladder would accept is taken: a plain JSON-RPC request, the
 * envelope with nothing but protocol version, client info and capabilities,
 * standard headers that repeat the body exactly, and a body the spec's own
 * CallToolRequest schema accepts. Anything else (other methods, 2025-era
 * requests, extra params such as task augmentation, a mismatched header)
 * goes to the SDK, which answers or rejects it as before.
 * tests/core/direct-call.test.ts sends the same requests both ways and
 * compares the bytes.
 */

/** The modern revision this path serves (the SDK's only one today). */
export const DIRECT_REVISION = '2026-07-28';

export interface DirectToolCall {
  id: string | number;
  name: string;
  arguments: Record<string, unknown> | undefined;
}

const ENVELOPE_KEYS = new Set([PROTOCOL_VERSION_META_KEY, CLIENT_INFO_META_KEY, CLIENT_CAPABILITIES_META_KEY]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function onlyKeys(value: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}

const REQUEST_KEYS = new Set(['jsonrpc', 'id', 'method', 'params']);
const PARAMS_KEYS = new Set(['name', 'arguments', '_meta']);

/** The call, when this request can take the direct path; undefined sends it to the SDK. */
export function directToolCallOf(method: string, headers: Headers, body: unknown): DirectToolCall | undefined {
  if (method !== 'POST' || !isPlainObject(body) || !onlyKeys(body, REQUEST_KEYS)) return undefined;
  if (body.jsonrpc !== '2.0' || body.method !== 'tools/call') return undefined;
  const id = body.id;
  if (!(typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id)))) return undefined;
  const params = body.params;
  if (!isPlainObject(params) || !onlyKeys(params, PARAMS_KEYS)) return undefined;
  const { name, arguments: args, _meta: meta } = params;
  if (typeof name !== 'string' || name.length === 0) return undefined;
  if (args !== undefined && !isPlainObject(args)) return undefined;
  if (!isPlainObject(meta) || !onlyKeys(meta, ENVELOPE_KEYS)) return undefined;
  if (meta[PROTOCOL_VERSION_META_KEY] !== DIRECT_REVISION) return undefined;
  if (!isSpecType.ClientCapabilities(meta[CLIENT_CAPABILITIES_META_KEY])) return undefined;
  const clientInfo = meta[CLIENT_INFO_META_KEY];
  if (clientInfo !== undefined && !isSpecType.Implementation(clientInfo)) return undefined;
  // The standard headers must say exactly what the body says (the SDK also trims and compares them).
  if (headers.get('mcp-protocol-version') !== DIRECT_REVISION) return undefined;
  if (headers.get('mcp-method') !== 'tools/call' || headers.get('mcp-name') !== name) return undefined;
  if (!isSpecType.CallToolRequest(body)) return undefined;
  return { id, name, arguments: args };
}

/**
 * The HTTP answer for a result, as the SDK's per-request transport writes it
 * for this revision: the result marked complete with the server's identity in
 * its `_meta`, status 200, JSON (no notifications are sent mid-call).
 */
export function directResultResponse(call: DirectToolCall, result: Record<string, unknown>, serverInfo: { name: string; version: string }): Response {
  const body = JSON.stringify({
    result: { ...result, resultType: 'complete', _meta: { [SERVER_INFO_META_KEY]: serverInfo } },
    jsonrpc: '2.0',
    id: call.id,
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
}
