import { z } from 'zod';
import { defineTool } from '../runtime';
import { PRIORITIES, ticketSummaryOut } from '../schemas';
import { scopeFor } from '../service/permissions';
import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT } from '../service/tickets';
import type { HelpdeskRuntime } from '../runtime';

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

/**
 * Why an empty list may be empty: a user sees only what they submitted, and a
 * staff member in no group only what is assigned to them or theirs. Said on
 * an empty first page without confirming that other tickets exist.
 */
async function scopeNote(db: HelpdeskRuntime['db'], user: Parameters<typeof scopeFor>[1]): Promise<string> {
  const scope = await scopeFor(db, user);
  if (scope.kind !== 'staff') return 'You see only tickets you submitted (role user); tickets of others never show here.';
  const groups = scope.groupIds.length;
  if (!groups && !scope.wholeCategoryIds.length && !scope.categoryTypePairs.length) {
    return 'You are in no help desk group, so you see only tickets assigned to you or submitted by you; an admin adds you to a group to see its queue.';
  }
  return `You see tickets assigned to you or to your ${groups === 1 ? 'group' : `${groups} groups`}, in your groups' categories, or submitted by you.`;
}

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
    scope: z.string().optional().describe('On an empty first page for a non-admin: which tickets the caller can see at all.'),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, ctx) {
    const page = await ctx.runtime.service.tickets.list(ctx.principal.user, args);
    if (page.items.length || args.cursor || ctx.principal.user.role === 'admin') return page;
    return { ...page, scope: await scopeNote(ctx.runtime.db, ctx.principal.user) };
  },
});
