import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthUser } from '../../../src/auth/types';
import { forEachEngine } from '../../../tests/support/databases';
import { errorOf, runTool } from '../../../tests/support/tool-harness';
import { helpdeskManifest } from '../index';
import { createHelpdeskService } from '../service';
import { openHelpdeskWorld, type HelpdeskWorld } from '../test-fixtures';

interface Created {
  ticket: { id: string; tracking_number: string; submitter: { id: string }; status: { name: string }; priority: string; category: { path: string } };
}

forEachEngine((engine) => {
  describe('helpdesk_create_ticket', () => {
    let w: HelpdeskWorld;
    beforeEach(async () => {
      w = await openHelpdeskWorld(engine);
    });
    afterEach(() => w.db.close());

    const create = (args: Record<string, unknown>, who: AuthUser = w.users.alice) =>
      runTool(helpdeskManifest, 'helpdesk_create_ticket', args, { runtime: w.runtime, principal: w.principal(who) });

    it('a caller who went away before the answer gets the same ticket back on the identical retry, on another process too, not a second one', async () => {
      const args = { subject: 'VPN drops', description: 'Every 10 minutes.', category_id: w.categories.hardware.id };
      const gone = new AbortController();
      gone.abort();
      // The ticket is committed, but the caller is gone: the answer never reaches it.
      await runTool(helpdeskManifest, 'helpdesk_create_ticket', args, { runtime: w.runtime, principal: w.principal(w.users.alice), signal: gone.signal });
      // The retry reaches another gateway process (its own service and memory, the same database).
      const otherProcess = { ...w.runtime, service: createHelpdeskService({ db: w.db, users: w.store }) };
      const retried = await runTool(helpdeskManifest, 'helpdesk_create_ticket', args, { runtime: otherProcess, principal: w.principal(w.users.alice) });
      const again = retried.structuredContent as unknown as Created & { duplicate_of_recent: boolean };
      expect(again.duplicate_of_recent).toBe(true);
      const mine = await w.db.all<{ id: string }>('SELECT id FROM helpdesk_tickets WHERE submitter_id = ? AND subject = ?', [w.users.alice.id, 'VPN drops']);
      expect(mine.map((r) => r.id)).toEqual([again.ticket.id]);
      // Another caller's identical ticket is theirs, and once seen, a further identical create is a new ticket.
      expect(((await create(args, w.users.bob)).structuredContent as { duplicate_of_recent: boolean }).duplicate_of_recent).toBe(false);
      expect(((await create(args)).structuredContent as { duplicate_of_recent: boolean }).duplicate_of_recent).toBe(false);
    });

    it('files the ticket as the key owner, in New, Medium by default, with the next tracking number', async () => {
      // The submitter is never an argument: naming one is refused as an unknown field.
      const spoof = errorOf(
        await create({ subject: 'Mouse broken', description: 'Left button sticks.', category_id: w.categories.hardware.id, submitter_id: w.users.bob.id }),
      );
      expect(spoof.code).toBe('invalid_argument');
      const result = await create({
        subject: 'Mouse broken',
        description: 'Left button sticks.',
        category_id: w.categories.hardware.id,
      });
      const { ticket } = result.structuredContent as unknown as Created;
      expect(ticket.submitter.id).toBe(w.users.alice.id);
      expect(ticket).toMatchObject({ status: { name: 'New' }, priority: 'Medium', category: { path: 'Hardware' } });
      const year = new Date().getUTCFullYear();
      expect(ticket.tracking_number).toBe(`HD-${year}-000003`);
    });

    it('names helpdesk_list_categories when a category id is unknown', async () => {
      const error = errorOf(await create({ subject: 's', description: 'd', category_id: '01J00000000000000000000000' }));
      expect(error.code).toBe('not_found');
      expect(error.hint).toContain('helpdesk_list_categories');
    });

    it('refuses a type from another category and an item without its type', async () => {
      const wrongType = errorOf(
        await create({ subject: 's', description: 'd', category_id: w.categories.facilities.id, type_id: w.categories.laptop.id }),
      );
      expect(wrongType).toMatchObject({ code: 'invalid_argument', fields: [{ field: 'type_id' }] });
      const orphanItem = errorOf(
        await create({ subject: 's', description: 'd', category_id: w.categories.hardware.id, item_id: w.categories.battery.id }),
      );
      expect(orphanItem.code).toBe('invalid_argument');
    });

    it('refuses a subject over 255 characters and an unknown priority', async () => {
      const long = errorOf(await create({ subject: 'x'.repeat(256), description: 'd', category_id: w.categories.hardware.id }));
      expect(long).toMatchObject({ code: 'invalid_argument', fields: [{ field: 'subject' }] });
      const priority = errorOf(
        await create({ subject: 's', description: 'd', category_id: w.categories.hardware.id, priority: 'Urgent' }),
      );
      expect(priority.code).toBe('invalid_argument');
    });
  });
});
