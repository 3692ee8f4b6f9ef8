import { z } from 'zod';
import { defineTool } from '../runtime';
import { contentNotice, PRIORITIES, ticketSummaryOut } from '../schemas';
import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT } from '../service/tickets';
import { TICKET_CONTENT_NOTICE } from '../text';

export const listTicketsInput = z.strictObject({
  status: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('Status name (case-insensitive, e.g. "New", "In Progress") or status ULID. Omit for every status except Closed.'),
  priority: z.enum(PRIORITIES).optional().describe('"Critical", "High", "Medium" or "Low".'),
  assignee_id: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .describe('User ULID of the assignee, or "me" for tickets assigned to the caller.'),
  category: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('Category, type or item name, case-insensitive (e.g. "Hardware"); see helpdesk_list_categories.'),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Words to find in subject and description; every word must appear (case-insensitive substring).'),
  include_closed: z
    .boolean()
    .optional()
    .describe('Include Closed tickets when no status is given. Default false.'),
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_LIST_LIMIT)
    .optional()
    .describe(`Tickets per page, default ${DEFAULT_LIST_LIMIT}, max ${MAX_LIST_LIMIT}.`),
  cursor: z
    .string()
    .max(512)
    .optional()
    .describe('next_cursor from the previous call, to get the next page. Omit for the first page.'),
});

export default defineTool({
  name: 'helpdesk_list_tickets',
  title: 'List help desk tickets',
  description: [
    "Lists the tickets the caller may see, newest first, with status, priority, category path, assignee and submitter names.",
    "Use this to find tickets, summarise a queue, or get ticket ids.",
    "Closed tickets are left out unless status is \"Closed\" or include_closed is true.",
    "Example: helpdesk_list_tickets({\"status\": \"New\", \"priority\": \"High\", \"limit\": 10}).",
  ].join(' '),
  toolset: 'tickets',
  input: listTicketsInput,
  output: z.object({
    items: z.array(ticketSummaryOut),
    next_cursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page'),
    content_notice: contentNotice,
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, ctx) {
    const page = await ctx.runtime.service.tickets.list(ctx.principal.user, args);
    return { ...page, content_notice: TICKET_CONTENT_NOTICE };
  },
});
