import { z } from 'zod';
import { defineTool } from '../runtime';
import { createKey, createOnce } from '../../../src/vendor-http/unknown-outcome';
import { PRIORITIES, ticketDetailOut } from '../schemas';

const ulid = () => z.string().trim().min(1).max(64);

export const createTicketInput = z.strictObject({
  subject: z.string().min(1).max(255).describe('One-line summary, at most 255 characters.'),
  description: z.string().min(1).max(20_000).describe('Full detail of the request. Markdown supported.'),
  category_id: ulid().describe('Category ULID, from helpdesk_list_categories.'),
  type_id: ulid().nullish().describe('Type ULID within that category, from helpdesk_list_categories.'),
  item_id: ulid().nullish().describe('Item ULID within that type (needs type_id), from helpdesk_list_categories.'),
  priority: z.enum(PRIORITIES).optional().describe('"Critical", "High", "Medium" or "Low". Default "Medium".'),
});

export default defineTool({
  name: 'helpdesk_create_ticket',
  title: 'Create a help desk ticket',
  description: [
    "Submits a new ticket with the caller as submitter.",
    "Use this when someone reports a problem and no ticket exists yet (search helpdesk_list_tickets with q first).",
    "Example: helpdesk_create_ticket({\"subject\": \"Laptop will not charge\", \"description\": \"Battery stays at 0%.\", \"category_id\": \"01J9Z3K4ZQ8W6X5V4T3S2R1P0N\", \"priority\": \"High\"}).",
    "Side effects: a new ticket in status New. The identical call within 10 minutes after one whose answer was lost returns that ticket (duplicate_of_recent), not a second.",
  ].join(' '),
  toolset: 'tickets',
  input: createTicketInput,
  output: z.object({
    ticket: ticketDetailOut,
    duplicate_of_recent: z.boolean().describe('True: the same ticket was created by this caller in the last 10 minutes but the answer may never have reached it, so that ticket is returned instead of a second one.'),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async handler(args, ctx) {
    const { service } = ctx.runtime;
    const actor = ctx.principal.user;
    // The help desk is local: a create's outcome is unknown to the caller when it went away or ran out of time after the
    // commit (the answer never arrived). Its identical retry within 10 minutes gets that ticket back, not a second one.
    const key = createKey('helpdesk ticket', actor.id, args.subject.trim(), args.description.trim());
    const { value: ticket, duplicateOfRecent } = await createOnce({
      marks: service.unknownCreates,
      key,
      findSaved: () => service.tickets.findOwnRecent(actor, args, new Date(service.now().getTime() - 10 * 60_000)),
      create: () => service.tickets.create(actor, args),
      vendor: 'The help desk',
      thing: 'ticket',
      callerGone: () => ctx.signal.aborted || (ctx.deadline !== undefined && ctx.deadline.remainingMs() <= 0),
    });
    // Seen now: a later identical create is a new ticket (only a lost answer is made good).
    if (duplicateOfRecent) await service.unknownCreates.clear(key);
    return { ticket, duplicate_of_recent: duplicateOfRecent };
  },
});
