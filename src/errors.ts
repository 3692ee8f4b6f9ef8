/**
 * The one error taxonomy. Every failure a tool, the REST API or the vendor
 * HTTP client reports is a `GatewayError` with one of these codes; one
 * wrapper (src/mcp/dispatch.ts, src/http-api/errors.ts) turns it into what
 * the caller reads. Messages are written for the model: what went wrong and
 * what to do next. Never put a vendor body, a stack trace or a secret in one.
 */
export const ERROR_CODES = [
  'invalid_argument',
  'not_found',
  'unauthenticated',
  'permission_denied',
  'rate_limited',
  'unsupported_by_vendor',
  'precondition_failed',
  'conflict',
  'plan_required',
  'upstream_unavailable',
  'upstream_timeout',
  'upstream_error',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface GatewayErrorOptions {
  /** Connector id the error belongs to ("core" for the gateway itself). */
  connector?: string;
  /** Whether the same call may succeed if repeated later. Defaults per code. */
  retryable?: boolean;
  retryAfterSeconds?: number;
  /** HTTP status the vendor answered, when there was one. */
  vendorStatus?: number;
  /** What the model should do next, e.g. "call helpdesk_list_statuses for valid status ids". */
  hint?: string;
  /** Tools or steps that reach the goal another way. */
  alternatives?: string[];
  /** Field-level details for invalid_argument. */
  fields?: FieldProblem[];
  /**
   * A write may have reached the vendor and no answer says whether it was
   * applied (a timeout, a broken connection or a 5xx after sending). Set by
   * the vendor HTTP client; creates use it to check before creating again.
   */
  outcomeUnknown?: boolean;
  cause?: unknown;
}

export interface FieldProblem {
  field: string;
  problem: string;
}

/** Wire shape of an error in a tool result's `_meta["deskgate/error"]` and in REST bodies. */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  connector: string;
  retryable: boolean;
  retry_after_seconds?: number;
  vendor_status?: number;
  hint?: string;
  alternatives?: string[];
  fields?: FieldProblem[];
}

const RETRYABLE_BY_DEFAULT: ReadonlySet<ErrorCode> = new Set([
  'rate_limited',
  'upstream_unavailable',
  'upstream_timeout',
]);

export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly connector: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterSeconds: number | undefined;
  readonly vendorStatus: number | undefined;
  readonly hint: string | undefined;
  readonly alternatives: string[] | undefined;
  readonly fields: FieldProblem[] | undefined;
  readonly outcomeUnknown: boolean;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.code = code;
    this.connector = options.connector;
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT.has(code);
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.vendorStatus = options.vendorStatus;
    this.hint = options.hint;
    this.alternatives = options.alternatives;
    this.fields = options.fields;
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }

  toPayload(defaultConnector = 'core'): ErrorPayload {
    const payload: ErrorPayload = {
      code: this.code,
      message: this.message,
      connector: this.connector ?? defaultConnector,
      retryable: this.retryable,
    };
    if (this.retryAfterSeconds !== undefined) payload.retry_after_seconds = this.retryAfterSeconds;
    if (this.vendorStatus !== undefined) payload.vendor_status = this.vendorStatus;
    if (this.hint) payload.hint = this.hint;
    if (this.alternatives?.length) payload.alternatives = this.alternatives;
    if (this.fields?.length) payload.fields = this.fields;
    return payload;
  }
}

/** Shorthand constructors, so handlers read as `throw notFound(...)`. */
export const invalidArgument = (message: string, opts?: GatewayErrorOptions) =>
  new GatewayError('invalid_argument', message, opts);
export const notFound = (message: string, opts?: GatewayErrorOptions) =>
  new GatewayError('not_found', message, opts);
export const permissionDenied = (message: string, opts?: GatewayErrorOptions) =>
  new GatewayError('permission_denied', message, opts);
export const unsupportedByVendor = (message: string, opts?: GatewayErrorOptions) =>
  new GatewayError('unsupported_by_vendor', message, opts);
export const preconditionFailed = (message: string, opts?: GatewayErrorOptions) =>
  new GatewayError('precondition_failed', message, opts);
export const conflict = (message: string, opts?: GatewayErrorOptions) =>
  new GatewayError('conflict', message, opts);

/** HTTP status for the REST API and for the gateway's own HTTP errors. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'invalid_argument':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'permission_denied':
      return 403;
    case 'plan_required':
      return 402;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'precondition_failed':
      return 412;
    case 'rate_limited':
      return 429;
    case 'unsupported_by_vendor':
      return 501;
    case 'upstream_error':
      return 502;
    case 'upstream_unavailable':
      return 503;
    case 'upstream_timeout':
      return 504;
    case 'internal':
      return 500;
  }
}

/**
 * Turns anything thrown into a GatewayError. Unknown errors become `internal`
 * with a generic message: their text may hold a vendor body or a secret, so
 * it goes to the log (redacted) and never to the model.
 */
export function toGatewayError(error: unknown, connector?: string): GatewayError {
  if (error instanceof GatewayError) return error;
  return new GatewayError('internal', 'The gateway hit an unexpected error while running this tool.', {
    connector,
    retryable: false,
    hint: 'Retry once; if it fails again, report it to the gateway operator with the time of the call.',
    cause: error,
  });
}

/** The text a model reads: everything the payload says, in words (the only part every client shows). */
export function errorText(payload: ErrorPayload): string {
  const parts = [`Error (${payload.code}): ${payload.message}`];
  if (payload.fields?.length) parts.push(payload.fields.map((f) => `- ${f.field}: ${f.problem}`).join('\n'));
  if (payload.retry_after_seconds !== undefined) parts.push(`Retry after ${payload.retry_after_seconds} s.`);
  if (payload.hint) parts.push(`Next: ${payload.hint}`);
  if (payload.alternatives?.length) parts.push(`Alternatives: ${payload.alternatives.join('; ')}`);
  return parts.join('\n');
}
