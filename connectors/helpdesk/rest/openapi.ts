import { z } from 'zod';
import { errorBodySchema } from '../../../src/http/openapi';
import {
  categoryOut,
  contentNotice,
  groupOut,
  replyOut,
  settingsOut,
  statusOut,
  statusRefOut,
  ticketDetailOut,
  ticketSummaryOut,
} from '../schemas';
import * as body from './bodies';

type Role = 'any' | 'staff' | 'admin';

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  role: Role;
  query?: z.ZodObject;
  body?: z.ZodType;
  response?: z.ZodType;
  status?: number;
}

const ticketResponse = z.object({ ticket: ticketDetailOut, content_notice: contentNotice });
const summaryResponse = z.object({ ticket: ticketSummaryOut, content_notice: contentNotice });
const categoryRow = z.object({
  id: z.string(),
  parent_id: z.string().nullable(),
  level: z.enum(['category', 'type', 'item']),
  name: z.string(),
  is_active: z.boolean(),
});

/** Every endpoint, from the same zod schemas the routes validate with, so the document cannot drift from them. */
const operations: Operation[] = [
  {
    method: 'get',
    path: '/tickets',
    summary: 'List tickets the caller may see (same filters as helpdesk_list_tickets)',
    role: 'any',
    query: body.listTicketsQuery,
    response: z.object({ items: z.array(ticketSummaryOut), next_cursor: z.string().nullable(), content_notice: contentNotice }),
  },
  { method: 'post', path: '/tickets', summary: 'Create a ticket submitted by the caller', role: 'any', body: body.createTicketBody, response: ticketResponse, status: 201 },
  { method: 'get', path: '/tickets/{ref}', summary: 'Get a ticket with its thread, status history and links', role: 'any', response: ticketResponse },
  {
    method: 'post',
    path: '/tickets/{ref}/replies',
    summary: 'Reply to a ticket; internal notes need staff',
    role: 'any',
    body: body.replyBody,
    response: z.object({ reply: replyOut, ticket: ticketSummaryOut, reopened: z.boolean(), content_notice: contentNotice }),
    status: 201,
  },
  {
    method: 'put',
    path: '/tickets/{ref}/status',
    summary: 'Change the status (Closed needs admin)',
    role: 'staff',
    body: body.statusBody,
    response: z.object({ ticket: ticketSummaryOut, previous_status: statusRefOut, changed: z.boolean(), content_notice: contentNotice }),
  },
  { method: 'put', path: '/tickets/{ref}/assignment', summary: 'Assign to a staff member or a group, or unassign', role: 'staff', body: body.assignmentBody, response: summaryResponse },
  { method: 'post', path: '/tickets/{ref}/links', summary: 'Link two tickets', role: 'staff', body: body.linkBody, response: ticketResponse, status: 201 },
  { method: 'get', path: '/categories', summary: 'Active category tree', role: 'any', response: z.object({ items: z.array(categoryOut) }) },
  { method: 'get', path: '/statuses', summary: 'All statuses', role: 'any', response: z.object({ items: z.array(statusOut) }) },
  { method: 'get', path: '/admin/groups', summary: 'List groups with members and scopes', role: 'admin', response: z.object({ items: z.array(groupOut) }) },
  { method: 'post', path: '/admin/groups', summary: 'Add a group', role: 'admin', body: body.groupBody, response: z.object({ group: groupOut }), status: 201 },
  { method: 'get', path: '/admin/groups/{id}', summary: 'Get a group', role: 'admin', response: z.object({ group: groupOut }) },
  { method: 'patch', path: '/admin/groups/{id}', summary: 'Rename a group', role: 'admin', body: body.groupBody, response: z.object({ group: groupOut }) },
  { method: 'delete', path: '/admin/groups/{id}', summary: 'Delete a group with no tickets', role: 'admin', status: 204 },
  { method: 'put', path: '/admin/groups/{id}/members', summary: 'Replace the members of a group', role: 'admin', body: body.membersBody, response: z.object({ group: groupOut }) },
  { method: 'post', path: '/admin/groups/{id}/scopes', summary: 'Scope a group to a category or category+type', role: 'admin', body: body.scopeBody, response: z.object({ group: groupOut }), status: 201 },
  { method: 'delete', path: '/admin/groups/{id}/scopes/{scopeId}', summary: 'Remove a scope', role: 'admin', response: z.object({ group: groupOut }) },
  { method: 'get', path: '/admin/categories', summary: 'Category tree including inactive entries', role: 'admin', response: z.object({ items: z.array(categoryOut) }) },
  { method: 'post', path: '/admin/categories', summary: 'Add a category, type or item', role: 'admin', body: body.createCategoryBody, response: z.object({ category: categoryRow }), status: 201 },
  { method: 'patch', path: '/admin/categories/{id}', summary: 'Rename or (de)activate a category, type or item', role: 'admin', body: body.updateCategoryBody, response: z.object({ category: categoryRow }) },
  { method: 'get', path: '/admin/statuses', summary: 'All statuses', role: 'admin', response: z.object({ items: z.array(statusOut) }) },
  { method: 'post', path: '/admin/statuses', summary: 'Add a status', role: 'admin', body: body.createStatusBody, response: z.object({ status: statusOut }), status: 201 },
  { method: 'patch', path: '/admin/statuses/{id}', summary: 'Rename, reorder or (de)activate a status', role: 'admin', body: body.updateStatusBody, response: z.object({ status: statusOut }) },
  { method: 'delete', path: '/admin/statuses/{id}', summary: 'Delete a custom status no ticket uses', role: 'admin', status: 204 },
  { method: 'get', path: '/admin/settings', summary: 'Reopen window and target status', role: 'admin', response: z.object({ settings: settingsOut }) },
  { method: 'put', path: '/admin/settings', summary: 'Change the reopen window or target status', role: 'admin', body: body.settingsBody, response: z.object({ settings: settingsOut }) },
];


const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const ROLE_TEXT: Record<Role, string> = {
  any: 'Any role; scope rules apply.',
  staff: 'Staff or admin.',
  admin: 'Admin only.',
};

let cached: Record<string, unknown> | undefined;

export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
      description: m[1] === 'ref' ? 'Ticket ULID or HD-2026-000123 tracking number' : 'ULID',
    }));
    const queryParams = op.query
      ? Object.entries((jsonSchema(op.query, 'input').properties ?? {}) as Record<string, Record<string, unknown>>).map(
          ([name, schema]) => ({ name, in: 'query', required: false, schema, description: schema.description }),
        )
      : [];
    const success = String(op.status ?? 200);
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      description: ROLE_TEXT[op.role],
      security: [{ bearer: [] }],
      parameters: [...pathParams, ...queryParams],
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } } : {}),
      responses: {
        [success]: op.response
          ? { description: 'OK', content: { 'application/json': { schema: jsonSchema(op.response, 'output') } } }
          : { description: 'Done' },
        default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'deskgate help desk API',
      version: '1',
      description:
        'The built-in help desk. Same API keys and the same permission rules as the MCP tools: the acting user is always the key\'s owner.',
    },
    servers: [{ url: '/api/helpdesk' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A deskgate API key' } },
      schemas: { Error: errorBodySchema },
    },
    paths,
  };
  return cached;
}
