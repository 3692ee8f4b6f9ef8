import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorManifest } from '../../src/registry/types';
import { connectClient } from '../support/clients';
import { echoConnector } from '../support/echo-connector';
import { startTestGateway, type TestGateway } from '../support/gateway';

describe('the tool-call log line', () => {
  let gw: TestGateway;
  let text = '';
  beforeAll(async () => {
    const logs = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        done();
      },
    });
    gw = await startTestGateway({ catalog: [echoConnector] as unknown as ConnectorManifest<unknown, unknown>[], logs });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it("names the caller's key by id, and never carries the key's secret", async () => {
    const { key } = (await gw.core.auth.authenticate(gw.adminKey))!;
    const client = await connectClient('modern', gw.url, gw.adminKey);
    await client.callTool({ name: 'echo_get_message', arguments: { message: 'hi' } });
    await client.close();

    await expect.poll(() => text.includes('"msg":"tool call"')).toBe(true);
    const line = JSON.parse(text.split('\n').find((l) => l.includes('"msg":"tool call"'))!) as Record<string, unknown>;
    expect(line).toMatchObject({ keyId: key.id, keyName: key.name, tool: 'echo_get_message', outcome: 'ok', path: 'direct' });
    expect(JSON.stringify(line)).not.toContain('[redacted]');
    expect(text).not.toContain(gw.adminKey);
    // The secret part after the prefix, in case something logged it without the prefix.
    expect(text).not.toContain(gw.adminKey.slice(3));
  });
});
