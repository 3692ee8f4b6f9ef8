import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthUser } from '../../../src/auth/types';
import { forEachEngine } from '../../../tests/support/databases';
import { errorOf, runTool } from '../../../tests/support/tool-harness';
import { helpdeskManifest } from '../index';
import { openHelpdeskWorld, type HelpdeskWorld } from '../test-fixtures';

const DAY = 24 * 60 * 60 * 1000;

forEachEngine((engine) => {
  describe('helpdesk_reply_to_ticket', () => {
    let w: HelpdeskWorld;
    let now = new Date('2026-03-10T12:00:00.000Z');
    beforeEach(async () => {
      now = new Date('2026-03-10T12:00:00.000Z');
      w = await openHelpdeskWorld(engine, { now: () => now });
    });
    afterEach(() => w.db.close());

    const reply = (args: Record<string, unknown>, who: AuthUser) =>
      runTool(helpdeskManifest, 'helpdesk_reply_to_ticket', args, { runtime: w.runtime, principal: w.principal(who) });
    const resolveAliceTicket = async (resolvedAt: Date) => {
      now = resolvedAt;
      await w.runtime.service.tickets.updateStatus(w.users.it, { ticket_id: w.tickets.alice.id, status_id: 'Resolved' });
    };
    const statusOfAlice = async () => (await w.runtime.service.tickets.summary(w.users.admin, w.tickets.alice.id)).status.name;

    it('refuses an internal note from a user and posts nothing', async () => {
      const error = errorOf(await reply({ ticket_id: w.tickets.alice.id, body: 'psst', is_internal: true }, w.users.alice));
      expect(error.code).toBe('permission_denied');
      expect(error.message).toContain('staff');
      const thread = await w.runtime.service.tickets.get(w.users.admin, w.tickets.alice.id);
      expect(thread.replies.map((r) => r.body)).not.toContain('psst');
    });

    it('reopens a Resolved ticket when the submitter replies just inside the window', async () => {
      await resolveAliceTicket(new Date('2026-03-01T12:00:00.000Z'));
      now = new Date(Date.parse('2026-03-01T12:00:00.000Z') + 7 * DAY - 60_000);
      const result = await reply({ ticket_id: w.tickets.alice.id, body: 'Still broken' }, w.users.alice);
      expect(result.structuredContent).toMatchObject({ reopened: true, ticket: { status: { name: 'New' } } });
    });

    it('refuses the reply just outside the window and leaves the ticket Resolved', async () => {
      await resolveAliceTicket(new Date('2026-03-01T12:00:00.000Z'));
      now = new Date(Date.parse('2026-03-01T12:00:00.000Z') + 7 * DAY + 60_000);
      const error = errorOf(await reply({ ticket_id: w.tickets.alice.id, body: 'Still broken' }, w.users.alice));
      expect(error.code).toBe('precondition_failed');
      expect(error.message).toContain('7 days');
      expect(error.hint).toContain('helpdesk_create_ticket');
      expect(await statusOfAlice()).toBe('Resolved');
    });

    it('uses the window and target status from settings, and 0 disables reopening', async () => {
      await w.runtime.service.settings.update(w.users.admin, { reopen_window_days: 30, reopen_target_status: 'In Progress' });
      await resolveAliceTicket(new Date('2026-03-01T12:00:00.000Z'));
      now = new Date(Date.parse('2026-03-01T12:00:00.000Z') + 20 * DAY);
      const reopened = await reply({ ticket_id: w.tickets.alice.id, body: 'Back again' }, w.users.alice);
      expect(reopened.structuredContent).toMatchObject({ reopened: true, ticket: { status: { name: 'In Progress' } } });

      await w.runtime.service.settings.update(w.users.admin, { reopen_window_days: 0 });
      await resolveAliceTicket(now);
      const error = errorOf(await reply({ ticket_id: w.tickets.alice.id, body: 'Once more' }, w.users.alice));
      expect(error.code).toBe('precondition_failed');
      expect(await statusOfAlice()).toBe('Resolved');
    });

    it('does not reopen when staff reply to a Resolved ticket', async () => {
      await resolveAliceTicket(now);
      const result = await reply({ ticket_id: w.tickets.alice.id, body: 'Closing the loop' }, w.users.it);
      expect(result.structuredContent).toMatchObject({ reopened: false, ticket: { status: { name: 'Resolved' } } });
    });

    it('takes no replies on a Closed ticket, from anyone', async () => {
      await w.runtime.service.tickets.updateStatus(w.users.admin, { ticket_id: w.tickets.alice.id, status_id: 'Closed' });
      for (const who of [w.users.alice, w.users.it, w.users.admin]) {
        expect(errorOf(await reply({ ticket_id: w.tickets.alice.id, body: 'hello' }, who)).code).toBe('precondition_failed');
      }
    });

    it("cannot reply to someone else's ticket, and is told it does not exist", async () => {
      expect(errorOf(await reply({ ticket_id: w.tickets.bob.id, body: 'hi' }, w.users.alice)).code).toBe('not_found');
    });
  });
});
