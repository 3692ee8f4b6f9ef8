import {
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  PROTOCOL_VERSION_META_KEY,
  SERVER_INFO_META_KEY,
  SUPPORTED_PROTOCOL_VERSIONS,
  isSpecType,
} from '@modelcontextprotocol/server';

/**
 * The one exchange that dominates /mcp traffic, `tools/call`, answered
 * without the SDK's per-request `Server` and transport (half the gateway's
 * CPU per call on 2026-07-28, more on the 2025 stateless path). Only a
 * request every check of the SDK's ladder for its era would accept is taken:
 * - 2026-07-28: a plain JSON-RPC request whose envelope holds nothing but
 *   protocol version, client info and capabilities, with standard headers
 *   that repeat the body exactly;
 * - 2025 era: a plain JSON-RPC request with no `_meta`, an Accept naming
 *   both JSON and SSE, and no protocol version header or a 2025-era one;
 * and in both a body the spec's own CallToolRequest schema accepts. Anything
 * else (other methods, extra params such as task augmentation or a progress
 * token, a mismatched header, sessions) goes to the SDK, which answers or
 * rejects it as before. tests/core/direct-call.test.ts sends the same
 * requests both ways and compares the answers byte for byte.
 */

/** The modern revision this path serves (the SDK's only one today). */
export const DIRECT_REVISION = '2026-07-28';
/** 2025-era revisions a stateless call may name in its header (the SDK's legacy list). */
const LEGACY_REVISIONS = new Set(SUPPORTED_PROTOCOL_VERSIONS.filter((v) => v < DIRECT_REVISION));

export interface DirectToolCall {
  era: 'modern' | 'legacy';
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
  if (meta === undefined) return legacyCallOf(headers, body, { era: 'legacy', id, name, arguments: args });
  if (!isPlainObject(meta) || !onlyKeys(meta, ENVELOPE_KEYS)) return undefined;
  if (meta[PROTOCOL_VERSION_META_KEY] !== DIRECT_REVISION) return undefined;
  if (!isSpecType.ClientCapabilities(meta[CLIENT_CAPABILITIES_META_KEY])) return undefined;
  const clientInfo = meta[CLIENT_INFO_META_KEY];
  if (clientInfo !== undefined && !isSpecType.Implementation(clientInfo)) return undefined;
  // The standard headers must say exactly what the body says (the SDK also trims and compares them).
  if (headers.get('mcp-protocol-version') !== DIRECT_REVISION) return undefined;
  if (headers.get('mcp-method') !== 'tools/call' || headers.get('mcp-name') !== name) return undefined;
  if (!isSpecType.CallToolRequest(body)) return undefined;
  return { era: 'modern', id, name, arguments: args };
}

/** A 2025-era stateless call (no envelope), as the SDK's legacy transport would take it. */
function legacyCallOf(headers: Headers, body: Record<string, unknown>, call: DirectToolCall): DirectToolCall | undefined {
  const accept = headers.get('accept');
  if (!accept?.includes('application/json') || !accept.includes('text/event-stream')) return undefined;
  const version = headers.get('mcp-protocol-version');
  if (version !== null && !LEGACY_REVISIONS.has(version)) return undefined;
  // Modern standard headers or a session id take the SDK's own route.
  if (headers.has('mcp-method') || headers.has('mcp-name') || headers.has('mcp-session-id')) return undefined;
  if (!isSpecType.CallToolRequest(body)) return undefined;
  return call;
}

/** What the SDK's stateless 2025 transport sends with its one-message event stream. */
const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' };
const JSON_HEADERS = { 'content-type': 'application/json' };

/** One JSON-RPC message as the SDK frames it for the call's era: JSON (2026-07-28) or one `message` event (2025). */
function respond(call: DirectToolCall, message: Record<string, unknown>): Response {
  const text = JSON.stringify(message);
  if (call.era === 'legacy') return new Response(`event: message\ndata: ${text}\n\n`, { status: 200, headers: SSE_HEADERS });
  return new Response(text, { status: 200, headers: JSON_HEADERS });
}

/**
 * The HTTP answer for a result, as the SDK writes it: on 2026-07-28 the
 * result is marked complete with the server's identity in its `_meta` (no
 * notifications are sent mid-call); on the 2025 era it goes as is.
 */
export function directResultResponse(call: DirectToolCall, result: Record<string, unknown>, serverInfo: { name: string; version: string }): Response {
  // The server's identity joins whatever _meta the result has (an error's `deskgate/error`), after it, as the SDK stamps it.
  const meta = result._meta as Record<string, unknown> | undefined;
  const framed = call.era === 'legacy' ? result : { ...result, resultType: 'complete', _meta: { ...meta, [SERVER_INFO_META_KEY]: serverInfo } };
  return respond(call, { result: framed, jsonrpc: '2.0', id: call.id });
}

/** A JSON-RPC internal error for the call (a gateway bug: tools report their own failures as results). */
export function directInternalError(call: DirectToolCall): Response {
  return respond(call, { jsonrpc: '2.0', id: call.id, error: { code: -32603, message: 'Internal error: the gateway failed to answer this call; the operator has it in the log.' } });
}
