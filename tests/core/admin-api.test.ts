import { afterEach, describe, expect, it } from 'vitest';
import desktime from '../../connectors/desktime/index';
import helpdesk from '../../connectors/helpdesk/index';
import { generateSecretKey } from '../../src/credentials/crypto';
import type { ConnectorManifest } from '../../src/registry/types';
import { startTestGateway, type TestGateway } from '../support/gateway';

const catalog = [helpdesk, desktime] as unknown as ConnectorManifest<unknown, unknown>[];
let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

async function call(method: string, path: string, key: string | undefined, body?: unknown) {
  const response = await fetch(`${gw!.baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- checked field by field
  return { status: response.status, text, json: (text ? JSON.parse(text) : {}) as Record<string, any> };
}

describe('the core admin API', () => {
  it('creates users and keys for an admin with an unrestricted key, and documents itself', async () => {
    gw = await startTestGateway({ catalog });
    const doc = await call('GET', '/api/admin/openapi.json', undefined);
    expect(Object.keys(doc.json.paths)).toEqual(
      expect.arrayContaining(['/admin/users', '/admin/users/{id}', '/admin/keys', '/admin/keys/{id}', '/me/credentials', '/me/credentials/{connector}']),
    );

    const created = await call('POST', '/api/admin/users', gw.adminKey, { email: 'Nora@Example.test', name: 'Nora', role: 'staff' });
    expect(created.status).toBe(201);
    const noraId = created.json.user.id as string;
    expect((await call('POST', '/api/admin/users', gw.adminKey, { email: 'nora@example.test', name: 'N', role: 'admin' })).status).toBe(409);
    const bad = await call('POST', '/api/admin/users', gw.adminKey, { email: 'nope', name: 'x', role: 'boss' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'role']);

    const key = await call('POST', '/api/admin/keys', gw.adminKey, { user_id: noraId, name: 'laptop', toolsets: ['helpdesk:tickets'] });
    expect(key.status).toBe(201);
    const listed = await call('GET', '/api/admin/keys', gw.adminKey);
    expect(listed.json.items.find((k: { id: string }) => k.id === key.json.id)).toMatchObject({ toolsets: ['helpdesk:tickets'], user: { email: 'nora@example.test' } });
    expect(listed.text).not.toContain(key.json.secret);
    const unknownToolset = await call('POST', '/api/admin/keys', gw.adminKey, { user_id: noraId, name: 'x', toolsets: ['helpdesk:nothing'] });
    expect(unknownToolset.status).toBe(400);

    // The new key works on /mcp straight away, within its toolsets only.
    const tickets = await call('GET', '/api/helpdesk/tickets', key.json.secret);
    expect(tickets.status).toBe(200);
    const categories = await call('GET', '/api/helpdesk/categories', key.json.secret);
    expect(categories.status).toBe(403);
    expect(categories.json.error.message).toMatch(/toolsets helpdesk:tickets/);

    const promoted = await call('PATCH', `/api/admin/users/${noraId}`, gw.adminKey, { role: 'admin' });
    expect(promoted.json.user.role).toBe('admin');
    const revoked = await call('DELETE', `/api/admin/keys/${key.json.id}`, gw.adminKey);
    expect(revoked.json).toEqual({ revoked: true, effective_within_seconds: 1 });
    expect((await call('GET', '/api/helpdesk/tickets', key.json.secret)).status).toBe(401);
  });

  it('refuses non-admins and limited admin keys, so no key can mint one beyond its own limits', async () => {
    gw = await startTestGateway({ catalog });
    const admin = (await gw.core.auth.listKeys())[0]!;
    const limited = await gw.core.auth.createKey({ userId: admin.userId, name: 'helpdesk only', connectors: ['helpdesk'] });
    const readOnly = await gw.core.auth.createKey({ userId: admin.userId, name: 'ro', readOnly: true });
    const { user: staff } = await gw.core.auth.ensureUser({ email: 'staff@example.test', name: 'S', role: 'staff' });
    const staffKey = await gw.core.auth.createKey({ userId: staff.id, name: 's' });
    for (const secret of [limited.secret, readOnly.secret, staffKey.secret]) {
      const answer = await call('POST', '/api/admin/keys', secret, { user_id: staff.id, name: 'escalate' });
      expect(answer.status).toBe(403);
      expect(answer.json.error.code).toBe('permission_denied');
    }
    expect((await gw.core.auth.listKeys()).map((k) => k.name)).not.toContain('escalate');
    expect((await call('GET', '/api/admin/users', undefined)).status).toBe(401);
  });
});

describe('self-service vendor credentials', () => {
  it('links, lists (last 4 only) and unlinks the caller\'s own key, encrypted at rest', async () => {
    gw = await startTestGateway({ catalog, env: { DESKTIME_API_KEY: 'dt_shared_key_0000000000', DESKGATE_SECRET_KEY: generateSecretKey() } });
    const { user } = await gw.core.auth.ensureUser({ email: 'ana@example.test', name: 'Ana', role: 'user' });
    const { secret } = await gw.core.auth.createKey({ userId: user.id, name: 'ana' });
    const personal = 'dt_personal_ana_secret_9f3e';
    const put = await call('PUT', '/api/me/credentials/desktime', secret, { secret: personal });
    expect(put.status).toBe(200);
    expect(put.json.credential).toMatchObject({ connector: 'desktime', last4: '9f3e', last_used_at: null });
    const list = await call('GET', '/api/me/credentials', secret);
    expect(list.json.items).toEqual([expect.objectContaining({ connector: 'desktime', last4: '9f3e' })]);
    expect(list.text + put.text).not.toContain(personal);
    const stored = await gw.core.db.all<{ secret_encrypted: string }>('SELECT secret_encrypted FROM vendor_credentials');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.secret_encrypted).not.toContain(personal);
    expect(stored[0]!.secret_encrypted).toMatch(/^v1:/);

    expect((await call('PUT', '/api/me/credentials/helpdesk', secret, { secret: 'x' })).status).toBe(404);
    expect((await call('PUT', '/api/me/credentials/desktime', secret, { secret: '' })).status).toBe(400);
    expect((await call('DELETE', '/api/me/credentials/desktime', secret)).status).toBe(204);
    expect((await call('DELETE', '/api/me/credentials/desktime', secret)).status).toBe(404);
    expect((await call('GET', '/api/me/credentials', secret)).json.items).toEqual([]);
  });

  it('refuses to store anything without DESKGATE_SECRET_KEY, with a clear next step', async () => {
    gw = await startTestGateway({ catalog, env: { DESKTIME_API_KEY: 'dt_shared_key_0000000000' } });
    const answer = await call('PUT', '/api/me/credentials/desktime', gw.adminKey, { secret: 'dt_personal_1234' });
    expect(answer.status).toBe(412);
    expect(answer.json.error.message).toMatch(/DESKGATE_SECRET_KEY is not set/);
    expect(answer.json.error.hint).toMatch(/deskgate secret generate/);
  });
});
