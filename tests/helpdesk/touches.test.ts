import { beforeEach, describe, expect, it } from 'vitest';
import { openHelpdeskWorld, type HelpdeskWorld } from '../../connectors/helpdesk/test-fixtures';
import { forEachEngine } from '../support/databases';

/** What a person did on tickets in a span (the time toolset's day view), within the reader's own ticket scope. */
forEachEngine((engine) => {
  describe('Tickets.touchesBy', () => {
    let w: HelpdeskWorld;
    const from = new Date(Date.now() - 3600_000);
    const to = new Date(Date.now() + 3600_000);

    beforeEach(async () => {
      w = await openHelpdeskWorld(engine);
      await w.runtime.service.tickets.updateStatus(w.users.it, { ticket_id: w.tickets.alice.id, status_id: w.status('resolved').id });
    });

    it("lists a staff member's replies, internal notes and resolutions for an admin, oldest first", async () => {
      const touches = await w.runtime.service.tickets.touchesBy(w.users.admin, w.users.it.id, from, to);
      expect(touches.map((t) => [t.trackingNumber, t.subject, t.kind])).toEqual([
        [w.tickets.alice.tracking_number, 'Laptop battery dies', 'replied'],
        [w.tickets.alice.tracking_number, 'Laptop battery dies', 'replied'],
        [w.tickets.alice.tracking_number, 'Laptop battery dies', 'resolved'],
      ]);
      // Creating a ticket is not a touch (the submitter's first history row).
      expect(await w.runtime.service.tickets.touchesBy(w.users.admin, w.users.bob.id, from, to)).toEqual([]);
    });

    it('keeps internal notes from a user and tickets outside the reader scope from staff', async () => {
      const forAlice = await w.runtime.service.tickets.touchesBy(w.users.alice, w.users.it.id, from, to);
      expect(forAlice.map((t) => t.kind)).toEqual(['replied', 'resolved']);
      expect(await w.runtime.service.tickets.touchesBy(w.users.fac, w.users.it.id, from, to)).toEqual([]);
    });

    it('counts only what happened inside the span', async () => {
      expect(await w.runtime.service.tickets.touchesBy(w.users.admin, w.users.it.id, to, new Date(to.getTime() + 3600_000))).toEqual([]);
    });
  });
});

forEachEngine((engine) => {
  describe('Groups.membersOf', () => {
    it('finds a group by name or id with its members for staff, and refuses a user', async () => {
      const w = await openHelpdeskWorld(engine);
      const byName = await w.runtime.service.groups.membersOf(w.users.fac, 'it');
      expect(byName).toEqual({ id: w.groups.it.id, name: 'IT', userIds: [w.users.it.id] });
      expect(await w.runtime.service.groups.membersOf(w.users.fac, w.groups.facilities.id)).toMatchObject({ name: 'Facilities team', userIds: [w.users.fac.id] });
      expect(await w.runtime.service.groups.membersOf(w.users.fac, 'Nobody')).toBeUndefined();
      await expect(w.runtime.service.groups.membersOf(w.users.alice, 'IT')).rejects.toMatchObject({ code: 'permission_denied' });
    });
  });
});
