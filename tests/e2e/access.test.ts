import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorManifest } from '../../src/registry/types';
import { connectClient } from '../support/clients';
import { echoConnector } from '../support/echo-connector';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { errorOf } from '../support/tool-harness';

const catalog = [echoConnector] as unknown as ConnectorManifest<unknown, unknown>[];
const ALL = ['echo_get_message', 'echo_create_note', 'echo_delete_note'];

describe('which tools a caller gets: access levels, toolsets, read-only, key limits', () => {
  let gw: TestGateway | undefined;
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
  });

  async function toolNames(env: Record<string, string>, key?: (gw: TestGateway) => Promise<string>) {
    gw = await startTestGateway({ catalog, env });
    const client = await connectClient('modern', gw.url, key ? await key(gw) : gw.adminKey);
    const names = (await client.listTools()).tools.map((t) => t.name);
    await client.close();
    return names;
  }

  it.each([
    [{}, ALL],
    [{ ECHO_ACCESS: 'read' }, ['echo_get_message']],
    [{ ECHO_ACCESS: 'write' }, ['echo_get_message', 'echo_create_note']],
    [{ ECHO_ACCESS: 'full', DESKGATE_READ_ONLY: 'true' }, ['echo_get_message']],
    [{ ECHO_TOOLSETS: 'notes' }, ['echo_create_note', 'echo_delete_note']],
    [{ ECHO_TOOLSETS: 'notes', ECHO_ACCESS: 'write' }, ['echo_create_note']],
  ])('env %j lists %j', async (env, expected) => {
    expect(await toolNames(env)).toEqual(expected);
  });

  it('a read-only key sees only read tools and cannot call the others', async () => {
    gw = await startTestGateway({ catalog });
    const admin = (await gw.core.auth.listKeys())[0]!;
    const { secret } = await gw.core.auth.createKey({ userId: admin.userId, name: 'ro', readOnly: true });
    const client = await connectClient('legacy', gw.url, secret);
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['echo_get_message']);
    // Enabled but beyond this key: refused by name, reason and what would allow it, and never run.
    const refused = await client.callTool({ name: 'echo_create_note', arguments: { id: 'a', text: 'b' } });
    expect(refused.isError).toBe(true);
    const text = (refused.content as { text: string }[])[0]!.text;
    expect(text).toMatch(/^Error \(permission_denied\): .*read-only/);
    expect(text).toContain('A key created without --read-only');
    await client.close();
  });

  it('a key limited to other connectors sees none of these tools', async () => {
    gw = await startTestGateway({ catalog });
    const admin = (await gw.core.auth.listKeys())[0]!;
    const { secret } = await gw.core.auth.createKey({ userId: admin.userId, name: 'limited', connectors: ['helpdesk'] });
    const client = await connectClient('modern', gw.url, secret);
    expect((await client.listTools()).tools).toEqual([]);
    const refused = await client.callTool({ name: 'echo_get_message', arguments: { message: 'x' } });
    expect(errorOf(refused)).toMatchObject({ code: 'permission_denied', message: expect.stringMatching(/limited to connectors helpdesk/) });
    // A tool the deployment does not have at all stays an unknown tool.
    await expect(client.callTool({ name: 'echo_nothing_here', arguments: {} })).rejects.toThrow(/Unknown tool/);
    await client.close();
  });

  it.each(['modern', 'legacy'] as const)('a tool turned off on the gateway is refused with the reason and the variable that turns it on (%s client)', async (era) => {
    gw = await startTestGateway({ catalog, env: { ECHO_TOOLSETS: 'basic' } });
    const client = await connectClient(era, gw.url, gw.adminKey);
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['echo_get_message']);
    const refused = await client.callTool({ name: 'echo_create_note', arguments: { id: 'a', text: 'b' } });
    const text = (refused.content as { text: string }[])[0]!.text;
    expect(text).toMatch(/^Error \(permission_denied\): echo_create_note is turned off on this gateway: toolset "notes" is not in ECHO_TOOLSETS\./);
    expect(text).toContain('Next: An operator turns it on by adding notes to ECHO_TOOLSETS (or ECHO_TOOLSETS=all)');
    expect(errorOf(refused).code).toBe('permission_denied');
    await client.close();
  });

  it.each([
    [{ DESKGATE_READ_ONLY: 'true' }, /DESKGATE_READ_ONLY is on\.[\s\S]*unsetting DESKGATE_READ_ONLY/],
    [{ ECHO_ACCESS: 'read' }, /ECHO_ACCESS is "read"\.[\s\S]*ECHO_ACCESS=write/],
  ])('env %j: a write tool is refused saying which setting allows it', async (env, expected) => {
    gw = await startTestGateway({ catalog, env });
    const client = await connectClient('modern', gw.url, gw.adminKey);
    const refused = await client.callTool({ name: 'echo_create_note', arguments: { id: 'a', text: 'b' } });
    expect((refused.content as { text: string }[])[0]!.text).toMatch(expected);
    await client.close();
  });

  it.each(['modern', 'legacy'] as const)('an error hint names a tool only when the caller can call it (%s client)', async (era) => {
    gw = await startTestGateway({ catalog });
    const admin = (await gw.core.auth.listKeys())[0]!;
    const { secret } = await gw.core.auth.createKey({ userId: admin.userId, name: 'ro', readOnly: true });
    const full = await connectClient(era, gw.url, gw.adminKey);
    const failed = await full.callTool({ name: 'echo_get_message', arguments: { message: 'note?' } });
    expect(errorOf(failed)).toMatchObject({ hint: 'Create one with echo_create_note, then echo it.', alternatives: ['echo_create_note {"id": "n1", "text": "hi"}'] });
    await full.close();
    const reader = await connectClient(era, gw.url, secret);
    const refused = await reader.callTool({ name: 'echo_get_message', arguments: { message: 'note?' } });
    expect((refused.content as { text: string }[])[0]!.text).toBe('Error (not_found): No note to echo.');
    expect(errorOf(refused).hint).toBeUndefined();
    expect(errorOf(refused).alternatives).toBeUndefined();
    await reader.close();
  });

  it('a revoked key stops working at once', async () => {
    gw = await startTestGateway({ catalog });
    const admin = (await gw.core.auth.listKeys())[0]!;
    const { key, secret } = await gw.core.auth.createKey({ userId: admin.userId, name: 'temp' });
    const client = await connectClient('modern', gw.url, secret);
    expect((await client.callTool({ name: 'echo_get_message', arguments: { message: 'x' } })).isError).toBeFalsy();
    await gw.core.auth.revokeKey(key.id);
    await expect(client.callTool({ name: 'echo_get_message', arguments: { message: 'x' } })).rejects.toThrow();
    await client.close().catch(() => undefined);
  });
});
