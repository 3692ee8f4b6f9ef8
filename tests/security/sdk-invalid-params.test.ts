import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorManifest } from '../../src/registry/types';
import { echoConnector } from '../support/echo-connector';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { legacyInitialize, rpc, type WireAnswer, type WireEra } from './mcp-wire';

/**
 * Issue 18, finding 9: bad params on methods the SDK answers came back as
 * -32603 Internal error with zod's raw issue dump as the message. They are
 * -32602 Invalid params with a short message naming the field, in both
 * protocol eras; a malformed tools/call's -32602 loses the dump too.
 */
const catalog = [echoConnector] as unknown as ConnectorManifest<unknown, unknown>[];

function expectShortInvalidParams(answer: WireAnswer, field: string) {
  expect(answer.message?.error?.code).toBe(-32602);
  const message = answer.message?.error?.message ?? '';
  expect(message).toContain(field);
  expect(message).toMatch(/expected (string|record)/);
  expect(message.length).toBeLessThanOrEqual(300);
  // Not zod's issue list: no JSON, no issue codes.
  expect(message).not.toMatch(/invalid_type|[[{]\s*"/);
}

describe('bad params on methods the SDK answers', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ catalog });
  });
  afterAll(async () => {
    await gw.close();
  });

  it.each(['modern', 'legacy'] as WireEra[])('tools/list {"cursor": 5} (%s) is -32602 naming cursor', async (era) => {
    expectShortInvalidParams(await rpc(gw.url, gw.adminKey, era, 'tools/list', { cursor: 5 }), 'Invalid params for tools/list: cursor: expected string');
  });

  it('a 2025-era initialize {"protocolVersion": 5} is -32602 naming protocolVersion', async () => {
    const answer = await legacyInitialize(gw.url, gw.adminKey, { protocolVersion: 5 });
    expect(answer.headers.get('content-type')).toBe('text/event-stream');
    expectShortInvalidParams(answer, 'Invalid params for initialize: protocolVersion: expected string');
  });

  it.each(['modern', 'legacy'] as WireEra[])('a tools/call the SDK refuses (%s) says which field, without the dump', async (era) => {
    expectShortInvalidParams(await rpc(gw.url, gw.adminKey, era, 'tools/call', { name: 'echo_get_message', arguments: 5 }), 'arguments: expected record');
  });

  it('many bad fields are summed up, not listed without end', async () => {
    const answer = await legacyInitialize(gw.url, gw.adminKey, { protocolVersion: 5, capabilities: 5, clientInfo: 5 });
    expect(answer.message?.error?.code).toBe(-32602);
    expect(answer.message?.error?.message.length).toBeLessThanOrEqual(300);
  });

  it('valid requests are unchanged: tools/list and initialize still answer', async () => {
    const list = await rpc(gw.url, gw.adminKey, 'modern', 'tools/list', {});
    expect(list.message?.result?.tools).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'echo_get_message' })]));
    const init = await legacyInitialize(gw.url, gw.adminKey);
    expect(init.message?.result).toMatchObject({ serverInfo: { name: 'deskgate' } });
  });
});
