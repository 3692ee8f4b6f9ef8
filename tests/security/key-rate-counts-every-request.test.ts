import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorManifest } from '../../src/registry/types';
import { echoConnector } from '../support/echo-connector';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { legacyInitialize, rpc, type WireEra } from './mcp-wire';

/**
 * Issue 18, finding 6: the per-key rate limit counted only known tool calls,
 * so tools/list, initialize, pings and unknown tool names could be sent
 * without end. Every authenticated request counts against DESKGATE_KEY_RATE.
 */
const catalog = [echoConnector] as unknown as ConnectorManifest<unknown, unknown>[];

describe('DESKGATE_KEY_RATE counts every authenticated request', () => {
  let gw: TestGateway | undefined;
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
  });

  const start = async () => (gw = await startTestGateway({ catalog, env: { DESKGATE_KEY_RATE: '3/min' } }));

  it.each(['modern', 'legacy'] as WireEra[])('tools/list (%s): over the rate it is 429 with Retry-After and a JSON-RPC error saying when to retry', async (era) => {
    const g = await start();
    for (let i = 0; i < 3; i++) expect((await rpc(g.url, g.adminKey, era, 'tools/list', {}, { id: i })).status).toBe(200);
    const refused = await rpc(g.url, g.adminKey, era, 'tools/list', {}, { id: 'fourth' });
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(20);
    expect(refused.message).toMatchObject({ id: 'fourth', error: { code: -32000, message: expect.stringMatching(/Rate limited.*Retry in \d+ s/), data: { code: 'rate_limited', retry_after_seconds: wait } } });
  });

  it('initialize, ping and other methods count too', async () => {
    const g = await start();
    expect((await legacyInitialize(g.url, g.adminKey)).status).toBe(200);
    expect((await rpc(g.url, g.adminKey, 'legacy', 'ping', undefined)).status).toBe(200);
    expect((await rpc(g.url, g.adminKey, 'legacy', 'resources/list', {})).status).toBeLessThan(429);
    expect((await legacyInitialize(g.url, g.adminKey)).status).toBe(429);
  });

  it.each(['modern', 'legacy'] as WireEra[])('unknown tool names count (%s), and a tool call over the rate is the rate_limited tool result the model can act on', async (era) => {
    const g = await start();
    for (let i = 0; i < 3; i++) {
      const unknown = await rpc(g.url, g.adminKey, era, 'tools/call', { name: `echo_no_such_tool_${i}`, arguments: {} });
      expect(unknown.message?.error?.message).toMatch(/Unknown tool/);
    }
    const refused = await rpc(g.url, g.adminKey, era, 'tools/call', { name: 'echo_get_message', arguments: { message: 'hi' } });
    expect(refused.status).toBe(200);
    expect(refused.message?.result?.isError).toBe(true);
    expect(JSON.stringify(refused.message?.result?.content)).toContain('rate_limited');
  });

  it('the admin and self-service REST API draws on the same bucket (429 with Retry-After)', async () => {
    const g = await start();
    const me = () => fetch(`${g.baseUrl}/api/me/credentials`, { headers: { authorization: `Bearer ${g.adminKey}` } });
    expect((await rpc(g.url, g.adminKey, 'legacy', 'tools/list', {})).status).toBe(200);
    expect((await me()).status).toBe(200);
    expect((await fetch(`${g.baseUrl}/api/admin/users`, { headers: { authorization: `Bearer ${g.adminKey}` } })).status).toBe(200);
    const refused = await me();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refused.json()).error).toMatchObject({ code: 'rate_limited' });
  });
});
