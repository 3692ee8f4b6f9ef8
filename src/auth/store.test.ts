import { afterEach, beforeEach, expect, it } from 'vitest';
import { forEachEngine } from '../../tests/support/databases';
import { GatewayError } from '../errors';
import type { Db } from '../storage/types';
import { createAuthStore, hashSecret, type AuthStore } from './store';

/** Every text the database holds for API keys, to look for a leaked secret. */
async function allKeyText(db: Db): Promise<string> {
  return JSON.stringify(await db.all('SELECT * FROM api_keys'));
}

forEachEngine((engine) => {
  let db: Db;
  let store: AuthStore;
  beforeEach(async () => {
    db = await engine.open();
    store = createAuthStore(db);
  });
  afterEach(async () => {
    await store.flushUsage();
    await db.close();
  });

  const ada = { email: 'Ada@Example.com', name: 'Ada Lovelace', role: 'staff' as const };

  it('stores the SHA-256 of a new key and never the secret itself', async () => {
    const { user } = await store.ensureUser(ada);
    const { key, secret } = await store.createKey({ userId: user.id, name: 'laptop' });

    expect(secret).toMatch(/^dg_[A-Za-z0-9_-]{43}$/);
    const stored = await allKeyText(db);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(secret.slice(12));
    expect(await db.get('SELECT key_hash FROM api_keys WHERE id = ?', [key.id])).toEqual({ key_hash: hashSecret(secret) });
    expect(key.prefix).toBe(secret.slice(0, 9));
    expect(JSON.stringify(await store.listKeys())).not.toContain(hashSecret(secret));
  });

  it('authenticates a key to its user and scope, and gives no one a second secret', async () => {
    const { user } = await store.ensureUser(ada);
    const { key, secret } = await store.createKey({ userId: user.id, name: 'laptop' });
    const other = await store.createKey({ userId: user.id, name: 'phone' });
    expect(other.secret).not.toBe(secret);

    expect(await store.authenticate(secret)).toEqual({
      user: { id: user.id, email: 'ada@example.com', name: 'Ada Lovelace', role: 'staff' },
      key: { id: key.id, name: 'laptop', connectors: undefined, readOnly: false },
    });
  });

  it('round-trips a connector list and read-only', async () => {
    const { user } = await store.ensureUser(ada);
    const { key, secret } = await store.createKey({ userId: user.id, name: 'ci', connectors: ['helpdesk', 'Clockify'], readOnly: true });
    expect(key.connectors).toEqual(['helpdesk', 'clockify']);
    expect(key.readOnly).toBe(true);
    expect((await store.authenticate(secret))?.key).toEqual({ id: key.id, name: 'ci', connectors: ['helpdesk', 'clockify'], readOnly: true });
    const [listed] = await store.listKeys();
    expect(listed).toMatchObject({ connectors: ['helpdesk', 'clockify'], readOnly: true, user: { email: 'ada@example.com' } });
  });

  it('refuses an empty connector list and an unknown user', async () => {
    const { user } = await store.ensureUser(ada);
    await expect(store.createKey({ userId: user.id, name: 'x', connectors: [] })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(store.createKey({ userId: 'nobody', name: 'x' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('answers unknown, malformed and revoked keys with undefined', async () => {
    const { user } = await store.ensureUser(ada);
    const { key, secret } = await store.createKey({ userId: user.id, name: 'laptop' });
    for (const wrong of ['dg_' + 'A'.repeat(43), '', 'short', `${secret} `, `Bearer ${secret}`, 'x'.repeat(5000), undefined, 42]) {
      expect(await store.authenticate(wrong)).toBeUndefined();
    }
    expect(await store.revokeKey(key.id)).toBe(true);
    expect(await store.authenticate(secret)).toBeUndefined();
  });

  it('serves repeated authentications from its cache', async () => {
    const { user } = await store.ensureUser(ada);
    const { secret } = await store.createKey({ userId: user.id, name: 'laptop' });
    const first = await store.authenticate(secret);
    // Remove the key behind the store's back: only a cached answer can still know it.
    await db.run('DELETE FROM api_keys');
    expect(await store.authenticate(secret)).toEqual(first);
  });

  it('stops a revoked key at once through the same store, even when cached', async () => {
    const { user } = await store.ensureUser(ada);
    const { key, secret } = await store.createKey({ userId: user.id, name: 'laptop' });
    expect(await store.authenticate(secret)).toBeDefined();
    expect(await store.revokeKey(key.id)).toBe(true);
    expect(await store.authenticate(secret)).toBeUndefined();
    expect(await store.revokeKey(key.id)).toBe(false);
    expect(await store.revokeKey('no-such-key')).toBe(false);
    expect(await store.countActiveKeys()).toBe(0);
    expect((await store.listKeys())[0]?.revokedAt).toEqual(expect.any(String));
  });

  it('lets another replica see a revocation once its cache entry expires', async () => {
    const replica = createAuthStore(db, { cacheTtlMs: 0 });
    const { user } = await store.ensureUser(ada);
    const { key, secret } = await store.createKey({ userId: user.id, name: 'laptop' });
    expect(await replica.authenticate(secret)).toBeDefined();
    await store.revokeKey(key.id);
    expect(await replica.authenticate(secret)).toBeUndefined();
    await replica.flushUsage();
  });

  it('records when a key was last used, without failing the request when it cannot', async () => {
    const { user } = await store.ensureUser(ada);
    const { key, secret } = await store.createKey({ userId: user.id, name: 'laptop' });
    expect(key.lastUsedAt).toBeUndefined();
    await store.authenticate(secret);
    await store.flushUsage();
    const lastUsed = (await store.getKey(key.id))?.lastUsedAt;
    expect(lastUsed).toEqual(expect.any(String));

    await db.run('UPDATE api_keys SET last_used_at = NULL');
    await store.authenticate(secret);
    await store.flushUsage();
    // Within the minute: no second write.
    expect((await store.getKey(key.id))?.lastUsedAt).toBeUndefined();

    const failing = createAuthStore(
      { ...db, run: () => Promise.reject(new Error('disk full')), transaction: db.transaction.bind(db) },
      { cacheTtlMs: 0 },
    );
    await expect(failing.authenticate(secret)).resolves.toMatchObject({ key: { id: key.id } });
    await failing.flushUsage();
  });

  it('ensureUser creates once, matches emails case-insensitively, and applies a new role', async () => {
    const first = await store.ensureUser(ada);
    expect(first).toMatchObject({ created: true, roleChanged: false, user: { email: 'ada@example.com', role: 'staff' } });
    expect(await store.ensureUser({ ...ada, email: ' ADA@example.COM ' })).toEqual({ user: first.user, created: false, roleChanged: false });

    const promoted = await store.ensureUser({ ...ada, role: 'admin' });
    expect(promoted).toEqual({ user: { ...first.user, role: 'admin' }, created: false, roleChanged: true });
    expect(await store.findUserByEmail('ada@EXAMPLE.com')).toEqual({ ...first.user, role: 'admin' });
    expect(await store.listUsers()).toHaveLength(1);
  });

  it('ensureUser creates one user when several callers race on the same email', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => store.ensureUser(ada)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.user.id)).size).toBe(1);
    expect(await store.listUsers()).toHaveLength(1);
  });

  it('shows a role change to keys already in the cache', async () => {
    const { user } = await store.ensureUser(ada);
    const { secret } = await store.createKey({ userId: user.id, name: 'laptop' });
    expect((await store.authenticate(secret))?.user.role).toBe('staff');
    await store.updateUser(user.id, { role: 'user', name: 'Ada L.' });
    expect((await store.authenticate(secret))?.user).toMatchObject({ role: 'user', name: 'Ada L.' });
    expect(await store.updateUser('nobody', { name: 'x' })).toBeUndefined();
  });

  it('ensureKey adopts the configured admin key once, and never revives it once revoked', async () => {
    const secret = 'my-configured-admin-key-0123456789';
    const admin = { email: 'ops@example.com', name: 'Operator', role: 'admin' as const, keyName: 'DESKGATE_ADMIN_KEY' };
    const first = await store.ensureKey(secret, admin);
    expect(first).toMatchObject({ created: true, reactivated: false, user: { role: 'admin' } });
    const again = await store.ensureKey(secret, admin);
    expect(again).toMatchObject({ created: false, reactivated: false, key: { id: first.key.id } });
    expect(await store.listKeys()).toHaveLength(1);

    await store.revokeKey(first.key.id);
    expect(await store.authenticate(secret)).toBeUndefined();
    const refused = await store.ensureKey(secret, admin).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GatewayError);
    expect((refused as GatewayError).message).toMatch(/DESKGATE_ADMIN_KEY was revoked .* will not revive it/);
    expect((refused as GatewayError).hint).toMatch(/new random secret/);
    expect((refused as GatewayError).message).not.toContain(secret);
    expect(await store.authenticate(secret)).toBeUndefined();
    expect(await allKeyText(db)).not.toContain(secret);
    expect(await store.countActiveKeys()).toBe(0);
  });

  it('ensureKey moves the key to the configured user', async () => {
    const secret = 'my-configured-admin-key-0123456789';
    await store.ensureKey(secret, { email: 'old@example.com', name: 'Old', role: 'admin', keyName: 'admin' });
    await store.ensureKey(secret, { email: 'new@example.com', name: 'New', role: 'admin', keyName: 'admin' });
    expect((await store.authenticate(secret))?.user.email).toBe('new@example.com');
  });

  it('ensureKey refuses a short secret without echoing it', async () => {
    const error = await store
      .ensureKey('tooShort-123', { email: 'ops@example.com', name: 'Operator', role: 'admin', keyName: 'admin' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).message).toMatch(/at least 24/);
    expect((error as GatewayError).message).not.toContain('tooShort-123');
    expect(await store.listUsers()).toEqual([]);
  });
});
