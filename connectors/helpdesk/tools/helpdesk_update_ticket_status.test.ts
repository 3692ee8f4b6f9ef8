import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthUser } from '../../../src/auth/types';
import { forEachEngine } from '../../../tests/support/databases';
import { errorOf, runTool } from '../../../tests/support/tool-harness';
import { helpdeskManifest } from '../index';
import { openHelpdeskWorld, type HelpdeskWorld } from '../test-fixtures';

forEachEngine((engine) => {
  describe('helpdesk_update_ticket_status', () => {
    let w: HelpdeskWorld;
    beforeEach(async () => {
      w = await openHelpdeskWorld(engine);
    });
    afterEach(() => w.db.close());

    const update = (args: Record<string, unknown>, who: AuthUser) =>
      runTool(helpdeskManifest, 'helpdesk_update_ticket_status', args, { runtime: w.runtime, principal: w.principal(who) });

    it('moves the ticket and records who did it in the history', async () => {
      const result = await update({ ticket_id: w.tickets.alice.id, status_id: w.status('in_progress').id }, w.users.it);
      expect(result.structuredContent).toMatchObject({ changed: true, previous_status: { name: 'New' }, ticket: { status: { name: 'In Progress' } } });
      const detail = await w.runtime.service.tickets.get(w.users.admin, w.tickets.alice.id);
      expect(detail.status_history.at(-1)).toMatchObject({ from: { name: 'New' }, to: { name: 'In Progress' }, changed_by: { name: 'Ivan' } });
    });

    it('refuses a user, naming the staff role, and changes nothing', async () => {
      const error = errorOf(await update({ ticket_id: w.tickets.alice.id, status_id: 'Resolved' }, w.users.alice));
      expect(error.code).toBe('permission_denied');
      expect(error.message).toContain('staff');
      expect((await w.runtime.service.tickets.summary(w.users.admin, w.tickets.alice.id)).status.name).toBe('New');
    });

    it('lets only admins close', async () => {
      const error = errorOf(await update({ ticket_id: w.tickets.alice.id, status_id: w.status('closed').id }, w.users.it));
      expect(error.code).toBe('permission_denied');
      expect(error.message).toContain('admin');
      const closed = await update({ ticket_id: w.tickets.alice.id, status_id: w.status('closed').id }, w.users.admin);
      expect(closed.structuredContent).toMatchObject({ ticket: { status: { name: 'Closed' } } });
    });

    it('names helpdesk_list_statuses for an unknown status', async () => {
      const error = errorOf(await update({ ticket_id: w.tickets.alice.id, status_id: '01J00000000000000000000000' }, w.users.admin));
      expect(error.code).toBe('not_found');
      expect(error.hint).toContain('helpdesk_list_statuses');
    });

    it('treats a ticket outside the staff scope as not found', async () => {
      expect(errorOf(await update({ ticket_id: w.tickets.bob.id, status_id: 'Pending' }, w.users.it)).code).toBe('not_found');
    });
  });
});
