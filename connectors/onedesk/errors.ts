import { GatewayError, type ErrorCode } from '../../src/errors';
import { vendorErrorMapper } from '../../src/vendor-http/status-errors';
import type { VendorErrorContext } from '../../src/vendor-http/types';

export const CONNECTOR = 'onedesk';
export const VENDOR = 'OneDesk';

/** Where a caller fixes a key: the shared one or their own linked one. */
const KEY_HINT =
  'Retrying will not help. The gateway operator should check ONEDESK_API_KEY (a Public API key the account owner creates under Admin → Integrations → API); a user who linked their own OneDesk key should link a current one (PUT /api/me/credentials/onedesk).';
const PLAN_HINT =
  "OneDesk's Public API needs the Enterprise plan and an API key holding a user licence: the OneDesk account owner should check both under Admin → Integrations → API. Other tools will fail the same way until then.";

/**
 * OneDesk's structured `code` (the envelope's, e.g. "SUCCESS"), when it is an
 * identifier. Only identifiers are read: free text never decides anything and
 * never reaches the model.
 */
export function vendorCodeOf(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const code = (body as Record<string, unknown>).code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : undefined;
}

/**
 * Envelope codes OneDesk may put in a non-SUCCESS answer. None is documented
 * [U]: these are the usual REST names, matched exactly; any other code is an
 * upstream_error that names the code.
 */
const CODE_KINDS: Record<string, ErrorCode> = {
  NOT_FOUND: 'not_found',
  ITEM_NOT_FOUND: 'not_found',
  UNAUTHORIZED: 'unauthenticated',
  UNAUTHENTICATED: 'unauthenticated',
  INVALID_API_KEY: 'unauthenticated',
  FORBIDDEN: 'permission_denied',
  ACCESS_DENIED: 'permission_denied',
  PERMISSION_DENIED: 'permission_denied',
  PLAN_REQUIRED: 'plan_required',
  UPGRADE_REQUIRED: 'plan_required',
  FEATURE_NOT_AVAILABLE: 'plan_required',
  API_NOT_ENABLED: 'plan_required',
  BAD_REQUEST: 'invalid_argument',
  INVALID_REQUEST: 'invalid_argument',
  VALIDATION_ERROR: 'invalid_argument',
  TOO_MANY_REQUESTS: 'rate_limited',
  RATE_LIMITED: 'rate_limited',
};

function fromCode(kind: ErrorCode, code: string, operation: string, vendorStatus: number): GatewayError {
  const base = { connector: CONNECTOR, vendorStatus };
  switch (kind) {
    case 'unauthenticated':
      return new GatewayError('unauthenticated', `OneDesk did not accept the API key for "${operation}" (code ${code}).`, { ...base, retryable: false, hint: KEY_HINT });
    case 'plan_required':
      return new GatewayError('plan_required', `OneDesk refused "${operation}": this account or key has no Public API access (code ${code}).`, { ...base, hint: PLAN_HINT });
    case 'permission_denied':
      return new GatewayError('permission_denied', `OneDesk refused "${operation}" for the user behind the API key (code ${code}).`, {
        ...base,
        hint: 'The OneDesk user owning the key lacks this right; a OneDesk admin must grant it. If every call fails like this, check the Enterprise plan and API access too.',
      });
    case 'not_found':
      return new GatewayError('not_found', `OneDesk found nothing for "${operation}" (code ${code}).`, {
        ...base,
        hint: 'Check the id: the onedesk_list_* tools give valid ids and external ids.',
      });
    case 'invalid_argument':
      return new GatewayError('invalid_argument', `OneDesk rejected the arguments of "${operation}" (code ${code}).`, {
        ...base,
        hint: "Check the arguments against the tool's input schema and call again with corrected values.",
      });
    case 'rate_limited':
      return new GatewayError('rate_limited', `OneDesk is rate-limiting the gateway (code ${code}).`, {
        ...base,
        hint: 'Wait a minute before calling OneDesk again, and make fewer, narrower calls.',
      });
    default:
      return new GatewayError('upstream_error', `OneDesk reported "${operation}" as failed (code ${code}).`, {
        ...base,
        retryable: false,
        hint: 'Check the arguments; if they are right, retry once later or report it to the gateway operator.',
      });
  }
}

/** An envelope whose `code` is not SUCCESS: an error, never data. */
export function envelopeError(body: unknown, operation: string, vendorStatus: number): GatewayError {
  const code = vendorCodeOf(body);
  if (code === undefined) {
    return new GatewayError('upstream_error', `OneDesk's answer to "${operation}" was not its {"code": "SUCCESS", "data": …} envelope.`, {
      connector: CONNECTOR,
      vendorStatus,
      retryable: false,
      hint: 'Retry once later; if it persists, the gateway operator should check ONEDESK_BASE_URL (default https://app.onedesk.com/rest/public) and run `deskgate doctor`.',
    });
  }
  return fromCode(CODE_KINDS[code] ?? 'upstream_error', code, operation, vendorStatus);
}

/** The vendor HTTP client's checkBody: a 2xx whose envelope code is not SUCCESS. */
export function checkOnedeskBody(body: unknown, ctx: Omit<VendorErrorContext, 'body'>): GatewayError | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const code = (body as Record<string, unknown>).code;
  if (code === 'SUCCESS') return undefined;
  if (code === undefined) return undefined; // the call layer decides whether a missing envelope matters
  return envelopeError(body, ctx.request.operation, ctx.status);
}

/**
 * The identifier-shaped words of a OneDesk 400 answered to a filter request,
 * kept on the error (never shown) so the filter code can tell which of its
 * property names OneDesk refused. OneDesk's text itself never reaches the model.
 */
export const FILTER_WORDS = Symbol('words of a OneDesk filter refusal');

export function filterWordsOf(error: unknown): ReadonlySet<string> {
  const words = (error as { [FILTER_WORDS]?: ReadonlySet<string> } | null)?.[FILTER_WORDS];
  return words ?? new Set();
}

/**
 * Non-2xx answers. OneDesk documents neither its error bodies nor its rate
 * limits [U], so the status decides, refined by the envelope `code` where
 * one is present; the generic mapping covers the rest (Retry-After included).
 */
export const toOnedeskError = vendorErrorMapper({
  vendorName: VENDOR,
  vendorCodeOf,
  rules: [
    {
      status: 400,
      error: ({ request, body, generic }) => {
        if (!request.path.endsWith('/filter/details') || body === undefined) return generic;
        const words = new Set(JSON.stringify(body).match(/[A-Za-z][A-Za-z0-9_]{1,63}/g) ?? []);
        Object.defineProperty(generic, FILTER_WORDS, { value: words, enumerable: false });
        return generic;
      },
    },
    {
      status: 401,
      error: ({ request, status, vendorCode }) =>
        typeof vendorCode === 'string' && CODE_KINDS[vendorCode] === 'plan_required'
          ? fromCode('plan_required', vendorCode, request.operation, status)
          : new GatewayError('unauthenticated', `OneDesk did not accept the API key for "${request.operation}" (HTTP 401).`, {
              connector: CONNECTOR,
              vendorStatus: status,
              retryable: false,
              hint: KEY_HINT,
            }),
    },
    {
      status: 402,
      error: ({ request, status }) =>
        new GatewayError('plan_required', `OneDesk says "${request.operation}" needs a plan this account does not have (HTTP 402).`, {
          connector: CONNECTOR,
          vendorStatus: status,
          hint: PLAN_HINT,
        }),
    },
    {
      status: 403,
      error: ({ request, status, vendorCode }) => {
        const kind = typeof vendorCode === 'string' ? CODE_KINDS[vendorCode] : undefined;
        if (typeof vendorCode === 'string' && (kind === 'plan_required' || kind === 'unauthenticated')) return fromCode(kind, vendorCode, request.operation, status);
        return new GatewayError('permission_denied', `OneDesk refused "${request.operation}" (HTTP 403).`, {
          connector: CONNECTOR,
          vendorStatus: status,
          hint: `The OneDesk user owning the key may lack this right (a OneDesk admin can grant it). If every OneDesk tool fails like this: ${PLAN_HINT}`,
        });
      },
    },
  ],
});
