import type { Dispatcher } from 'undici';
import { readBodyCapped, type BodyRead } from './body';

/** What one attempt sends: the URL is already built (credentials in the query included). */
export interface TransportRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal;
  /** Stop reading past this many bytes (`too_large`). */
  maxBytes: number;
}

export interface TransportResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  read: BodyRead;
}

/**
 * How the vendor client puts a request on the wire. Both keep the client's
 * keep-alive pool (the undici Agent), send no redirect-following, and throw
 * what `classifyNetworkFailure` reads when the network fails.
 *
 * - `undici` (production): undici's `dispatcher.request`, no WHATWG
 *   Request/Response/stream objects per call; about a third of the gateway's
 *   CPU per vendor call went to global fetch before. Tested against real
 *   loopback servers (tests/vendor-http, tests/e2e).
 * - `fetch`: global fetch with the same dispatcher. msw intercepts global
 *   fetch and not `dispatcher.request`, so the connector test kit uses this
 *   one for its msw fixtures.
 */
export type VendorTransportKind = 'undici' | 'fetch';
export type VendorTransport = (req: TransportRequest) => Promise<TransportResponse>;

export function createTransport(kind: VendorTransportKind, dispatcher: Dispatcher): VendorTransport {
  return kind === 'fetch' ? fetchTransport(dispatcher) : undiciTransport(dispatcher);
}

function undiciTransport(dispatcher: Dispatcher): VendorTransport {
  return async ({ url, method, headers, body, signal, maxBytes }) => {
    const response = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: method as Dispatcher.HttpMethod,
      headers,
      body,
      signal,
    });
    const flat: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const declared = Number(flat['content-length'] ?? Number.NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      response.body.destroy();
      return { status: response.statusCode, headers: flat, read: { kind: 'too_large' } };
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        response.body.destroy();
        return { status: response.statusCode, headers: flat, read: { kind: 'too_large' } };
      }
      chunks.push(chunk);
    }
    const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
    return { status: response.statusCode, headers: flat, read: { kind: 'ok', bytes } };
  };
}

function fetchTransport(dispatcher: Dispatcher): VendorTransport {
  return async ({ url, method, headers, body, signal, maxBytes }) => {
    const response = await fetch(url, { method, headers, body, signal, redirect: 'manual', dispatcher } as RequestInit);
    const read = await readBodyCapped(response, maxBytes);
    const flat: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      flat[name] = value;
    });
    return { status: response.status, headers: flat, read };
  };
}
