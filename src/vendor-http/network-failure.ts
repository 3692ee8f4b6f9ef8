/**
 * Reads what undici throws. Through fetch, network failures arrive as
 * `TypeError("fetch failed")` (or `"terminated"` once the body was
 * streaming) with the real reason in `cause.code`; through undici's request
 * API (the production transport) as the error itself, with its `code`. The one question that
 * matters for retries: could the request have reached the vendor?
 */

export interface NetworkFailure {
  /**
   * False only when the failure certainly happened before the request was
   * written (no connection was ever made), so even a POST may be re-sent.
   */
  maybeReachedVendor: boolean;
  /** A timeout rather than a refusal or a broken connection. */
  timeout: boolean;
  /** Bounded label for metrics and logs; never the error's message (it can hold the URL). */
  reason: NetworkFailureReason;
}

export type NetworkFailureReason =
  | 'connection_refused'
  | 'dns_failure'
  | 'host_unreachable'
  | 'connect_timeout'
  | 'connection_reset'
  | 'socket_closed'
  | 'headers_timeout'
  | 'body_timeout'
  | 'network';

interface KnownCode {
  reason: NetworkFailureReason;
  maybeReachedVendor: boolean;
  timeout: boolean;
}

const KNOWN_CODES: Record<string, KnownCode> = {
  // Connect phase: no socket, so nothing was written.
  ECONNREFUSED: { reason: 'connection_refused', maybeReachedVendor: false, timeout: false },
  ENOTFOUND: { reason: 'dns_failure', maybeReachedVendor: false, timeout: false },
  EAI_AGAIN: { reason: 'dns_failure', maybeReachedVendor: false, timeout: false },
  EHOSTUNREACH: { reason: 'host_unreachable', maybeReachedVendor: false, timeout: false },
  ENETUNREACH: { reason: 'host_unreachable', maybeReachedVendor: false, timeout: false },
  UND_ERR_CONNECT_TIMEOUT: { reason: 'connect_timeout', maybeReachedVendor: false, timeout: true },
  // After connect: the request may have been written and acted on. ETIMEDOUT
  // can come from either phase, so it is treated as the unsafe one.
  ECONNRESET: { reason: 'connection_reset', maybeReachedVendor: true, timeout: false },
  EPIPE: { reason: 'connection_reset', maybeReachedVendor: true, timeout: false },
  ETIMEDOUT: { reason: 'network', maybeReachedVendor: true, timeout: true },
  UND_ERR_SOCKET: { reason: 'socket_closed', maybeReachedVendor: true, timeout: false },
  UND_ERR_CLOSED: { reason: 'socket_closed', maybeReachedVendor: true, timeout: false },
  UND_ERR_HEADERS_TIMEOUT: { reason: 'headers_timeout', maybeReachedVendor: true, timeout: true },
  UND_ERR_BODY_TIMEOUT: { reason: 'body_timeout', maybeReachedVendor: true, timeout: true },
  // The answer ended before its Content-Length (undici's request API; fetch says "terminated").
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: { reason: 'socket_closed', maybeReachedVendor: true, timeout: false },
};

/** A system (ENETDOWN, EPROTO) or TLS/certificate error code: the network, not our request. */
const NETWORK_LIKE_CODE = /^E[A-Z]+$|SSL|TLS|CERT/;

function codeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const code = (value as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Codes along the cause chain, outermost first. Happy-eyeballs connects
 * (several addresses) report an AggregateError whose members carry the codes.
 */
function codesIn(error: unknown, depth = 0): string[] {
  if (depth > 5 || typeof error !== 'object' || error === null) return [];
  const codes: string[] = [];
  const own = codeOf(error);
  if (own) codes.push(own);
  if (error instanceof AggregateError) {
    for (const inner of error.errors) codes.push(...codesIn(inner, depth + 1));
  }
  const cause = (error as { cause?: unknown }).cause;
  if (cause !== undefined) codes.push(...codesIn(cause, depth + 1));
  return codes;
}

/**
 * Classifies a fetch rejection. Returns undefined when it is not a network
 * failure at all (an invalid header value, a bad URL): those are gateway bugs
 * and retrying them cannot help.
 */
export function classifyNetworkFailure(error: unknown): NetworkFailure | undefined {
  const codes = codesIn(error);
  const known = codes.map((code) => KNOWN_CODES[code]).filter((k): k is KnownCode => k !== undefined);
  if (known.length > 0) {
    // If any layer says the request may have gone out, believe that one.
    const unsafe = known.find((k) => k.maybeReachedVendor);
    const chosen = unsafe ?? known[0]!;
    return { reason: chosen.reason, maybeReachedVendor: chosen.maybeReachedVendor, timeout: chosen.timeout };
  }
  const isFetchFailure =
    error instanceof TypeError && (error.message === 'fetch failed' || error.message === 'terminated');
  // undici's request API throws the system error itself, without fetch's wrapper.
  if ((isFetchFailure && codes.length > 0) || codes.some((code) => NETWORK_LIKE_CODE.test(code))) {
    // An unknown system error code (ENETDOWN, EPROTO, a TLS code): a real
    // network problem, but we cannot prove nothing was sent.
    return { reason: 'network', maybeReachedVendor: true, timeout: false };
  }
  if (error instanceof TypeError && error.message === 'terminated') {
    return { reason: 'socket_closed', maybeReachedVendor: true, timeout: false };
  }
  return undefined;
}
