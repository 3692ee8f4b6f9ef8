import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AuditKind, AuditSink } from './log';
import { answeredIds } from './policy';
import { withAuditScope, type AuditScope } from './scope';

/**
 * The audit middleware on /mcp and /api/*: a record for every REST write
 * (POST, PUT, PATCH, DELETE) and every admin API call (reads too: who
 * looked at keys or the audit trail is itself worth knowing), and a failed
 * sign-in for every 401. Tool calls on /mcp are recorded by the MCP
 * endpoint, which knows the tool, its arguments and its outcome.
 */
export function auditMiddleware(audit: AuditSink, requestIdOf: (c: Context) => string, addressOf: (c: Context) => string | undefined): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const scope: AuditScope = {};
    // /mcp needs no scope (the endpoint records tool calls itself): only its 401s are looked at here.
    if (c.req.path === '/mcp') await next();
    else await withAuditScope(scope, () => next());
    const { method, path } = c.req;
    const status = c.res.status;
    const admin = path.startsWith('/api/admin/');
    const write = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    // A credential that was presented and refused; a request with none (an OAuth client's first call) is no sign-in attempt.
    const signInFailed = status === 401 && c.req.header('authorization') !== undefined;
    if (!signInFailed && (path === '/mcp' || status === 401 || (!write && !(admin && !path.endsWith('/openapi.json'))))) return;

    let requestId = c.res.headers.get('x-request-id') ?? undefined;
    if (!requestId) {
      requestId = requestIdOf(c);
      c.res.headers.set('x-request-id', requestId);
    }
    const route = routeOf(c);
    const base = {
      action: `${method} ${route}`,
      durationMs: performance.now() - started,
      requestId,
      connector: connectorOf(path),
    };
    if (signInFailed) {
      audit.record({ ...base, kind: 'sign_in', outcome: 'unauthenticated', address: addressOf(c) });
      return;
    }
    const { principal } = scope;
    let outcome = 'ok';
    let answered: Record<string, unknown> | undefined;
    if (status >= 400) outcome = await errorCodeOf(c.res, status);
    else if (write) answered = await idsAnswered(c.res);
    audit.record({
      ...base,
      kind: kindOf(method, path),
      outcome,
      userId: principal?.user.id,
      userEmail: principal?.user.email,
      keyId: principal?.key.id,
      clientId: principal?.key.oauthClientId,
      targets: { ...paramsOf(route, path), ...answered },
    });
  };
}

function kindOf(method: string, path: string): AuditKind {
  if (/^\/api\/admin\/keys(\/|$)/.test(path)) return 'key';
  if (/^\/api\/(admin|me)\/credentials(\/|$)/.test(path)) return 'credential';
  if (/^\/api\/(admin|me)\/grants\//.test(path) && method === 'DELETE') return 'oauth_revoke';
  if (path.startsWith('/api/admin/')) return 'admin';
  return 'rest';
}

/** `core` for the gateway's own API, else the connector whose REST API it is. */
function connectorOf(path: string): string | undefined {
  const segment = /^\/api\/([^/]+)/.exec(path)?.[1];
  if (!segment) return undefined;
  return segment === 'admin' || segment === 'me' ? 'core' : segment;
}

/** The route as registered (`/api/admin/keys/:id`): actions group by it, and it never carries an id. */
function routeOf(c: Context): string {
  try {
    const handlers = matchedRoutes(c).filter((r) => r.method !== 'ALL');
    const path = handlers.at(-1)?.path;
    if (path) return path;
  } catch {
    // No match result (not found): fall through.
  }
  return c.req.path.startsWith('/api/') ? '(no route)' : c.req.path;
}

/** The route's parameters (`:id` → its value in the path). */
function paramsOf(route: string, path: string): Record<string, string> {
  const names = route.split('/');
  const values = path.split('/');
  const params: Record<string, string> = {};
  names.forEach((segment, i) => {
    if (!segment.startsWith(':') || values[i] === undefined) return;
    const name = segment.slice(1).replace(/\{.*$/, '').replace(/\?$/, '');
    try {
      params[name] = decodeURIComponent(values[i]).slice(0, 200);
    } catch {
      params[name] = values[i].slice(0, 200);
    }
  });
  return params;
}

/** Our error bodies are `{ error: { code } }`; anything else is named by its status. */
async function errorCodeOf(response: Response, status: number): Promise<string> {
  try {
    const body = (await response.clone().json()) as { error?: { code?: unknown } };
    if (typeof body.error?.code === 'string') return body.error.code;
  } catch {
    // Not JSON.
  }
  return `http_${status}`;
}

/** The ids a write answered with (a created key's id and user_id, `{ user: { id } }` as user_id); never anything else in it. */
async function idsAnswered(response: Response): Promise<Record<string, unknown> | undefined> {
  if (!response.headers.get('content-type')?.includes('application/json')) return undefined;
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > 64 * 1024) return undefined;
  try {
    return answeredIds(await response.clone().json());
  } catch {
    return undefined;
  }
}
