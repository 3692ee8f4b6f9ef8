import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorManifest } from '../../src/registry/types';
import { echoConnector } from '../support/echo-connector';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { rpc, type WireEra } from './mcp-wire';

/**
 * Issue 18, finding 10: an unknown tool's name was echoed whole in the error,
 * so a 100 KB name gave a 100 KB answer. What is echoed is capped (64
 * characters and "…"); the answer stays small whatever the name.
 */
const catalog = [echoConnector] as unknown as ConnectorManifest<unknown, unknown>[];

describe('an unknown tool name in the error', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ catalog });
  });
  afterAll(async () => {
    await gw.close();
  });

  it.each([
    ['modern', 4000],
    ['legacy', 100_000],
  ] as [WireEra, number][])('is cut to 64 characters and "…" (%s, a %i-character name), and the answer stays short', async (era, length) => {
    const name = `echo_${'x'.repeat(length)}`;
    const answer = await rpc(gw.url, gw.adminKey, era, 'tools/call', { name, arguments: {} });
    expect(answer.message?.error).toMatchObject({ code: -32602, message: expect.stringContaining(`Unknown tool: ${name.slice(0, 64)}…. Call tools/list`) });
    expect(answer.text.length).toBeLessThan(1000);
  });

  it('a 100 KB name on 2026-07-28 (too long for its Mcp-Name header) gets a short answer too', async () => {
    const answer = await rpc(gw.url, gw.adminKey, 'modern', 'tools/call', { name: `echo_${'x'.repeat(100_000)}`, arguments: {} });
    expect(answer.message?.error).toBeDefined();
    expect(answer.text.length).toBeLessThan(1000);
  });

  it('is cut at whole characters: an astral character is never split in half', async () => {
    const name = `${'y'.repeat(63)}😀😀😀`;
    const answer = await rpc(gw.url, gw.adminKey, 'legacy', 'tools/call', { name, arguments: {} });
    expect(answer.message?.error?.message).toContain(`Unknown tool: ${'y'.repeat(63)}😀…. Call`);
  });

  it.each(['modern', 'legacy'] as WireEra[])('is echoed whole when short (%s), so the model sees what it asked for', async (era) => {
    const answer = await rpc(gw.url, gw.adminKey, era, 'tools/call', { name: 'echo_get_mesage', arguments: {} });
    expect(answer.message?.error).toMatchObject({ code: -32602, message: expect.stringContaining('Unknown tool: echo_get_mesage.') });
  });
});
