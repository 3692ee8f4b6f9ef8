import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { helpdeskManifest } from '../../connectors/helpdesk/index';
import type { HelpdeskRuntime } from '../../connectors/helpdesk/runtime';
import { createHelpdeskService } from '../../connectors/helpdesk/service';
import { openHelpdeskWorld, type HelpdeskWorld } from '../../connectors/helpdesk/test-fixtures';
import type { Db } from '../../src/storage/types';
import { forEachEngine } from '../support/databases';
import { errorOf, runTool } from '../support/tool-harness';

/**
 * An admin closes a ticket after a staff member's (or the submitter's) call
 * has read it but before it writes. The write must not undo the close or add
 * a reply to a Closed ticket: the call fails with a conflict instead.
 * The interleaving is forced: the racing call's service runs the admin's close
 * just before it opens its write transaction.
 */
forEachEngine((engine) => {
  describe('status changes racing an admin closing the ticket', () => {
    let w: HelpdeskWorld;
    let racing: HelpdeskRuntime;
    let beforeNextWrite: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      w = await openHelpdeskWorld(engine);
      const db: Db = {
        engine: w.db.engine,
        description: w.db.description,
        all: (sql, params) => w.db.all(sql, params),
        get: (sql, params) => w.db.get(sql, params),
        run: (sql, params) => w.db.run(sql, params),
        ping: () => w.db.ping(),
        close: () => w.db.close(),
        async transaction(fn) {
          const hook = beforeNextWrite;
          beforeNextWrite = undefined;
          await hook?.();
          return w.db.transaction(fn);
        },
      };
      racing = { ...w.runtime, service: createHelpdeskService({ db, users: w.store }) };
    });
    afterEach(() => w.db.close());

    const adminCloses = (ticketId: string) => async () => {
      await w.runtime.service.tickets.updateStatus(w.users.admin, { ticket_id: ticketId, status_id: w.status('closed').id });
    };
    const current = (ticketId: string) => w.runtime.service.tickets.get(w.users.admin, ticketId);

    it('a status change loses to the close and says so', async () => {
      beforeNextWrite = adminCloses(w.tickets.alice.id);
      const result = await runTool(
        helpdeskManifest,
        'helpdesk_update_ticket_status',
        { ticket_id: w.tickets.alice.id, status_id: w.status('in_progress').id },
        { runtime: racing, principal: w.principal(w.users.it) },
      );
      const error = errorOf(result);
      expect(error.code).toBe('conflict');
      expect(error.hint).toContain('helpdesk_get_ticket');
      const ticket = await current(w.tickets.alice.id);
      expect(ticket.status.id).toBe(w.status('closed').id);
      expect(ticket.closed_at).not.toBeNull();
    });

    it('a reply loses to the close and is not stored', async () => {
      const before = (await current(w.tickets.alice.id)).replies.length;
      beforeNextWrite = adminCloses(w.tickets.alice.id);
      const result = await runTool(
        helpdeskManifest,
        'helpdesk_reply_to_ticket',
        { ticket_id: w.tickets.alice.id, body: 'Still broken!' },
        { runtime: racing, principal: w.principal(w.users.alice) },
      );
      expect(errorOf(result).code).toBe('conflict');
      const ticket = await current(w.tickets.alice.id);
      expect(ticket.status.id).toBe(w.status('closed').id);
      expect(ticket.replies).toHaveLength(before);
    });

    it('a reopening reply on a Resolved ticket loses to the close', async () => {
      await w.runtime.service.tickets.updateStatus(w.users.it, { ticket_id: w.tickets.alice.id, status_id: w.status('resolved').id });
      beforeNextWrite = adminCloses(w.tickets.alice.id);
      const result = await runTool(
        helpdeskManifest,
        'helpdesk_reply_to_ticket',
        { ticket_id: w.tickets.alice.id, body: 'It is back.' },
        { runtime: racing, principal: w.principal(w.users.alice) },
      );
      expect(errorOf(result).code).toBe('conflict');
      expect((await current(w.tickets.alice.id)).status.id).toBe(w.status('closed').id);
    });

    it('without a race the same calls succeed', async () => {
      const reply = await runTool(
        helpdeskManifest,
        'helpdesk_reply_to_ticket',
        { ticket_id: w.tickets.alice.id, body: 'Still broken!' },
        { runtime: racing, principal: w.principal(w.users.alice) },
      );
      expect(reply.isError).toBeFalsy();
      const change = await runTool(
        helpdeskManifest,
        'helpdesk_update_ticket_status',
        { ticket_id: w.tickets.alice.id, status_id: w.status('in_progress').id },
        { runtime: racing, principal: w.principal(w.users.it) },
      );
      expect(change.isError).toBeFalsy();
    });
  });
});
