import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors';
import type { VendorHttpClientOptions } from '../../src/vendor-http/types';
import { failureOf, json, metricValue, startLoopbackServer, testClient, text, type LoopbackServer, type TestClient } from './support';

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

function client(options: Partial<VendorHttpClientOptions> = {}) {
  current = testClient({ baseUrl: `${server.url}/api/v1/`, ...options });
  return current;
}

describe('what the vendor receives', () => {
  it('sends a GET with the query, repeated array keys, credentials and our headers', async () => {
    const { client: http } = client({ auth: { query: { apiKey: 'query-key-123' }, headers: { 'X-Api-Key': 'header-key-456' } } });
    server.replies(json(200, { name: 'Ada' }));

    const response = await http.request({
      method: 'GET',
      path: '/employee',
      operation: 'get employee',
      query: { date: '2024-05-01', tags: ['a', 'b'], billable: true, page: 2, skipped: undefined, nothing: null },
    });

    expect(response).toMatchObject({ status: 200, body: { name: 'Ada' } });
    const [received] = server.requests;
    expect(received?.path).toBe('/api/v1/employee');
    expect(received?.query.get('date')).toBe('2024-05-01');
    expect(received?.query.getAll('tags')).toEqual(['a', 'b']);
    expect(received?.query.get('billable')).toBe('true');
    expect(received?.query.get('page')).toBe('2');
    expect(received?.query.has('skipped')).toBe(false);
    expect(received?.query.has('nothing')).toBe(false);
    expect(received?.query.get('apiKey')).toBe('query-key-123');
    expect(received?.headers['x-api-key']).toBe('header-key-456');
    expect(received?.headers.accept).toBe('application/json');
    expect(received?.headers['user-agent']).toMatch(/^deskgate\/\d+\.\d+\.\d+/);
  });

  it('sends a POST with a JSON body and content type', async () => {
    const { client: http } = client();
    server.replies(json(201, { id: 'w1' }));

    const response = await http.request({ method: 'POST', path: 'widgets', operation: 'create widget', body: { name: 'Gear', count: 3 } });

    expect(response).toMatchObject({ status: 201, body: { id: 'w1' } });
    expect(server.requests[0]?.method).toBe('POST');
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ name: 'Gear', count: 3 });
  });

  it('does not let a request override the credential parameter', async () => {
    const { client: http } = client({ auth: { query: { apiKey: 'real-key-123' } } });
    await http.request({ method: 'GET', path: '/x', operation: 'x', query: { apiKey: 'from-arguments' } });
    expect(server.requests[0]?.query.getAll('apiKey')).toEqual(['real-key-123']);
  });
});

describe('answers', () => {
  it('returns body undefined for 204 and for an empty 200', async () => {
    const { client: http } = client();
    server.replies(text(204, ''), text(200, ''));
    expect((await http.request({ method: 'DELETE', path: '/w/1', operation: 'delete widget' })).body).toBeUndefined();
    expect((await http.request({ method: 'GET', path: '/w/1', operation: 'get widget' })).body).toBeUndefined();
  });

  it('reports malformed JSON in a 200 as upstream_error without quoting it', async () => {
    const { client: http } = client();
    server.replies(text(200, '{"name": "Ada", "token": "leaky', { 'content-type': 'application/json' }));
    const failure = await failureOf(http.request({ method: 'GET', path: '/employee', operation: 'get employee' }));
    expect(failure).toMatchObject({ code: 'upstream_error', connector: 'fake', vendor_status: 200, retryable: false });
    expect(failure.message).toContain('not JSON');
    expect(JSON.stringify(failure)).not.toContain('leaky');
    expect(server.requests).toHaveLength(1);
  });

  it('reports an HTML page in a 200 as upstream_error and points at the base URL', async () => {
    const { client: http } = client();
    server.replies(text(200, '<html><body>Login to Portal</body></html>', { 'content-type': 'text/html' }));
    const failure = await failureOf(http.request({ method: 'GET', path: '/employee', operation: 'get employee' }));
    expect(failure.code).toBe('upstream_error');
    expect(failure.hint).toContain('FAKE_BASE_URL');
    expect(JSON.stringify(failure)).not.toContain('Portal');
  });

  it('stops reading a body over the cap, streamed without a length', async () => {
    const { client: http } = client({ maxResponseBytes: 1024 });
    server.replies((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      for (let i = 0; i < 200; i++) res.write(`"${'x'.repeat(50)}",`);
      res.end('"end"]');
    });
    const failure = await failureOf(http.request({ method: 'GET', path: '/big', operation: 'list everything' }));
    expect(failure).toMatchObject({ code: 'upstream_error', retryable: false });
    expect(failure.message).toContain('larger than');
    expect(failure.hint).toContain('Narrow the request');
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a body whose declared length is over the cap', async () => {
    const { client: http } = client({ maxResponseBytes: 100 });
    server.replies(json(200, { items: 'y'.repeat(500) }));
    const failure = await failureOf(http.request({ method: 'GET', path: '/big', operation: 'list everything' }));
    expect(failure.message).toContain('larger than');
  });

  it('lets checkBody turn an error inside a 200 into a GatewayError, without retrying', async () => {
    const { client: http } = client({
      checkBody: (body, ctx) =>
        typeof body === 'object' && body !== null && 'error' in body
          ? new GatewayError('invalid_argument', `FakeVendor refused "${ctx.request.operation}": unknown project.`, {
              connector: ctx.connector,
              vendorStatus: ctx.status,
              hint: 'List projects first.',
            })
          : undefined,
    });
    server.replies(json(200, { error: { code: 404, message: 'Project <script> not found' } }));
    const failure = await failureOf(http.request({ method: 'GET', path: '/start', operation: 'start tracking' }));
    expect(failure).toMatchObject({ code: 'invalid_argument', vendor_status: 200, hint: 'List projects first.' });
    expect(failure.message).not.toContain('<script>');
    expect(server.requests).toHaveLength(1);
  });

  it('uses the connector mapError first, then the generic mapping', async () => {
    const { client: http } = client({
      mapError: (ctx) =>
        ctx.status === 400 && (ctx.body as { code?: number } | undefined)?.code === 501
          ? new GatewayError('conflict', 'That project already exists.', { connector: ctx.connector, vendorStatus: 400 })
          : undefined,
    });
    server.replies(json(400, { code: 501, message: 'already exists' }), json(400, { code: 3001 }));
    expect(await failureOf(http.request({ method: 'POST', path: '/p', operation: 'create project', body: {} }))).toMatchObject({
      code: 'conflict',
      message: 'That project already exists.',
    });
    expect(await failureOf(http.request({ method: 'POST', path: '/p', operation: 'create project', body: {} }))).toMatchObject({
      code: 'invalid_argument',
      vendor_status: 400,
    });
  });

  it.each([
    [400, 'invalid_argument'],
    [401, 'unauthenticated'],
    [402, 'plan_required'],
    [403, 'permission_denied'],
    [404, 'not_found'],
    [405, 'unsupported_by_vendor'],
    [409, 'conflict'],
    [410, 'not_found'],
    [412, 'precondition_failed'],
    [422, 'invalid_argument'],
    [500, 'upstream_error'],
  ])('maps HTTP %i to %s and does not retry it', async (status, code) => {
    const { client: http } = client();
    server.replies(json(status, { message: 'vendor says <b>no</b>' }));
    const failure = await failureOf(http.request({ method: 'GET', path: '/thing', operation: 'get thing' }));
    expect(failure).toMatchObject({ code, connector: 'fake', vendor_status: status });
    expect(failure.message).not.toContain('<b>');
    expect(server.requests).toHaveLength(1);
  });

  it('tells the model which key to check on 401', async () => {
    const { client: http } = client();
    server.replies(json(401, {}));
    const failure = await failureOf(http.request({ method: 'GET', path: '/me', operation: 'get me' }));
    expect(failure.retryable).toBe(false);
    expect(failure.hint).toContain('FAKE_API_KEY');
  });

  it('does not follow redirects (a custom auth header would follow them)', async () => {
    const elsewhere = await startLoopbackServer();
    try {
      const { client: http } = client({ auth: { headers: { 'X-Api-Key': 'header-key-456' } } });
      server.replies(text(302, '', { location: `${elsewhere.url}/steal` }));
      const failure = await failureOf(http.request({ method: 'GET', path: '/me', operation: 'get me' }));
      expect(failure).toMatchObject({ code: 'upstream_error', vendor_status: 302 });
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('counts every answer by status and logs one line per attempt without the query', async () => {
    const { client: http, metrics, logs } = client({ auth: { query: { apiKey: 'query-key-123' } } });
    server.replies(json(503, {}), json(200, { ok: true }));
    await http.request({ method: 'GET', path: '/employee', query: { inline: 1 }, operation: 'get employee' });
    expect(await metricValue(metrics, 'deskgate_vendor_http_responses_total', { connector: 'fake', status: '503' })).toBe(1);
    expect(await metricValue(metrics, 'deskgate_vendor_http_responses_total', { connector: 'fake', status: '200' })).toBe(1);
    const lines = logs.entries().filter((e) => e.msg === 'vendor call');
    expect(lines.map((l) => [l.attempt, l.status, l.path, l.method, l.operation, l.connector])).toEqual([
      [1, '503', '/employee', 'GET', 'get employee', 'fake'],
      [2, '200', '/employee', 'GET', 'get employee', 'fake'],
    ]);
    expect(lines.every((l) => typeof l.durationMs === 'number')).toBe(true);
  });

  it('rejects a credential that cannot be sent as a header with a generic error', async () => {
    const { client: http, logs } = client({ auth: { headers: { 'X-Api-Key': 'bad\u0000secret-value' } } });
    const failure = await failureOf(http.request({ method: 'GET', path: '/me', operation: 'get me' }));
    expect(failure).toMatchObject({ code: 'internal', retryable: false });
    expect(failure.error.cause).toBeUndefined();
    expect(JSON.stringify(failure) + logs.lines.join('')).not.toContain('secret-value');
    expect(server.requests).toHaveLength(0);
  });

  it('gives up on a call its caller cancelled, without counting it against the vendor', async () => {
    const { client: http } = client({ breaker: { failureThreshold: 1 } });
    server.replies(() => undefined);
    const controller = new AbortController();
    const call = http.request({ method: 'GET', path: '/slow', operation: 'get slow', signal: controller.signal });
    await expect.poll(() => server.requests.length).toBe(1);
    controller.abort();
    const failure = await failureOf(call);
    expect(failure.message).toContain('cancelled');
    expect(http.breakerState()).toBe('closed');
  });
});
