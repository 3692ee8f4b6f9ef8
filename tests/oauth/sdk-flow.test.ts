import { UnauthorizedError } from '@modelcontextprotocol/client';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpdeskManifest } from '../../connectors/helpdesk/index';
import type { ConnectorManifest } from '../../src/registry/types';
import { POSTGRES_URL_VARIABLE } from '../support/databases';
import { approvedCode, exchange } from './flows';
import { echoConnector } from '../support/echo-connector';
import {
  ERAS,
  HAVE_CHROMIUM,
  inBrowser,
  launchChromium,
  makeUser,
  MemoryOAuthProvider,
  newClient,
  startOAuthGateway,
  transportFor,
  type OAuthGateway,
} from './support';

const catalog = [helpdeskManifest, echoConnector] as unknown as ConnectorManifest<unknown, unknown>[];
const REDIRECT = 'http://127.0.0.1:33418/callback';
/** A Client ID Metadata Document, as a client would publish it at its https client_id. */
const CIMD_URL = 'https://app.example/oauth/deskgate-client.json';
const cimd = {
  client_id: CIMD_URL,
  client_name: 'Metadata Client',
  redirect_uris: [REDIRECT],
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  token_endpoint_auth_method: 'none',
};
const metadataFetches: string[] = [];
/** The gateway's outgoing fetch for CIMD, answered here instead of on the network. */
const fetchClientMetadata = (async (input: string | URL) => {
  metadataFetches.push(String(input));
  if (String(input) !== CIMD_URL) return new Response('not found', { status: 404 });
  return new Response(JSON.stringify(cimd), { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'max-age=300' } });
}) as typeof fetch;

/**
 * What claude.ai or ChatGPT does, with the official v2 client SDK's own
 * OAuth support (discovery from the 401, Dynamic Client Registration, PKCE,
 * token exchange, refresh) and the user's part done in a real Chromium.
 */
const ENGINES = [
  { engine: 'sqlite' as const, skip: undefined },
  { engine: 'postgres' as const, skip: process.env[POSTGRES_URL_VARIABLE] ? undefined : `${POSTGRES_URL_VARIABLE} unset` },
];

describe.each(ENGINES)('OAuth sign-in with the official client SDK and Chromium, on $engine', ({ engine, skip }) => {
  if (!HAVE_CHROMIUM || skip) {
    it.skip(`skipped: ${skip ?? 'no Chromium'}`, () => {});
    return;
  }
  let gw: OAuthGateway;
  let browser: Browser;
  beforeAll(async () => {
    gw = await startOAuthGateway({ catalog, fetchClientMetadata, engine });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });
  const notes = () => (gw.core.runtimes.get('echo') as { notes: Map<string, string> }).notes;

  describe.each(ERAS)('%s-era client', (era) => {
    it('registers, signs the user in with their API key, and then lists and calls tools as that user', async () => {
      const ada = await makeUser(gw, `ada-${era}@example.com`, 'staff');
      const provider = new MemoryOAuthProvider(REDIRECT, 'Claude');

      // 1. No token yet: the gateway answers 401 and the SDK discovers, registers and wants the browser.
      const first = newClient(era);
      await expect(first.connect(transportFor(gw.mcpUrl, provider))).rejects.toBeInstanceOf(UnauthorizedError);
      expect(provider.clientInformation()?.client_id).toBeTruthy();
      const authorizationUrl = provider.authorizationUrl!;
      expect(authorizationUrl.origin).toBe(gw.baseUrl);
      expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorizationUrl.searchParams.get('resource')).toBe(gw.mcpUrl);

      // 2. The user's browser: sign in with the key, read the consent screen, allow.
      const { callback, page } = await inBrowser(browser, authorizationUrl, REDIRECT, { key: ada.secret });
      expect(page).toContain('Allow Claude to use deskgate?');
      expect(page).toContain(`ada-${era}@example.com`);
      expect(page).toContain('role: staff');
      expect(page).toContain('127.0.0.1:33418');
      const params = new URL(callback!).searchParams;
      expect(params.get('code')).toBeTruthy();
      expect(params.get('iss')).toBe(gw.baseUrl);

      // 3. Back in the app: the SDK redeems the code (PKCE) and connects with the token.
      const transport = transportFor(gw.mcpUrl, provider);
      await transport.finishAuth(params);
      const tokens = provider.tokens()!;
      expect(tokens.access_token).toBeTruthy();
      expect(tokens.refresh_token).toBeTruthy();
      const client = newClient(era);
      await client.connect(transport);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['echo_get_message', 'echo_create_note', 'helpdesk_list_tickets']));
      const result = await client.callTool({ name: 'echo_get_message', arguments: { message: 'hi' } });
      expect(result.structuredContent).toEqual({ echoed: 'hi', caller: `ada-${era}@example.com` });

      // 4. A week later: the access token is gone (expired); the SDK refreshes silently and the call works.
      await gw.core.db.run("DELETE FROM oauth_store WHERE model = 'AccessToken'");
      const again = await client.callTool({ name: 'echo_get_message', arguments: { message: 'later' } });
      expect(again.structuredContent).toEqual({ echoed: 'later', caller: `ada-${era}@example.com` });
      expect(provider.tokens()!.access_token).not.toBe(tokens.access_token);
      expect(provider.tokens()!.refresh_token).not.toBe(tokens.refresh_token);
      await client.close();

      // 5. The admin sees the grant: one row, with the user, the client and the scope.
      const listed = await gw.core.db.all<{ client_name: string; scopes: string }>(
        'SELECT g.client_name, g.scopes FROM oauth_grants g JOIN users u ON u.id = g.user_id WHERE u.email = ?',
        [`ada-${era}@example.com`],
      );
      expect(listed).toEqual([{ client_name: 'Claude', scopes: 'mcp' }]);
    });

    it('steps up: a write tool on an mcp:read connection sends the user to allow mcp, and the retried call runs', async () => {
      const sam = await makeUser(gw, `sam-${era}@example.com`, 'staff');
      // Connected read-only (the client asked for mcp:read only).
      const a = await approvedCode(gw, browser, { redirectUri: REDIRECT, key: sam.secret, scope: 'mcp:read', name: 'Reader' });
      const readTokens = (await exchange(gw, { clientId: a.clientId, code: a.code!, verifier: a.verifier, redirectUri: REDIRECT })).body;
      expect(readTokens.scope).toBe('mcp:read');
      const provider = new MemoryOAuthProvider(REDIRECT, 'Reader');
      provider.saveClientInformation({ client_id: a.clientId, redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' } as never);
      provider.saveTokens(readTokens as never);
      const transport = transportFor(gw.mcpUrl, provider);
      const client = newClient(era);
      await client.connect(transport);
      expect((await client.listTools()).tools.map((t) => t.name)).not.toContain('echo_create_note');

      // The write call: 403 insufficient_scope; the SDK asks for mcp on top of what it has, in the browser.
      const note = { id: `step-${era}`, text: 'written after step-up' };
      await expect(client.callTool({ name: 'echo_create_note', arguments: note })).rejects.toBeInstanceOf(UnauthorizedError);
      expect(notes().has(note.id)).toBe(false);
      const asked = provider.authorizationUrl!.searchParams.get('scope')!.split(' ');
      expect(asked).toEqual(expect.arrayContaining(['mcp', 'mcp:read']));
      const { callback, page } = await inBrowser(browser, provider.authorizationUrl!, REDIRECT, { key: sam.secret });
      expect(page).toContain('Allow Reader to use deskgate?');
      expect(page).not.toContain('Read-only');
      await transport.finishAuth(new URL(callback!).searchParams);
      expect(provider.tokens()!.scope!.split(' ')).toContain('mcp');

      // The same connection, retried: the call runs as the same user.
      const result = await client.callTool({ name: 'echo_create_note', arguments: note });
      await client.close();
      expect(result.isError).toBeFalsy();
      expect(notes().get(note.id)).toBe(note.text);
    });
  });

  it('signs in a client that identifies itself by a Client ID Metadata Document, without registering', async () => {
    const ada = await makeUser(gw, 'ada-cimd@example.com', 'staff');
    const provider = new MemoryOAuthProvider(REDIRECT, 'ignored', CIMD_URL);
    const clientsBefore = await gw.core.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM oauth_store WHERE model = 'Client'");

    await expect(newClient('modern').connect(transportFor(gw.mcpUrl, provider))).rejects.toBeInstanceOf(UnauthorizedError);
    expect(provider.authorizationUrl!.searchParams.get('client_id')).toBe(CIMD_URL);
    const { callback, page } = await inBrowser(browser, provider.authorizationUrl!, REDIRECT, { key: ada.secret });
    expect(metadataFetches).toContain(CIMD_URL);
    expect(page).toContain('Allow Metadata Client to use deskgate?');

    const transport = transportFor(gw.mcpUrl, provider);
    await transport.finishAuth(new URL(callback!).searchParams);
    const client = newClient('modern');
    await client.connect(transport);
    const result = await client.callTool({ name: 'echo_get_message', arguments: { message: 'cimd' } });
    expect(result.structuredContent).toEqual({ echoed: 'cimd', caller: 'ada-cimd@example.com' });
    await client.close();
    const clientsAfter = await gw.core.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM oauth_store WHERE model = 'Client'");
    expect(Number(clientsAfter!.n)).toBe(Number(clientsBefore!.n));
  });
});
