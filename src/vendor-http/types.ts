import type { GatewayError } from '../errors';
import type { VendorPath } from './path';
import type { CallDeadline } from './deadline';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];

export interface VendorRequest {
  method: HttpMethod;
  /**
   * Path relative to the connector's base URL, built by `vendorPath(route, params)`
   * (path.ts) whenever an id goes into it: `vendorPath('/workspaces/{workspace_id}/tags', { workspace_id })`.
   * A plain string is a route without placeholders, e.g. "/employee".
   */
  path: string | VendorPath;
  query?: Record<string, QueryValue>;
  /** JSON body. */
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Whether sending the request twice is harmless. Defaults: GET, PUT and
   * DELETE are idempotent, POST and PATCH are not. A non-idempotent request
   * is only retried when it certainly never reached the vendor (connection
   * refused, DNS failure); DeskTime's start/stop are GETs that act, so
   * their tools pass `idempotent: false`.
   */
  idempotent?: boolean;
  /** Overrides the connector's per-call deadline (ms) for this request. */
  timeoutMs?: number;
  /** Short label for logs, e.g. "get employee". Never the URL. */
  operation: string;
  /**
   * Aborts the call when the caller goes away (pass the tool context's
   * `signal`). A cancelled call neither retries nor counts against the vendor.
   */
  signal?: AbortSignal;
  /**
   * The whole tool call's deadline (pass the tool context's `deadline`):
   * nothing is sent past it, each attempt and wait gets at most what is
   * left, and running out is the call's `upstream_timeout`, saying what was
   * and was not sent.
   */
  deadline?: CallDeadline;
}

export interface VendorResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  body: T;
}

/** What a connector's error mapper gets when the vendor answered with an error. */
export interface VendorErrorContext {
  connector: string;
  status: number;
  /** Parsed JSON body, or undefined if there was none or it was not JSON. */
  body: unknown;
  headers: Record<string, string>;
  /** `path` is the filled path, `route` its template. */
  request: { method: HttpMethod; path: string; route?: string; operation: string };
  /** Seconds from the answer's Retry-After (seconds or HTTP date), parsed once by the core. */
  retryAfterSeconds?: number;
}

/**
 * Maps a vendor's error answer to the taxonomy. Return undefined to fall back
 * to the generic status-based mapping. Never copy the vendor's body into the
 * message verbatim: pick known fields and write the message for the model.
 */
export type VendorErrorMapper = (ctx: VendorErrorContext) => GatewayError | undefined;

export interface VendorHttpClientOptions {
  connector: string;
  baseUrl: string;
  /** Per-call deadline in ms, retries included. */
  timeoutMs: number;
  /**
   * Credentials. Both kinds are added to every request and are redacted from
   * every log line, error and metric the client produces.
   */
  auth?: { headers?: Record<string, string>; query?: Record<string, string> };
  mapError?: VendorErrorMapper;
  /**
   * Inspects a 2xx JSON body; returns an error when the vendor reports a
   * failure inside a success (DeskTime's `{"error": …}` in a 200).
   */
  checkBody?: (body: unknown, ctx: Omit<VendorErrorContext, 'body'>) => GatewayError | undefined;
  /** Largest response body accepted, in bytes (default 10 MiB). */
  maxResponseBytes?: number;
  /** Retries after the first attempt (default 3). */
  maxRetries?: number;
  /** Base delay for jittered exponential backoff in ms (default 200). */
  retryBaseMs?: number;
  /**
   * `failureThreshold` (default 5) failures in a row within `windowMs`
   * (default 30 s) open the breaker for `cooldownMs` (default 30 s).
   */
  breaker?: { failureThreshold?: number; cooldownMs?: number; windowMs?: number };
  /** Keep-alive connections per origin (default 16). */
  connections?: number;
  /** Vendor name for messages the model reads, e.g. "DeskTime" (default: the connector id). */
  vendorName?: string;
  /** Longest wait for a TCP/TLS connection, per attempt (default: the smaller of timeoutMs and 10 s). */
  connectTimeoutMs?: number;
  /**
   * Longest silence on a socket while waiting for headers or body, per
   * attempt (undici's headersTimeout/bodyTimeout; default: timeoutMs).
   */
  idleTimeoutMs?: number;
  /** How long an idle keep-alive socket stays open (default 4 s). */
  keepAliveTimeoutMs?: number;
  /** Sent as `user-agent` (default `deskgate/<version>`). */
  userAgent?: string;
}

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface VendorHttpClient {
  readonly connector: string;
  request<T = unknown>(req: VendorRequest): Promise<VendorResponse<T>>;
  breakerState(): BreakerState;
  close(): Promise<void>;
}
