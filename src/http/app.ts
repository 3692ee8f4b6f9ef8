import type { HttpBindings } from '@hono/node-server';
import { hostHeaderValidation, originValidation } from '@modelcontextprotocol/hono';
import { bearerAuthChallengeResponse, OAuthError, OAuthErrorCode, type McpHttpHandler } from '@modelcontextprotocol/server';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { GatewayError, httpStatusFor, type ErrorPayload } from '../errors';
import { auditMiddleware } from '../audit/http';
import type { AuditSink } from '../audit/log';
import { authInfoFor } from '../mcp/endpoint';
import type { Principal } from '../auth/types';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { RouteDeps } from '../registry/types';
import type { Db } from '../storage/types';
import type { ToolRegistry } from '../registry/registry';
import { adminApi, type AdminApiDeps } from './admin-api';
import { challengeFor, keyOrToken, principalFor, routeDepsFor, type Authenticator } from './auth';
import { readJsonBody } from './body';
import { isClientAbort, routeLabelOf } from './client-abort';
import { clientAddressOf, TRUST_NONE, type TrustProxy } from './client-address';
import type { CallLimits } from './limits';
import { limitKeyOf } from '../oauth/address-limiter';
import { opsAccess, remoteAddressOf } from './ops-access';
import { tracer } from '../observability/tracing';
import { requestSpan } from './tracing';

export interface ConnectorRoutes {
  id: string;
  app: Hono;
}

export interface AppDeps {
  mcp: McpHttpHandler;
  auth: Authenticator;
  db: Db;
  metrics: Metrics;
  log: Logger;
  allowedHosts: string[];
  allowedOrigins: string[];
  maxBodyBytes: number;
  /** Per-key limits and the failed-authentication slow-down; none when absent (tests). */
  limits?: CallLimits;
  /** DESKGATE_TRUST_PROXY: whose X-Forwarded-For names the client for the failed-authentication count; default none. */
  trustProxy?: TrustProxy;
  /** DESKGATE_METRICS_TOKEN: lets non-loopback callers read /metrics and /readyz. */
  metricsToken?: string | undefined;
  /** Enabled connectors and whether their configuration is complete, for /readyz. */
  connectorIds: string[];
  /** Connector REST APIs, mounted under /api/<id>. */
  routes: ((deps: (connector: string) => RouteDeps) => ConnectorRoutes)[];
  /** The core admin and self-service API (/api/admin, /api/me). */
  admin?: AdminApiDeps;
  /** The access policy, applied to REST routes as to tools. */
  registry: Pick<ToolRegistry, 'checkRoute' | 'blockedOnlyByScope'>;
  /** In cluster mode, the metrics of all workers (asked of the primary); default: this process's. */
  metricsText?: () => Promise<string>;
  /** True once shutdown began: /readyz fails so a load balancer drains us. */
  isShuttingDown: () => boolean;
  /** OAuth 2.1 sign-in (src/oauth/), when DESKGATE_PUBLIC_URL is set: its routes, and access tokens on /mcp. */
  oauth?: {
    mount(app: Hono<Env>): void;
    authenticate(token: string): Promise<Principal | undefined>;
    resourceMetadataUrl: string;
  };
  /** The audit trail: REST writes, admin calls and failed sign-ins here; tool calls in the MCP endpoint. */
  audit?: AuditSink;
}

type Env = { Bindings: HttpBindings };

export function errorResponse(c: Context, payload: ErrorPayload, headers: Record<string, string> = {}) {
  return c.json({ error: payload }, httpStatusFor(payload.code) as 400, headers);
}

const jsonRpcError = (code: number, message: string) => ({ jsonrpc: '2.0', error: { code, message }, id: null });

function requestIdOf(c: Context): string {
  const given = c.req.header('x-request-id');
  return given && /^[\w.-]{1,64}$/.test(given) ? given : crypto.randomUUID();
}

/** The gateway's HTTP surface: /mcp, /healthz, /readyz, /metrics, /api/<connector>. */
export function createApp(deps: AppDeps): Hono<Env> {
  const app = new Hono<Env>();
  const { limits } = deps;
  // With tracing on (OTEL_EXPORTER_OTLP_ENDPOINT), a span per /mcp and /api request, outermost so it covers everything below.
  const traces = tracer();
  if (traces) {
    app.use('/mcp', requestSpan(traces));
    app.use('/api/*', requestSpan(traces));
  }
  // REST calls draw on the same per-key bucket as tool calls.
  const authenticate = async (header: string | undefined) => {
    const principal = await principalFor(deps.auth, header);
    await limits?.takeCall(principal.key.id);
    return principal;
  };

  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  // /metrics and /readyz: loopback callers, or the DESKGATE_METRICS_TOKEN bearer.
  for (const path of ['/metrics', '/readyz']) {
    app.use(path, async (c, next) => {
      const access = opsAccess(remoteAddressOf(c.env?.incoming), c.req.header('authorization'), deps.metricsToken);
      if (access === 'allowed') return next();
      const hint = deps.metricsToken
        ? `Send "Authorization: Bearer <DESKGATE_METRICS_TOKEN>", or call ${path} from the gateway's own host.`
        : `Call ${path} from the gateway's own host, or have the operator set DESKGATE_METRICS_TOKEN and send it as a bearer token.`;
      if (access === 'bad_token') {
        return errorResponse(
          c,
          { code: 'unauthenticated', message: `The token for ${path} is not valid.`, connector: 'core', retryable: false, hint },
          { 'www-authenticate': 'Bearer realm="deskgate-metrics", error="invalid_token"' },
        );
      }
      return errorResponse(c, {
        code: 'permission_denied',
        message: `${path} answers only callers on this host or with the metrics token.`,
        connector: 'core',
        retryable: false,
        hint,
      });
    });
  }

  app.get('/readyz', async (c) => {
    const checks: Record<string, string> = {};
    let ready = !deps.isShuttingDown();
    if (!ready) checks.gateway = 'shutting down';
    try {
      await deps.db.ping();
      checks.database = 'ok';
    } catch {
      ready = false;
      checks.database = 'unreachable';
    }
    for (const id of deps.connectorIds) checks[`connector:${id}`] = 'configured';
    return c.json({ status: ready ? 'ready' : 'not ready', checks }, ready ? 200 : 503);
  });

  app.get('/metrics', async (c) => {
    const text = deps.metricsText ? await deps.metricsText() : await deps.metrics.registry.metrics();
    return c.text(text, 200, { 'content-type': deps.metrics.registry.contentType });
  });

  // Failed authentication, counted per client address (DESKGATE_TRUST_PROXY
  // says which proxies name it). Only a credential that was presented and
  // failed counts: a request without any (an OAuth client's first call, which
  // the 401 challenge answers) is not a guess. After AUTH_FAILURES_PER_MINUTE
  // failures within a minute, a further failure from that address is 429 with
  // Retry-After until its minute is over. The credential is checked first, so
  // a valid key or token always passes, whoever shares the address.
  if (limits) {
    const trust = deps.trustProxy ?? TRUST_NONE;
    const throttle = async (c: Context<Env>, next: () => Promise<void>) => {
      await next();
      if (c.res.status !== 401 || c.req.header('authorization') === undefined) return;
      const address = limitKeyOf(clientAddressOf(c.env?.incoming, trust));
      const wait = await limits.authBlockedFor(address);
      if (wait === undefined) {
        await limits.authFailed(address);
        return;
      }
      c.res = undefined;
      c.res = errorResponse(
        c,
        {
          code: 'rate_limited',
          message: 'Too many requests with an invalid API key or token from this address.',
          connector: 'core',
          retryable: true,
          retry_after_seconds: wait,
          hint: 'Wait retry_after_seconds, then send a valid key ("Authorization: Bearer <key>").',
        },
        { 'retry-after': String(wait) },
      );
    };
    app.use('/mcp', throttle);
    app.use('/api/*', throttle);
  }
  // Inside the throttle: a failed sign-in is recorded as the 401 it was, even when the throttle then answers 429.
  if (deps.audit) {
    const trust = deps.trustProxy ?? TRUST_NONE;
    const audited = auditMiddleware(deps.audit, requestIdOf, (c) => clientAddressOf(c.env?.incoming, trust));
    app.use('/mcp', audited);
    app.use('/api/*', audited);
  }
  deps.oauth?.mount(app);
  // Access tokens are for /mcp (their audience); the REST APIs keep API keys.
  const mcpAuth = keyOrToken(deps.auth, deps.oauth);

  // DNS-rebinding protection and Origin checks guard the MCP endpoint (403).
  app.use('/mcp', hostHeaderValidation(deps.allowedHosts), originValidation(deps.allowedOrigins));

  app.on(['GET', 'DELETE', 'PUT', 'PATCH'], '/mcp', (c) =>
    c.json(jsonRpcError(-32000, 'Method not allowed: this stateless MCP endpoint takes POST only.'), 405, { allow: 'POST' }),
  );

  app.post('/mcp', async (c) => {
    const requestId = requestIdOf(c);
    const authorization = c.req.header('authorization');
    let principal;
    try {
      principal = await principalFor(mcpAuth, authorization);
    } catch (error) {
      if (error instanceof GatewayError) {
        return errorResponse(c, error.toPayload(), { 'www-authenticate': challengeFor(authorization, deps.oauth?.resourceMetadataUrl) });
      }
      throw error;
    }
    const raw = c.req.raw;
    const body = await readJsonBody(raw, deps.maxBodyBytes, c.env?.incoming);
    if (!body.ok) {
      if (body.status === 400) return c.json(jsonRpcError(-32700, body.message), 400);
      // 413/415: the rest of the body is not read, so the connection ends with the answer.
      return c.json(jsonRpcError(-32000, body.message), body.status, { connection: 'close' });
    }
    if (Array.isArray(body.value)) {
      // MCP 2025-06-18 removed JSON-RPC batching; no protocol version we speak has it.
      return c.json(
        jsonRpcError(-32600, 'Invalid Request: JSON-RPC batches are not supported by MCP; send each request in its own POST.'),
        400,
      );
    }
    // MCP step-up: a write tool called with an mcp:read token is answered
    // 403 insufficient_scope naming `mcp`, so the client can ask the user for
    // it and retry; anything else beyond the caller stays a tool refusal.
    const toolName = principal.key.readOnlyByScope ? toolCallName(body.value) : undefined;
    if (toolName && deps.oauth && deps.registry.blockedOnlyByScope(principal, toolName)) {
      deps.log.info({ requestId, keyId: principal.key.id, user: principal.user.id, tool: toolName }, 'scope challenge: the tool needs the mcp scope');
      const response = bearerAuthChallengeResponse(
        new OAuthError(OAuthErrorCode.InsufficientScope, `${toolName} changes data: it needs the mcp scope, and this token has mcp:read only`),
        { requiredScopes: ['mcp'], resourceMetadataUrl: deps.oauth.resourceMetadataUrl },
      );
      response.headers.set('x-request-id', requestId);
      return response;
    }
    // Per-request signal, aborted if the client goes away before we answer.
    const controller = new AbortController();
    const outgoing = c.env?.outgoing;
    outgoing?.once('close', () => {
      if (!outgoing.writableFinished) controller.abort();
    });
    // The SDK reads only method, url and headers of the request (the body is
    // passed parsed), and hangs a listener it never removes on its signal.
    // @hono/node-server keeps the request's own signal alive, so handing the
    // SDK the raw request would retain every request's server and transport
    // (about 22 KB each) under load; this view carries our per-request signal.
    const view = { method: raw.method, url: raw.url, headers: raw.headers, signal: controller.signal } as unknown as Request;
    const response = await deps.mcp.fetch(view, {
      parsedBody: body.value,
      authInfo: authInfoFor(principal, requestId, controller.signal),
    });
    // The id in the tool-call log line, so a caller's report can be matched to it.
    response.headers.set('x-request-id', requestId);
    return response;
  });

  // REST bodies get the same cap as /mcp: Content-Length over it is refused
  // before reading, a chunked body is cut off at it.
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: (c) =>
        c.json(
          {
            error: {
              code: 'invalid_argument',
              message: `Request body larger than ${deps.maxBodyBytes} bytes.`,
              connector: 'core',
              retryable: false,
              hint: 'Send a smaller body (split the content, or shorten long text fields); the limit is DESKGATE_MAX_BODY_BYTES.',
            } satisfies ErrorPayload,
          },
          413,
          // The rest of the body is never read: the connection cannot be reused.
          { connection: 'close' },
        ),
    }),
  );
  // The admin and self-service API draws on the same per-key bucket.
  if (deps.admin) app.route('/api', adminApi({ ...deps.admin, onAuthenticated: (principal) => limits?.takeCall(principal.key.id) }));

  for (const mount of deps.routes) {
    const { id, app: routes } = mount((connector) => routeDepsFor(authenticate, deps.registry, deps.log, connector));
    app.route(`/api/${id}`, routes);
  }

  app.notFound((c) =>
    errorResponse(c, {
      code: 'not_found',
      message: `No route ${c.req.method} ${c.req.path}.`,
      connector: 'core',
      retryable: false,
      hint: 'MCP clients connect to POST /mcp; health at /healthz and /readyz; metrics at /metrics.',
    }),
  );

  app.onError((error, c) => {
    // A client that went away mid-request: nobody to answer, nothing wrong with the gateway.
    if (isClientAbort(error, c.env?.incoming)) {
      deps.log.info({ path: c.req.path, method: c.req.method }, 'client closed the connection mid-request');
      deps.metrics.clientAborted.inc({ route: routeLabelOf(c.req.path) });
      return c.body(null, 499 as never);
    }
    if (error instanceof GatewayError) {
      const retryAfter = error.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(error.retryAfterSeconds) };
      return errorResponse(c, error.toPayload(), retryAfter);
    }
    deps.log.error({ err: error, path: c.req.path }, 'unhandled error in HTTP handler');
    return errorResponse(c, {
      code: 'internal',
      message: 'The gateway hit an unexpected error.',
      connector: 'core',
      retryable: false,
      hint: 'Retry once; if it fails again, report it to the gateway operator with the time of the call.',
    });
  });

  return app;
}

/** The tool a JSON-RPC tools/call request names, or undefined for any other message. */
function toolCallName(message: unknown): string | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const { method, params } = message as { method?: unknown; params?: { name?: unknown } };
  return method === 'tools/call' && typeof params?.name === 'string' ? params.name : undefined;
}
