/**
 * Every ticket operation, through both doors (MCP tool and REST endpoint),
 * for every role against its own, an in-scope and an out-of-scope ticket,
 * on every database engine. Asserts what comes back and what must not:
 * internal notes and other people's tickets.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../../src/auth/types';
import { httpStatusFor, type ErrorPayload } from '../../src/errors';
import { helpdeskManifest } from '../../connectors/helpdesk/index';
import { helpdeskRouteDeps, openHelpdeskWorld, type HelpdeskWorld } from '../../connectors/helpdesk/test-fixtures';
import { forEachEngine } from '../support/databases';
import { errorOf, runTool } from '../support/tool-harness';

type Outcome = 'ok' | ErrorPayload['code'];
type Relation = 'own' | 'in-scope' | 'out-of-scope';
type Op = 'get' | 'reply' | 'internal_note' | 'status' | 'assign';

interface Answer {
  outcome: Outcome;
  body: unknown;
}

interface Door {
  name: string;
  call(op: Op, who: AuthUser, ticketId: string): Promise<Answer>;
  list(who: AuthUser): Promise<Answer>;
  create(who: AuthUser): Promise<Answer>;
  catalog(who: AuthUser): Promise<Answer[]>;
}

/** What each role may do, by how the ticket relates to them. */
function expected(role: AuthUser['role'], relation: Relation, op: Op): Outcome {
  const staffOnly = op === 'internal_note' || op === 'status' || op === 'assign';
  if (role === 'user' && staffOnly) return 'permission_denied';
  if (relation === 'out-of-scope') return 'not_found';
  return 'ok';
}

function mcpDoor(w: HelpdeskWorld): Door {
  const tool = async (name: string, args: unknown, who: AuthUser): Promise<Answer> => {
    const result = await runTool(helpdeskManifest, name, args, { runtime: w.runtime, principal: w.principal(who) });
    return { outcome: result.isError ? errorOf(result).code : 'ok', body: result };
  };
  return {
    name: 'MCP',
    call: (op, who, ticket_id) => {
      switch (op) {
        case 'get':
          return tool('helpdesk_get_ticket', { ticket_id }, who);
        case 'reply':
          return tool('helpdesk_reply_to_ticket', { ticket_id, body: `reply by ${who.name}` }, who);
        case 'internal_note':
          return tool('helpdesk_reply_to_ticket', { ticket_id, body: `note by ${who.name}`, is_internal: true }, who);
        case 'status':
          return tool('helpdesk_update_ticket_status', { ticket_id, status_id: 'Pending' }, who);
        case 'assign':
          return tool('helpdesk_assign_ticket', { ticket_id, assignee_id: w.users.admin.id }, who);
      }
    },
    list: (who) => tool('helpdesk_list_tickets', { include_closed: true }, who),
    create: (who) =>
      tool('helpdesk_create_ticket', { subject: 'New one', description: 'd', category_id: w.categories.hardware.id }, who),
    catalog: async (who) => [await tool('helpdesk_list_categories', {}, who), await tool('helpdesk_list_statuses', {}, who)],
  };
}

async function restDoor(w: HelpdeskWorld): Promise<Door & { request(who: AuthUser, method: string, path: string, body?: unknown): Promise<Answer> }> {
  const app: Hono = helpdeskManifest.routes!(w.runtime, helpdeskRouteDeps(w));
  const secrets = new Map<string, string>();
  for (const user of Object.values(w.users)) {
    secrets.set(user.id, (await w.store.createKey({ userId: user.id, name: 'matrix' })).secret);
  }
  const request = async (who: AuthUser, method: string, path: string, body?: unknown): Promise<Answer> => {
    const response = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${secrets.get(who.id)}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as { error?: ErrorPayload };
    if (response.ok) return { outcome: 'ok', body: json };
    // Every error answers with the taxonomy's HTTP status.
    expect(response.status).toBe(httpStatusFor(json.error!.code));
    return { outcome: json.error!.code, body: json };
  };
  return {
    name: 'REST',
    request,
    call: (op, who, id) => {
      switch (op) {
        case 'get':
          return request(who, 'GET', `/tickets/${id}`);
        case 'reply':
          return request(who, 'POST', `/tickets/${id}/replies`, { body: `reply by ${who.name}` });
        case 'internal_note':
          return request(who, 'POST', `/tickets/${id}/replies`, { body: `note by ${who.name}`, is_internal: true });
        case 'status':
          return request(who, 'PUT', `/tickets/${id}/status`, { status_id: 'Pending' });
        case 'assign':
          return request(who, 'PUT', `/tickets/${id}/assignment`, { assignee_id: w.users.admin.id });
      }
    },
    list: (who) => request(who, 'GET', '/tickets?include_closed=true'),
    create: (who) => request(who, 'POST', '/tickets', { subject: 'New one', description: 'd', category_id: w.categories.hardware.id }),
    catalog: async (who) => [await request(who, 'GET', '/categories'), await request(who, 'GET', '/statuses')],
  };
}

const OPS: Op[] = ['get', 'reply', 'internal_note', 'status', 'assign'];

forEachEngine((engine) => {
  for (const doorName of ['MCP', 'REST'] as const) {
    describe(`permission matrix through ${doorName}`, () => {
      let w: HelpdeskWorld;
      let door: Door;
      beforeAll(async () => {
        w = await openHelpdeskWorld(engine);
        door = doorName === 'MCP' ? mcpDoor(w) : await restDoor(w);
      });
      afterAll(() => w.db.close());

      /** [who, ticket, relation] — fiona's group is scoped to Facilities > Office only (a category+type pair). */
      const pairs = (): [string, AuthUser, string, Relation][] => [
        ['alice (user) / her ticket', w.users.alice, w.tickets.alice.id, 'own'],
        ["alice (user) / bob's ticket", w.users.alice, w.tickets.bob.id, 'out-of-scope'],
        ['ivan (staff, IT: Hardware) / Hardware ticket', w.users.it, w.tickets.alice.id, 'in-scope'],
        ['ivan (staff, IT: Hardware) / Facilities ticket', w.users.it, w.tickets.bob.id, 'out-of-scope'],
        ['fiona (staff, Facilities > Office) / Office ticket', w.users.fac, w.tickets.bob.id, 'in-scope'],
        ['fiona (staff, Facilities > Office) / Hardware ticket', w.users.fac, w.tickets.alice.id, 'out-of-scope'],
        ['lou (staff, no group) / any ticket', w.users.loner, w.tickets.alice.id, 'out-of-scope'],
        ['admin / Hardware ticket', w.users.admin, w.tickets.alice.id, 'in-scope'],
        ['admin / Facilities ticket', w.users.admin, w.tickets.bob.id, 'in-scope'],
      ];

      it('allows and refuses each operation as the role and scope say, and never shows internal notes to a user', async () => {
        const table: string[] = [];
        for (const [label, who, ticketId, relation] of pairs()) {
          for (const op of OPS) {
            const answer = await door.call(op, who, ticketId);
            const want = expected(who.role, relation, op);
            table.push(`${label} ${op}: ${answer.outcome === want ? 'as expected' : `got ${answer.outcome}, want ${want}`}`);
            const text = JSON.stringify(answer.body);
            if (who.role === 'user') expect(text).not.toContain('SECRET-NOTE');
            if (answer.outcome === 'not_found') {
              // Out of scope looks exactly like missing: nothing about the ticket leaks.
              expect(text).not.toMatch(/Laptop battery dies|Office too cold/);
            }
            if (op === 'get' && answer.outcome === 'ok' && who.role !== 'user') expect(text).toContain('SECRET-NOTE');
          }
        }
        expect(table.filter((line) => !line.endsWith('as expected'))).toEqual([]);
      });

      it('lists only the tickets each role may see', async () => {
        const ids = async (who: AuthUser) =>
          JSON.stringify((await door.list(who)).body).match(/"tracking_number":"HD-\d{4}-\d+"/g)?.sort() ?? [];
        const alice = `"tracking_number":"${w.tickets.alice.tracking_number}"`;
        const bob = `"tracking_number":"${w.tickets.bob.tracking_number}"`;
        expect(await ids(w.users.alice)).toEqual([alice]);
        expect(await ids(w.users.bob)).toEqual([bob]);
        expect(await ids(w.users.it)).toEqual([alice]);
        expect(await ids(w.users.fac)).toEqual([bob]);
        expect(await ids(w.users.loner)).toEqual([]);
        expect((await ids(w.users.admin)).sort()).toEqual([alice, bob].sort());
        expect(JSON.stringify((await door.list(w.users.alice)).body)).not.toContain('SECRET-NOTE');
      });

      it('lets every role create (as themselves) and read the catalog', async () => {
        for (const who of [w.users.alice, w.users.it, w.users.admin]) {
          const created = await door.create(who);
          expect(created.outcome).toBe('ok');
          expect(JSON.stringify(created.body)).toContain(`"submitter":{"id":"${who.id}"`);
          for (const answer of await door.catalog(who)) expect(answer.outcome).toBe('ok');
        }
      });

      it('keeps Closed for admins', async () => {
        const close = (who: AuthUser) =>
          doorName === 'MCP'
            ? runTool(helpdeskManifest, 'helpdesk_update_ticket_status', { ticket_id: w.tickets.bob.id, status_id: 'Closed' }, { runtime: w.runtime, principal: w.principal(who) }).then((r) => (r.isError ? errorOf(r).code : 'ok'))
            : (door as Awaited<ReturnType<typeof restDoor>>).request(who, 'PUT', `/tickets/${w.tickets.bob.id}/status`, { status_id: 'Closed' }).then((a) => a.outcome);
        expect(await close(w.users.fac)).toBe('permission_denied');
        expect(await close(w.users.admin)).toBe('ok');
      });
    });
  }

  describe('REST admin endpoints by role', () => {
    let w: HelpdeskWorld;
    let rest: Awaited<ReturnType<typeof restDoor>>;
    beforeAll(async () => {
      w = await openHelpdeskWorld(engine);
      rest = await restDoor(w);
    });
    afterAll(() => w.db.close());

    const ADMIN_CALLS: [string, string, unknown?][] = [
      ['GET', '/admin/groups'],
      ['POST', '/admin/groups', { name: 'Night shift' }],
      ['GET', '/admin/statuses'],
      ['POST', '/admin/statuses', { name: 'On hold' }],
      ['POST', '/admin/categories', { name: 'Travel' }],
      ['GET', '/admin/settings'],
      ['PUT', '/admin/settings', { reopen_window_days: 3 }],
    ];

    it('refuses users and staff with permission_denied naming admin, and serves admins', async () => {
      for (const [method, path, body] of ADMIN_CALLS) {
        for (const who of [w.users.alice, w.users.it]) {
          const answer = await rest.request(who, method, path, body);
          expect([method, path, answer.outcome]).toEqual([method, path, 'permission_denied']);
          expect(JSON.stringify(answer.body)).toContain('admin role');
        }
        expect([method, path, (await rest.request(w.users.admin, method, path, body)).outcome]).toEqual([method, path, 'ok']);
      }
      // The refused writes really did nothing.
      const groups = (await rest.request(w.users.admin, 'GET', '/admin/groups')).body as { items: { name: string }[] };
      expect(groups.items.filter((g) => g.name === 'Night shift')).toHaveLength(1);
    });
  });
});
