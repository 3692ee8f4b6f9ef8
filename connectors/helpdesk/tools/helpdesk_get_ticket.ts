import { z } from 'zod';
import { defineTool } from '../runtime';
import { ticketDetailOut, ticketRef } from '../schemas';

export default defineTool({
  name: 'helpdesk_get_ticket',
  title: 'Get a help desk ticket with its thread',
  description: [
    "Returns one ticket with its description, reply thread (oldest first), status history and linked tickets; internal notes (is_internal) only for staff and admins.",
    "Use this for what was said on a ticket or how it reached its status.",
    "Example: helpdesk_get_ticket({\"ticket_id\": \"HD-2026-000042\"}).",
  ].join(' '),
  toolset: 'tickets',
  input: z.strictObject({ ticket_id: ticketRef }),
  output: z.object({ ticket: ticketDetailOut }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, ctx) {
    const ticket = await ctx.runtime.service.tickets.get(ctx.principal.user, args.ticket_id);
    return { ticket };
  },
});
