import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { failSpan, incomingContext, SpanKind, withSpan, type Tracer } from '../observability/tracing';

/**
 * The SERVER span of one HTTP request (mounted on /mcp and /api/* only when
 * tracing is on): a child of the caller's W3C `traceparent` when it sent
 * one, named by method and route template (`POST /mcp`,
 * `GET /api/helpdesk/tickets/:id`), never by the path or query it was sent
 * to. Everything the request does (authentication, the tool call, vendor
 * requests, database work) happens inside it.
 */
export function requestSpan(tracer: Tracer): MiddlewareHandler {
  return async (c, next) => {
    const parent = incomingContext(c.req.raw.headers);
    const method = c.req.method;
    const span = tracer.startSpan(
      `${method} ${c.req.path === '/mcp' ? '/mcp' : '/api'}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.scheme': 'http' } },
      parent,
    );
    try {
      await withSpan(span, next, parent);
    } finally {
      const route = routePath(c, -1);
      if (route && route !== '*' && route !== '/api/*') {
        span.setAttribute('http.route', route);
        span.updateName(`${method} ${route}`);
      }
      const status = c.res.status;
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) failSpan(span, String(status));
      const requestId = c.res.headers.get('x-request-id');
      if (requestId) span.setAttribute('deskgate.request_id', requestId);
      span.end();
    }
  };
}
