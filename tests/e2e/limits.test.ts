import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectorCatalog } from '../../src/registry/catalog';
import { toolFactory, type ConnectorManifest } from '../../src/registry/types';
import { connectClient } from '../support/clients';
import { echoConnector } from '../support/echo-connector';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { errorOf } from '../support/tool-harness';

/** A tool that holds its call open until the test lets it go. */
let opened: () => void = () => undefined;
let letGo: () => void = () => undefined;
const defineTool = toolFactory<Record<string, never>>();
const hold = defineTool({
  name: 'hold_wait_for_test',
  title: 'Hold the call',
  description: 'Waits until the test releases it. Example: hold_wait_for_test({}).',
  toolset: 'basic',
  input: z.strictObject({}),
  output: z.object({ done: z.boolean() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: () =>
    new Promise<{ done: boolean }>((resolve) => {
      letGo = () => resolve({ done: true });
      opened();
    }),
});
const holdConnector = {
  ...echoConnector,
  id: 'hold',
  toolsets: [{ id: 'basic', description: 'Hold' }],
  tools: [hold],
} as unknown as ConnectorManifest<unknown, unknown>;


describe('per-key limits on a running gateway', () => {
  let gw: TestGateway | undefined;
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
  });

  it('answers calls over DESKGATE_KEY_RATE as a rate_limited tool result with retry_after_seconds', async () => {
    gw = await startTestGateway({ catalog: [echoConnector] as unknown as ConnectorManifest<unknown, unknown>[], env: { DESKGATE_KEY_RATE: '4/min' } });
    // Connecting is a request too (it counts): three calls are left.
    const client = await connectClient('modern', gw.url, gw.adminKey);
    for (let i = 0; i < 3; i++) expect((await client.callTool({ name: 'echo_get_message', arguments: { message: 'hi' } })).isError).toBeFalsy();
    const refused = await client.callTool({ name: 'echo_get_message', arguments: { message: 'hi' } });
    expect(refused.isError).toBe(true);
    const error = errorOf(refused);
    expect(error?.code).toBe('rate_limited');
    // About a quarter of a minute until the next call refills.
    expect(error?.retry_after_seconds).toBeGreaterThan(5);
    expect(error?.retry_after_seconds).toBeLessThanOrEqual(15);
    // Every request counts: tools/list is refused too (HTTP 429), until the bucket refills.
    await expect(client.listTools()).rejects.toThrow(/429|Rate limited/);
    await client.close();
    const metrics = await (await fetch(`${gw.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/deskgate_tool_calls_total\{tool="echo_get_message",outcome="rate_limited"\} 1/);
    // The refused call and the refused tools/list.
    expect(metrics).toMatch(/deskgate_limited_total\{reason="key_rate"\} 2/);
  });

  it('refuses a call beyond DESKGATE_KEY_CONCURRENCY while the others run', async () => {
    gw = await startTestGateway({ catalog: [holdConnector], env: { DESKGATE_KEY_CONCURRENCY: '1' } });
    const client = await connectClient('modern', gw.url, gw.adminKey);
    const running = new Promise<void>((resolve) => (opened = resolve));
    const first = client.callTool({ name: 'hold_wait_for_test', arguments: {} });
    await running;
    const second = await client.callTool({ name: 'hold_wait_for_test', arguments: {} });
    expect(errorOf(second)).toMatchObject({ code: 'rate_limited', retry_after_seconds: 1 });
    letGo();
    expect((await first).isError).toBeFalsy();
    // The slot is free again.
    const again = new Promise<void>((resolve) => (opened = resolve));
    const third = client.callTool({ name: 'hold_wait_for_test', arguments: {} });
    await again;
    letGo();
    expect((await third).isError).toBeFalsy();
    await client.close();
  });

  it('slows an address after 10 failed authentications in a minute: 429 with Retry-After for further wrong keys, never for a valid one', async () => {
    gw = await startTestGateway({ catalog: [echoConnector] as unknown as ConnectorManifest<unknown, unknown>[] });
    const post = (key: string) =>
      fetch(gw!.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${key}` },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
      });
    for (let i = 0; i < 10; i++) expect((await post(`dg_guess-${i}-000000000000000000000`)).status).toBe(401);
    const slowed = await post('dg_guess-next-000000000000000000000');
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await slowed.json()).error).toMatchObject({ code: 'rate_limited' });
    expect((await post(gw.adminKey)).status).toBe(200);
  });

  it('counts REST calls against the same bucket (429 with Retry-After)', async () => {
    gw = await startTestGateway({ catalog: connectorCatalog, env: { DESKGATE_CONNECTORS: 'helpdesk', DESKGATE_KEY_RATE: '2/min' } });
    const get = () => fetch(`${gw!.baseUrl}/api/helpdesk/tickets`, { headers: { authorization: `Bearer ${gw!.adminKey}` } });
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(200);
    const refused = await get();
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(30);
    expect((await refused.json()).error).toMatchObject({ code: 'rate_limited', retry_after_seconds: wait });
  });
});
