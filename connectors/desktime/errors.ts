import { GatewayError, type ErrorCode, type GatewayErrorOptions } from '../../src/errors';
import type { VendorErrorContext, VendorErrorMapper } from '../../src/vendor-http/types';

const CONNECTOR = 'desktime';

/**
 * DeskTime documents neither its error bodies nor its rate limits, so the
 * mapper reads the status first and, when that says little (a 200 or a 400),
 * classifies the text of the `error` field by keywords. That text only picks
 * the code: it never reaches the model, which reads messages written here.
 */

type Kind = 'auth' | 'rate' | 'not_found' | 'permission' | 'plan' | 'date' | 'unknown';

function vendorErrorText(body: unknown): string {
  if (body === null || typeof body !== 'object') return '';
  const record = body as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of ['error', 'message', 'msg', 'description']) {
    const value = record[key];
    if (typeof value === 'string') parts.push(value);
    else if (value && typeof value === 'object') {
      const inner = value as Record<string, unknown>;
      for (const innerKey of ['message', 'msg', 'description', 'error']) {
        if (typeof inner[innerKey] === 'string') parts.push(inner[innerKey]);
      }
    }
  }
  return parts.join(' ').toLowerCase();
}

function vendorErrorCode(body: unknown): number | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  const error = record.error;
  const candidates = [record.code, record.status, error && typeof error === 'object' ? (error as Record<string, unknown>).code : undefined];
  for (const candidate of candidates) {
    const n = typeof candidate === 'string' ? Number(candidate) : candidate;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 400 && n < 600) return n;
  }
  return undefined;
}

function classify(text: string): Kind {
  if (/api ?key|apikey|unauthori[sz]ed|authenticat|invalid key|wrong key|no key/.test(text)) return 'auth';
  if (/too many|rate limit|throttl|slow down/.test(text)) return 'rate';
  if (/permission|forbidden|access denied|not allowed|no access|insufficient/.test(text)) return 'permission';
  if (/plan|subscription|upgrade|trial/.test(text)) return 'plan';
  if (/not found|does not exist|doesn't exist|no such|unknown|invalid (employee|user|id|project|task)/.test(text)) return 'not_found';
  if (/date|day|period/.test(text)) return 'date';
  return 'unknown';
}

function kindFromStatus(status: number): Kind | undefined {
  switch (status) {
    case 401:
      return 'auth';
    case 403:
      return 'permission';
    case 404:
      return 'not_found';
    case 402:
      return 'plan';
    case 429:
      return 'rate';
    default:
      return undefined;
  }
}

/** Seconds from a Retry-After header: either a number of seconds or an HTTP date. */
export function retryAfterSeconds(headers: Record<string, string>, now = Date.now()): number | undefined {
  const raw = headers['retry-after'] ?? headers['Retry-After'];
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function isEmployeeOperation(operation: string): boolean {
  return operation.startsWith('get employee');
}

function build(kind: Kind, ctx: Omit<VendorErrorContext, 'body'>, reportedInBody: boolean): GatewayError {
  const operation = ctx.request.operation;
  const base = { connector: CONNECTOR, vendorStatus: ctx.status };
  const make = (code: ErrorCode, message: string, extra: GatewayErrorOptions = {}) =>
    new GatewayError(code, message, { ...base, ...extra });

  switch (kind) {
    case 'auth':
      return make('unauthenticated', 'DeskTime rejected the gateway\'s API key.', {
        retryable: false,
        hint: 'Retrying will not help: the gateway operator should set DESKTIME_API_KEY to a current key from desktime.com/app/api, then run `deskgate doctor`.',
      });
    case 'rate':
      return make('rate_limited', 'DeskTime is limiting how fast the gateway may call it.', {
        retryAfterSeconds: retryAfterSeconds(ctx.headers),
        hint: 'Wait before calling DeskTime again, and fetch fewer days per minute.',
      });
    case 'permission':
      return make('permission_denied', `DeskTime refused ${operation}: the API key's owner may not see or change this.`, {
        hint: isEmployeeOperation(operation)
          ? "Omit employee_id to read the key owner's own data, or ask a DeskTime admin for a key with company-wide access."
          : 'Ask a DeskTime admin whether the key owner has the rights this needs.',
      });
    case 'plan':
      return make('plan_required', `DeskTime's plan for this company does not include ${operation}.`, {
        hint: 'A DeskTime admin can check the subscription at desktime.com; other DeskTime tools may still work.',
      });
    case 'not_found':
      if (isEmployeeOperation(operation)) {
        return make('not_found', 'DeskTime has no employee with that employee_id in this company.', {
          hint: 'Call desktime_list_employees for valid employee ids, or omit employee_id for the key owner.',
        });
      }
      if (reportedInBody) {
        return make('not_found', `DeskTime could not find what ${operation} refers to.`, {
          hint: 'Call desktime_list_projects for the exact project and task names.',
        });
      }
      return make('upstream_error', `DeskTime has no endpoint for ${operation} at the configured address.`, {
        retryable: false,
        hint: 'The gateway operator should check DESKTIME_BASE_URL (default https://desktime.com/api/v2/json).',
      });
    case 'date':
      return make('invalid_argument', `DeskTime refused the date or period given to ${operation}.`, {
        hint: 'Pass one day as YYYY-MM-DD, "today" or "yesterday".',
      });
    case 'unknown':
      return make('upstream_error', `DeskTime reported an error for ${operation}.`, {
        retryable: false,
        hint: 'Check the arguments against the tool description; if they are right, retry once later.',
      });
  }
}

/** Maps a non-2xx DeskTime answer (the client passes it here) to the taxonomy. */
export const toDesktimeError: VendorErrorMapper = (ctx) => {
  const { status } = ctx;
  if (status === 429) return build('rate', ctx, false);
  if (status === 401) return build('auth', ctx, false);
  if (status >= 500) {
    const unavailable = status === 502 || status === 503 || status === 504;
    return new GatewayError(
      unavailable ? 'upstream_unavailable' : 'upstream_error',
      unavailable ? 'DeskTime is unavailable right now.' : `DeskTime failed while handling ${ctx.request.operation}.`,
      {
        connector: CONNECTOR,
        vendorStatus: status,
        retryable: true,
        retryAfterSeconds: retryAfterSeconds(ctx.headers),
        hint: 'Retry in a minute; `desktime_ping` tells whether DeskTime is back.',
      },
    );
  }
  const textKind = classify(vendorErrorText(ctx.body));
  const statusKind = kindFromStatus(status);
  // A 403 whose text blames the key is a bad key, not a missing right.
  if (statusKind === 'permission' && textKind === 'auth') return build('auth', ctx, false);
  if (statusKind) return build(statusKind, ctx, textKind === 'not_found');
  if (status === 400 || status === 422) {
    return textKind === 'unknown'
      ? new GatewayError('invalid_argument', `DeskTime refused the arguments of ${ctx.request.operation}.`, {
          connector: CONNECTOR,
          vendorStatus: status,
          hint: 'Check the arguments against the tool description (dates as YYYY-MM-DD, names exactly as desktime_list_projects shows them).',
        })
      : build(textKind, ctx, true);
  }
  return build(textKind, ctx, true);
};

/**
 * DeskTime may answer 200 with `{"error": …}`; integrators check for that key.
 * An `error` that is false, null or empty is not a failure.
 */
export function checkDesktimeBody(body: unknown, ctx: Omit<VendorErrorContext, 'body'>): GatewayError | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const error = (body as Record<string, unknown>).error;
  if (error === undefined || error === null || error === false || error === '' || error === 0) return undefined;
  if (typeof error === 'object' && Object.keys(error).length === 0) return undefined;
  const code = vendorErrorCode(body);
  const kind = code === undefined ? undefined : kindFromStatus(code);
  return build(kind ?? classify(vendorErrorText(body)), ctx, true);
}
