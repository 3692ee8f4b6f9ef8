import type Provider from 'oidc-provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuthStore } from '../../src/auth/store';
import { claimClient, countUnclaimedClients, DbAdapter, sweepExpired } from '../../src/oauth/adapter';
import { readOAuthConfig } from '../../src/oauth/config';
import { createGrantStore } from '../../src/oauth/grants';
import { redirectUriProblem } from '../../src/oauth/provider';
import { createResourceServer } from '../../src/oauth/resource';
import { loadSecrets } from '../../src/oauth/secrets';
import { createAddressLimiter, limitKeyOf } from '../../src/oauth/address-limiter';
import { createMemoryLimitStore } from '../../src/limits/store';
import type { Db } from '../../src/storage/types';
import { forEachEngine } from '../support/databases';

forEachEngine((engine) => {
  let db: Db;
  beforeEach(async () => {
    db = await engine.open();
  });
  afterEach(() => db.close());

  describe('the oidc-provider adapter', () => {
    it('stores, finds, consumes and deletes artefacts; expired ones read as absent', async () => {
      const codes = new DbAdapter(db, 'AuthorizationCode');
      await codes.upsert('c1', { grantId: 'g1', accountId: 'k.1' }, 60);
      await codes.upsert('c2', { grantId: 'g2' }, 60);
      expect(await codes.find('c1')).toEqual({ grantId: 'g1', accountId: 'k.1' });
      await codes.consume('c1');
      expect((await codes.find('c1'))?.consumed).toEqual(expect.any(Number));
      await codes.upsert('c3', { grantId: 'g1' }, 60);
      await codes.revokeByGrantId('g1');
      expect(await codes.find('c1')).toBeUndefined();
      expect(await codes.find('c3')).toBeUndefined();
      expect(await codes.find('c2')).toEqual({ grantId: 'g2' });
      await codes.destroy('c2');
      expect(await codes.find('c2')).toBeUndefined();

      const sessions = new DbAdapter(db, 'Session');
      await sessions.upsert('s1', { uid: 'u1', accountId: 'k.1' }, 60);
      expect(await sessions.findByUid('u1')).toEqual({ uid: 'u1', accountId: 'k.1' });
      // Same id, another model: separate rows.
      expect(await new DbAdapter(db, 'Interaction').find('s1')).toBeUndefined();

      await sessions.upsert('old', { uid: 'u2' }, 60);
      await db.run("UPDATE oauth_store SET expires_at = ? WHERE id = 'old'", [Date.now() - 1]);
      expect(await sessions.find('old')).toBeUndefined();
      expect(await sweepExpired(db)).toBe(1);
    });

    it('carries a live grant forward with each refresh token, never shortens it, and never revives a lapsed one', async () => {
      const grants = new DbAdapter(db, 'Grant');
      const refreshTokens = new DbAdapter(db, 'RefreshToken');
      const exp = () => Math.floor(Date.now() / 1000);
      const grantRow = async (id: string) => {
        const row = (await db.get<{ payload: string; expires_at: number | string }>("SELECT payload, expires_at FROM oauth_store WHERE model = 'Grant' AND id = ?", [id]))!;
        return { exp: (JSON.parse(row.payload) as { exp: number }).exp, expiresAt: Number(row.expires_at) };
      };
      await grants.upsert('g1', { accountId: 'k.1', exp: exp() + 60 }, 60);
      await refreshTokens.upsert('r1', { grantId: 'g1' }, 3600);
      const carried = await grantRow('g1');
      expect(carried.expiresAt).toBeGreaterThan(Date.now() + 3500_000);
      expect(carried.exp).toBeGreaterThanOrEqual(exp() + 3599);
      expect((await grants.find('g1'))?.accountId).toBe('k.1');

      await refreshTokens.upsert('r2', { grantId: 'g1' }, 120);
      expect(await grantRow('g1')).toEqual(carried);

      await grants.upsert('lapsed', { accountId: 'k.1', exp: exp() + 60 }, 60);
      await db.run("UPDATE oauth_store SET expires_at = ? WHERE id = 'lapsed'", [Date.now() - 1]);
      await refreshTokens.upsert('r3', { grantId: 'lapsed' }, 3600);
      expect(await grants.find('lapsed')).toBeUndefined();
    });

    it('updates clients in place; one nobody approved expires and is swept, an approved one is kept', async () => {
      const clients = new DbAdapter(db, 'Client', { unclaimedClientTtlMs: 60_000 });
      await clients.upsert('cl', { client_id: 'cl', client_name: 'A' } as never, 0);
      await clients.upsert('cl', { client_id: 'cl', client_name: 'B' } as never, 0);
      await clients.upsert('kept', { client_id: 'kept' } as never, 0);
      expect(await clients.find('cl')).toEqual({ client_id: 'cl', client_name: 'B' });
      expect(await countUnclaimedClients(db)).toBe(2);
      const expiry = async (id: string) => (await db.get<{ e: number | string | null }>("SELECT expires_at AS e FROM oauth_store WHERE model = 'Client' AND id = ?", [id]))?.e;
      expect(Number(await expiry('cl'))).toBeGreaterThan(Date.now());
      expect(Number(await expiry('cl'))).toBeLessThanOrEqual(Date.now() + 60_000);

      // Approval keeps a client for good, and re-registering it does not bring the expiry back.
      await claimClient(db, 'kept');
      await clients.upsert('kept', { client_id: 'kept', client_name: 'again' } as never, 0);
      expect(await expiry('kept')).toBeNull();
      expect(await countUnclaimedClients(db)).toBe(1);

      // A day later the unapproved one is gone: it reads as absent, stops counting, and the sweep deletes it.
      await db.run("UPDATE oauth_store SET expires_at = ? WHERE id = 'cl'", [Date.now() - 1]);
      expect(await clients.find('cl')).toBeUndefined();
      expect(await countUnclaimedClients(db)).toBe(0);
      expect(await sweepExpired(db)).toBe(1);
      expect(await clients.find('kept')).toEqual({ client_id: 'kept', client_name: 'again' });
    });
  });

  it('creates the signing and cookie keys once, and every later start reads the same', async () => {
    const first = await loadSecrets(db);
    const again = await loadSecrets(db);
    expect(again).toEqual(first);
    expect(first.signingKey.kty).toBe('RSA');
  });

  describe('the resource server', () => {
    const resourceUrl = 'https://mcp.example.com/mcp';
    const config = readOAuthConfig({ DESKGATE_PUBLIC_URL: 'https://mcp.example.com' }, [])!;

    async function setUp(token: Record<string, unknown>) {
      const auth = createAuthStore(db, { cacheTtlMs: 0 });
      const { user } = await auth.ensureUser({ email: 'ada@example.com', name: 'Ada', role: 'staff' });
      const { key } = await auth.createKey({ userId: user.id, name: 'laptop', connectors: ['helpdesk'] });
      const grants = createGrantStore(db);
      await grants.record({ id: 'g1', userId: user.id, keyId: key.id, clientId: 'c1', clientName: 'Claude', scopes: ['mcp'] });
      const provider = {
        AccessToken: {
          find: async (value: string) =>
            value === 'the-token'
              ? { accountId: `k.${key.id}`, grantId: 'g1', clientId: 'c1', scope: 'mcp', exp: Math.floor(Date.now() / 1000) + 60, ...token }
              : undefined,
        },
      } as unknown as Provider;
      return { auth, grants, key, server: createResourceServer({ config, provider, auth, grants }) };
    }

    it('turns a token for this resource into its user and key, with the key limits', async () => {
      const { server, key } = await setUp({ aud: resourceUrl });
      const principal = await server.authenticate('the-token');
      expect(principal?.user.email).toBe('ada@example.com');
      expect(principal?.key).toEqual({ id: key.id, name: 'laptop', connectors: ['helpdesk'], readOnly: false, oauthClientId: 'c1' });
      expect(await server.authenticate('another-token')).toBeUndefined();
    });

    it('refuses a token whose audience is another resource', async () => {
      const { server } = await setUp({ aud: 'https://other.example.com/mcp' });
      expect(await server.authenticate('the-token')).toBeUndefined();
    });

    it('refuses a token past its expiry', async () => {
      const { server } = await setUp({ aud: resourceUrl, exp: Math.floor(Date.now() / 1000) - 5 });
      expect(await server.authenticate('the-token')).toBeUndefined();
    });

    it('makes an mcp:read token read-only, and refuses tokens of revoked grants or keys', async () => {
      const readOnly = await setUp({ aud: resourceUrl, scope: 'mcp:read' });
      await readOnly.grants.record({ id: 'g1', userId: (await readOnly.auth.getKey(readOnly.key.id))!.userId, keyId: readOnly.key.id, clientId: 'c1', clientName: 'Claude', scopes: ['mcp:read'] });
      expect((await readOnly.server.authenticate('the-token'))?.key.readOnly).toBe(true);
      await readOnly.grants.revoke('g1');
      expect(await readOnly.server.authenticate('the-token')).toBeUndefined();
    });

    it('lists active grants with the user email, newest first, leaves out lapsed ones, and revokes once', async () => {
      const { grants } = await setUp({ aud: resourceUrl });
      // oidc-provider's own grant row, as consent saves it: without it (or once it lapsed) the grant is not active.
      expect(await grants.list()).toEqual([]);
      await new DbAdapter(db, 'Grant').upsert('g1', { accountId: 'k.1' }, 60);
      const [grant] = await grants.list({ email: 'ADA@example.com' });
      expect(grant).toMatchObject({ id: 'g1', userEmail: 'ada@example.com', clientName: 'Claude', scopes: ['mcp'] });
      expect(await grants.isActive('g1')).toBe(true);
      await db.run("UPDATE oauth_store SET expires_at = ? WHERE model = 'Grant' AND id = 'g1'", [Date.now() - 1]);
      expect(await grants.list()).toEqual([]);
      expect(await grants.isActive('g1')).toBe(false);
      await db.run("UPDATE oauth_store SET expires_at = ? WHERE model = 'Grant' AND id = 'g1'", [Date.now() + 60_000]);
      expect(await grants.revoke('g1')).toBe(true);
      expect(await grants.revoke('g1')).toBe(false);
      expect(await grants.list()).toEqual([]);
    });
  });
});

describe('OAuth configuration', () => {
  it('is off without DESKGATE_PUBLIC_URL and on with it', () => {
    expect(readOAuthConfig({}, [])).toBeUndefined();
    expect(readOAuthConfig({ DESKGATE_PUBLIC_URL: 'https://mcp.example.com/' }, [])?.resourceUrl).toBe('https://mcp.example.com/mcp');
  });

  it('accepts plain http only on loopback, and no path', () => {
    const problems: string[] = [];
    readOAuthConfig({ DESKGATE_PUBLIC_URL: 'http://mcp.example.com' }, problems);
    readOAuthConfig({ DESKGATE_PUBLIC_URL: 'https://example.com/deskgate' }, problems);
    expect(problems).toEqual([expect.stringMatching(/must be https/), expect.stringMatching(/without path/)]);
    const ok: string[] = [];
    readOAuthConfig({ DESKGATE_PUBLIC_URL: 'http://127.0.0.1:8787' }, ok);
    expect(ok).toEqual([]);
  });

  it('bounds open registration by default, and names a bad limit', () => {
    const defaults = readOAuthConfig({ DESKGATE_PUBLIC_URL: 'https://mcp.example.com' }, [])!;
    expect([defaults.registrationsPerMinute, defaults.maxUnclaimedClients]).toEqual([20, 1000]);
    const problems: string[] = [];
    readOAuthConfig({ DESKGATE_PUBLIC_URL: 'https://mcp.example.com', DESKGATE_OAUTH_REGISTRATIONS_PER_MINUTE: 'lots', DESKGATE_OAUTH_MAX_UNCLAIMED_CLIENTS: '0' }, problems);
    expect(problems).toEqual([
      'DESKGATE_OAUTH_REGISTRATIONS_PER_MINUTE: expected a whole number from 1 to 10000, got "lots"',
      'DESKGATE_OAUTH_MAX_UNCLAIMED_CLIENTS: expected a whole number from 1 to 1000000, got "0"',
    ]);
  });

  it('wants all three identity-provider variables or none', () => {
    const problems: string[] = [];
    readOAuthConfig({ DESKGATE_PUBLIC_URL: 'https://mcp.example.com', DESKGATE_OIDC_ISSUER: 'https://idp.example.com' }, problems);
    expect(problems).toEqual([expect.stringMatching(/set all three or none/)]);
  });
});

describe('redirect URIs', () => {
  it('takes https and loopback http, nothing else', () => {
    expect(redirectUriProblem('https://claude.ai/api/mcp/auth_callback', undefined)).toBeUndefined();
    expect(redirectUriProblem('http://127.0.0.1:6274/callback', undefined)).toBeUndefined();
    expect(redirectUriProblem('http://localhost/cb', undefined)).toBeUndefined();
    expect(redirectUriProblem('http://claude.ai/cb', undefined)).toMatch(/https/);
    expect(redirectUriProblem('cursor://callback', undefined)).toMatch(/https/);
  });

  it('is narrowed by the allowlist, loopback ports ignored', () => {
    const allow = ['https://claude.ai/api/mcp/auth_callback', 'https://chatgpt.com', 'http://127.0.0.1/'];
    expect(redirectUriProblem('https://claude.ai/api/mcp/auth_callback', allow)).toBeUndefined();
    expect(redirectUriProblem('http://127.0.0.1:5555/callback', allow)).toBeUndefined();
    expect(redirectUriProblem('https://chatgpt.com/connector_platform_oauth_redirect', allow)).toBeUndefined();
    expect(redirectUriProblem('https://chatgpt.com.evil.example/cb', allow)).toMatch(/not allowed/);
    expect(redirectUriProblem('https://example.com/cb', allow)).toMatch(/not allowed/);
    expect(redirectUriProblem('https://claude.ai.evil.example/api/mcp/auth_callback', allow)).toMatch(/not allowed/);
  });
});

describe('the per-address limit (failed sign-ins, registrations)', () => {
  it('allows ten a minute per address, then refuses until the oldest is a minute old', async () => {
    let now = 1_000_000;
    const limiter = createAddressLimiter('signin', 10, 60_000, createMemoryLimitStore(() => now));
    for (let i = 0; i < 10; i++) {
      expect(await limiter.retryAfter('198.51.100.7')).toBe(0);
      await limiter.record('198.51.100.7');
      now += 1000;
    }
    expect(await limiter.retryAfter('198.51.100.7')).toBe(50);
    expect(await limiter.retryAfter('203.0.113.9')).toBe(0);
    now += 50_000;
    expect(await limiter.retryAfter('198.51.100.7')).toBe(0);
  });

  it('counts an IPv6 /64 as one address (a host holds a whole /64)', async () => {
    expect(limitKeyOf('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(limitKeyOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(limitKeyOf('2001:0db8:0001:0002::ffff:1.2.3.4')).toBe('2001:db8:1:2::/64');
    expect(limitKeyOf('198.51.100.7')).toBe('198.51.100.7');
    const limiter = createAddressLimiter('signin', 2, 60_000, createMemoryLimitStore(() => 1_000_000));
    await limiter.record('2001:db8:1:2::a');
    await limiter.record('2001:db8:1:2::b');
    expect(await limiter.retryAfter('2001:db8:1:2:ffff::c')).toBe(60);
    expect(await limiter.retryAfter('2001:db8:1:3::a')).toBe(0);
  });
});
