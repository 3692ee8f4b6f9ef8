import type { IncomingMessage } from 'node:http';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { AUDIT_KINDS, AUDIT_MAX_PAGE, type AuditLog } from '../audit/log';
import type { AuthStore } from '../auth/store';
import { ROLES, type Principal } from '../auth/types';
import type { CredentialStore } from '../credentials/store';
import { conflict, httpStatusFor, invalidArgument, notFound, permissionDenied, toGatewayError } from '../errors';
import { fieldProblems } from '../mcp/execute';
import type { Logger } from '../observability/logger';
import type { GrantListing, GrantStore } from '../oauth/grants';
import type { ConnectorManifest } from '../registry/types';
import { principalFor } from './auth';
import { isClientAbort } from './client-abort';
import { errorBodySchema } from './openapi';
import { readJsonBody } from './body';

/**
 * The gateway's own administration (people and API keys), and each caller's
 * own vendor credentials. Mounted at /api; documented at
 * /api/admin/openapi.json. Admin routes need the admin role *and* an
 * unrestricted key, so a key limited to some connectors, toolsets or to
 * reading can never mint a key or a user beyond its own limits.
 */
export interface AdminApiDeps {
  auth: AuthStore;
  credentials: CredentialStore;
  log: Logger;
  maxBodyBytes: number;
  /** Every connector the gateway knows (for validating key limits); vendor connectors take credentials. */
  catalog: ConnectorManifest<unknown, unknown>[];
  /** Enabled connectors that call a vendor: the ones a personal key can be linked for. */
  vendorConnectors: string[];
  /** OAuth grants (the apps people connected by signing in), when OAuth sign-in is on. */
  grants?: Pick<GrantStore, 'list' | 'get' | 'isActive' | 'revoke'>;
  /** Called with each authenticated caller before the route runs: the key's rate (DESKGATE_KEY_RATE), which may refuse it. */
  onAuthenticated?: (principal: Principal) => void | Promise<void>;
  /** The audit trail, read by GET /api/admin/audit. */
  audit?: Pick<AuditLog, 'list'>;
}

type Env = { Variables: { principal: Principal } };

const email = z.email().max(254).describe('Email address; unique, case-insensitive.');
const name = z.string().trim().min(1).max(100).describe('Display name, 1 to 100 characters.');
const role = z.enum(ROLES).describe('user, staff or admin.');
const userOut = z.object({ id: z.string(), email: z.string(), name: z.string(), role });
const createUserBody = z.strictObject({ email, name, role });
const updateUserBody = z.strictObject({ name: name.optional(), role: role.optional() });
const createKeyBody = z.strictObject({
  user_id: z.string().min(1).max(64).describe('The user the key acts as (GET /api/admin/users).'),
  name: z.string().trim().min(1).max(100).describe('What the key is for, e.g. "Claude Desktop on Ana\'s laptop".'),
  connectors: z.array(z.string().min(1).max(64)).min(1).max(20).optional().describe('Connector ids the key may use; omit for all.'),
  toolsets: z
    .array(z.string().min(1).max(100))
    .min(1)
    .max(100)
    .optional()
    .describe('Toolsets the key may use, as "connector:toolset" or a whole "connector"; omit for all the deployment has.'),
  read_only: z.boolean().optional().describe('The key may only read. Default false.'),
});
const keyOut = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  user: userOut,
  connectors: z.array(z.string()).nullable(),
  toolsets: z.array(z.string()).nullable(),
  read_only: z.boolean(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});
const credentialBody = z.strictObject({ secret: z.string().min(1).max(4096).describe('Your own API key for this vendor; stored encrypted, never returned.') });
const credentialOut = z.object({ connector: z.string(), created_at: z.string(), last_used_at: z.string().nullable(), last4: z.string() });
const grantOut = z.object({
  id: z.string(),
  user_email: z.string(),
  client_name: z.string().describe('The app, as it named itself when it registered.'),
  client_id: z.string(),
  scopes: z.array(z.string()).describe('mcp (read and write, within the key\'s limits) or mcp:read.'),
  key_id: z.string().nullable().describe('The API key the user signed in with (its limits apply); null for identity-provider sign-in.'),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
});
const isoInstant = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), { error: 'expected an ISO 8601 date or time, e.g. 2026-12-01 or 2026-12-01T09:00:00Z' })
  .transform((v) => new Date(v).toISOString());
const auditQuery = z.strictObject({
  user: z.string().min(1).max(254).optional().describe('A user id or email.'),
  tool: z.string().min(1).max(200).optional().describe('A tool name (e.g. helpdesk_create_ticket) or a route as recorded (e.g. "POST /api/admin/keys").'),
  connector: z.string().min(1).max(64).optional().describe('A connector id; core for the gateway\'s own API.'),
  outcome: z.string().min(1).max(64).optional().describe('ok, error (anything but ok), or one error code such as permission_denied.'),
  kind: z.enum(AUDIT_KINDS).optional(),
  since: isoInstant.optional().describe('From this instant (inclusive), ISO 8601.'),
  until: isoInstant.optional().describe('Before this instant, ISO 8601.'),
  limit: z.coerce.number().int().min(1).max(AUDIT_MAX_PAGE).optional().describe(`Records per page, 1 to ${AUDIT_MAX_PAGE} (default 100).`),
  cursor: z.string().min(1).max(64).optional().describe('next_cursor of the previous page.'),
});
const auditRecordOut = z.object({
  id: z.string(),
  at: z.string().describe('When, ISO 8601 UTC.'),
  kind: z.enum(AUDIT_KINDS),
  action: z.string().describe('The tool, or the route as registered (METHOD /path/:param), or the CLI command.'),
  outcome: z.string().describe('ok, or the error code.'),
  user_id: z.string().nullable(),
  user_email: z.string().nullable(),
  key_id: z.string().nullable(),
  client_id: z.string().nullable().describe('The OAuth client, for calls with an access token, sign-ins and consents.'),
  connector: z.string().nullable(),
  targets: z.record(z.string(), z.unknown()).nullable().describe('Ids of the objects acted on.'),
  args: z.record(z.string(), z.unknown()).nullable().describe("The arguments the tool's audit policy keeps: ids, dates, object names, enum values; never free text or secrets."),
  acted_as: z.unknown().describe("Whose vendor account the call acted on, as the tool's result said; null when it did not say."),
  duration_ms: z.number().nullable(),
  request_id: z.string().nullable().describe('The id in the log lines and the x-request-id header of the request.'),
  address: z.string().nullable().describe('The caller\'s address (sign-ins).'),
});
const auditPageOut = z.object({ items: z.array(auditRecordOut), next_cursor: z.string().nullable() });
const grantsQuery = z.strictObject({ email: z.email().max(254).optional().describe('Only this user\'s grants.') });

const grantOf = (g: GrantListing): z.infer<typeof grantOut> => ({
  id: g.id,
  user_email: g.userEmail,
  client_name: g.clientName,
  client_id: g.clientId,
  scopes: g.scopes,
  key_id: g.keyId ?? null,
  created_at: g.createdAt,
  last_used_at: g.lastUsedAt ?? null,
});

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const fields = fieldProblems(parsed.error);
    throw invalidArgument(`Invalid request body: ${fields.map((f) => `${f.field} (${f.problem})`).join('; ')}.`, {
      connector: 'core',
      fields,
      hint: 'GET /api/admin/openapi.json describes every body.',
    });
  }
  return parsed.data;
}

export function adminApi(deps: AdminApiDeps): Hono<Env> {
  const { auth, credentials } = deps;
  const app = new Hono<Env>();

  app.onError((thrown, c) => {
    // A client gone mid-request is the gateway's to log and count (src/http/app.ts), not an admin API failure.
    if (isClientAbort(thrown, (c.env as { incoming?: IncomingMessage } | undefined)?.incoming)) throw thrown;
    const error = toGatewayError(thrown, 'core');
    if (error.code === 'internal') deps.log.error({ err: thrown, path: c.req.path }, 'admin API call failed unexpectedly');
    const retryAfter = error.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(error.retryAfterSeconds) };
    return c.json({ error: error.toPayload('core') }, httpStatusFor(error.code) as ContentfulStatusCode, retryAfter);
  });

  const jsonOf = async (c: Context<Env>) => {
    const body = await readJsonBody(c.req.raw, deps.maxBodyBytes);
    if (!body.ok) {
      throw invalidArgument(body.message, { connector: 'core', hint: `Send one JSON object of at most ${deps.maxBodyBytes} bytes.` });
    }
    return body.value;
  };

  app.get('/admin/openapi.json', (c) => c.json(openApiDocument()));

  app.use('/admin/*', async (c, next) => {
    const principal = await principalFor(auth, c.req.header('authorization'));
    await deps.onAuthenticated?.(principal);
    if (principal.user.role !== 'admin') {
      throw permissionDenied('Managing users and keys needs the admin role.', { connector: 'core', retryable: false, hint: 'Ask a deskgate admin.' });
    }
    const { key } = principal;
    if (key.connectors || key.toolsets || key.readOnly) {
      throw permissionDenied('Managing users and keys needs an unrestricted admin key (no connector or toolset list, not read-only).', {
        connector: 'core',
        retryable: false,
        hint: 'A limited key cannot create keys or users beyond its own limits; use an unrestricted admin key.',
      });
    }
    c.set('principal', principal);
    await next();
  });

  const knownIds = new Set(deps.catalog.map((m) => m.id));
  const checkLimits = (input: z.infer<typeof createKeyBody>) => {
    for (const id of input.connectors ?? []) {
      if (!knownIds.has(id)) throw invalidArgument(`Unknown connector "${id}".`, { connector: 'core', fields: [{ field: 'connectors', problem: `known: ${[...knownIds].join(', ')}` }] });
    }
    for (const entry of input.toolsets ?? []) {
      const [connectorId, toolset] = entry.split(':');
      const manifest = deps.catalog.find((m) => m.id === connectorId);
      if (!manifest || (toolset !== undefined && !manifest.toolsets.some((t) => t.id === toolset))) {
        throw invalidArgument(`Unknown toolset "${entry}".`, {
          connector: 'core',
          fields: [{ field: 'toolsets', problem: 'use "connector:toolset" or a connector id; `deskgate tools --all` lists them' }],
        });
      }
    }
  };

  /** The grant store, or not_found saying OAuth sign-in is off. */
  const grantStore = () => {
    if (!deps.grants) {
      throw notFound('OAuth sign-in is off on this gateway, so no app is connected by sign-in.', {
        connector: 'core',
        hint: 'Set DESKGATE_PUBLIC_URL to turn OAuth sign-in on (README: Connect Claude).',
      });
    }
    return deps.grants;
  };

  app.get('/admin/users', async (c) => c.json({ items: await auth.listUsers() }));
  app.post('/admin/users', async (c) => {
    const input = parse(createUserBody, await jsonOf(c));
    // ensureUser would silently change an existing user's role; creating here must not.
    if (await auth.findUserByEmail(input.email)) {
      throw conflict(`A user with email ${input.email} already exists.`, {
        connector: 'core',
        fields: [{ field: 'email', problem: 'already in use' }],
        hint: 'Change that user with PATCH /api/admin/users/{id}.',
      });
    }
    const { user } = await auth.ensureUser(input);
    return c.json({ user }, 201);
  });
  app.patch('/admin/users/:id', async (c) => {
    const input = parse(updateUserBody, await jsonOf(c));
    const user = await auth.updateUser(c.req.param('id'), input);
    if (!user) throw notFound('No such user.', { connector: 'core', hint: 'GET /api/admin/users lists users.' });
    return c.json({ user });
  });
  app.get('/admin/keys', async (c) => {
    const keys = await auth.listKeys();
    return c.json({
      items: keys.map((k) => ({
        id: k.id,
        name: k.name,
        prefix: k.prefix,
        user: k.user,
        connectors: k.connectors ?? null,
        toolsets: k.toolsets ?? null,
        read_only: k.readOnly,
        created_at: k.createdAt,
        last_used_at: k.lastUsedAt ?? null,
        revoked_at: k.revokedAt ?? null,
      })),
    });
  });
  app.post('/admin/keys', async (c) => {
    const input = parse(createKeyBody, await jsonOf(c));
    checkLimits(input);
    const { key, secret } = await auth.createKey({
      userId: input.user_id,
      name: input.name,
      connectors: input.connectors,
      toolsets: input.toolsets,
      readOnly: input.read_only ?? false,
    });
    // The one time the secret is shown; it is never logged.
    return c.json({ id: key.id, user_id: key.userId, secret }, 201);
  });
  app.delete('/admin/keys/:id', async (c) => {
    if (!(await auth.revokeKey(c.req.param('id')))) {
      throw notFound('No active key with that id.', { connector: 'core', hint: 'GET /api/admin/keys lists keys.' });
    }
    return c.json({ revoked: true, effective_within_seconds: 1 });
  });

  // --- the audit trail ---
  app.get('/admin/audit', async (c) => {
    const query = parse(auditQuery, c.req.query());
    if (!deps.audit) return c.json({ items: [], next_cursor: null });
    const { limit, cursor, ...filter } = query;
    return c.json(await deps.audit.list(filter, { limit, cursor }));
  });

  // --- apps connected by OAuth sign-in ---
  app.get('/admin/grants', async (c) => {
    const query = parse(grantsQuery, c.req.query());
    return c.json({ items: (await grantStore().list({ email: query.email })).map(grantOf) });
  });
  app.delete('/admin/grants/:id', async (c) => {
    const store = grantStore();
    const id = c.req.param('id');
    // A lapsed grant is not listed, so it is not revocable either: the answer matches the list.
    if (!(await store.isActive(id)) || !(await store.revoke(id))) {
      throw notFound('No active grant with that id.', { connector: 'core', hint: 'GET /api/admin/grants lists them.' });
    }
    return c.json({ revoked: true });
  });

  // --- the caller's own vendor keys: any role, any key that may use the connector ---
  app.use('/me/*', async (c, next) => {
    const principal = await principalFor(auth, c.req.header('authorization'));
    await deps.onAuthenticated?.(principal);
    c.set('principal', principal);
    await next();
  });
  const connectorParam = (c: Context<Env>) => {
    const id = c.req.param('connector') ?? '';
    if (!deps.vendorConnectors.includes(id)) {
      throw notFound(`No enabled vendor connector "${id}".`, {
        connector: 'core',
        hint: `Personal keys can be linked for: ${deps.vendorConnectors.join(', ') || 'none (no vendor connector is enabled)'}.`,
      });
    }
    const { key } = c.get('principal');
    if (key.readOnly && c.req.method !== 'GET') {
      throw permissionDenied('This API key is read-only, so it cannot link or unlink vendor keys.', { connector: 'core', retryable: false });
    }
    if (key.connectors && !key.connectors.includes(id)) {
      throw permissionDenied(`This API key may not use ${id}.`, { connector: 'core', retryable: false, hint: 'Use a key that includes this connector.' });
    }
    return id;
  };
  const listingOut = (l: { connector: string; createdAt: string; lastUsedAt: string | undefined; last4: string }) => ({
    connector: l.connector,
    created_at: l.createdAt,
    last_used_at: l.lastUsedAt ?? null,
    last4: l.last4,
  });
  app.get('/me/credentials', async (c) => c.json({ items: (await credentials.list(c.get('principal').user.id)).map(listingOut) }));
  // The apps the caller connected by signing in: any role may see and disconnect their own.
  app.get('/me/grants', async (c) => c.json({ items: (await grantStore().list({ userId: c.get('principal').user.id })).map(grantOf) }));
  app.delete('/me/grants/:id', async (c) => {
    const store = grantStore();
    const { user, key } = c.get('principal');
    if (key.readOnly) throw permissionDenied('This API key is read-only, so it cannot disconnect apps.', { connector: 'core', retryable: false });
    const grant = await store.get(c.req.param('id'));
    // Someone else's grant reads as absent: ids are not a way to learn who connected what.
    if (!grant || grant.userId !== user.id || !(await store.isActive(grant.id)) || !(await store.revoke(grant.id))) {
      throw notFound('You have no active grant with that id.', { connector: 'core', hint: 'GET /api/me/grants lists the apps you connected.' });
    }
    return c.body(null, 204);
  });
  app.put('/me/credentials/:connector', async (c) => {
    const connector = connectorParam(c);
    const input = parse(credentialBody, await jsonOf(c));
    const saved = await credentials.set(c.get('principal').user.id, connector, input.secret);
    return c.json({ credential: listingOut(saved) });
  });
  app.delete('/me/credentials/:connector', async (c) => {
    const connector = connectorParam(c);
    if (!(await credentials.remove(c.get('principal').user.id, connector))) {
      throw notFound(`You have no ${connector} key linked.`, { connector: 'core', hint: 'GET /api/me/credentials lists yours.' });
    }
    return c.body(null, 204);
  });

  return app;
}

let cached: Record<string, unknown> | undefined;

/** OpenAPI 3.1 for /api/admin and /api/me, from the same zod schemas the routes validate with. */
export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const schema = (s: z.ZodType, io: 'input' | 'output') => {
    const json = z.toJSONSchema(s, { io, target: 'draft-2020-12' }) as Record<string, unknown>;
    delete json.$schema;
    return json;
  };
  const error = { $ref: '#/components/schemas/Error' };
  const op = (summary: string, options: { body?: z.ZodType; response?: z.ZodType; status?: number; params?: string[] }) => ({
    summary,
    parameters: (options.params ?? []).map((p) => ({ name: p, in: 'path', required: true, schema: { type: 'string' } })),
    ...(options.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(options.body, 'input') } } } } : {}),
    responses: {
      [String(options.status ?? 200)]: options.response
        ? { description: 'OK', content: { 'application/json': { schema: schema(options.response, 'output') } } }
        : { description: 'Done' },
      default: { description: 'Error', content: { 'application/json': { schema: error } } },
    },
  });
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'deskgate admin and self-service API',
      version: '1',
      description:
        '/admin/* needs an admin user and an unrestricted key. /me/* acts on the caller\'s own linked vendor keys (secrets are stored encrypted and never returned) and the apps they connected by OAuth sign-in.',
    },
    servers: [{ url: '/api' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A deskgate API key' } },
      schemas: { Error: errorBodySchema },
    },
    paths: {
      '/admin/users': {
        get: op('List users', { response: z.object({ items: z.array(userOut) }) }),
        post: op('Add a user', { body: createUserBody, response: z.object({ user: userOut }), status: 201 }),
      },
      '/admin/users/{id}': { patch: op('Rename a user or change their role (effective within 1 s everywhere)', { body: updateUserBody, response: z.object({ user: userOut }), params: ['id'] }) },
      '/admin/keys': {
        get: op('List API keys (never their secrets)', { response: z.object({ items: z.array(keyOut) }) }),
        post: op('Create an API key; the secret is returned once', { body: createKeyBody, response: z.object({ id: z.string(), user_id: z.string(), secret: z.string() }), status: 201 }),
      },
      '/admin/keys/{id}': { delete: op('Revoke a key (refused on every worker and replica within 1 s)', { response: z.object({ revoked: z.boolean(), effective_within_seconds: z.number() }), params: ['id'] }) },
      '/admin/audit': {
        get: {
          ...op('The audit trail, newest first: tool calls, REST writes, admin calls, sign-ins, consents, key and credential changes. Pages with limit and cursor (next_cursor).', {
            response: auditPageOut,
          }),
          parameters: Object.entries(auditQuery.shape).map(([name, field]) => ({
            name,
            in: 'query',
            required: false,
            description: field.description,
            schema: schema(field, 'input'),
          })),
        },
      },
      '/admin/grants': {
        get: op('Apps connected by OAuth sign-in: who, which app, which scopes, last use (404 when OAuth is off); ?email= narrows to one user', {
          response: z.object({ items: z.array(grantOut) }),
        }),
      },
      '/admin/grants/{id}': { delete: op("Disconnect an app: its tokens are refused on the next call and it must sign in again", { response: z.object({ revoked: z.boolean() }), params: ['id'] }) },
      '/me/grants': { get: op('The apps you connected by OAuth sign-in', { response: z.object({ items: z.array(grantOut) }) }) },
      '/me/grants/{id}': { delete: op('Disconnect one of your apps', { status: 204, params: ['id'] }) },
      '/me/credentials': { get: op('Your linked vendor keys (connector, dates, last 4 characters)', { response: z.object({ items: z.array(credentialOut) }) }) },
      '/me/credentials/{connector}': {
        put: op('Link or replace your own key for a vendor connector', { body: credentialBody, response: z.object({ credential: credentialOut }), params: ['connector'] }),
        delete: op('Unlink it', { status: 204, params: ['connector'] }),
      },
    },
  };
  return cached;
}
