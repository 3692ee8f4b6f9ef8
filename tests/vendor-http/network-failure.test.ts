import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransport } from '../../src/vendor-http/transport';
import { classifyNetworkFailure } from '../../src/vendor-http/network-failure';
import { hang, refusedPort, reset, startLoopbackServer, type LoopbackServer } from './support';

/** What undici's fetch throws: a TypeError whose cause carries the system or undici code. */
function fetchFailure(code: string, message = 'fetch failed'): TypeError {
  const cause = Object.assign(new Error(`${code} http://vendor.test/x?apiKey=SECRET`), { code });
  return new TypeError(message, { cause });
}

describe('classifyNetworkFailure', () => {
  it.each([
    ['ECONNREFUSED', 'connection_refused'],
    ['ENOTFOUND', 'dns_failure'],
    ['EAI_AGAIN', 'dns_failure'],
    ['EHOSTUNREACH', 'host_unreachable'],
    ['UND_ERR_CONNECT_TIMEOUT', 'connect_timeout'],
  ])('%s happened before the request was written', (code, reason) => {
    expect(classifyNetworkFailure(fetchFailure(code))).toMatchObject({ reason, maybeReachedVendor: false });
  });

  it.each([
    ['ECONNRESET', 'connection_reset'],
    ['EPIPE', 'connection_reset'],
    ['UND_ERR_SOCKET', 'socket_closed'],
    ['UND_ERR_HEADERS_TIMEOUT', 'headers_timeout'],
    ['UND_ERR_BODY_TIMEOUT', 'body_timeout'],
    ['ETIMEDOUT', 'network'],
  ])('%s may have reached the vendor', (code, reason) => {
    expect(classifyNetworkFailure(fetchFailure(code))).toMatchObject({ reason, maybeReachedVendor: true });
  });

  it('marks timeouts as timeouts', () => {
    expect(classifyNetworkFailure(fetchFailure('UND_ERR_HEADERS_TIMEOUT'))?.timeout).toBe(true);
    expect(classifyNetworkFailure(fetchFailure('UND_ERR_CONNECT_TIMEOUT'))?.timeout).toBe(true);
    expect(classifyNetworkFailure(fetchFailure('ECONNREFUSED'))?.timeout).toBe(false);
  });

  it('reads codes inside an AggregateError (several addresses tried)', () => {
    const aggregate = new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' }), Object.assign(new Error('b'), { code: 'ECONNREFUSED' })]);
    expect(classifyNetworkFailure(new TypeError('fetch failed', { cause: aggregate }))).toMatchObject({
      reason: 'connection_refused',
      maybeReachedVendor: false,
    });
  });

  it('trusts the unsafe reading when layers disagree', () => {
    const inner = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    const outer = Object.assign(new Error('reset', { cause: inner }), { code: 'ECONNRESET' });
    expect(classifyNetworkFailure(new TypeError('fetch failed', { cause: outer }))?.maybeReachedVendor).toBe(true);
  });

  it('treats an unknown code under "fetch failed" as a network failure that may have been sent', () => {
    expect(classifyNetworkFailure(fetchFailure('ERR_SSL_WRONG_VERSION_NUMBER'))).toMatchObject({ reason: 'network', maybeReachedVendor: true });
  });

  it("reads undici's request API too: the system error itself, no fetch wrapper", () => {
    const raw = (code: string) => Object.assign(new Error(`${code} http://vendor.test/x?apiKey=SECRET`), { code });
    expect(classifyNetworkFailure(raw('ECONNREFUSED'))).toMatchObject({ reason: 'connection_refused', maybeReachedVendor: false });
    expect(classifyNetworkFailure(raw('ENETDOWN'))).toMatchObject({ reason: 'network', maybeReachedVendor: true });
    expect(classifyNetworkFailure(raw('ERR_TLS_CERT_ALTNAME_INVALID'))).toMatchObject({ reason: 'network', maybeReachedVendor: true });
    expect(classifyNetworkFailure(raw('UND_ERR_RES_CONTENT_LENGTH_MISMATCH'))).toMatchObject({ reason: 'socket_closed' });
    expect(classifyNetworkFailure(raw('UND_ERR_INVALID_ARG'))).toBeUndefined();
  });

  it('is not a network failure when fetch rejected the request itself', () => {
    expect(classifyNetworkFailure(new TypeError('Headers.append: "x" is an invalid header value.'))).toBeUndefined();
    expect(classifyNetworkFailure(new TypeError('fetch failed', { cause: new Error('bad port') }))).toBeUndefined();
    expect(classifyNetworkFailure(new Error('boom'))).toBeUndefined();
    expect(classifyNetworkFailure('string')).toBeUndefined();
  });
});

// Both transports of the vendor client (transport.ts): undici's request API in
// production, global fetch under msw in connector tests.
describe.each(['undici', 'fetch'] as const)('classifyNetworkFailure on what the %s transport really throws', (kind) => {
  let server: LoopbackServer;
  const agent = new Agent({ headersTimeout: 100, bodyTimeout: 100 });
  beforeAll(async () => {
    server = await startLoopbackServer();
  });
  afterAll(async () => {
    await agent.close();
    await server.close();
  });
  const send = createTransport(kind, agent);
  const thrownBy = async (url: string) => {
    try {
      await send({ url: new URL(url), method: 'GET', headers: {}, body: undefined, signal: new AbortController().signal, maxBytes: 1024 });
    } catch (error) {
      return error;
    }
    throw new Error(`expected the ${kind} transport to fail`);
  };

  it('connection refused', async () => {
    const error = await thrownBy(`http://127.0.0.1:${await refusedPort()}/x`);
    expect(classifyNetworkFailure(error)).toMatchObject({ reason: 'connection_refused', maybeReachedVendor: false });
  });

  it('connection reset after the request arrived', async () => {
    server.replies(reset);
    expect(classifyNetworkFailure(await thrownBy(`${server.url}/x`))?.maybeReachedVendor).toBe(true);
  });

  it('no headers in time', async () => {
    server.replies(hang);
    expect(classifyNetworkFailure(await thrownBy(`${server.url}/x`))).toMatchObject({ reason: 'headers_timeout', maybeReachedVendor: true });
  });

  it('body broken off mid-answer', async () => {
    server.replies((res, req) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"a":');
      setImmediate(() => req.socket.destroy());
    });
    expect(classifyNetworkFailure(await thrownBy(`${server.url}/x`))?.maybeReachedVendor).toBe(true);
  });
});
