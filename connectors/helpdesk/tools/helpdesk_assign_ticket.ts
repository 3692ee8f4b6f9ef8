import { z } from 'zod';
import { defineTool } from '../runtime';
import { ticketRef, ticketSummaryOut } from '../schemas';

export const assignInput = z.strictObject({
  ticket_id: ticketRef,
  assignee_id: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .nullable()
    .optional()
    .describe('User ULID of a staff member or admin to assign; null with group_id null unassigns.'),
  group_id: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .nullable()
    .optional()
    .describe('Group ULID to hand the ticket to (clears the person); null with assignee_id null unassigns.'),
});

export default defineTool({
  name: 'helpdesk_assign_ticket',
  title: 'Assign a help desk ticket',
  description: [
    "Assigns a ticket to a staff member (assignee_id) or a group (group_id), never both; both null unassigns. Staff or admin role.",
    "Use this to route a ticket to whoever should work on it.",
    "Example: helpdesk_assign_ticket({\"ticket_id\": \"HD-2026-000042\", \"assignee_id\": \"01J9Z3K4ZQ8W6X5V4T3S2R1P0N\"}).",
    "Side effects: assignee_id keeps the group; group_id clears the person. Repeating changes nothing. User and group ids are on tickets from helpdesk_list_tickets and helpdesk_get_ticket.",
  ].join(' '),
  toolset: 'tickets',
  input: assignInput,
  output: z.object({ ticket: ticketSummaryOut }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, ctx) {
    const result = await ctx.runtime.service.tickets.assign(ctx.principal.user, args);
    return result;
  },
});
