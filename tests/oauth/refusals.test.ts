import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpdeskManifest } from '../../connectors/helpdesk/index';
import { createGrantStore } from '../../src/oauth/grants';
import type { ConnectorManifest } from '../../src/registry/types';
import { connectClient } from '../support/clients';
import { echoConnector } from '../support/echo-connector';
import { approvedCode, authorizationUrl, exchange, mcpStatus, mcpToolCall, pkce, refresh, register } from './flows';
import { HAVE_CHROMIUM, inBrowser, launchChromium, makeUser, startOAuthGateway, type OAuthGateway } from './support';
import { errorOf } from '../support/tool-harness';

const catalog = [helpdeskManifest, echoConnector] as unknown as ConnectorManifest<unknown, unknown>[];
const REDIRECT = 'https://client.example/oauth/callback';

type CallResult = Record<string, unknown> & { isError?: boolean };

/** Each way a client can get it wrong, refused with the right OAuth or MCP error, and nothing run. */
describe.skipIf(!HAVE_CHROMIUM)('OAuth refusals', () => {
  let gw: OAuthGateway;
  let browser: Browser;
  let staffKey: string;
  let userKey: string;
  beforeAll(async () => {
    gw = await startOAuthGateway({ catalog });
    browser = await launchChromium();
    staffKey = (await makeUser(gw, 'sam@example.com', 'staff')).secret;
    userKey = (await makeUser(gw, 'uma@example.com', 'user')).secret;
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  const notes = () => (gw.core.runtimes.get('echo') as { notes: Map<string, string> }).notes;

  it('refuses a code redeemed with the wrong PKCE verifier', async () => {
    const a = await approvedCode(gw, browser, { redirectUri: REDIRECT, key: staffKey });
    const wrong = await exchange(gw, { clientId: a.clientId, code: a.code!, verifier: pkce().verifier, redirectUri: REDIRECT });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_grant');
    expect(wrong.body.access_token).toBeUndefined();
  });

  it('refuses a reused authorization code, and revokes what the first use issued', async () => {
    const a = await approvedCode(gw, browser, { redirectUri: REDIRECT, key: staffKey });
    const first = await exchange(gw, { clientId: a.clientId, code: a.code!, verifier: a.verifier, redirectUri: REDIRECT });
    expect(first.status).toBe(200);
    expect((await mcpStatus(gw, first.body.access_token!)).status).not.toBe(401);
    const second = await exchange(gw, { clientId: a.clientId, code: a.code!, verifier: a.verifier, redirectUri: REDIRECT });
    expect(second.status).toBe(400);
    expect(second.body.error).toBe('invalid_grant');
    expect((await mcpStatus(gw, first.body.access_token!)).status).toBe(401);
  });

  it('rotates refresh tokens, and a reused one revokes the whole family', async () => {
    const a = await approvedCode(gw, browser, { redirectUri: REDIRECT, key: staffKey, name: 'Reuse victim' });
    const tokens = (await exchange(gw, { clientId: a.clientId, code: a.code!, verifier: a.verifier, redirectUri: REDIRECT })).body;
    const rotated = await refresh(gw, { clientId: a.clientId, refreshToken: tokens.refresh_token! });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(tokens.refresh_token);

    const grants = createGrantStore(gw.core.db);
    expect((await grants.list({ email: 'sam@example.com' })).map((g) => g.clientName)).toContain('Reuse victim');

    const reused = await refresh(gw, { clientId: a.clientId, refreshToken: tokens.refresh_token! });
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe('invalid_grant');
    // The thief's replay costs the legitimate holder too: the newest refresh token and access token are dead.
    expect((await refresh(gw, { clientId: a.clientId, refreshToken: rotated.body.refresh_token! })).body.error).toBe('invalid_grant');
    expect((await mcpStatus(gw, rotated.body.access_token!)).status).toBe(401);
    // And the admin's list no longer shows the grant.
    expect((await grants.list({ email: 'sam@example.com' })).map((g) => g.clientName)).not.toContain('Reuse victim');
  });

  it('keeps an app in use connected past its grant\'s first lifetime (each refresh carries the grant forward); an idle one lapses', async () => {
    const a = await approvedCode(gw, browser, { redirectUri: REDIRECT, key: staffKey, name: 'Daily user' });
    const tokens = (await exchange(gw, { clientId: a.clientId, code: a.code!, verifier: a.verifier, redirectUri: REDIRECT })).body;
    const grantId = (await gw.core.db.get<{ grant_id: string }>("SELECT grant_id FROM oauth_store WHERE model = 'RefreshToken' AND grant_id IS NOT NULL ORDER BY expires_at DESC"))!.grant_id;
    const grantExpiry = async () => Number((await gw.core.db.get<{ e: number | string }>("SELECT expires_at AS e FROM oauth_store WHERE model = 'Grant' AND id = ?", [grantId]))!.e);
    /** Sets the grant's expiry (the row and oidc-provider's own `exp` in it) as if it were that close to its end. */
    const grantEndsIn = async (ms: number) => {
      const row = (await gw.core.db.get<{ payload: string }>("SELECT payload FROM oauth_store WHERE model = 'Grant' AND id = ?", [grantId]))!;
      const payload = { ...JSON.parse(row.payload), exp: Math.floor((Date.now() + ms) / 1000) };
      await gw.core.db.run("UPDATE oauth_store SET payload = ?, expires_at = ? WHERE model = 'Grant' AND id = ?", [JSON.stringify(payload), Date.now() + ms, grantId]);
    };

    // The browser's sign-in session ends after a day; the app's tokens do not end with it (the client asked for mcp only, no offline_access).
    await gw.core.db.run("DELETE FROM oauth_store WHERE model = 'Session'");
    // The last day of the grant's first 30: the app refreshes, and the grant moves out with the new refresh token.
    await grantEndsIn(1500);
    const rotated = await refresh(gw, { clientId: a.clientId, refreshToken: tokens.refresh_token! });
    expect(rotated.status).toBe(200);
    expect(await grantExpiry()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
    // Past the old end it still refreshes and calls (oidc-provider alone would answer "grant is expired" here).
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const later = await refresh(gw, { clientId: a.clientId, refreshToken: rotated.body.refresh_token! });
    expect(later.status).toBe(200);
    expect((await mcpStatus(gw, later.body.access_token!)).status).toBe(200);

    // Unused for the whole lifetime of its last refresh token: the grant lapsed with it, and the app must sign in again.
    await grantEndsIn(-1000);
    await gw.core.db.run("UPDATE oauth_store SET expires_at = ? WHERE model = 'RefreshToken' AND grant_id = ?", [Date.now() - 1000, grantId]);
    const idle = await refresh(gw, { clientId: a.clientId, refreshToken: later.body.refresh_token! });
    expect(idle.status).toBe(400);
    expect(idle.body.error).toBe('invalid_grant');
  });

  it('refuses a redirect URI the client did not register, without redirecting there', async () => {
    const { body: client } = await register(gw, REDIRECT);
    const url = authorizationUrl(gw, { clientId: client.client_id!, redirectUri: 'https://attacker.example/cb', challenge: pkce().challenge });
    const { callback, page } = await inBrowser(browser, url, 'https://attacker.example/', {});
    expect(callback).toBeUndefined();
    expect(page).toMatch(/redirect_uri/);
  });

  it('refuses to register a redirect URI that is neither https nor loopback', async () => {
    const plain = await register(gw, 'http://client.example/cb');
    expect(plain.status).toBe(400);
    expect(plain.body.error).toBe('invalid_redirect_uri');
    const custom = await register(gw, 'javascript:alert(1)');
    expect(custom.status).toBe(400);
    expect((await register(gw, 'http://127.0.0.1:8123/cb')).status).toBe(201);
  });

  it('refuses a token for another resource (RFC 8707)', async () => {
    const { body: client } = await register(gw, REDIRECT);
    const url = authorizationUrl(gw, { clientId: client.client_id!, redirectUri: REDIRECT, challenge: pkce().challenge, resource: 'https://other.example/mcp' });
    // Refused before anyone is asked to sign in: straight back to the client with the error.
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(location.href.startsWith(REDIRECT)).toBe(true);
    expect(location.searchParams.get('error')).toBe('invalid_target');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('refuses an expired access token with a 401 that sends the client to sign in again', async () => {
    const a = await approvedCode(gw, browser, { redirectUri: REDIRECT, key: staffKey });
    const tokens = (await exchange(gw, { clientId: a.clientId, code: a.code!, verifier: a.verifier, redirectUri: REDIRECT })).body;
    await gw.core.db.run("UPDATE oauth_store SET expires_at = ? WHERE model = 'AccessToken'", [Date.now() - 1000]);
    const { status, challenge } = await mcpStatus(gw, tokens.access_token!);
    expect(status).toBe(401);
    expect(challenge).toContain(`resource_metadata="${gw.baseUrl}/.well-known/oauth-protected-resource/mcp"`);
    expect(challenge).toContain('error="invalid_token"');
  });

  it('refuses every token of a revoked grant on the next call', async () => {
    const a = await approvedCode(gw, browser, { redirectUri: REDIRECT, key: staffKey, name: 'To be revoked' });
    const tokens = (await exchange(gw, { clientId: a.clientId, code: a.code!, verifier: a.verifier, redirectUri: REDIRECT })).body;
    const client = await connectClient('legacy', gw.mcpUrl, tokens.access_token);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();

    const grants = createGrantStore(gw.core.db);
    const grant = (await grants.list({ email: 'sam@example.com' })).find((g) => g.clientName === 'To be revoked')!;
    expect(await grants.revoke(grant.id)).toBe(true);
    expect((await mcpStatus(gw, tokens.access_token!)).status).toBe(401);
    expect((await refresh(gw, { clientId: a.clientId, refreshToken: tokens.refresh_token! })).body.error).toBe('invalid_grant');
  });

  it('refuses the tokens of a revoked API key on the next call', async () => {
    const kim = await makeUser(gw, 'kim@example.com', 'staff');
    const a = await approvedCode(gw, browser, { redirectUri: REDIRECT, key: kim.secret });
    const tokens = (await exchange(gw, { clientId: a.clientId, code: a.code!, verifier: a.verifier, redirectUri: REDIRECT })).body;
    expect((await mcpStatus(gw, tokens.access_token!)).status).not.toBe(401);
    await gw.core.auth.revokeKey(kim.keyId);
    expect((await mcpStatus(gw, tokens.access_token!)).status).toBe(401);
    expect((await refresh(gw, { clientId: a.clientId, refreshToken: tokens.refresh_token! })).body.error).toBe('invalid_grant');
  });

  it("gives a user's token only what the user's role allows: a staff tool is refused", async () => {
    const a = await approvedCode(gw, browser, { redirectUri: REDIRECT, key: userKey });
    expect(a.page).toContain('role: user');
    const tokens = (await exchange(gw, { clientId: a.clientId, code: a.code!, verifier: a.verifier, redirectUri: REDIRECT })).body;
    const client = await connectClient('modern', gw.mcpUrl, tokens.access_token);
    // The connector role applies to tokens as to keys: the echo connector is staff-only (the default).
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names.some((n) => n.startsWith('helpdesk_'))).toBe(true);
    expect(names.some((n) => n.startsWith('echo_'))).toBe(false);
    const echo = (await client.callTool({ name: 'echo_get_message', arguments: { message: 'x' } })) as CallResult;
    expect(errorOf(echo).code).toBe('permission_denied');
    expect(errorOf(echo).message).toMatch(/needs the staff role/);
    const result = (await client.callTool({ name: 'helpdesk_assign_ticket', arguments: { ticket_id: 'HD-1', group_id: null, assignee_id: null } })) as CallResult;
    await client.close();
    expect(result.isError).toBe(true);
    expect(errorOf(result).code).toBe('permission_denied');
    expect(errorOf(result).message).toMatch(/staff role/);
  });

  it('gives an mcp:read token the read-only tools; a write tool gets a scope challenge (403 insufficient_scope, scope="mcp") and does not run', async () => {
    const a = await approvedCode(gw, browser, { redirectUri: REDIRECT, key: staffKey, scope: 'mcp:read' });
    expect(a.page).toContain('Read-only');
    const tokens = (await exchange(gw, { clientId: a.clientId, code: a.code!, verifier: a.verifier, redirectUri: REDIRECT })).body;
    expect(tokens.scope).toBe('mcp:read');
    const client = await connectClient('modern', gw.mcpUrl, tokens.access_token);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('echo_get_message');
    expect(names).not.toContain('echo_create_note');
    expect((await client.callTool({ name: 'echo_get_message', arguments: { message: 'hi' } })).isError).toBeFalsy();
    // A client without OAuth support of its own sees the challenge as the SDK's InsufficientScopeError.
    await expect(client.callTool({ name: 'echo_create_note', arguments: { id: 'n1', text: 'sneaky' } })).rejects.toMatchObject({
      name: 'InsufficientScopeError',
      requiredScope: 'mcp',
    });
    await client.close();

    const raw = await mcpToolCall(gw, tokens.access_token!, 'echo_create_note', { id: 'n1', text: 'sneaky' });
    expect(raw.status).toBe(403);
    expect(raw.challenge).toMatch(/^Bearer error="insufficient_scope"/);
    expect(raw.challenge).toContain('scope="mcp"');
    expect(raw.challenge).toContain(`resource_metadata="${gw.baseUrl}/.well-known/oauth-protected-resource/mcp"`);
    expect(raw.body).toMatchObject({ error: 'insufficient_scope', error_description: expect.stringContaining('echo_create_note changes data') });
    expect(notes().has('n1')).toBe(false);
  });

  it('refuses a write tool as a tool result, with no scope challenge, when the key itself is read-only', async () => {
    const reader = await makeUser(gw, 'rita@example.com', 'staff', { readOnly: true });
    const a = await approvedCode(gw, browser, { redirectUri: REDIRECT, key: reader.secret });
    const tokens = (await exchange(gw, { clientId: a.clientId, code: a.code!, verifier: a.verifier, redirectUri: REDIRECT })).body;
    expect(tokens.scope).toBe('mcp');
    // A wider scope would not help, so the client is not sent to ask for one.
    const raw = await mcpToolCall(gw, tokens.access_token!, 'echo_create_note', { id: 'n2', text: 'no' });
    expect(raw.status).toBe(200);
    expect(raw.challenge).toBe('');
    const client = await connectClient('modern', gw.mcpUrl, tokens.access_token);
    const refused = (await client.callTool({ name: 'echo_create_note', arguments: { id: 'n2', text: 'no' } })) as CallResult;
    await client.close();
    expect(errorOf(refused)).toMatchObject({ code: 'permission_denied', message: expect.stringMatching(/read-only/) });
    expect(notes().has('n2')).toBe(false);
  });

  it('answers a deleted client with 401 invalid_client at the token endpoint, so the client registers again', async () => {
    const a = await approvedCode(gw, browser, { redirectUri: REDIRECT, key: staffKey });
    const tokens = (await exchange(gw, { clientId: a.clientId, code: a.code!, verifier: a.verifier, redirectUri: REDIRECT })).body;
    await gw.core.db.run("DELETE FROM oauth_store WHERE model = 'Client' AND id = ?", [a.clientId]);
    const response = await refresh(gw, { clientId: a.clientId, refreshToken: tokens.refresh_token! });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_client');
  });

  it('does not redirect with a code when the user denies', async () => {
    const a = await approvedCode(gw, browser, { redirectUri: REDIRECT, key: staffKey, decision: 'deny' });
    expect(a.code).toBeNull();
    expect(a.params.get('error')).toBe('access_denied');
  });
});
