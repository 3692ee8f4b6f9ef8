import { GatewayError } from '../errors';

/**
 * Vendor request paths, built from a route template and the values that fill
 * it, never by pasting a tool argument into a string:
 *
 *   vendorPath('/workspaces/{workspace_id}/tags/{tag_id}', { workspace_id: ws, tag_id: args.tag_id })
 *
 * Every value is one whole path segment: it is checked (not empty, not `.`
 * or `..`, no control characters, no lone UTF-16 surrogate, at most
 * MAX_SEGMENT_LENGTH characters) and then percent-encoded in full, so `/`,
 * `?`, `#` and `%` in a value stay inside its segment. A bad value is
 * `invalid_argument` naming the placeholder (name placeholders after the
 * tool argument that fills them) before any request is made. The template
 * itself stays on the request as `route`: logs, spans and metrics use it,
 * never the filled path.
 *
 * A plain string passed as a request path is taken as a route without
 * placeholders and checked the same way (segments of unreserved characters
 * only), so an id pasted into one can at worst be refused.
 */
export interface VendorPath {
  /** The template, e.g. "/workspaces/{workspace_id}/tags/{tag_id}". Low cardinality: safe as a metric label. */
  readonly route: string;
  /** The filled, encoded path relative to the connector's base URL, e.g. "/workspaces/64a…/tags/67d…". */
  readonly path: string;
}

/** Longest value one placeholder accepts, in UTF-16 code units. */
export const MAX_SEGMENT_LENGTH = 256;

/** Placeholder names in a route template, as a type: `'/a/{x}/b/{y}'` → `'x' | 'y'`. */
export type RouteParamNames<T extends string> = T extends `${string}{${infer Name}}${infer Rest}` ? Name | RouteParamNames<Rest> : never;
export type RouteParams<T extends string> = { readonly [K in RouteParamNames<T>]: string | number };

/** A literal segment of a template: RFC 3986 unreserved and sub-delims, ':' and '@'. */
const LITERAL_SEGMENT = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]+$/;
const PLACEHOLDER = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const cache = new Map<string, readonly Segment[]>();
type Segment = { literal: string } | { param: string };

/** Fills `route` with `params`; throws invalid_argument (naming the placeholder) for a value that cannot be one segment. */
export function vendorPath<T extends string>(route: T, ...params: RouteParamNames<T> extends never ? [] : [RouteParams<T>]): VendorPath {
  const segments = parseRoute(route);
  const values = (params[0] ?? {}) as Record<string, unknown>;
  let path = '';
  for (const segment of segments) {
    path += '/';
    if ('literal' in segment) path += segment.literal;
    else path += encodeSegment(segment.param, values[segment.param], route);
  }
  return { route, path };
}

/** A request's path as given (a VendorPath, or a plain string taken as a route without placeholders). */
export function toVendorPath(path: string | VendorPath): VendorPath {
  if (typeof path !== 'string') return path;
  const route = path.startsWith('/') ? path : `/${path}`;
  parseRoute(route, true);
  return { route, path: route };
}

/** The encoded segment for one placeholder value, or invalid_argument saying what is wrong with it. */
export function encodeSegment(name: string, value: unknown, route = ''): string {
  const problem = segmentProblem(value);
  if (problem) {
    throw new GatewayError('invalid_argument', `${name} ${problem}, so it cannot be used to address the vendor.`, {
      retryable: false,
      fields: [{ field: name, problem }],
      hint: `Pass ${name} exactly as the list or get tool returned it${route ? ` (it fills ${route})` : ''}.`,
    });
  }
  return encodeURIComponent(String(value));
}

/** Why `value` cannot be one path segment, or undefined when it can. */
export function segmentProblem(value: unknown): string | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? undefined : 'must be a whole, non-negative number';
  }
  if (typeof value !== 'string') return value === undefined || value === null ? 'is missing' : 'must be a string or a number';
  if (value.length === 0) return 'is empty';
  if (value.length > MAX_SEGMENT_LENGTH) return `is longer than ${MAX_SEGMENT_LENGTH} characters`;
  if (value === '.' || value === '..') return `cannot be "${value}"`;
  if (CONTROL.test(value)) return 'contains a control character';
  if (LONE_SURROGATE.test(value)) return 'contains an unpaired UTF-16 surrogate';
  return undefined;
}

function parseRoute(route: string, literalOnly = false): readonly Segment[] {
  const known = literalOnly ? undefined : cache.get(route);
  if (known) return known;
  if (!route.startsWith('/')) throw badRoute(route, 'must start with "/"');
  const parts = route.slice(1).split('/');
  const segments: Segment[] = [];
  parts.forEach((part, index) => {
    // Only the last segment may be empty: "/items/" is OneDesk's create route.
    if (part === '' && index === parts.length - 1) return segments.push({ literal: '' });
    const param = literalOnly ? null : PLACEHOLDER.exec(part);
    if (param) return segments.push({ param: param[1]! });
    if (part === '.' || part === '..' || !LITERAL_SEGMENT.test(part)) {
      throw badRoute(route, `has a segment that is not a plain name ("${part.length > 40 ? `${part.slice(0, 40)}…` : part}")`);
    }
    return segments.push({ literal: part });
  });
  if (!literalOnly && cache.size < 2_000) cache.set(route, segments);
  return segments;
}

function badRoute(route: string, problem: string): GatewayError {
  return new GatewayError('invalid_argument', `The vendor path ${problem}, so the request was not sent.`, {
    connector: 'core',
    retryable: false,
    fields: [{ field: 'path', problem }],
    hint: 'Pass ids exactly as the list or get tools return them.',
  });
}
