import type { McpHttpHandler } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { createApp } from '../../src/http/app';
import { isLoopback } from '../../src/http/ops-access';
import { createMetrics } from '../../src/observability/metrics';
import type { Db } from '../../src/storage/types';
import { silentLog } from '../support/tool-harness';

const TOKEN = 'metrics-token-0123456789abcdef';

function app(metricsToken: string | undefined) {
  return createApp({
    mcp: {} as McpHttpHandler,
    auth: { authenticate: async () => undefined },
    db: { ping: async () => undefined } as unknown as Db,
    metrics: createMetrics(),
    log: silentLog,
    allowedHosts: ['localhost'],
    allowedOrigins: [],
    maxBodyBytes: 1024,
    metricsToken,
    connectorIds: [],
    routes: [],
    registry: { checkRoute: () => undefined, blockedOnlyByScope: () => false },
    isShuttingDown: () => false,
  });
}

/** A request as @hono/node-server hands it over, from `remoteAddress`. */
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
const get = (a: ReturnType<typeof app>, path: string, remoteAddress: string, token?: string) =>
  a.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} }, from(remoteAddress));

describe('/metrics and /readyz', () => {
  it.each(['/metrics', '/readyz'])('%s answers loopback callers without a token', async (path) => {
    const a = app(undefined);
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect((await get(a, path, address)).status).toBe(200);
  });

  it.each(['/metrics', '/readyz'])('%s refuses other callers without the token, saying how to get in', async (path) => {
    const res = await get(app(undefined), path, '203.0.113.9');
    expect(res.status).toBe(403);
    const { error } = await res.json();
    expect(error).toMatchObject({ code: 'permission_denied' });
    expect(error.hint).toContain('DESKGATE_METRICS_TOKEN');
    expect((await get(app(TOKEN), path, '10.1.2.3')).status).toBe(403);
  });

  it.each(['/metrics', '/readyz'])('%s answers other callers with the DESKGATE_METRICS_TOKEN bearer, and 401s a wrong one', async (path) => {
    const a = app(TOKEN);
    expect((await get(a, path, '203.0.113.9', TOKEN)).status).toBe(200);
    const wrong = await get(a, path, '203.0.113.9', `${TOKEN}x`);
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('invalid_token');
    expect(JSON.stringify(await wrong.json())).not.toContain(TOKEN);
    // Without a configured token, a bearer opens nothing.
    expect((await get(app(undefined), path, '203.0.113.9', TOKEN)).status).toBe(403);
  });

  it('/healthz stays open to everyone', async () => {
    expect((await get(app(undefined), '/healthz', '203.0.113.9')).status).toBe(200);
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['10.0.0.1', '::ffff:10.0.0.1', '1127.0.0.1', 'fe80::1', undefined].some(isLoopback)).toBe(false);
  });

  it('reads DESKGATE_METRICS_TOKEN and refuses a weak one', () => {
    expect(loadConfig({ DESKGATE_METRICS_TOKEN: TOKEN }, []).metricsToken).toBe(TOKEN);
    expect(() => loadConfig({ DESKGATE_METRICS_TOKEN: 'short' }, [])).toThrow(/DESKGATE_METRICS_TOKEN: expected a random secret/);
  });
});
