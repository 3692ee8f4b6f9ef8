import { createRequire } from 'node:module';
import { setTimeout as delay } from 'node:timers/promises';
import pRetry from 'p-retry';
import { Agent } from 'undici';
import { GatewayError } from '../errors';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { failSpan, SpanKind, tracer, type Span } from '../observability/tracing';
import { parseJsonBody } from './body';
import { breakerGaugeValue, CircuitBreaker, DEFAULT_BREAKER_WINDOW_MS } from './breaker';
import { classifyNetworkFailure, type NetworkFailure } from './network-failure';
import { pathForLog, secretValuesOf, withoutSecrets } from './redact';
import { parseRetryAfter, toRetryAfterSeconds } from './retry-after';
import { envPrefix, errorForStatus } from './status-errors';
import type {
  HttpMethod,
  VendorErrorContext,
  VendorHttpClient,
  VendorHttpClientOptions,
  VendorRequest,
  VendorResponse,
} from './types';
import { createTransport, type TransportResponse, type VendorTransportKind } from './transport';
import { toVendorPath } from './path';
import { buildVendorUrl } from './url';

export interface VendorHttpClientDeps {
  log: Logger;
  metrics?: Metrics;
  /** Waits between attempts. Tests pass one that records the wait instead of spending it. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  /**
   * `undici` (default, production) or `fetch` (global fetch, which msw
   * intercepts: the connector test kit's choice). See transport.ts.
   */
  transport?: VendorTransportKind;
}

const MiB = 1024 * 1024;
const DEFAULT_MAX_RESPONSE_BYTES = 10 * MiB;
const DEFAULT_MAX_RETRIES = 3;
const DEFAULT_RETRY_BASE_MS = 200;
const MAX_BACKOFF_MS = 8_000;
const DEFAULT_FAILURE_THRESHOLD = 5;
const DEFAULT_COOLDOWN_MS = 30_000;
const DEFAULT_CONNECTIONS = 16;
const DEFAULT_KEEP_ALIVE_MS = 4_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'DELETE']);
/** Statuses worth another attempt: the vendor is busy or a proxy hiccupped, the request itself is fine. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

const USER_AGENT = `deskgate/${gatewayVersion()}`;

function gatewayVersion(): string {
  // src/vendor-http/ from the sources, dist/src/vendor-http/ from the build.
  for (const path of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = createRequire(import.meta.url)(path) as { name?: string; version?: string };
      if (pkg.name === 'deskgate') return pkg.version ?? '0.0.0';
    } catch {
      // not here; try the next
    }
  }
  return '0.0.0';
}

/**
 * Thrown by an attempt, seen by the retry decision (p-retry's
 * onFailedAttempt); callers only ever see `error`. It carries what the
 * retry decision needs.
 */
class AttemptFailure extends Error {
  constructor(
    readonly error: GatewayError,
    readonly retry: {
      /** Another attempt is allowed (a retryable failure, and safe for this method). */
      allowed: boolean;
      /** Metric label for vendorRetries. */
      reason: string;
      /** The vendor's Retry-After, in ms. */
      retryAfterMs?: number;
    },
    readonly attempt: number,
  ) {
    super(error.message);
    this.name = 'AttemptFailure';
  }
}

/**
 * The one HTTP client every SaaS connector uses. It owns the connection pool,
 * the per-call deadline, retries (only where repeating is harmless), the
 * circuit breaker, the body size cap, error mapping and the guarantee that
 * credentials never show up in logs, errors or metrics.
 */
export function createVendorHttpClient(options: VendorHttpClientOptions, deps: VendorHttpClientDeps): VendorHttpClient {
  const { connector, log, metrics } = { connector: options.connector, ...deps };
  const vendorName = options.vendorName ?? connector;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const retryBaseMs = options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
  const sleep = deps.sleep ?? ((ms: number, signal: AbortSignal) => delay(ms, undefined, { signal }));
  const random = deps.random ?? Math.random;
  const secrets = secretValuesOf(options.auth);
  const idleTimeoutMs = options.idleTimeoutMs ?? options.timeoutMs;
  const connectTimeoutMs = options.connectTimeoutMs ?? Math.min(options.timeoutMs, DEFAULT_CONNECT_TIMEOUT_MS);

  const agent = new Agent({
    connections: options.connections ?? DEFAULT_CONNECTIONS,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_MS,
    connect: { timeout: connectTimeoutMs },
    headersTimeout: idleTimeoutMs,
    bodyTimeout: idleTimeoutMs,
  });
  const send = createTransport(deps.transport ?? 'undici', agent);
  // The per-call debug line is built only when someone reads it (LOG_LEVEL=debug).
  const debugEnabled = log.isLevelEnabled?.('debug') ?? true;

  const failureThreshold = options.breaker?.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
  const cooldownMs = options.breaker?.cooldownMs ?? DEFAULT_COOLDOWN_MS;
  const breakerWindowMs = options.breaker?.windowMs ?? DEFAULT_BREAKER_WINDOW_MS;
  const breaker = new CircuitBreaker({
    failureThreshold,
    cooldownMs,
    windowMs: breakerWindowMs,
    onChange: (state, failures) => {
      metrics?.breakerState.set({ connector }, breakerGaugeValue(state));
      if (state === 'open') log.warn({ connector, failures, cooldownMs }, 'vendor circuit opened: failing fast');
      else if (state === 'closed') log.info({ connector }, 'vendor circuit closed: vendor answering again');
    },
  });
  metrics?.breakerState.set({ connector }, 0);

  /** Jittered exponential backoff: half fixed, half random, so retries from many calls spread out. */
  const backoffMs = (attempt: number) => {
    const ceiling = Math.min(MAX_BACKOFF_MS, retryBaseMs * 2 ** (attempt - 1));
    return ceiling / 2 + random() * (ceiling / 2);
  };

  const countAnswer = (status: string) => metrics?.vendorResponses.inc({ connector, status });

  function breakerOpenError(retryAfterMs: number): GatewayError {
    return new GatewayError(
      'upstream_unavailable',
      `${vendorName} failed ${failureThreshold} times in a row within ${Math.ceil(breakerWindowMs / 1000)} s, so the gateway is pausing calls to it.`,
      {
        connector,
        retryable: true,
        retryAfterSeconds: toRetryAfterSeconds(retryAfterMs),
        hint: `Wait retry_after_seconds, then call the ${connector} tool again; if ${vendorName} keeps failing, check its status page.`,
      },
    );
  }

  function timeoutError(req: VendorRequest, deadlineMs: number, idempotent: boolean): GatewayError {
    return new GatewayError('upstream_timeout', `${vendorName} did not answer "${req.operation}" within ${Math.ceil(deadlineMs / 1000)} s.`, {
      connector,
      retryable: true,
      outcomeUnknown: !idempotent,
      hint: idempotent
        ? 'Retry in a little while, or narrow the request (shorter date range, smaller page).'
        : `The request may have reached ${vendorName}: check whether it was applied before repeating it.`,
    });
  }

  function networkError(req: VendorRequest, failure: NetworkFailure, idempotent: boolean): GatewayError {
    if (failure.timeout) {
      const waitedMs = failure.reason === 'connect_timeout' ? connectTimeoutMs : idleTimeoutMs;
      return timeoutError(req, waitedMs, idempotent || !failure.maybeReachedVendor);
    }
    const what = failure.reason.replace(/_/g, ' ');
    const env = envPrefix(connector);
    if (!failure.maybeReachedVendor) {
      return new GatewayError('upstream_unavailable', `Could not reach ${vendorName} for "${req.operation}" (${what}).`, {
        connector,
        retryable: true,
        hint:
          failure.reason === 'dns_failure'
            ? `Retry later; if it persists, the gateway operator should check ${env}_BASE_URL.`
            : `Retry in a little while; ${vendorName} or the network to it is down.`,
      });
    }
    return new GatewayError('upstream_unavailable', `The connection to ${vendorName} broke during "${req.operation}" (${what}).`, {
      connector,
      retryable: true,
      outcomeUnknown: !idempotent,
      hint: idempotent
        ? 'Retry in a little while.'
        : `The request may have reached ${vendorName}: check whether it was applied before repeating it.`,
    });
  }

  const cancelledError = (req: VendorRequest) =>
    new GatewayError('internal', `The call to ${vendorName} for "${req.operation}" was cancelled before it finished.`, {
      connector,
      retryable: true,
      hint: 'Call again if the result is still needed.',
    });

  /** Errors that mean the client itself could not form the request; never retried. */
  const requestBuildError = (req: VendorRequest) =>
    new GatewayError('internal', `The gateway could not send "${req.operation}" to ${vendorName}.`, {
      connector,
      retryable: false,
      hint: `The gateway operator should check ${envPrefix(connector)}_BASE_URL and the ${connector} credentials for invalid characters.`,
    });

  /** A connector-provided error, guarded against quoting credentials. */
  const guarded = (error: GatewayError) => withoutSecrets(error, secrets);

  /**
   * Adds `retry_after_seconds` when we know it (the vendor's Retry-After, or
   * our own backoff for a 429 that came without one) and the error lacks it.
   */
  function withRetryAfter(failure: AttemptFailure): GatewayError {
    const { error } = failure;
    if (error.retryAfterSeconds !== undefined) return error;
    const ms = failure.retry.retryAfterMs ?? (error.code === 'rate_limited' ? backoffMs(failure.attempt + 1) : undefined);
    if (ms === undefined || !error.retryable) return error;
    return new GatewayError(error.code, error.message, {
      connector: error.connector,
      retryable: error.retryable,
      retryAfterSeconds: toRetryAfterSeconds(ms),
      vendorStatus: error.vendorStatus,
      hint: error.hint,
      alternatives: error.alternatives,
      fields: error.fields,
      outcomeUnknown: error.outcomeUnknown,
    });
  }

  /** The vendor's host, for spans (never the path or query: ids and keys live there). */
  const serverAddress = (() => {
    try {
      return new URL(options.baseUrl).hostname;
    } catch {
      return undefined;
    }
  })();

  /**
   * With tracing on: one CLIENT span per request, retries included, named by
   * method and route template; it records the last status and how many times
   * the request was sent again.
   */
  function vendorSpan(req: VendorRequest, route: string): Span | undefined {
    return tracer()?.startSpan(`${req.method} ${route}`, {
      kind: SpanKind.CLIENT,
      attributes: {
        'http.request.method': req.method,
        'url.template': route,
        'deskgate.connector': connector,
        'deskgate.operation': req.operation,
        ...(serverAddress ? { 'server.address': serverAddress } : {}),
      },
    });
  }

  async function request<T = unknown>(req: VendorRequest): Promise<VendorResponse<T>> {
    // A path that cannot be built is the caller's argument at fault: invalid_argument, before anything else.
    const path = toVendorPath(req.path);
    const span = vendorSpan(req, path.route);
    if (!span) return sendWithRetries<T>(req, path, undefined);
    const seen: SpanFacts = { attempts: 0, status: undefined };
    try {
      const response = await sendWithRetries<T>(req, path, seen);
      return response;
    } catch (thrown) {
      failSpan(span, thrown instanceof GatewayError ? thrown.code : 'internal');
      throw thrown;
    } finally {
      if (seen.status !== undefined) span.setAttribute('http.response.status_code', seen.status);
      span.setAttributes({ 'http.request.resend_count': Math.max(0, seen.attempts - 1), 'deskgate.retry_count': Math.max(0, seen.attempts - 1) });
      span.end();
    }
  }

  /** One request, with its retries; `seen` (tracing only) gathers the attempts and the last status for its span. */
  async function sendWithRetries<T>(req: VendorRequest, path: ReturnType<typeof toVendorPath>, seen: SpanFacts | undefined): Promise<VendorResponse<T>> {
    const idempotent = req.idempotent ?? IDEMPOTENT_METHODS.has(req.method);
    // The whole tool call's deadline, when the caller passed one: past it, nothing more is sent.
    const call = req.deadline;
    if (call?.passed()) throw call.expired({ connector, vendorName, notSent: req.operation });
    const requestMs = req.timeoutMs ?? options.timeoutMs;
    const callRemainingMs = call ? call.remainingMs() : Infinity;
    // Which deadline ends this request first: its own, or the call's (then running out is the call's timeout).
    const callBound = callRemainingMs < requestMs;
    const deadlineMs = Math.min(requestMs, callRemainingMs);
    const deadlineAt = Date.now() + deadlineMs;
    // One controller aborts the attempt on the deadline or when the caller goes
    // away (cheaper per call than AbortSignal.any); `expiry.passed` tells which.
    const controller = new AbortController();
    const expiry = { passed: false };
    const timer = setTimeout(() => {
      expiry.passed = true;
      controller.abort();
    }, deadlineMs);
    const onCancel = () => controller.abort();
    if (req.signal?.aborted) controller.abort();
    else req.signal?.addEventListener('abort', onCancel, { once: true });
    const signal = controller.signal;
    const logPath = pathForLog(path.path);
    /** What this request did, in the call's record (for the call's timeout message). */
    const record = call?.track(req.operation, idempotent);
    const cancelledByCaller = () => req.signal?.aborted === true && !expiry.passed;
    /** Out of time: the call's own upstream_timeout (what was and was not sent) when its deadline came first. */
    const timedOut = () => (callBound && call ? call.expired({ connector, vendorName }) : timeoutError(req, deadlineMs, idempotent));

    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': options.userAgent ?? USER_AGENT,
      ...req.headers,
    };
    let body: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['content-type'] = 'application/json';
    }
    Object.assign(headers, options.auth?.headers);

    const attemptOnce = async (attempt: number): Promise<VendorResponse<T>> => {
      // Nothing starts once the caller left or the time is up (an attempt may follow a wait that ended with it).
      if (cancelledByCaller()) throw new AttemptFailure(cancelledError(req), { allowed: false, reason: 'cancelled' }, attempt);
      if (expiry.passed) throw new AttemptFailure(timedOut(), { allowed: false, reason: 'deadline' }, attempt);
      const decision = breaker.tryAcquire();
      if (!decision.allowed) {
        throw new AttemptFailure(breakerOpenError(decision.retryAfterMs), { allowed: false, reason: 'breaker_open' }, attempt);
      }
      const { permit } = decision;
      const startedAt = performance.now();
      if (seen) seen.attempts = attempt;
      // What the debug line and the response counter say: the status, or why none arrived.
      let outcome: string | undefined;
      let failureReason: string | undefined;
      try {
        let url: URL;
        try {
          url = buildVendorUrl(options.baseUrl, path, req.query, options.auth?.query);
        } catch (thrown) {
          permit.release();
          const error = thrown instanceof GatewayError ? thrown : requestBuildError(req);
          throw new AttemptFailure(error, { allowed: false, reason: 'invalid_request' }, attempt);
        }

        let response: TransportResponse;
        try {
          if (record) record.inFlight = true;
          response = await send({ url, method: req.method, headers, body, signal, maxBytes: maxResponseBytes });
          outcome = String(response.status);
          if (seen) seen.status = response.status;
          if (record) {
            record.inFlight = false;
            record.answered = true;
            record.applied = response.status >= 200 && response.status < 300;
          }
        } catch (thrown) {
          if (record) record.inFlight = false;
          // Never keep `thrown`: its message or cause can contain the URL with the key.
          if (cancelledByCaller()) {
            permit.release();
            if (record) record.mayHaveReached = true;
            outcome = undefined;
            failureReason = 'cancelled';
            throw new AttemptFailure(cancelledError(req), { allowed: false, reason: 'cancelled' }, attempt);
          }
          if (expiry.passed) {
            if (record) record.mayHaveReached = true;
            // Cut short by the call's budget, the vendor was given less than its due: no verdict on it.
            if (callBound) permit.release();
            else permit.failure();
            outcome = 'timeout';
            failureReason = 'deadline';
            throw new AttemptFailure(timedOut(), { allowed: false, reason: 'deadline' }, attempt);
          }
          const failure = classifyNetworkFailure(thrown);
          if (!failure) {
            permit.release();
            outcome = undefined;
            failureReason = 'invalid_request';
            throw new AttemptFailure(requestBuildError(req), { allowed: false, reason: 'invalid_request' }, attempt);
          }
          permit.failure();
          if (record && failure.maybeReachedVendor) record.mayHaveReached = true;
          outcome = failure.timeout ? 'timeout' : 'network';
          failureReason = failure.reason;
          throw new AttemptFailure(
            networkError(req, failure, idempotent),
            { allowed: idempotent || !failure.maybeReachedVendor, reason: failure.reason },
            attempt,
          );
        }

        const status = response.status;
        // Any answer below 500 (429 included) proves the vendor is up.
        if (status >= 500) permit.failure();
        else permit.success();

        const { headers: responseHeaders, read } = response;
        if (read.kind === 'too_large') {
          failureReason = 'too_large';
          throw new AttemptFailure(
            new GatewayError(
              'upstream_error',
              `${vendorName}'s answer to "${req.operation}" was larger than the ${Math.round((maxResponseBytes / MiB) * 10) / 10} MiB the gateway accepts.`,
              {
                connector,
                retryable: false,
                vendorStatus: status,
                hint: 'Narrow the request (shorter date range, filters, smaller page size) and call again.',
              },
            ),
            { allowed: false, reason: 'too_large' },
            attempt,
          );
        }

        const parsed = parseJsonBody(read.bytes);
        const context = { connector, status, headers: responseHeaders, request: { method: req.method, path: path.path, route: path.route, operation: req.operation } };

        if (status >= 200 && status < 300) {
          if (parsed.kind === 'not_json') {
            failureReason = 'not_json';
            throw new AttemptFailure(
              new GatewayError('upstream_error', `${vendorName} answered "${req.operation}" with something that is not JSON.`, {
                connector,
                retryable: false,
                vendorStatus: status,
                hint: `Retry once; if it persists, the gateway operator should check ${envPrefix(connector)}_BASE_URL points at the ${vendorName} API.`,
              }),
              { allowed: false, reason: 'not_json' },
              attempt,
            );
          }
          const value = parsed.kind === 'json' ? parsed.value : undefined;
          const problem = value === undefined ? undefined : options.checkBody?.(value, context);
          if (problem) {
            failureReason = 'body_error';
            throw new AttemptFailure(guarded(problem), { allowed: false, reason: 'body_error' }, attempt);
          }
          return { status, headers: responseHeaders, body: value as T };
        }

        const retryAfterMs = parseRetryAfter(responseHeaders['retry-after'] ?? null);
        const retryAfterSeconds = retryAfterMs === undefined ? undefined : toRetryAfterSeconds(retryAfterMs);
        const errorContext: VendorErrorContext = { ...context, body: parsed.kind === 'json' ? parsed.value : undefined, retryAfterSeconds };
        const vendorMapped =
          options.mapError?.(errorContext) ?? errorForStatus({ connector, vendorName, status, request: req, retryAfterSeconds });
        // A 5xx to a write that reached the vendor: it may have been applied.
        const mapped = !idempotent && status >= 500 ? withOutcomeUnknown(vendorMapped) : vendorMapped;
        failureReason = `http_${status}`;
        // A 429 or 5xx on a non-idempotent request may still have been acted on
        // (or will be, once a queue drains), so only idempotent ones repeat.
        throw new AttemptFailure(
          guarded(mapped),
          { allowed: idempotent && RETRYABLE_STATUSES.has(status), reason: `http_${status}`, retryAfterMs },
          attempt,
        );
      } finally {
        if (outcome !== undefined) countAnswer(outcome);
        if (debugEnabled) log.debug(
          {
            connector,
            operation: req.operation,
            method: req.method,
            route: path.route,
            path: logPath,
            status: outcome ?? failureReason ?? 'none',
            failure: failureReason,
            durationMs: Math.round(performance.now() - startedAt),
            attempt,
          },
          'vendor call',
        );
      }
    };

    /**
     * Between attempts (p-retry's onFailedAttempt): throws the failure when no
     * other attempt may follow, else waits (the vendor's Retry-After, or
     * jittered backoff) and returns, and p-retry starts the next attempt.
     */
    const beforeRetry = async (failure: AttemptFailure) => {
      const { attempt } = failure;
      if (!failure.retry.allowed || attempt > maxRetries) throw failure;
      const waitMs = failure.retry.retryAfterMs ?? backoffMs(attempt);
      // Waiting past the deadline (the request's or the call's) would only turn a clear answer into a timeout.
      if (waitMs >= deadlineAt - Date.now()) throw failure;
      metrics?.vendorRetries.inc({ connector, reason: failure.retry.reason });
      try {
        await sleep(waitMs, signal);
      } catch {
        if (cancelledByCaller()) throw new AttemptFailure(cancelledError(req), { allowed: false, reason: 'cancelled' }, attempt);
        throw new AttemptFailure(timedOut(), { allowed: false, reason: 'deadline' }, attempt);
      }
      if (expiry.passed) throw new AttemptFailure(timedOut(), { allowed: false, reason: 'deadline' }, attempt);
    };

    try {
      // The first attempt runs alone: most requests need no other, and then
      // nothing of p-retry (its operation, timeouts and promise) is built.
      let first: unknown;
      try {
        return await attemptOnce(1);
      } catch (thrown) {
        first = thrown;
      }
      // p-retry runs the attempts from here, its first one answering with the
      // failure above (so it decides on it exactly as if it had run it); every
      // decision and wait is ours (beforeRetry), so its own delay is zero and
      // it never gets to pick the final error: beforeRetry throws before
      // p-retry's attempts run out.
      return await pRetry((attempt) => (attempt === 1 ? Promise.reject(first) : attemptOnce(attempt)), {
        retries: maxRetries,
        minTimeout: 0,
        maxTimeout: 0,
        onFailedAttempt: async (thrown) => {
          if (!(thrown instanceof AttemptFailure)) throw thrown;
          await beforeRetry(thrown);
        },
      });
    } catch (thrown) {
      if (thrown instanceof AttemptFailure) throw withRetryAfter(thrown);
      if (thrown instanceof GatewayError) throw thrown;
      // Not expected; the name only, since a message could hold the URL.
      log.error({ connector, operation: req.operation, errorName: (thrown as Error | undefined)?.name }, 'vendor call failed unexpectedly');
      throw requestBuildError(req);
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCancel);
    }
  }

  return {
    connector,
    request,
    breakerState: () => breaker.state(),
    close: () => agent.close(),
  };
}

/** What a vendor request's span records once it is over. */
interface SpanFacts {
  /** Attempts sent (p-retry's attempt number of the last one). */
  attempts: number;
  /** The last HTTP status the vendor answered, if any. */
  status: number | undefined;
}

/** The same error, marked as a write whose outcome is unknown. */
function withOutcomeUnknown(error: GatewayError): GatewayError {
  if (error.outcomeUnknown) return error;
  return new GatewayError(error.code, error.message, {
    connector: error.connector,
    retryable: error.retryable,
    retryAfterSeconds: error.retryAfterSeconds,
    vendorStatus: error.vendorStatus,
    hint: error.hint,
    alternatives: error.alternatives,
    fields: error.fields,
    outcomeUnknown: true,
    cause: error.cause,
  });
}
