import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthUser } from '../../../src/auth/types';
import { forEachEngine } from '../../../tests/support/databases';
import { errorOf, runTool } from '../../../tests/support/tool-harness';
import { helpdeskManifest } from '../index';
import { openHelpdeskWorld, type HelpdeskWorld } from '../test-fixtures';

forEachEngine((engine) => {
  describe('helpdesk_assign_ticket', () => {
    let w: HelpdeskWorld;
    beforeEach(async () => {
      w = await openHelpdeskWorld(engine);
    });
    afterEach(() => w.db.close());

    const assign = (args: Record<string, unknown>, who: AuthUser = w.users.it) =>
      runTool(helpdeskManifest, 'helpdesk_assign_ticket', args, { runtime: w.runtime, principal: w.principal(who) });

    it('assigns a staff member, then a group (which clears the person), then unassigns', async () => {
      const person = await assign({ ticket_id: w.tickets.alice.id, assignee_id: w.users.fac.id });
      expect(person.structuredContent).toMatchObject({ ticket: { assignee: { id: w.users.fac.id, name: 'Fiona' }, group: null } });
      const group = await assign({ ticket_id: w.tickets.alice.id, group_id: w.groups.it.id });
      expect(group.structuredContent).toMatchObject({ ticket: { assignee: null, group: { name: 'IT' } } });
      const none = await assign({ ticket_id: w.tickets.alice.id, assignee_id: null, group_id: null });
      expect(none.structuredContent).toMatchObject({ ticket: { assignee: null, group: null } });
    });

    it('refuses both an assignee and a group at once', async () => {
      const error = errorOf(await assign({ ticket_id: w.tickets.alice.id, assignee_id: w.users.it.id, group_id: w.groups.it.id }));
      expect(error.code).toBe('invalid_argument');
    });

    it('refuses assigning to a plain user, and a user assigning at all', async () => {
      expect(errorOf(await assign({ ticket_id: w.tickets.alice.id, assignee_id: w.users.bob.id })).code).toBe('invalid_argument');
      const denied = errorOf(await assign({ ticket_id: w.tickets.alice.id, assignee_id: w.users.it.id }, w.users.alice));
      expect(denied.code).toBe('permission_denied');
      expect((await w.runtime.service.tickets.summary(w.users.admin, w.tickets.alice.id)).assignee).toBeNull();
    });

    it('reports unknown users and groups as not found', async () => {
      expect(errorOf(await assign({ ticket_id: w.tickets.alice.id, assignee_id: '01J00000000000000000000000' })).code).toBe('not_found');
      expect(errorOf(await assign({ ticket_id: w.tickets.alice.id, group_id: '01J00000000000000000000000' })).code).toBe('not_found');
    });

    it('makes an assigned ticket visible to its new assignee', async () => {
      await assign({ ticket_id: w.tickets.bob.id, assignee_id: w.users.loner.id }, w.users.admin);
      const seen = await w.runtime.service.tickets.list(w.users.loner, {});
      expect(seen.items.map((t) => t.id)).toEqual([w.tickets.bob.id]);
    });
  });
});
