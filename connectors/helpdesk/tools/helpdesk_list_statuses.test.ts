import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthUser } from '../../../src/auth/types';
import { forEachEngine } from '../../../tests/support/databases';
import { errorOf, runTool } from '../../../tests/support/tool-harness';
import { helpdeskManifest } from '../index';
import { openHelpdeskWorld, type HelpdeskWorld } from '../test-fixtures';

forEachEngine((engine) => {
  describe('helpdesk_list_statuses', () => {
    let w: HelpdeskWorld;
    beforeEach(async () => {
      w = await openHelpdeskWorld(engine);
    });
    afterEach(() => w.db.close());

    const list = (who: AuthUser) =>
      runTool(helpdeskManifest, 'helpdesk_list_statuses', {}, { runtime: w.runtime, principal: w.principal(who) });

    it('lists the five system statuses in order, for any role', async () => {
      const { items } = (await list(w.users.alice)).structuredContent as { items: { name: string; kind: string; is_active: boolean }[] };
      expect(items.map((s) => [s.name, s.kind, s.is_active])).toEqual([
        ['New', 'new', true],
        ['In Progress', 'in_progress', true],
        ['Pending', 'pending', true],
        ['Resolved', 'resolved', true],
        ['Closed', 'closed', true],
      ]);
    });

    it('shows admin changes: a renamed system status keeps its kind, a custom one is listed', async () => {
      await w.runtime.service.catalog.updateStatus(w.users.admin, w.status('pending').id, { name: 'Waiting on customer' });
      await w.runtime.service.catalog.createStatus(w.users.admin, { name: 'On hold' });
      const { items } = (await list(w.users.it)).structuredContent as { items: { name: string; kind: string }[] };
      expect(items).toContainEqual(expect.objectContaining({ name: 'Waiting on customer', kind: 'pending' }));
      expect(items.at(-1)).toMatchObject({ name: 'On hold', kind: 'custom' });
      const statusError = errorOf(
        await runTool(helpdeskManifest, 'helpdesk_update_ticket_status', { ticket_id: w.tickets.alice.id, status_id: 'Pending' }, { runtime: w.runtime, principal: w.principal(w.users.admin) }),
      );
      expect(statusError.code).toBe('not_found');
    });
  });
});
