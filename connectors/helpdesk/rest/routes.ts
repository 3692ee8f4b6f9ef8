import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { Principal } from '../../../src/auth/types';
import { httpStatusFor, invalidArgument, notFound, toGatewayError } from '../../../src/errors';
import { fieldProblems } from '../../../src/mcp/execute';
import type { RouteDeps } from '../../../src/registry/types';
import type { HelpdeskRuntime } from '../runtime';
import { CONNECTOR } from '../service/common';
import { requireRole } from '../service/permissions';
import { TICKET_CONTENT_NOTICE } from '../text';
import * as body from './bodies';
import { openApiDocument } from './openapi';

type Env = { Variables: { principal: Principal } };

/**
 * The help desk REST API, mounted by the core at /api/helpdesk. Every route
 * authenticates with the same bearer keys as /mcp and calls the same service
 * layer as the tools, with the key's user as the actor.
 */
export function helpdeskRoutes(runtime: HelpdeskRuntime, deps: RouteDeps): Hono {
  const { service } = runtime;
  const app = new Hono<Env>();

  app.onError((thrown, c) => {
    const error = toGatewayError(thrown, CONNECTOR);
    if (error.code === 'internal') deps.log.error({ err: thrown, path: c.req.path }, 'help desk REST call failed unexpectedly');
    const retryAfter = error.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(error.retryAfterSeconds) };
    return c.json({ error: error.toPayload(CONNECTOR) }, httpStatusFor(error.code) as ContentfulStatusCode, retryAfter);
  });
  app.notFound((c) =>
    c.json(
      {
        error: notFound(`No help desk endpoint ${c.req.method} ${c.req.path}.`, {
          connector: CONNECTOR,
          hint: 'GET /api/helpdesk/openapi.json lists every endpoint.',
        }).toPayload(CONNECTOR),
      },
      404,
    ),
  );

  app.get('/openapi.json', (c) => c.json(openApiDocument()));

  // One policy with the tools: what a route does (read/write/full) and which
  // toolset does the same decide, with the caller's role and key limits, and
  // HELPDESK_ACCESS, HELPDESK_TOOLSETS and DESKGATE_READ_ONLY as ceilings.
  app.use('*', async (c, next) => {
    const path = c.req.path.slice(c.req.path.indexOf('/api/helpdesk') === 0 ? '/api/helpdesk'.length : 0);
    const method = c.req.method;
    const access = method === 'GET' || method === 'HEAD' ? 'read' : method === 'DELETE' ? 'full' : 'write';
    const toolset = /^\/tickets(\/|$)/.test(path) ? 'tickets' : /^\/(admin\/)?(categories|statuses)(\/|$)/.test(path) ? 'catalog' : undefined;
    const principal = await deps.authorize(c.req.header('authorization'), { access, toolset });
    c.set('principal', principal);
    await next();
  });

  const actor = (c: Context<Env>) => c.get('principal').user;

  // --- tickets: the same operations as the MCP tools ---
  app.get('/tickets', async (c) => {
    const filters = parse(body.listTicketsQuery, c.req.query(), 'query');
    const page = await service.tickets.list(actor(c), filters);
    return c.json({ ...page, content_notice: TICKET_CONTENT_NOTICE });
  });
  app.post('/tickets', async (c) => {
    const input = parse(body.createTicketBody, await jsonOf(c), 'body');
    return c.json({ ticket: await service.tickets.create(actor(c), input), content_notice: TICKET_CONTENT_NOTICE }, 201);
  });
  app.get('/tickets/:ref', async (c) =>
    c.json({ ticket: await service.tickets.get(actor(c), c.req.param('ref')), content_notice: TICKET_CONTENT_NOTICE }),
  );
  app.post('/tickets/:ref/replies', async (c) => {
    const input = parse(body.replyBody, await jsonOf(c), 'body');
    const result = await service.tickets.reply(actor(c), { ...input, ticket_id: c.req.param('ref') });
    return c.json({ ...result, content_notice: TICKET_CONTENT_NOTICE }, 201);
  });
  app.put('/tickets/:ref/status', async (c) => {
    const input = parse(body.statusBody, await jsonOf(c), 'body');
    const result = await service.tickets.updateStatus(actor(c), { ...input, ticket_id: c.req.param('ref') });
    return c.json({ ...result, content_notice: TICKET_CONTENT_NOTICE });
  });
  app.put('/tickets/:ref/assignment', async (c) => {
    const input = parse(body.assignmentBody, await jsonOf(c), 'body');
    const result = await service.tickets.assign(actor(c), { ...input, ticket_id: c.req.param('ref') });
    return c.json({ ...result, content_notice: TICKET_CONTENT_NOTICE });
  });
  app.post('/tickets/:ref/links', async (c) => {
    const input = parse(body.linkBody, await jsonOf(c), 'body');
    const ticket = await service.tickets.link(actor(c), { ...input, ticket_id: c.req.param('ref') });
    return c.json({ ticket, content_notice: TICKET_CONTENT_NOTICE }, 201);
  });
  app.get('/categories', async (c) => c.json({ items: await service.catalog.listCategories() }));
  app.get('/statuses', async (c) => c.json({ items: await service.catalog.listStatuses() }));

  // --- admin ---
  app.use('/admin/*', async (c, next) => {
    requireRole(actor(c), 'admin', 'The help desk admin API');
    await next();
  });

  // People and API keys are the core's: /api/admin (src/http/admin-api.ts).
  app.get('/admin/groups', async (c) => c.json({ items: await service.groups.list(actor(c)) }));
  app.post('/admin/groups', async (c) => {
    const input = parse(body.groupBody, await jsonOf(c), 'body');
    return c.json({ group: await service.groups.create(actor(c), input) }, 201);
  });
  app.get('/admin/groups/:id', async (c) => c.json({ group: await service.groups.get(actor(c), c.req.param('id')) }));
  app.patch('/admin/groups/:id', async (c) => {
    const input = parse(body.groupBody, await jsonOf(c), 'body');
    return c.json({ group: await service.groups.rename(actor(c), c.req.param('id'), input) });
  });
  app.delete('/admin/groups/:id', async (c) => {
    await service.groups.remove(actor(c), c.req.param('id'));
    return c.body(null, 204);
  });
  app.put('/admin/groups/:id/members', async (c) => {
    const input = parse(body.membersBody, await jsonOf(c), 'body');
    return c.json({ group: await service.groups.setMembers(actor(c), c.req.param('id'), input.user_ids) });
  });
  app.post('/admin/groups/:id/scopes', async (c) => {
    const input = parse(body.scopeBody, await jsonOf(c), 'body');
    return c.json({ group: await service.groups.addScope(actor(c), c.req.param('id'), input) }, 201);
  });
  app.delete('/admin/groups/:id/scopes/:scopeId', async (c) => {
    return c.json({ group: await service.groups.removeScope(actor(c), c.req.param('id'), c.req.param('scopeId')) });
  });

  app.get('/admin/categories', async (c) => c.json({ items: await service.catalog.listCategories(true) }));
  app.post('/admin/categories', async (c) => {
    const input = parse(body.createCategoryBody, await jsonOf(c), 'body');
    return c.json({ category: publicCategory(await service.catalog.createCategory(actor(c), input)) }, 201);
  });
  app.patch('/admin/categories/:id', async (c) => {
    const input = parse(body.updateCategoryBody, await jsonOf(c), 'body');
    return c.json({ category: publicCategory(await service.catalog.updateCategory(actor(c), c.req.param('id'), input)) });
  });

  app.get('/admin/statuses', async (c) => c.json({ items: await service.catalog.listStatuses(true) }));
  app.post('/admin/statuses', async (c) => {
    const input = parse(body.createStatusBody, await jsonOf(c), 'body');
    return c.json({ status: await service.catalog.createStatus(actor(c), input) }, 201);
  });
  app.patch('/admin/statuses/:id', async (c) => {
    const input = parse(body.updateStatusBody, await jsonOf(c), 'body');
    return c.json({ status: await service.catalog.updateStatus(actor(c), c.req.param('id'), input) });
  });
  app.delete('/admin/statuses/:id', async (c) => {
    await service.catalog.deleteStatus(actor(c), c.req.param('id'));
    return c.body(null, 204);
  });

  app.get('/admin/settings', async (c) => c.json({ settings: await service.settings.get() }));
  app.put('/admin/settings', async (c) => {
    const input = parse(body.settingsBody, await jsonOf(c), 'body');
    return c.json({ settings: await service.settings.update(actor(c), input) });
  });

  return app as unknown as Hono;
}

function publicCategory(row: { id: string; parent_id: string | null; level: string; name: string; is_active: number }) {
  return { id: row.id, parent_id: row.parent_id, level: row.level, name: row.name, is_active: Number(row.is_active) === 1 };
}

async function jsonOf(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw invalidArgument('The request body is not valid JSON.', {
      connector: CONNECTOR,
      hint: 'Send a JSON object with Content-Type: application/json; GET /api/helpdesk/openapi.json describes each body.',
    });
  }
}

function parse<S extends z.ZodType>(schema: S, input: unknown, where: string): z.infer<S> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) {
    const fields = fieldProblems(parsed.error);
    throw invalidArgument(`Invalid request ${where}: ${fields.map((f) => `${f.field} (${f.problem})`).join('; ')}.`, {
      connector: CONNECTOR,
      fields,
      hint: 'Fix the named fields; GET /api/helpdesk/openapi.json describes every field.',
    });
  }
  return parsed.data;
}
