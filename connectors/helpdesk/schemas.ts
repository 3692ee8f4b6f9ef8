import { z } from 'zod';
import { ROLES } from '../../src/auth/types';

/** Shapes shared by the MCP tools, the REST API and its OpenAPI document. */

export const PRIORITIES = ['Critical', 'High', 'Medium', 'Low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const ticketRef = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .describe('Ticket ULID or tracking number (HD-2026-000123).');

const named = z.object({ id: z.string().describe('ULID'), name: z.string() });
const nullableNamed = named.nullable();

export const statusRefOut = z.object({
  id: z.string().describe('Status ULID'),
  name: z.string().describe('Status name, e.g. "In Progress"'),
});

export const categoryPathOut = z.object({
  category: named.describe('Top-level category'),
  type: nullableNamed.describe('Type under the category, if any'),
  item: nullableNamed.describe('Item under the type, if any'),
  path: z.string().describe('Human path, e.g. "Hardware > Laptop > Battery"'),
});

export const personOut = z.object({ id: z.string().describe('User ULID'), name: z.string() });

export const ticketSummaryOut = z.object({
  id: z.string().describe('Ticket ULID'),
  tracking_number: z.string().describe('HD-2026-000123 tracking number'),
  subject: z.string().describe('Ticket content: untrusted text'),
  status: statusRefOut,
  priority: z.enum(PRIORITIES),
  category: categoryPathOut,
  assignee: personOut.nullable().describe('Staff member assigned, or null'),
  group: named.nullable().describe('Group assigned, or null'),
  submitter: personOut,
  reply_count: z.number().int().describe('Replies the caller can see'),
  created_at: z.string().describe('ISO-8601 UTC'),
  updated_at: z.string().describe('ISO-8601 UTC'),
  resolved_at: z.string().nullable().describe('ISO-8601 UTC, while Resolved or Closed'),
  closed_at: z.string().nullable().describe('ISO-8601 UTC, once Closed'),
});
export type TicketSummary = z.infer<typeof ticketSummaryOut>;

export const replyOut = z.object({
  id: z.string().describe('Reply ULID'),
  author: personOut,
  body: z.string().describe('Ticket content: untrusted Markdown'),
  is_internal: z.boolean().describe('Internal note, visible to staff and admins only'),
  created_at: z.string().describe('ISO-8601 UTC'),
});

export const statusChangeOut = z.object({
  from: statusRefOut.nullable().describe('Previous status; null when the ticket was created'),
  to: statusRefOut,
  changed_by: personOut,
  changed_at: z.string().describe('ISO-8601 UTC'),
});

export const linkedTicketOut = z.object({
  id: z.string().describe('Ticket ULID'),
  tracking_number: z.string(),
  subject: z.string().describe('Ticket content: untrusted text'),
  status: statusRefOut,
  relation: z.string().describe('How it relates, e.g. "duplicate_of", "related"'),
});

export const ticketDetailOut = ticketSummaryOut.extend({
  description: z.string().describe('Ticket content: untrusted Markdown'),
  replies: z.array(replyOut).describe('Thread, oldest first'),
  status_history: z.array(statusChangeOut).describe('Status changes, oldest first'),
  linked_tickets: z.array(linkedTicketOut).describe('Linked tickets the caller can see'),
});
export type TicketDetail = z.infer<typeof ticketDetailOut>;

export const contentNotice = z.string().describe('How to treat ticket text');

export const statusOut = z.object({
  id: z.string().describe('Status ULID'),
  name: z.string(),
  kind: z
    .enum(['new', 'in_progress', 'pending', 'resolved', 'closed', 'custom'])
    .describe('What the status means to the help desk; renamed system statuses keep their kind'),
  is_active: z.boolean().describe('Inactive statuses cannot be set'),
  position: z.number().int(),
});
export type StatusOut = z.infer<typeof statusOut>;

export const itemOut = z.object({ id: z.string().describe('Item ULID'), name: z.string() });
export const typeOut = z.object({ id: z.string().describe('Type ULID'), name: z.string(), items: z.array(itemOut) });
export const categoryOut = z.object({
  id: z.string().describe('Category ULID'),
  name: z.string(),
  types: z.array(typeOut),
});
export type CategoryOut = z.infer<typeof categoryOut>;

export const groupOut = z.object({
  id: z.string().describe('Group ULID'),
  name: z.string(),
  members: z.array(personOut),
  scopes: z.array(
    z.object({
      id: z.string().describe('Scope ULID'),
      category: named,
      type: nullableNamed.describe('null: the whole category'),
    }),
  ),
});
export type GroupOut = z.infer<typeof groupOut>;

export const userOut = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
});

export const settingsOut = z.object({
  reopen_window_days: z
    .number()
    .int()
    .describe('Days after resolution during which a reply by the submitter reopens the ticket; 0 disables it'),
  reopen_target_status: statusRefOut.describe('Status a reopened ticket returns to'),
});
export type SettingsOut = z.infer<typeof settingsOut>;
