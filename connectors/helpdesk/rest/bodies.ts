import { z } from 'zod';
import { LINK_RELATIONS } from '../service/tickets';
import { assignInput } from '../tools/helpdesk_assign_ticket';
import { createTicketInput } from '../tools/helpdesk_create_ticket';
import { listTicketsInput } from '../tools/helpdesk_list_tickets';
import { replyInput } from '../tools/helpdesk_reply_to_ticket';
import { updateStatusInput } from '../tools/helpdesk_update_ticket_status';

/**
 * REST request bodies. Ticket operations reuse the MCP tools' input schemas
 * (minus the ticket id, which is in the path), so both doors accept the same.
 */

/** Query strings are text: numbers and booleans are converted before the tool schema checks them. */
export const listTicketsQuery = listTicketsInput.extend({
  limit: z.coerce.number().int().min(1).max(100).optional().describe('Tickets per page, default 20, max 100.'),
  include_closed: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('Include Closed tickets when no status is given. Default false.'),
});

export const createTicketBody = createTicketInput;
export const replyBody = replyInput.omit({ ticket_id: true });
export const statusBody = updateStatusInput.omit({ ticket_id: true });
export const assignmentBody = assignInput.omit({ ticket_id: true });
export const linkBody = z.object({
  linked_ticket_id: z.string().trim().min(1).max(64).describe('Ticket ULID or HD-2026-000123 tracking number to link to.'),
  relation: z.enum(LINK_RELATIONS).default('related').describe('related, duplicate_of or caused_by. Default related.'),
});

const name = z.string().min(1).max(100).describe('Display name, 1 to 100 characters.');

export const groupBody = z.object({ name });
export const membersBody = z.object({
  user_ids: z.array(z.string().min(1).max(64)).max(500).describe('User ULIDs of staff or admins; replaces the member list.'),
});
export const scopeBody = z.object({
  category_id: z.string().min(1).max(64).describe('Category ULID.'),
  type_id: z.string().min(1).max(64).nullish().describe('Type ULID within the category; omit to scope the whole category.'),
});

export const createCategoryBody = z.object({
  name,
  parent_id: z
    .string()
    .min(1)
    .max(64)
    .nullish()
    .describe('Parent ULID: none for a category, a category for a type, a type for an item.'),
});
export const updateCategoryBody = z.object({ name: name.optional(), is_active: z.boolean().optional() });

export const createStatusBody = z.object({ name, position: z.number().int().optional().describe('Sort position.') });
export const updateStatusBody = z.object({
  name: name.optional(),
  is_active: z.boolean().optional().describe('false: kept on old tickets but can no longer be set.'),
  position: z.number().int().optional(),
});

export const settingsBody = z.object({
  reopen_window_days: z.number().int().min(0).max(3650).optional().describe('0 disables reopening by reply.'),
  reopen_target_status: z.string().min(1).max(100).optional().describe('Status ULID or name a reopened ticket returns to.'),
});
