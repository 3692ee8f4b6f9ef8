import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GatewayError } from '../../src/errors';
import { toolFactory, type ConnectorManifest } from '../../src/registry/types';
import { startTestGateway, type TestGateway } from '../support/gateway';

/** A tool that waits until its caller goes away, then fails the way the vendor client does. */
let started: () => void = () => undefined;
const defineTool = toolFactory<Record<string, never>>();
const slow = defineTool({
  name: 'slow_wait_forever',
  title: 'Wait until cancelled',
  description: 'Waits until the call is cancelled. Example: slow_wait_forever({}).',
  toolset: 'basic',
  input: z.strictObject({}),
  output: z.object({ done: z.boolean() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: (_args, ctx) =>
    new Promise((_resolve, reject) => {
      started();
      ctx.signal.addEventListener('abort', () =>
        reject(new GatewayError('internal', 'The call to Slow was cancelled before it finished.', { hint: 'Call again.' })),
      );
    }),
});
const slowConnector: ConnectorManifest<Record<string, never>, Record<string, never>> = {
  id: 'slow',
  title: 'Slow (test connector)',
  configSchema: z.object({}).transform(() => ({}) as Record<string, never>),
  env: [],
  isConfigured: () => true,
  toolsets: [{ id: 'basic', description: 'Slow' }],
  tools: [slow] as unknown as ConnectorManifest<Record<string, never>, Record<string, never>>['tools'],
  start: () => ({}),
  healthCheck: async () => ({ ok: true, detail: 'up' }),
};

describe('a client that disconnects mid-call', () => {
  let gw: TestGateway;
  const lines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    const logs = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    gw = await startTestGateway({ catalog: [slowConnector] as unknown as ConnectorManifest<unknown, unknown>[], logs });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('is logged and counted as cancelled at info level, not as an internal error', async () => {
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    const abort = new AbortController();
    const call = fetch(gw.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2025-06-18',
        authorization: `Bearer ${gw.adminKey}`,
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'slow_wait_forever', arguments: {} } }),
      signal: abort.signal,
    });
    await handlerStarted;
    abort.abort();
    await expect(call).rejects.toThrow();

    await expect.poll(() => lines.find((l) => l.msg === 'tool call' && l.tool === 'slow_wait_forever')).toBeTruthy();
    const line = lines.find((l) => l.msg === 'tool call' && l.tool === 'slow_wait_forever')!;
    expect(line).toMatchObject({ level: 'info', outcome: 'cancelled' });
    expect(line.errorCode).toBeUndefined();
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);

    const metrics = await (await fetch(`${gw.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/deskgate_tool_calls_total\{tool="slow_wait_forever",outcome="cancelled"\} 1/);
    expect(metrics).not.toMatch(/deskgate_tool_calls_total\{tool="slow_wait_forever",outcome="internal"\}/);
  });
});
