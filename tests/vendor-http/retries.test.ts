import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VendorHttpClientOptions } from '../../src/vendor-http/types';
import {
  failureOf,
  hang,
  json,
  metricValue,
  refusedPort,
  reset,
  startLoopbackServer,
  testClient,
  type LoopbackServer,
  type TestClient,
} from './support';

let server: LoopbackServer;
let current: TestClient | undefined;

beforeEach(async () => {
  server = await startLoopbackServer();
});
afterEach(async () => {
  await current?.client.close();
  current = undefined;
  await server.close();
});

function client(options: Partial<VendorHttpClientOptions> = {}, extra: { fakeSleep?: boolean } = {}) {
  current = testClient({ baseUrl: server.url, ...options }, extra);
  return current;
}

const get = { method: 'GET', path: '/employee', operation: 'get employee' } as const;
const post = { method: 'POST', path: '/widgets', operation: 'create widget', body: { name: 'Gear' } } as const;

describe('429 and Retry-After', () => {
  it('waits the seconds Retry-After asks for, then succeeds', async () => {
    const { client: http, sleeps } = client({ timeoutMs: 10_000 }, { fakeSleep: true });
    server.replies(json(429, {}, { 'retry-after': '3' }), json(200, { name: 'Ada' }));
    const response = await http.request(get);
    expect(response.body).toEqual({ name: 'Ada' });
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toEqual([3000]);
  });

  it('waits until an HTTP-date Retry-After, then succeeds', async () => {
    const { client: http, sleeps } = client({ timeoutMs: 60_000 }, { fakeSleep: true });
    const in30s = new Date(Date.now() + 30_000).toUTCString();
    server.replies(json(429, {}, { 'retry-after': in30s }), json(200, { ok: true }));
    await http.request(get);
    expect(server.requests).toHaveLength(2);
    // HTTP-dates have whole seconds, so the wait is 29–30 s.
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(28_000);
    expect(sleeps[0]).toBeLessThanOrEqual(30_000);
  });

  it('really sleeps and retries with the default sleep', async () => {
    const { client: http } = client();
    server.replies(json(429, {}, { 'retry-after': '0' }), json(200, { ok: true }));
    expect((await http.request(get)).status).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it('answers rate_limited at once when Retry-After (seconds) does not fit the deadline', async () => {
    const { client: http, sleeps } = client({ timeoutMs: 1_000 }, { fakeSleep: true });
    server.replies(json(429, {}, { 'retry-after': '120' }));
    const failure = await failureOf(http.request(get));
    expect(failure).toMatchObject({ code: 'rate_limited', retryable: true, retry_after_seconds: 120, vendor_status: 429 });
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('answers rate_limited at once when an HTTP-date Retry-After does not fit the deadline', async () => {
    const { client: http } = client({ timeoutMs: 1_000 }, { fakeSleep: true });
    server.replies(json(429, {}, { 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() }));
    const failure = await failureOf(http.request(get));
    expect(failure.code).toBe('rate_limited');
    expect(failure.retry_after_seconds).toBeGreaterThan(3_500);
    expect(failure.retry_after_seconds).toBeLessThanOrEqual(3_600);
    expect(server.requests).toHaveLength(1);
  });

  it('gives rate_limited with a retry_after_seconds after the retries run out', async () => {
    const { client: http, metrics } = client({ maxRetries: 2 }, { fakeSleep: true });
    server.replies(json(429, {}));
    const failure = await failureOf(http.request(get));
    expect(failure).toMatchObject({ code: 'rate_limited', retryable: true });
    expect(failure.retry_after_seconds).toBeGreaterThanOrEqual(1);
    expect(server.requests).toHaveLength(3);
    expect(await metricValue(metrics, 'deskgate_vendor_http_retries_total', { connector: 'fake', reason: 'http_429' })).toBe(2);
  });

  it('never repeats a POST on 429: rate_limited with retry_after_seconds so the model decides', async () => {
    const { client: http } = client({}, { fakeSleep: true });
    server.replies(json(429, {}, { 'retry-after': '1' }), json(201, { id: 'twice' }));
    const failure = await failureOf(http.request(post));
    expect(failure).toMatchObject({ code: 'rate_limited', retry_after_seconds: 1 });
    expect(server.requests).toHaveLength(1);
  });
});

describe('5xx', () => {
  it('retries a burst of 503s and then succeeds', async () => {
    const { client: http, metrics } = client();
    server.replies(json(503, {}), json(503, {}), json(502, {}), json(200, { ok: true }));
    expect((await http.request(get)).body).toEqual({ ok: true });
    expect(server.requests).toHaveLength(4);
    expect(await metricValue(metrics, 'deskgate_vendor_http_retries_total', { connector: 'fake', reason: 'http_503' })).toBe(2);
    expect(await metricValue(metrics, 'deskgate_vendor_http_retries_total', { connector: 'fake', reason: 'http_502' })).toBe(1);
  });

  it('gives upstream_unavailable after the retries run out', async () => {
    const { client: http } = client({ maxRetries: 2 });
    server.replies(json(503, {}));
    const failure = await failureOf(http.request(get));
    expect(failure).toMatchObject({ code: 'upstream_unavailable', retryable: true, vendor_status: 503 });
    expect(server.requests).toHaveLength(3);
  });

  it('passes a 503 Retry-After on to the model when it does not fit', async () => {
    const { client: http } = client({ timeoutMs: 1_000 });
    server.replies(json(503, {}, { 'retry-after': '60' }));
    const failure = await failureOf(http.request(get));
    expect(failure).toMatchObject({ code: 'upstream_unavailable', retry_after_seconds: 60 });
    expect(server.requests).toHaveLength(1);
  });

  it('never repeats a POST on 503', async () => {
    const { client: http } = client();
    server.replies(json(503, {}), json(201, { id: 'w1' }));
    expect((await failureOf(http.request(post))).code).toBe('upstream_unavailable');
    expect(server.requests).toHaveLength(1);
  });

  it('repeats a PUT (idempotent) but not a GET marked idempotent: false', async () => {
    const { client: http } = client();
    server.replies(json(503, {}), json(200, { ok: true }));
    await http.request({ method: 'PUT', path: '/w/1', operation: 'update widget', body: { name: 'x' } });
    expect(server.requests).toHaveLength(2);

    server.requests.length = 0;
    server.replies(json(503, {}), json(200, { ok: true }));
    const failure = await failureOf(http.request({ method: 'GET', path: '/start', operation: 'start tracking', idempotent: false }));
    expect(failure.code).toBe('upstream_unavailable');
    expect(server.requests).toHaveLength(1);
  });
});

describe('timeouts', () => {
  it('answers upstream_timeout when the vendor never answers within the deadline', async () => {
    const { client: http, metrics } = client({ timeoutMs: 200 });
    server.replies(hang);
    const failure = await failureOf(http.request(get));
    expect(failure).toMatchObject({ code: 'upstream_timeout', retryable: true, connector: 'fake' });
    expect(await metricValue(metrics, 'deskgate_vendor_http_responses_total', { connector: 'fake', status: 'timeout' })).toBe(1);
  });

  it('a request-level timeoutMs overrides the client deadline', async () => {
    const { client: http } = client({ timeoutMs: 10_000 });
    server.replies(hang);
    const failure = await failureOf(http.request({ ...get, timeoutMs: 150 }));
    expect(failure.code).toBe('upstream_timeout');
  });

  it('sends a POST that timed out after being sent exactly once', async () => {
    const { client: http } = client({ timeoutMs: 1_000 });
    server.replies(hang, json(201, { id: 'twice' }));
    const failure = await failureOf(http.request(post));
    expect(failure.code).toBe('upstream_timeout');
    expect(failure.hint).toContain('may have reached');
    expect(server.requests).toHaveLength(1);
  });

  it('does not repeat a POST whose answer stalled past the socket idle timeout', async () => {
    const { client: http } = client({ timeoutMs: 2_000, idleTimeoutMs: 100 });
    server.replies(hang, json(201, { id: 'twice' }));
    const failure = await failureOf(http.request(post));
    expect(failure.code).toBe('upstream_timeout');
    expect(server.requests).toHaveLength(1);
  });

  it('repeats a GET whose answer stalled past the socket idle timeout', async () => {
    const { client: http, metrics } = client({ timeoutMs: 2_000, idleTimeoutMs: 100 });
    server.replies(hang, json(200, { ok: true }));
    expect((await http.request(get)).body).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
    expect(await metricValue(metrics, 'deskgate_vendor_http_retries_total', { connector: 'fake', reason: 'headers_timeout' })).toBe(1);
  });
});

describe('network failures', () => {
  it('repeats a GET after a connection reset mid-request', async () => {
    const { client: http } = client();
    server.replies(reset, json(200, { ok: true }));
    expect((await http.request(get)).body).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
  });

  it('does not repeat a POST after a connection reset: it may have been applied', async () => {
    const { client: http, metrics } = client();
    server.replies(reset, json(201, { id: 'twice' }));
    const failure = await failureOf(http.request(post));
    expect(failure).toMatchObject({ code: 'upstream_unavailable', retryable: true });
    expect(failure.hint).toContain('may have reached');
    expect(server.requests).toHaveLength(1);
    expect(await metricValue(metrics, 'deskgate_vendor_http_responses_total', { connector: 'fake', status: 'network' })).toBe(1);
  });

  it('does not repeat a POST whose body broke off mid-answer', async () => {
    const { client: http } = client();
    server.replies((res, req) => {
      res.writeHead(201, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"id":');
      setImmediate(() => req.socket.destroy());
    }, json(201, { id: 'twice' }));
    expect((await failureOf(http.request(post))).code).toBe('upstream_unavailable');
    expect(server.requests).toHaveLength(1);
  });

  it('repeats a POST when the connection was refused, since nothing was sent', async () => {
    const port = await refusedPort();
    let vendor: LoopbackServer | undefined;
    let starting: Promise<LoopbackServer> | undefined;
    // The vendor comes up after the first refused attempt; a retry must reach it.
    current = testClient(
      { baseUrl: `http://127.0.0.1:${port}`, maxRetries: 20, retryBaseMs: 5, timeoutMs: 5_000 },
      {
        deps: {
          sleep: async (ms) => {
            starting ??= startLoopbackServer(port).then((s) => (vendor = s));
            await starting;
            await new Promise((resolve) => setTimeout(resolve, ms));
          },
        },
      },
    );
    try {
      const response = await current.client.request(post);
      expect(response.status).toBe(200);
      expect(vendor?.requests).toHaveLength(1);
      expect(vendor?.requests[0]?.body).toBe('{"name":"Gear"}');
      expect(
        await metricValue(current.metrics, 'deskgate_vendor_http_retries_total', { connector: 'fake', reason: 'connection_refused' }),
      ).toBeGreaterThanOrEqual(1);
    } finally {
      await vendor?.close();
    }
  });

  it('gives upstream_unavailable when the vendor stays unreachable', async () => {
    const port = await refusedPort();
    const { client: http } = (current = testClient({ baseUrl: `http://127.0.0.1:${port}`, maxRetries: 2 }));
    const failure = await failureOf(http.request(get));
    expect(failure).toMatchObject({ code: 'upstream_unavailable', retryable: true });
    expect(failure.message).toContain('connection refused');
  });
});
