import { GatewayError } from '../../src/errors';
import { vendorErrorMapper, type VendorErrorRule } from '../../src/vendor-http/status-errors';
import type { VendorErrorContext, VendorErrorMapper } from '../../src/vendor-http/types';

const CONNECTOR = 'desktime';

/**
 * DeskTime documents neither its error bodies nor its rate limits [U]:
 * integrators check the HTTP status and an `error` key in the body. So the
 * code comes from the status and, inside a 200, from a structured status in
 * `error.code`; the only vendor text read is the one exact wording a test
 * shows ("Invalid API key"). Anything else is `upstream_error`: guessing a
 * code from words in the vendor's text misleads the model more than it helps.
 * The text never reaches the model, which reads messages written here.
 */

/** The one exact `error` wording known to mean a bad key (what DeskTime answers to a wrong `apiKey`). */
const INVALID_KEY_WORDING = 'Invalid API key';

const isEmployeeOperation = (operation: string) => operation.startsWith('get employee');
const isProjectOperation = (operation: string) => /project/.test(operation);

/** `error.code` (or a top-level `code`) when it is an HTTP status, the only structured field DeskTime is seen to send. */
function structuredStatus(body: unknown): number | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  const error = record.error;
  const candidates = [error && typeof error === 'object' ? (error as Record<string, unknown>).code : undefined, record.code];
  for (const candidate of candidates) {
    const n = typeof candidate === 'string' && /^\d{3}$/.test(candidate) ? Number(candidate) : candidate;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 400 && n < 600) return n;
  }
  return undefined;
}

function saysInvalidKey(body: unknown): boolean {
  if (body === null || typeof body !== 'object') return false;
  const error = (body as Record<string, unknown>).error;
  const text = typeof error === 'string' ? error : error && typeof error === 'object' ? (error as Record<string, unknown>).message : undefined;
  return typeof text === 'string' && text.trim() === INVALID_KEY_WORDING;
}

function invalidKey(ctx: Pick<VendorErrorContext, 'status'>): GatewayError {
  return new GatewayError('unauthenticated', "DeskTime rejected the gateway's API key.", {
    connector: CONNECTOR,
    vendorStatus: ctx.status,
    retryable: false,
    hint: 'Retrying will not help: the gateway operator should set DESKTIME_API_KEY to a current key from desktime.com/app/api, then run `deskgate doctor`.',
  });
}

const rules: VendorErrorRule[] = [
  { status: 401, error: (ctx) => invalidKey(ctx) },
  {
    status: 403,
    error: ({ request, status }) =>
      new GatewayError('permission_denied', `DeskTime refused ${request.operation}: the API key's owner may not see or change this.`, {
        connector: CONNECTOR,
        vendorStatus: status,
        hint: isEmployeeOperation(request.operation)
          ? "Omit employee_id to read the key owner's own data, or ask a DeskTime admin for a key with company-wide access."
          : 'Ask a DeskTime admin whether the key owner has the rights this needs.',
      }),
  },
  {
    status: 404,
    error: ({ request, status }) =>
      isEmployeeOperation(request.operation)
        ? new GatewayError('not_found', 'DeskTime has no employee with that employee_id in this company.', {
            connector: CONNECTOR,
            vendorStatus: status,
            hint: 'Call desktime_list_employees for valid employee ids, or omit employee_id for the key owner.',
          })
        : // Lists and actions have fixed addresses: a 404 means the address is wrong, not the data.
          new GatewayError('upstream_error', `DeskTime has no endpoint for ${request.operation} at the configured address.`, {
            connector: CONNECTOR,
            vendorStatus: status,
            retryable: false,
            hint: 'The gateway operator should check DESKTIME_BASE_URL (default https://desktime.com/api/v2/json).',
          }),
  },
  ...[400, 422].map(
    (status): VendorErrorRule => ({
      status,
      error: ({ request }) =>
        new GatewayError('invalid_argument', `DeskTime refused the arguments of ${request.operation} (HTTP ${status}).`, {
          connector: CONNECTOR,
          vendorStatus: status,
          hint: 'Check the arguments against the tool description (dates as YYYY-MM-DD, project and task names exactly as DeskTime shows them).',
        }),
    }),
  ),
  {
    status: 429,
    error: ({ status, retryAfterSeconds }) =>
      new GatewayError('rate_limited', 'DeskTime is limiting how fast the gateway may call it.', {
        connector: CONNECTOR,
        vendorStatus: status,
        retryAfterSeconds,
        hint: 'Wait before calling DeskTime again, and fetch fewer days per minute.',
      }),
  },
];

const byStatus = vendorErrorMapper({ vendorName: 'DeskTime', rules });

/** Maps a non-2xx DeskTime answer (the client passes it here) to the taxonomy. */
export const toDesktimeError: VendorErrorMapper = (ctx) => (saysInvalidKey(ctx.body) ? invalidKey(ctx) : byStatus(ctx));

/**
 * DeskTime may answer 200 with `{"error": …}`; integrators check for that key.
 * An `error` that is false, null or empty is not a failure. A structured
 * status inside it (`{"error": {"code": 403, …}}`) maps as that status would;
 * the known bad-key wording is `unauthenticated`; any other text is an
 * `upstream_error` whose hint depends on the operation, never on the text.
 */
export function checkDesktimeBody(body: unknown, ctx: Omit<VendorErrorContext, 'body'>): GatewayError | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const error = (body as Record<string, unknown>).error;
  if (error === undefined || error === null || error === false || error === '' || error === 0) return undefined;
  if (typeof error === 'object' && Object.keys(error).length === 0) return undefined;
  if (saysInvalidKey(body)) return invalidKey(ctx);
  const status = structuredStatus(body);
  if (status !== undefined) return byStatus({ ...ctx, status, body });
  const operation = ctx.request.operation;
  return new GatewayError('upstream_error', `DeskTime reported an error for ${operation}.`, {
    connector: CONNECTOR,
    vendorStatus: ctx.status,
    retryable: false,
    hint: isProjectOperation(operation)
      ? 'Check that the project and task names match DeskTime exactly (desktime_list_projects lists them); if they are right, retry once later.'
      : isEmployeeOperation(operation)
        ? 'Check employee_id with desktime_list_employees and the date (YYYY-MM-DD); if they are right, retry once later.'
        : 'Check the arguments against the tool description; if they are right, retry once later.',
  });
}
