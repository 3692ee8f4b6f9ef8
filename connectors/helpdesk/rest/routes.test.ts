import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthUser } from '../../../src/auth/types';
import { forEachEngine } from '../../../tests/support/databases';
import { helpdeskManifest } from '../index';
import { helpdeskRouteDeps, openHelpdeskWorld, type HelpdeskWorld } from '../test-fixtures';

forEachEngine((engine) => {
  describe('help desk REST API', () => {
    let w: HelpdeskWorld;
    let app: Hono;
    let adminKey: string;
    beforeEach(async () => {
      w = await openHelpdeskWorld(engine);
      app = helpdeskManifest.routes!(w.runtime, helpdeskRouteDeps(w));
      adminKey = (await w.store.createKey({ userId: w.users.admin.id, name: 'rest test' })).secret;
    });
    afterEach(() => w.db.close());

    const call = async (method: string, path: string, options: { key?: string; body?: unknown; raw?: string } = {}) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`;
      const response = await app.request(path, {
        method,
        headers,
        ...(options.raw !== undefined ? { body: options.raw } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
      const text = await response.text();
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field below
      return { status: response.status, text, json: text ? (JSON.parse(text) as Record<string, any>) : {} };
    };
    const keyFor = async (user: AuthUser, opts: { readOnly?: boolean; connectors?: string[] } = {}) =>
      (await w.store.createKey({ userId: user.id, name: 'k', ...opts })).secret;

    it('publishes an OpenAPI 3.1 document without a key', async () => {
      const { status, json } = await call('GET', '/openapi.json');
      expect(status).toBe(200);
      expect(json.openapi).toBe('3.1.0');
      expect(Object.keys(json.paths)).toEqual(expect.arrayContaining(['/tickets', '/tickets/{ref}/replies', '/admin/settings']));
      expect(json.paths['/tickets'].post.requestBody.content['application/json'].schema.required).toEqual(
        expect.arrayContaining(['subject', 'description', 'category_id']),
      );
    });

    it('answers 401 in the taxonomy without a key or with a wrong one, never echoing it', async () => {
      const none = await call('GET', '/tickets');
      expect(none.status).toBe(401);
      expect(none.json.error.code).toBe('unauthenticated');
      const wrong = await call('GET', '/tickets', { key: 'dg_not_a_real_key_but_long_enough_123' });
      expect(wrong.status).toBe(401);
      expect(wrong.text).not.toContain('dg_not_a_real_key_but_long_enough_123');
    });

    it('creates, replies and reads back through the same service as the tools', async () => {
      const aliceKey = await keyFor(w.users.alice);
      const created = await call('POST', '/tickets', {
        key: aliceKey,
        body: { subject: 'Monitor dead', description: 'No picture', category_id: w.categories.hardware.id, priority: 'Low' },
      });
      expect(created.status).toBe(201);
      const ref = created.json.ticket.tracking_number as string;
      expect(created.json.ticket.submitter.name).toBe('Alice');
      expect((await call('POST', `/tickets/${ref}/replies`, { key: aliceKey, body: { body: 'Any news?' } })).status).toBe(201);
      const read = await call('GET', `/tickets/${ref}`, { key: aliceKey });
      expect(read.json.ticket.replies.map((r: { body: string }) => r.body)).toEqual(['Any news?']);
      const listed = await call('GET', '/tickets?priority=Low&limit=5', { key: aliceKey });
      expect(listed.json.items.map((t: { tracking_number: string }) => t.tracking_number)).toEqual([ref]);
    });

    it('turns bad JSON and bad fields into 400 invalid_argument with the fields named', async () => {
      const bad = await call('POST', '/tickets', { key: adminKey, raw: '{not json' });
      expect(bad.status).toBe(400);
      expect(bad.json.error.code).toBe('invalid_argument');
      const missing = await call('POST', '/tickets', { key: adminKey, body: { subject: 'x' } });
      expect(missing.status).toBe(400);
      expect(missing.json.error.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['description', 'category_id']));
      const limit = await call('GET', '/tickets?limit=1000', { key: adminKey });
      expect(limit.status).toBe(400);
    });

    it('refuses writes with a read-only key and any call with a key for other connectors', async () => {
      const readOnly = await keyFor(w.users.admin, { readOnly: true });
      expect((await call('GET', '/tickets', { key: readOnly })).status).toBe(200);
      const write = await call('PUT', `/tickets/${w.tickets.alice.id}/status`, { key: readOnly, body: { status_id: 'Pending' } });
      expect(write.status).toBe(403);
      expect((await w.runtime.service.tickets.summary(w.users.admin, w.tickets.alice.id)).status.name).toBe('New');
      const other = await keyFor(w.users.admin, { connectors: ['desktime'] });
      expect((await call('GET', '/tickets', { key: other })).status).toBe(403);
    });

    it('lets an admin set up people, groups and scopes that then decide what staff see', async () => {
      // People and keys come from the core (/api/admin, tested in tests/core/admin-api.test.ts).
      const { user: nora } = await w.store.ensureUser({ email: 'new.staff@example.test', name: 'Nora', role: 'staff' });
      const noraId = nora.id;
      const noraKey = (await w.store.createKey({ userId: noraId, name: 'laptop' })).secret;
      expect((await call('GET', '/tickets', { key: noraKey })).json.items).toEqual([]);

      const group = await call('POST', '/admin/groups', { key: adminKey, body: { name: 'Parking desk' } });
      const groupId = group.json.group.id as string;
      await call('PUT', `/admin/groups/${groupId}/members`, { key: adminKey, body: { user_ids: [noraId] } });
      const scoped = await call('POST', `/admin/groups/${groupId}/scopes`, { key: adminKey, body: { category_id: w.categories.facilities.id } });
      expect(scoped.json.group).toMatchObject({ members: [{ name: 'Nora' }], scopes: [{ category: { name: 'Facilities' }, type: null }] });
      const seen = await call('GET', '/tickets', { key: noraKey });
      expect(seen.json.items.map((t: { id: string }) => t.id)).toEqual([w.tickets.bob.id]);

      const userMember = await call('PUT', `/admin/groups/${groupId}/members`, { key: adminKey, body: { user_ids: [w.users.alice.id] } });
      expect(userMember.status).toBe(400);
    });

    it('refuses to delete a status in use, deletes an unused one, and changes settings', async () => {
      const created = await call('POST', '/admin/statuses', { key: adminKey, body: { name: 'On hold' } });
      const onHold = created.json.status.id as string;
      await w.runtime.service.tickets.updateStatus(w.users.admin, { ticket_id: w.tickets.alice.id, status_id: onHold });
      const inUse = await call('DELETE', `/admin/statuses/${onHold}`, { key: adminKey });
      expect(inUse.status).toBe(409);
      expect(inUse.json.error.hint).toContain('Deactivate');
      const spare = await call('POST', '/admin/statuses', { key: adminKey, body: { name: 'Spare' } });
      expect((await call('DELETE', `/admin/statuses/${spare.json.status.id}`, { key: adminKey })).status).toBe(204);
      const system = await call('DELETE', `/admin/statuses/${w.status('new').id}`, { key: adminKey });
      expect(system.status).toBe(412);

      const settings = await call('PUT', '/admin/settings', { key: adminKey, body: { reopen_window_days: 14, reopen_target_status: 'in progress' } });
      expect(settings.json.settings).toEqual({
        reopen_window_days: 14,
        reopen_target_status: { id: w.status('in_progress').id, name: 'In Progress' },
      });
      const badTarget = await call('PUT', '/admin/settings', { key: adminKey, body: { reopen_target_status: 'Closed' } });
      expect(badTarget.status).toBe(412);
    });

    it('obeys HELPDESK_ACCESS, HELPDESK_TOOLSETS and DESKGATE_READ_ONLY like the tools, changing nothing when refused', async () => {
      const cases: [string, Parameters<typeof helpdeskRouteDeps>[1], boolean, [string, string, unknown?][], [string, string][]][] = [
        ['HELPDESK_ACCESS=read', { access: 'read' }, false, [['POST', '/tickets', { subject: 's', description: 'd', category_id: w.categories.hardware.id }], ['PUT', `/tickets/${w.tickets.alice.id}/status`, { status_id: 'Pending' }]], [['GET', '/tickets'], ['GET', '/statuses']]],
        ['HELPDESK_ACCESS=write', { access: 'write' }, false, [['DELETE', `/admin/statuses/${w.status('new').id}`]], [['GET', '/tickets']]],
        ['HELPDESK_TOOLSETS=catalog', { toolsets: ['catalog'] }, false, [['GET', '/tickets'], ['GET', `/tickets/${w.tickets.alice.id}`]], [['GET', '/categories'], ['GET', '/admin/statuses']]],
        ['DESKGATE_READ_ONLY', {}, true, [['POST', `/tickets/${w.tickets.alice.id}/replies`, { body: 'hi' }], ['PUT', '/admin/settings', { reopen_window_days: 1 }]], [['GET', '/tickets'], ['GET', '/admin/settings']]],
      ];
      for (const [label, common, readOnly, refused, allowed] of cases) {
        const capped = helpdeskManifest.routes!(w.runtime, helpdeskRouteDeps(w, common, readOnly));
        for (const [method, path, body] of refused) {
          const response = await capped.request(path, {
            method,
            headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          });
          expect(response.status, `${label} ${method} ${path}`).toBe(403);
          expect(((await response.json()) as { error: { code: string } }).error.code).toBe('permission_denied');
        }
        for (const [method, path] of allowed) {
          const response = await capped.request(path, { method, headers: { authorization: `Bearer ${adminKey}` } });
          expect(response.status, `${label} ${method} ${path}`).toBe(200);
        }
      }
      const ticket = await w.runtime.service.tickets.summary(w.users.admin, w.tickets.alice.id);
      expect(ticket.status.name).toBe('New');
    });

    it('answers unknown paths with a JSON not_found', async () => {
      const missing = await call('GET', '/nope', { key: adminKey });
      expect(missing.status).toBe(404);
      expect(missing.json.error.code).toBe('not_found');
    });
  });
});
