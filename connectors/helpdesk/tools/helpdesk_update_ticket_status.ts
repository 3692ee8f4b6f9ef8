import { z } from 'zod';
import { defineTool } from '../runtime';
import { statusRefOut, ticketRef, ticketSummaryOut } from '../schemas';

export const updateStatusInput = z.strictObject({
  ticket_id: ticketRef,
  status_id: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .describe('Target status ULID from helpdesk_list_statuses (a status name such as "Resolved" is also accepted).'),
});

export default defineTool({
  name: 'helpdesk_update_ticket_status',
  title: 'Change a help desk ticket\'s status',
  description: [
    "Moves a ticket to another status, recorded in its history. Staff or admin role; only admins may set or leave Closed.",
    "Use this when work on a ticket starts, waits on someone, or is done.",
    "Example: helpdesk_update_ticket_status({\"ticket_id\": \"HD-2026-000042\", \"status_id\": \"Resolved\"}).",
    "Side effects: Resolved starts the reopen window. Setting the current status again changes nothing (changed false).",
  ].join(' '),
  toolset: 'tickets',
  input: updateStatusInput,
  output: z.object({
    ticket: ticketSummaryOut,
    previous_status: statusRefOut,
    changed: z.boolean().describe('false when the ticket already had this status'),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, ctx) {
    const result = await ctx.runtime.service.tickets.updateStatus(ctx.principal.user, args);
    return result;
  },
});
