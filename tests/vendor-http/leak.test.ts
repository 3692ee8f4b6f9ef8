import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors';
import type { VendorRequest } from '../../src/vendor-http/types';
import { hang, json, refusedPort, reset, startLoopbackServer, testClient, text, type LoopbackServer, type TestClient } from './support';

const QUERY_SECRET = 'SECRET-query-7f3a9c1e';
const HEADER_SECRET = 'SECRET-header-51bc2d8a';
const auth = { query: { apiKey: QUERY_SECRET }, headers: { 'X-Api-Key': HEADER_SECRET } };

/** Everything about a thrown error a caller could print: payload, message, stack, the whole cause chain. */
function everythingAbout(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    if (current instanceof GatewayError) parts.push(JSON.stringify(current.toPayload()));
    if (current instanceof Error) parts.push(current.message, current.stack ?? '', String(current));
    parts.push(JSON.stringify(current, Object.getOwnPropertyNames(current as object)));
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}

describe('credentials never leak', () => {
  let server: LoopbackServer;
  let setup: TestClient;
  const seen: string[] = [];

  beforeAll(async () => {
    server = await startLoopbackServer();
    setup = testClient({
      baseUrl: server.url,
      auth,
      timeoutMs: 300,
      maxRetries: 1,
      maxResponseBytes: 2_048,
      breaker: { failureThreshold: 100, cooldownMs: 60_000 },
      // A careless mapper that quotes the vendor, which echoes the key back.
      mapError: (ctx) =>
        ctx.status === 401
          ? new GatewayError('unauthenticated', `Vendor said: ${String((ctx.body as { message?: string }).message)}`, {
              connector: ctx.connector,
              hint: `Check ${String((ctx.body as { message?: string }).message)}`,
            })
          : undefined,
    });
  });
  afterAll(async () => {
    await setup.client.close();
    await server.close();
  });

  const attempt = async (req: Omit<VendorRequest, 'operation'>) => {
    try {
      const response = await setup.client.request({ ...req, operation: 'leak check' });
      seen.push(JSON.stringify(response));
    } catch (error) {
      seen.push(everythingAbout(error));
      // What the MCP wrapper does with an unexpected error: log it whole.
      setup.logs.log.error({ err: error }, 'tool failed');
    }
  };

  it('across successes and every kind of failure', async () => {
    server.replies(json(200, { ok: true }));
    await attempt({ method: 'GET', path: '/ok', query: { date: '2024-05-01' } });
    await attempt({ method: 'POST', path: '/ok', body: { name: 'x' } });

    server.replies(json(401, { message: `Invalid apiKey ${QUERY_SECRET} / ${HEADER_SECRET}` }));
    await attempt({ method: 'GET', path: '/me' });

    for (const reply of [json(429, {}, { 'retry-after': '120' }), json(503, {}), json(500, {}), json(404, {}), reset, hang]) {
      server.replies(reply);
      await attempt({ method: 'GET', path: '/fail' });
      await attempt({ method: 'POST', path: '/fail', body: {} });
    }
    server.replies(text(200, `not json ${QUERY_SECRET}`));
    await attempt({ method: 'GET', path: '/html' });
    server.replies(json(200, { big: 'z'.repeat(5_000) }));
    await attempt({ method: 'GET', path: '/big' });

    const port = await refusedPort();
    const refused = testClient({ baseUrl: `http://127.0.0.1:${port}`, auth, maxRetries: 1 });
    try {
      await refused.client.request({ method: 'GET', path: '/x', operation: 'leak check' });
    } catch (error) {
      seen.push(everythingAbout(error));
      refused.logs.log.error({ err: error }, 'tool failed');
    }
    await refused.client.close();

    // The vendor did get the credentials: the test would prove nothing otherwise.
    expect(server.requests[0]?.query.get('apiKey')).toBe(QUERY_SECRET);
    expect(server.requests[0]?.headers['x-api-key']).toBe(HEADER_SECRET);

    const logs = [...setup.logs.lines, ...refused.logs.lines].join('');
    expect(setup.logs.entries().filter((e) => e.msg === 'vendor call').length).toBeGreaterThan(15);
    const metricsText = (await setup.metrics.registry.metrics()) + (await refused.metrics.registry.metrics());
    const everything = [logs, metricsText, ...seen].join('\n');
    for (const secret of [QUERY_SECRET, HEADER_SECRET, 'SECRET-']) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).toContain('[redacted]');
  });
});
