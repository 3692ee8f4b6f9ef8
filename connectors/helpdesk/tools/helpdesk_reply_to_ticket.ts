import { z } from 'zod';
import { defineTool } from '../runtime';
import { replyOut, ticketRef, ticketSummaryOut } from '../schemas';

export const replyInput = z.strictObject({
  ticket_id: ticketRef,
  body: z.string().min(1).max(20_000).describe('Reply text. Markdown supported.'),
  is_internal: z
    .boolean()
    .optional()
    .describe('true posts an internal note visible only to staff and admins (staff or admin role needed). Default false.'),
});

export default defineTool({
  name: 'helpdesk_reply_to_ticket',
  title: 'Reply to a help desk ticket',
  description: [
    "Adds a public reply, or with is_internal true an internal note, to a ticket's thread as the caller.",
    "Use this to answer the submitter, add information, or leave a note for colleagues.",
    "Example: helpdesk_reply_to_ticket({\"ticket_id\": \"HD-2026-000042\", \"body\": \"Please try a different charger.\"}).",
    "Side effects: the submitter sees public replies; the submitter's reply reopens a ticket Resolved within the reopen window and is refused after it; Closed tickets take no replies. Calling twice posts twice.",
  ].join(' '),
  toolset: 'tickets',
  input: replyInput,
  output: z.object({
    reply: replyOut,
    ticket: ticketSummaryOut.describe('The ticket after the reply'),
    reopened: z.boolean().describe('true when this reply reopened a Resolved ticket'),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async handler(args, ctx) {
    const result = await ctx.runtime.service.tickets.reply(ctx.principal.user, args);
    return result;
  },
});
