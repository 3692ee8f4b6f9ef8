import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as StdioClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { ConnectorManifest } from '../../src/registry/types';
import { connectClient, ERAS } from '../support/clients';
import { echoConnector } from '../support/echo-connector';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { errorOf } from '../support/tool-harness';
import { fetchClient, INSPECTOR, MCP_REMOTE, npxCommand, REQUIRE_CLIENTS, runToEnd, type ThirdPartyClient } from '../support/third-party-clients';

/**
 * An error result as clients we did not write show it to the model. Some of
 * them check structuredContent against the tool's output schema even when
 * isError is true (SDK v1 behind `mcp-remote --protocol auto`, the Inspector
 * CLI with `--protocol-era modern`): an error there would become a schema
 * mismatch and the model would never read ours. Errors carry none; the text
 * says it all and `_meta["deskgate/error"]` has it machine-readable.
 */

/** What the handler's not_found says, and its hint: the text every client must pass on. */
const ERROR_TEXT = 'Error (not_found): No note never-made.\nNext: Create it first with echo_create_note.';
const SCHEMA_MISMATCH = /output schema|structured content|does not match|invalid_type|Invalid input/i;

let gw: TestGateway;
let configDir: string;

beforeAll(async () => {
  gw = await startTestGateway({ catalog: [echoConnector] as unknown as ConnectorManifest<unknown, unknown>[], env: { ECHO_TOOLSETS: 'all' } });
  configDir = mkdtempSync(join(tmpdir(), 'deskgate-clients-'));
});
afterAll(async () => {
  await gw?.close();
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

/** Skips the test (with the reason) when the client's packages cannot be fetched; CI fails instead. */
async function needs(ctx: TestContext, client: ThirdPartyClient) {
  const problem = await fetchClient(client);
  if (!problem) return;
  if (REQUIRE_CLIENTS) throw new Error(problem);
  console.warn(`skipped: ${problem}`);
  ctx.skip(problem);
}

const textOf = (result: Record<string, unknown>) => ((result.content ?? []) as { type: string; text?: string }[]).map((c) => c.text ?? '').join('\n');

describe.each(ERAS)('the official SDK clients over HTTP (%s era)', (era) => {
  it('show the error text and read the error from _meta; a success still carries structuredContent', async () => {
    const client = await connectClient(era, gw.url, gw.adminKey);
    // Listing first makes the clients check results against each tool's output schema.
    await client.listTools();
    const failed = await client.callTool({ name: 'echo_delete_note', arguments: { id: 'never-made' } });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toBe(ERROR_TEXT);
    expect(errorOf(failed)).toMatchObject({ code: 'not_found', connector: 'echo', hint: 'Create it first with echo_create_note.' });
    const ok = await client.callTool({ name: 'echo_get_message', arguments: { message: 'hi' } });
    expect(ok.structuredContent).toEqual({ echoed: 'hi', caller: 'admin@localhost' });
    await client.close();
  });
});

describe.each(['auto', 'legacy'])('mcp-remote --protocol %s (stdio proxy, SDK v1 client in front of it)', (protocol) => {
  it('passes our error text to the client, not a schema mismatch', { timeout: 360_000 }, async (ctx) => {
    await needs(ctx, MCP_REMOTE);
    const { command, args } = npxCommand(MCP_REMOTE, [gw.url, '--protocol', protocol, '--transport', 'http-only', '--header', `Authorization:Bearer ${gw.adminKey}`]);
    const transport = new StdioClientTransport({ command, args, env: { ...(process.env as Record<string, string>), MCP_REMOTE_CONFIG_DIR: configDir }, stderr: 'pipe' });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const client = new StdioClient({ name: 'deskgate-e2e-stdio', version: '1.0.0' });
    try {
      await client.connect(transport);
      const listed = await client.listTools();
      expect(listed.tools.map((t) => t.name)).toContain('echo_delete_note');
      const failed = (await client.callTool({ name: 'echo_delete_note', arguments: { id: 'never-made' } })) as Record<string, unknown>;
      expect(failed.isError, stderr).toBe(true);
      expect(textOf(failed)).toBe(ERROR_TEXT);
      expect(textOf(failed)).not.toMatch(SCHEMA_MISMATCH);
      expect(failed.structuredContent).toBeUndefined();
      const ok = (await client.callTool({ name: 'echo_get_message', arguments: { message: 'hi' } })) as Record<string, unknown>;
      expect(ok.structuredContent).toEqual({ echoed: 'hi', caller: 'admin@localhost' });
    } finally {
      await client.close();
    }
  });
});

describe.each(['modern', 'legacy'])('the MCP Inspector CLI --protocol-era %s', (protocolEra) => {
  it('prints our error text for a failed call, not a schema mismatch', { timeout: 360_000 }, async (ctx) => {
    await needs(ctx, INSPECTOR);
    const { command, args } = npxCommand(INSPECTOR, [
      '--cli',
      gw.url,
      '--transport',
      'http',
      '--protocol-era',
      protocolEra,
      '--header',
      `Authorization: Bearer ${gw.adminKey}`,
      '--method',
      'tools/call',
      '--tool-name',
      'echo_delete_note',
      '--tool-arg',
      'id=never-made',
      '--format',
      'json',
    ]);
    const done = await runToEnd(command, args, { timeoutMs: 300_000, env: { ...process.env, MCP_CATALOG_PATH: join(configDir, 'mcp.json'), MCP_CLIENT_CONFIG_PATH: join(configDir, 'client.json') } });
    const output = `${done.stdout}\n${done.stderr}`;
    expect(output).not.toMatch(SCHEMA_MISMATCH);
    const printed = JSON.parse(done.stdout) as Record<string, unknown>;
    const result = (printed.result ?? printed) as Record<string, unknown>;
    expect(result.isError, output).toBe(true);
    expect(textOf(result)).toBe(ERROR_TEXT);
    expect(result.structuredContent).toBeUndefined();
  });
});
