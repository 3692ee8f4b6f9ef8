import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway } from '../support/gateway';
import { approvedCode, exchange, mcpStatus } from './flows';
import { HAVE_CHROMIUM, launchChromium, makeUser, startOAuthGateway, type OAuthGateway } from './support';

const REDIRECT = 'https://client.example/oauth/callback';

type Grant = { id: string; user_email: string; client_name: string; client_id: string; scopes: string[]; key_id: string | null; created_at: string; last_used_at: string | null };

async function api(baseUrl: string, key: string, path: string, method = 'GET') {
  const response = await fetch(`${baseUrl}/api${path}`, { method, headers: { authorization: `Bearer ${key}` } });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as { items?: Grant[]; revoked?: boolean; error?: { code: string; message: string } } };
}

/** The apps people connected by signing in, for the admin (all) and for each user (their own), over the REST API. */
describe.skipIf(!HAVE_CHROMIUM)('connected apps (OAuth grants) in the admin and self-service API', () => {
  let gw: OAuthGateway;
  let browser: Browser;
  let ada: Awaited<ReturnType<typeof makeUser>>;
  let bob: Awaited<ReturnType<typeof makeUser>>;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    gw = await startOAuthGateway();
    browser = await launchChromium();
    ada = await makeUser(gw, 'ada@example.com', 'staff');
    bob = await makeUser(gw, 'bob@example.com', 'user');
    for (const [who, secret, app, scope] of [
      ['ada', ada.secret, 'Claude', 'mcp'],
      ['bob', bob.secret, 'ChatGPT', 'mcp:read'],
    ] as const) {
      const a = await approvedCode(gw, browser, { redirectUri: REDIRECT, key: secret, name: app, scope });
      tokens[who] = (await exchange(gw, { clientId: a.clientId, code: a.code!, verifier: a.verifier, redirectUri: REDIRECT })).body.access_token!;
    }
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  it('lists every connected app for an admin, with user, app, scopes and key; ?email= narrows it', async () => {
    const all = await api(gw.baseUrl, gw.adminKey, '/admin/grants');
    expect(all.status).toBe(200);
    expect(all.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ user_email: 'ada@example.com', client_name: 'Claude', scopes: ['mcp'], key_id: ada.keyId }),
        expect.objectContaining({ user_email: 'bob@example.com', client_name: 'ChatGPT', scopes: ['mcp:read'], key_id: bob.keyId }),
      ]),
    );
    const adas = await api(gw.baseUrl, gw.adminKey, '/admin/grants?email=ada@example.com');
    expect(adas.body.items?.map((g) => g.client_name)).toEqual(['Claude']);
    const bad = await api(gw.baseUrl, gw.adminKey, '/admin/grants?user=ada');
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('invalid_argument');
  });

  it('refuses the admin list to a non-admin key', async () => {
    const refused = await api(gw.baseUrl, ada.secret, '/admin/grants');
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('permission_denied');
  });

  it("shows a user only their own apps, lets them disconnect one, and treats someone else's as absent", async () => {
    const mine = await api(gw.baseUrl, ada.secret, '/me/grants');
    expect(mine.body.items?.map((g) => g.client_name)).toEqual(['Claude']);
    const bobsId = (await api(gw.baseUrl, bob.secret, '/me/grants')).body.items![0]!.id;

    const notMine = await api(gw.baseUrl, ada.secret, `/me/grants/${bobsId}`, 'DELETE');
    expect(notMine.status).toBe(404);
    expect((await mcpStatus(gw, tokens.bob!)).status).toBe(200);

    const readOnly = await gw.core.auth.createKey({ userId: ada.user.id, name: 'ada read-only', readOnly: true });
    expect((await api(gw.baseUrl, readOnly.secret, `/me/grants/${mine.body.items![0]!.id}`, 'DELETE')).status).toBe(403);
    expect((await mcpStatus(gw, tokens.ada!)).status).toBe(200);

    expect((await api(gw.baseUrl, ada.secret, `/me/grants/${mine.body.items![0]!.id}`, 'DELETE')).status).toBe(204);
    // Disconnected: the app's token is refused on its next call, and the app is gone from both lists.
    expect((await mcpStatus(gw, tokens.ada!)).status).toBe(401);
    expect((await api(gw.baseUrl, ada.secret, '/me/grants')).body.items).toEqual([]);
    expect((await api(gw.baseUrl, gw.adminKey, '/admin/grants')).body.items?.map((g) => g.client_name)).not.toContain('Claude');
  });

  it('lets an admin disconnect anyone\'s app, once', async () => {
    const bobsId = (await api(gw.baseUrl, gw.adminKey, '/admin/grants?email=bob@example.com')).body.items![0]!.id;
    // Lapsed (unused for the life of its last refresh token): neither listed nor revocable, for the admin as for Bob.
    const setGrantExpiry = (at: number) => gw.core.db.run("UPDATE oauth_store SET expires_at = ? WHERE model = 'Grant' AND id = ?", [at, bobsId]);
    await setGrantExpiry(Date.now() - 1000);
    expect((await api(gw.baseUrl, gw.adminKey, '/admin/grants?email=bob@example.com')).body.items).toEqual([]);
    expect((await api(gw.baseUrl, gw.adminKey, `/admin/grants/${bobsId}`, 'DELETE')).status).toBe(404);
    expect((await api(gw.baseUrl, bob.secret, `/me/grants/${bobsId}`, 'DELETE')).status).toBe(404);
    await setGrantExpiry(Date.now() + 3600_000);
    expect((await api(gw.baseUrl, gw.adminKey, `/admin/grants/${bobsId}`, 'DELETE')).body).toEqual({ revoked: true });
    expect((await mcpStatus(gw, tokens.bob!)).status).toBe(401);
    expect((await api(gw.baseUrl, gw.adminKey, `/admin/grants/${bobsId}`, 'DELETE')).status).toBe(404);

    // The audit trail has Bob's consent and the admin's revocation (and the refusals), each naming the grant.
    const consent = (await gw.core.audit.list({ kind: 'oauth_consent', user: 'bob@example.com' })).items;
    expect(consent).toHaveLength(1);
    expect(consent[0]).toMatchObject({ outcome: 'ok', targets: { grant_id: bobsId }, args: { scopes: ['mcp:read'] } });
    const revocations = (await gw.core.audit.list({ kind: 'oauth_revoke', tool: 'DELETE /api/admin/grants/:id' })).items.filter((r) => r.targets?.id === bobsId);
    expect(revocations.map((r) => r.outcome)).toEqual(['not_found', 'ok', 'not_found']);
    expect(revocations.every((r) => r.user_email === 'admin@localhost')).toBe(true);
  });
});

describe('connected apps with OAuth sign-in off', () => {
  it('answers 404 saying OAuth is off and how to turn it on', async () => {
    const gw = await startTestGateway();
    try {
      const key = gw.adminKey;
      for (const path of ['/admin/grants', '/me/grants']) {
        const response = await api(gw.baseUrl, key, path);
        expect(response.status, path).toBe(404);
        expect(response.body.error?.message).toMatch(/OAuth sign-in is off/);
      }
    } finally {
      await gw.close();
    }
  });
});
