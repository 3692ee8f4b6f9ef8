import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthUser } from '../../../src/auth/types';
import { forEachEngine } from '../../../tests/support/databases';
import { errorOf, runTool } from '../../../tests/support/tool-harness';
import { helpdeskManifest } from '../index';
import { openHelpdeskWorld, type HelpdeskWorld } from '../test-fixtures';

interface Detail {
  ticket: {
    id: string;
    tracking_number: string;
    description: string;
    replies: { body: string; is_internal: boolean; author: { name: string } }[];
    status_history: { from: { name: string } | null; to: { name: string }; changed_by: { name: string } }[];
    linked_tickets: { tracking_number: string; relation: string }[];
  };
}

forEachEngine((engine) => {
  describe('helpdesk_get_ticket', () => {
    let w: HelpdeskWorld;
    beforeEach(async () => {
      w = await openHelpdeskWorld(engine);
    });
    afterEach(() => w.db.close());

    const get = (ticket_id: string, who: AuthUser) =>
      runTool(helpdeskManifest, 'helpdesk_get_ticket', { ticket_id }, { runtime: w.runtime, principal: w.principal(who) });

    it('finds a ticket by tracking number and shows the thread with author names', async () => {
      const result = await get(w.tickets.alice.tracking_number.toLowerCase(), w.users.it);
      const { ticket } = result.structuredContent as unknown as Detail;
      expect(ticket.id).toBe(w.tickets.alice.id);
      expect(ticket.description).toBe('My laptop battery lasts ten minutes.');
      expect(ticket.replies.map((r) => [r.author.name, r.is_internal])).toEqual([
        ['Ivan', false],
        ['Ivan', true],
      ]);
      expect(ticket.status_history).toEqual([
        expect.objectContaining({ from: null, to: expect.objectContaining({ name: 'New' }), changed_by: expect.objectContaining({ name: 'Alice' }) }),
      ]);
    });

    it('never shows internal notes to the submitter, anywhere in the result', async () => {
      const result = await get(w.tickets.alice.id, w.users.alice);
      const { ticket } = result.structuredContent as unknown as Detail;
      expect(ticket.replies.map((r) => r.body)).toEqual(['Please try another charger.']);
      expect(JSON.stringify(result)).not.toContain('SECRET-NOTE');
    });

    it('answers an out-of-scope ticket exactly like a missing one', async () => {
      const hidden = errorOf(await get(w.tickets.bob.id, w.users.alice));
      const missing = errorOf(await get('01J00000000000000000000000', w.users.alice));
      expect(hidden.code).toBe('not_found');
      expect(hidden.message.replace(w.tickets.bob.id, 'X')).toBe(missing.message.replace('01J00000000000000000000000', 'X'));
      expect(JSON.stringify(hidden)).not.toContain('Office too cold');
    });

    it('shows linked tickets only when the caller could open them', async () => {
      await w.runtime.service.tickets.link(w.users.admin, {
        ticket_id: w.tickets.alice.id,
        linked_ticket_id: w.tickets.bob.id,
        relation: 'related',
      });
      const asAdmin = (await get(w.tickets.alice.id, w.users.admin)).structuredContent as unknown as Detail;
      expect(asAdmin.ticket.linked_tickets.map((l) => l.tracking_number)).toEqual([w.tickets.bob.tracking_number]);
      const asBob = (await get(w.tickets.bob.id, w.users.admin)).structuredContent as unknown as Detail;
      expect(asBob.ticket.linked_tickets.map((l) => l.relation)).toEqual(['related']);
      const asAlice = (await get(w.tickets.alice.id, w.users.alice)).structuredContent as unknown as Detail;
      expect(asAlice.ticket.linked_tickets).toEqual([]);
    });

    it('rejects something that is neither a ULID nor a tracking number', async () => {
      const error = errorOf(await get('ticket 42', w.users.admin));
      expect(error.code).toBe('invalid_argument');
      expect(error.hint).toContain('helpdesk_list_tickets');
    });
  });
});
