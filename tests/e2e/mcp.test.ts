import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorManifest } from '../../src/registry/types';
import { connectClient, ERAS } from '../support/clients';
import { echoConnector } from '../support/echo-connector';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { errorOf } from '../support/tool-harness';

const catalog = [echoConnector] as unknown as ConnectorManifest<unknown, unknown>[];

describe('the /mcp endpoint, driven by both official clients over real HTTP', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ catalog });
  });
  afterAll(async () => {
    await gw?.close();
  });

  describe.each(ERAS)('%s-era client', (era) => {
    it('lists the tools with titles, all four annotations and both schemas', async () => {
      const client = await connectClient(era, gw.url, gw.adminKey);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(['echo_get_message', 'echo_create_note', 'echo_delete_note']);
      const echo = tools[0]!;
      expect(echo.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
      expect(echo.outputSchema).toMatchObject({ type: 'object' });
      await client.close();
    });

    it('calls a tool: structured content plus a text block, acting user from the key', async () => {
      const client = await connectClient(era, gw.url, gw.adminKey);
      const result = await client.callTool({ name: 'echo_get_message', arguments: { message: 'hi', times: 2 } });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toEqual({ echoed: 'hi hi', caller: 'admin@localhost' });
      expect(result.content).toEqual([{ type: 'text', text: JSON.stringify({ echoed: 'hi hi', caller: 'admin@localhost' }) }]);
      await client.close();
    });

    it('answers bad arguments with invalid_argument naming each field', async () => {
      const client = await connectClient(era, gw.url, gw.adminKey);
      // Listing first makes the 2025-era SDK check results against each tool's output schema.
      await client.listTools();
      const result = await client.callTool({ name: 'echo_get_message', arguments: { message: '', times: 9 } });
      expect(result.isError).toBe(true);
      const text = (result.content as { type: string; text: string }[])[0]!.text;
      expect(text).toMatch(/^Error \(invalid_argument\)/);
      expect(text).toMatch(/- message: /);
      expect(text).toMatch(/- times: /);
      expect(text).toMatch(/Next: .*echo_get_message/);
      // The same error, machine-readable, in _meta (never structuredContent, which the output schema would reject).
      const error = errorOf(result);
      expect(error.code).toBe('invalid_argument');
      expect(error.fields!.map((f) => f.field).sort()).toEqual(['message', 'times']);
      expect(error.hint).toMatch(/echo_get_message/);
      await client.close();
    });

    it('answers an unknown tool with a JSON-RPC error, not a tool result', async () => {
      const client = await connectClient(era, gw.url, gw.adminKey);
      await expect(client.callTool({ name: 'echo_nope', arguments: {} })).rejects.toThrow(/Unknown tool: echo_nope/);
      await client.close();
    });

    it('refuses to connect without a key, and with a wrong key', async () => {
      await expect(connectClient(era, gw.url, undefined)).rejects.toThrow();
      await expect(connectClient(era, gw.url, 'dg_not-a-real-key-000000000000000')).rejects.toThrow();
    });

    it('refuses a browser Origin that is not allowed', async () => {
      await expect(connectClient(era, gw.url, gw.adminKey, { Origin: 'https://evil.example' })).rejects.toThrow();
    });
  });

  describe('raw HTTP answers', () => {
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(gw.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          authorization: `Bearer ${gw.adminKey}`,
          ...headers,
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const initialize = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    };

    it('401 with a WWW-Authenticate challenge and a taxonomy error without a key', async () => {
      const res = await post(initialize, { authorization: '' });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="deskgate"/);
      expect((await res.json()).error.code).toBe('unauthenticated');
    });

    it('401 naming invalid_token for a wrong key', async () => {
      const res = await post(initialize, { authorization: 'Bearer dg_wrong-wrong-wrong-wrong-wrong' });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
    });

    it('403 on a bad Origin and on a foreign Host', async () => {
      expect((await post(initialize, { origin: 'https://evil.example' })).status).toBe(403);
      // fetch may not set Host, so this one goes through node:http.
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(gw.url, { method: 'POST', headers: { host: 'evil.example', 'content-type': 'application/json' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end('{}');
      });
      expect(status).toBe(403);
    });

    it('answers with the request id that the tool-call log line carries', async () => {
      const res = await post(initialize, { 'x-request-id': 'support-case-42' });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toBe('support-case-42');
      const generated = await post(initialize);
      expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('405 for GET and DELETE', async () => {
      for (const method of ['GET', 'DELETE']) {
        const res = await fetch(gw.url, { method, headers: { authorization: `Bearer ${gw.adminKey}` } });
        expect(res.status).toBe(405);
        expect(res.headers.get('allow')).toBe('POST');
      }
    });

    it('413 for a body over the cap, 415 for a non-JSON body, 400 for malformed JSON', async () => {
      const big = JSON.stringify({ ...initialize, params: { ...initialize.params, pad: 'x'.repeat(2 * 1024 * 1024) } });
      expect((await post(big)).status).toBe(413);
      expect((await post('hello', { 'content-type': 'text/plain' })).status).toBe(415);
      const bad = await post('{"jsonrpc":');
      expect(bad.status).toBe(400);
      expect((await bad.json()).error.code).toBe(-32700);
    });

    it('refuses a JSON-RPC batch with a clear JSON-RPC error (MCP removed batching)', async () => {
      const call = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'echo_get_message', arguments: { message: 'hi' } } };
      const res = await post([initialize, call], { 'mcp-protocol-version': '2025-06-18' });
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe(-32600);
      expect(body.error.message).toMatch(/batch/i);
    });

    it('serves /healthz, /readyz and /metrics with tool-call counts', async () => {
      expect((await fetch(`${gw.baseUrl}/healthz`)).status).toBe(200);
      const ready = await fetch(`${gw.baseUrl}/readyz`);
      expect(ready.status).toBe(200);
      expect((await ready.json()).checks.database).toBe('ok');
      const metrics = await (await fetch(`${gw.baseUrl}/metrics`)).text();
      expect(metrics).toMatch(/deskgate_tool_calls_total\{tool="echo_get_message",outcome="ok"\} \d+/);
      expect(metrics).toMatch(/deskgate_tool_calls_total\{tool="echo_get_message",outcome="invalid_argument"\} \d+/);
    });
  });
});
