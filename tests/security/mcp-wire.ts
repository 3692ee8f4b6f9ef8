/**
 * Raw JSON-RPC over HTTP to a running gateway's /mcp, in either protocol era,
 * for the security tests: what a hostile or broken client sends, byte for
 * byte, and the answer as the wire carries it.
 */
export type WireEra = 'modern' | 'legacy';

const ENVELOPE = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'security-test', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

export interface WireAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The JSON-RPC message: the body (JSON) or the one `message` event (2025 event stream); undefined when neither. */
  message: { id?: unknown; result?: Record<string, unknown>; error?: { code: number; message: string; data?: unknown } } | undefined;
}

function messageOf(text: string): WireAnswer['message'] {
  const data = /^data: (.*)$/m.exec(text)?.[1] ?? text;
  try {
    return JSON.parse(data) as WireAnswer['message'];
  } catch {
    return undefined;
  }
}

/**
 * One request: 2026-07-28 with its envelope and standard headers, or a 2025-era
 * stateless request (no envelope). `params` are sent as given (plus the
 * envelope on 2026-07-28 unless `envelope: false`).
 */
export async function rpc(
  url: string,
  key: string,
  era: WireEra,
  method: string,
  params: Record<string, unknown> | undefined,
  options: { id?: unknown; envelope?: boolean } = {},
): Promise<WireAnswer> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    authorization: `Bearer ${key}`,
  };
  let sent = params;
  if (era === 'modern') {
    headers['mcp-protocol-version'] = '2026-07-28';
    headers['mcp-method'] = method;
    const name = params?.name;
    // The name header repeats the body's name, when a header can carry it (printable, under Node's header size cap).
    if (typeof name === 'string' && name.length <= 4096 && /^[\x20-\x7e]*$/.test(name)) headers['mcp-name'] = name;
    if (options.envelope !== false) sent = { ...params, _meta: { ...ENVELOPE, ...(params?._meta as object | undefined) } };
  }
  const body = { jsonrpc: '2.0', id: options.id ?? 1, method, ...(sent === undefined ? {} : { params: sent }) };
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, message: messageOf(text) };
}

/** A 2025-era initialize, as SDK v1 clients open a session (answered statelessly). */
export function legacyInitialize(url: string, key: string, params: Record<string, unknown> = {}) {
  return rpc(url, key, 'legacy', 'initialize', {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'security-test', version: '1' },
    ...params,
  });
}
