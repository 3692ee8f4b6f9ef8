import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { helpdeskManifest } from '../../connectors/helpdesk/index';
import { openHelpdeskWorld, type HelpdeskWorld } from '../../connectors/helpdesk/test-fixtures';
import { forEachEngine } from '../support/databases';
import { runTool } from '../support/tool-harness';

const CLIENTS = 20;
const TICKETS_PER_CLIENT = 3;
const REPLIES_PER_TICKET = 2;

forEachEngine((engine) => {
  describe('20 clients at once', () => {
    let w: HelpdeskWorld;
    beforeEach(async () => {
      w = await openHelpdeskWorld(engine);
    });
    afterEach(() => w.db.close());

    it('lose no ticket or reply and never share a tracking number', async () => {
      const clients = await Promise.all(
        Array.from({ length: CLIENTS }, async (_, n) =>
          (await w.store.ensureUser({ email: `client${n}@example.test`, name: `Client ${n}`, role: 'user' })).user,
        ),
      );
      const created = await Promise.all(
        clients.map(async (client, n) => {
          const mine: string[] = [];
          for (let t = 0; t < TICKETS_PER_CLIENT; t++) {
            const result = await runTool(
              helpdeskManifest,
              'helpdesk_create_ticket',
              { subject: `client ${n} ticket ${t}`, description: 'concurrent', category_id: w.categories.hardware.id },
              { runtime: w.runtime, principal: w.principal(client) },
            );
            expect(result.isError, JSON.stringify(result)).toBeFalsy();
            const { ticket } = result.structuredContent as { ticket: { id: string; tracking_number: string } };
            mine.push(ticket.tracking_number);
            // Replies interleave with other clients' creates.
            await Promise.all(
              Array.from({ length: REPLIES_PER_TICKET }, (_, r) =>
                runTool(
                  helpdeskManifest,
                  'helpdesk_reply_to_ticket',
                  { ticket_id: ticket.id, body: `reply ${r}` },
                  { runtime: w.runtime, principal: w.principal(client) },
                ).then((reply) => expect(reply.isError, JSON.stringify(reply)).toBeFalsy()),
              ),
            );
          }
          return mine;
        }),
      );

      const numbers = created.flat();
      expect(numbers).toHaveLength(CLIENTS * TICKETS_PER_CLIENT);
      expect(new Set(numbers).size).toBe(numbers.length);
      // Two fixture tickets came first, so the counter has no gaps either.
      const serials = numbers.map((n) => Number(n.split('-')[2])).sort((a, b) => a - b);
      expect(serials).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 3));

      const stored = await w.db.get<{ n: unknown }>("SELECT COUNT(*) AS n FROM helpdesk_tickets WHERE description = 'concurrent'");
      expect(Number(stored?.n)).toBe(CLIENTS * TICKETS_PER_CLIENT);
      const replies = await w.db.get<{ n: unknown }>(
        "SELECT COUNT(*) AS n FROM helpdesk_replies r JOIN helpdesk_tickets t ON t.id = r.ticket_id WHERE t.description = 'concurrent'",
      );
      expect(Number(replies?.n)).toBe(CLIENTS * TICKETS_PER_CLIENT * REPLIES_PER_TICKET);
      for (const [n, client] of clients.entries()) {
        const page = await w.runtime.service.tickets.list(client, {});
        expect(page.items.map((t) => t.subject).sort()).toEqual(
          Array.from({ length: TICKETS_PER_CLIENT }, (_, t) => `client ${n} ticket ${t}`),
        );
        expect(page.items.every((t) => t.reply_count === REPLIES_PER_TICKET)).toBe(true);
      }
    });
  });
});
