import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sweepExpired } from '../../src/oauth/adapter';
import { approvedCode, authorizationUrl, exchange, mcpStatus, pkce, register } from './flows';
import { HAVE_CHROMIUM, launchChromium, makeUser, startOAuthGateway, type OAuthGateway } from './support';

const REDIRECT = 'https://client.example/oauth/callback';

const clientRows = async (gw: OAuthGateway) =>
  (await gw.core.db.all<{ id: string }>("SELECT id FROM oauth_store WHERE model = 'Client' ORDER BY id")).map((r) => r.id);

/** Open registration (RFC 7591) is open to anyone, so it is bounded per address and in total, and what nobody approves goes away. */
describe('OAuth client registration limits', () => {
  let gw: OAuthGateway | undefined;
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
  });

  it('refuses registrations past DESKGATE_OAUTH_REGISTRATIONS_PER_MINUTE from one address with 429 and Retry-After, storing nothing', async () => {
    gw = await startOAuthGateway({ env: { DESKGATE_OAUTH_REGISTRATIONS_PER_MINUTE: '3' } });
    for (let i = 0; i < 3; i++) expect((await register(gw, REDIRECT, `client ${i}`)).status).toBe(201);
    const stored = await clientRows(gw);

    const response = await fetch(`${gw.baseUrl}/oauth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'one too many', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(response.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await response.json()).toEqual({ error: 'temporarily_unavailable', error_description: expect.stringMatching(/Too many client registrations/) });
    expect(await clientRows(gw)).toEqual(stored);
  });

  it('guards every spelling oidc-provider accepts for the registration path (case, trailing slash)', async () => {
    gw = await startOAuthGateway({ env: { DESKGATE_OAUTH_REGISTRATIONS_PER_MINUTE: '1' } });
    expect((await register(gw, REDIRECT)).status).toBe(201);
    for (const path of ['/oauth/register/', '/oauth/REGISTER', '/oauth/Register/']) {
      const response = await fetch(`${gw.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_name: path, redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' }),
      });
      expect(response.status, path).toBe(429);
    }
    expect(await clientRows(gw)).toHaveLength(1);
  });

  it('rejects a bad registration with oidc-provider\'s own error, and it still counts toward the limit', async () => {
    gw = await startOAuthGateway({ env: { DESKGATE_OAUTH_REGISTRATIONS_PER_MINUTE: '1' } });
    const bad = await register(gw, 'http://client.example/cb');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_redirect_uri');
    expect((await register(gw, REDIRECT)).status).toBe(429);
    expect(await clientRows(gw)).toEqual([]);
  });
});

describe.skipIf(!HAVE_CHROMIUM)('OAuth clients nobody approved', () => {
  let gw: OAuthGateway;
  let browser: Browser;
  let key: string;
  beforeAll(async () => {
    gw = await startOAuthGateway({ env: { DESKGATE_OAUTH_MAX_UNCLAIMED_CLIENTS: '2' } });
    browser = await launchChromium();
    key = (await makeUser(gw, 'sam@example.com', 'staff')).secret;
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  it('are capped by DESKGATE_OAUTH_MAX_UNCLAIMED_CLIENTS (the oldest past 15 minutes make room), expire after a day, and approved ones are kept', async () => {
    // Approved through the real sign-in and consent pages: kept for good, and not counted.
    const approved = await approvedCode(gw, browser, { redirectUri: REDIRECT, key, name: 'Claude' });
    const tokens = (await exchange(gw, { clientId: approved.clientId, code: approved.code!, verifier: approved.verifier, redirectUri: REDIRECT })).body;
    expect(tokens.access_token).toEqual(expect.any(String));

    const first = await register(gw, REDIRECT, 'never approved 1');
    const second = await register(gw, REDIRECT, 'never approved 2');
    expect([first.status, second.status]).toEqual([201, 201]);
    // Both registered just now (a sign-in may be under way for each): a third is refused, and nothing is stored.
    const refused = await fetch(`${gw.baseUrl}/oauth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_name: 'third', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' }),
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('900');
    expect(await refused.json()).toMatchObject({ error: 'temporarily_unavailable' });
    expect(await clientRows(gw)).toHaveLength(3);

    // Sixteen minutes on for the first: it makes room for the third, and the second stays.
    await gw.core.db.run("UPDATE oauth_store SET expires_at = ? WHERE model = 'Client' AND id = ?", [Date.now() + 24 * 3600_000 - 16 * 60_000, first.body.client_id!]);
    const third = await register(gw, REDIRECT, 'third');
    expect(third.status).toBe(201);
    expect(await clientRows(gw)).toEqual(expect.arrayContaining([approved.clientId, second.body.client_id, third.body.client_id]));
    expect(await clientRows(gw)).not.toContain(first.body.client_id);

    // A day on (the rows' expiry moved into the past): the unapproved clients are unknown to the authorization endpoint...
    await gw.core.db.run("UPDATE oauth_store SET expires_at = ? WHERE model = 'Client' AND expires_at IS NOT NULL", [Date.now() - 1]);
    const { challenge } = pkce();
    const page = await fetch(authorizationUrl(gw, { clientId: second.body.client_id!, redirectUri: REDIRECT, challenge }), { redirect: 'manual' });
    expect(page.status).toBe(400);
    expect(await page.text()).toMatch(/client is invalid|invalid_client|client not found/i);
    // ... they no longer count, the sweep deletes them, and the approved client and its token still work.
    expect((await register(gw, REDIRECT, 'after the day')).status).toBe(201);
    expect(await sweepExpired(gw.core.db)).toBeGreaterThanOrEqual(2);
    const left = await clientRows(gw);
    expect(left).toContain(approved.clientId);
    expect(left).not.toContain(second.body.client_id);
    expect(left).not.toContain(third.body.client_id);
    expect((await mcpStatus(gw, tokens.access_token!)).status).toBe(200);
  });
});
