import { GatewayError } from '../errors';
import type { VendorErrorContext, VendorRequest } from './types';

export interface StatusErrorInput {
  connector: string;
  vendorName: string;
  status: number;
  request: Pick<VendorRequest, 'method' | 'operation'>;
  /** From Retry-After, when the vendor sent one. */
  retryAfterSeconds?: number;
}

/** `DESKTIME` for "desktime": the prefix of the connector's env variables. */
export const envPrefix = (connector: string) => connector.toUpperCase().replace(/[^A-Z0-9]+/g, '_');

/**
 * The generic status → taxonomy mapping, used when the connector's own
 * mapError has nothing more specific. Messages name the operation, never the
 * URL, and never quote the vendor's body.
 */
export function errorForStatus(input: StatusErrorInput): GatewayError {
  const { connector, vendorName, status, request } = input;
  const op = `"${request.operation}"`;
  const base = { connector, vendorStatus: status };
  const env = envPrefix(connector);
  switch (status) {
    case 400:
    case 413:
    case 422:
      return new GatewayError('invalid_argument', `${vendorName} rejected ${op} as invalid (HTTP ${status}).`, {
        ...base,
        hint: "Check the arguments against the tool's input schema (ids, dates, required fields) and call again with corrected values.",
      });
    case 401:
      return new GatewayError('unauthenticated', `${vendorName} did not accept the gateway's API key (HTTP 401).`, {
        ...base,
        retryable: false,
        hint: `Retrying will not help: the gateway operator must check ${env}_API_KEY.`,
      });
    case 402:
      return new GatewayError('plan_required', `${vendorName} says ${op} needs a higher plan (HTTP 402).`, {
        ...base,
        hint: `Tell the user this needs a paid plan on the ${vendorName} account; another tool may give similar information.`,
      });
    case 403:
      return new GatewayError('permission_denied', `${vendorName} refused ${op} for the gateway's API key (HTTP 403).`, {
        ...base,
        hint: `The ${vendorName} account behind ${env}_API_KEY lacks this permission; an admin of that account must grant it.`,
      });
    case 404:
    case 410:
      return new GatewayError('not_found', `${vendorName} found nothing for ${op} (HTTP ${status}).`, {
        ...base,
        hint: `Check the ids: the list tools of ${connector} give valid ones.`,
      });
    case 405:
      return new GatewayError('unsupported_by_vendor', `${vendorName} does not support ${op} (HTTP 405).`, {
        ...base,
        hint: `Use another ${connector} tool for the same goal.`,
      });
    case 409:
      return new GatewayError('conflict', `${vendorName} reports ${op} conflicts with the current state (HTTP 409).`, {
        ...base,
        hint: 'Read the current state of the item, then call again with values that fit it.',
      });
    case 412:
      return new GatewayError('precondition_failed', `${vendorName} says a precondition for ${op} does not hold (HTTP 412).`, {
        ...base,
        hint: 'Read the current state of the item, then call again.',
      });
    case 429:
      return new GatewayError('rate_limited', `${vendorName} is rate-limiting the gateway (HTTP 429).`, {
        ...base,
        retryAfterSeconds: input.retryAfterSeconds,
        hint: 'Wait retry_after_seconds before calling again, and make fewer, narrower calls.',
      });
    case 503:
      return new GatewayError('upstream_unavailable', `${vendorName} is temporarily unavailable (HTTP 503).`, {
        ...base,
        retryAfterSeconds: input.retryAfterSeconds,
        hint: `Retry later; ${vendorName} is down or overloaded, not the request.`,
      });
  }
  if (status >= 500) {
    // 502/504 are a proxy in front of the vendor failing: worth another try later.
    const transient = status === 502 || status === 504;
    return new GatewayError('upstream_error', `${vendorName} failed with a server error on ${op} (HTTP ${status}).`, {
      ...base,
      retryable: transient,
      retryAfterSeconds: input.retryAfterSeconds,
      hint: transient
        ? 'Retry in a little while; the problem is on the vendor side.'
        : `The problem is on ${vendorName}'s side; retrying the same call is unlikely to help soon.`,
    });
  }
  if (status >= 300 && status < 400) {
    // Redirects are not followed: a custom auth header would go along to wherever they point.
    return new GatewayError('upstream_error', `${vendorName} answered ${op} with a redirect (HTTP ${status}), which the gateway does not follow.`, {
      ...base,
      retryable: false,
      hint: `The gateway operator should check ${env}_BASE_URL points at the API itself.`,
    });
  }
  return new GatewayError('upstream_error', `${vendorName} answered ${op} with an unexpected HTTP ${status}.`, {
    ...base,
    retryable: false,
    hint: 'Check the arguments and call again; if it persists, report it to the gateway operator.',
  });
}

/**
 * A per-vendor override of the generic mapping, keyed on the HTTP status and,
 * where the vendor sends one, its structured error code: never on words in
 * the vendor's text, which change without notice and vary by language.
 */
export interface VendorErrorRule {
  status: number;
  /** The vendor's own code (e.g. Clockify's `code: 501`); omitted matches any code. */
  vendorCode?: string | number;
  /** Builds the error; `generic` is what the core mapping would have said, to adjust or return. */
  error: (ctx: VendorErrorContext & { generic: GatewayError; vendorCode: string | number | undefined }) => GatewayError;
}

export interface VendorErrorRules {
  vendorName: string;
  /** Reads the vendor's structured error code from a body (e.g. `body.code`); undefined when absent. */
  vendorCodeOf?: (body: unknown) => string | number | undefined;
  rules: VendorErrorRule[];
}

/**
 * One mapper for a vendor: a rule matching status and vendor code wins, then
 * a rule for the status alone, then the generic status mapping (with the
 * Retry-After the core parsed). Connectors pass the result as `mapError`.
 */
export function vendorErrorMapper(spec: VendorErrorRules): (ctx: VendorErrorContext) => GatewayError {
  return (ctx) => {
    const generic = errorForStatus({
      connector: ctx.connector,
      vendorName: spec.vendorName,
      status: ctx.status,
      request: ctx.request,
      retryAfterSeconds: ctx.retryAfterSeconds,
    });
    const vendorCode = spec.vendorCodeOf?.(ctx.body);
    const sameCode = (a: string | number, b: string | number) => String(a) === String(b);
    const rule =
      (vendorCode === undefined
        ? undefined
        : spec.rules.find((r) => r.status === ctx.status && r.vendorCode !== undefined && sameCode(r.vendorCode, vendorCode))) ??
      spec.rules.find((r) => r.status === ctx.status && r.vendorCode === undefined);
    return rule ? rule.error({ ...ctx, generic, vendorCode }) : generic;
  };
}
