import {
  createMcpHandler,
  PROTOCOL_VERSION_META_KEY,
  ProtocolError,
  ProtocolErrorCode,
  type AuthInfo,
  type McpHttpHandler,
} from '@modelcontextprotocol/server';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/server/validators/ajv';
import { answeredIds, auditArgsOf, idsOf } from '../audit/policy';
import type { AuditSink } from '../audit/log';
import type { Principal } from '../auth/types';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { failSpan, SpanKind, trace, tracer, type Span } from '../observability/tracing';
import type { RegisteredTool, ToolListing, ToolRegistry } from '../registry/registry';
import type { CredentialStore } from '../credentials/store';
import { GatewayError, toGatewayError, type ErrorPayload } from '../errors';
import type { CallAdmitted, CallLimits } from '../http/limits';
import { CallDeadline } from '../vendor-http/deadline';
import type { VendorCredential } from '../vendor-http/pool';
import { DIRECT_REVISION, directInternalError, directResultResponse, directToolCallOf } from './direct-call';
import { capText, GatewayServer, withCappedRefusal } from './protocol-errors';
import { ERROR_META_KEY, errorResult, executeTool, type ToolCallResult, type ToolOutcome } from './execute';

const refused = (error: GatewayError, connector: string): ToolOutcome => ({ result: errorResult(error.toPayload(connector)), error, cancelled: false });

export const SERVER_INFO = { name: 'deskgate', version: '0.1.0' } as const;

const DEFAULT_CALL_TIMEOUT_MS = 30_000;


export interface McpEndpointDeps {
  registry: ToolRegistry;
  /** Runtime objects of the started connectors, by connector id. */
  runtimes: Map<string, unknown>;
  /** Personal vendor keys; calls use the caller's own when the connector's mode says so. */
  credentials?: CredentialStore;
  log: Logger;
  metrics: Metrics;
  /** Per-key rate and concurrency limits; none when absent (tests). */
  limits?: CallLimits;
  /** The most one tool call may take (DESKGATE_CALL_TIMEOUT_MS), vendor queueing and retries included; default 30 s. */
  callTimeoutMs?: number;
  /**
   * Answer well-formed tools/call requests (both eras) without the SDK's
   * per-request Server (src/mcp/direct-call.ts). On unless false: the
   * differential test turns it off to compare with the SDK's answers.
   */
  direct?: boolean;
  /** The audit trail: one record per tools/call. */
  audit?: AuditSink;
}

/** Key under AuthInfo.extra that carries the authenticated principal to the server factory. */
const PRINCIPAL = 'deskgate.principal';
const REQUEST_ID = 'deskgate.requestId';
/** The key's rate refusal of this request, when it is a tools/call: answered as a tool result. */
const RATE_REFUSAL = 'deskgate.rateRefusal';
/** The tools/call's admission (token and in-flight slot), decided on its way in. */
const ADMITTED = 'deskgate.admitted';
/** With tracing on: the request's protocol era, for the tool call's span. */
const ERA = 'deskgate.era';

export function authInfoFor(principal: Principal, requestId: string, signal: AbortSignal): AuthInfo {
  // The bearer secret is deliberately not copied here: nothing downstream needs it.
  return { token: '[redacted]', clientId: principal.key.id, scopes: [], extra: { [PRINCIPAL]: principal, [REQUEST_ID]: requestId, signal } };
}

/**
 * The /mcp protocol handler. One low-level `Server` per request (stateless:
 * any replica serves any request), answering tools/list from the registry's
 * precomputed table and dispatching tools/call to our own validated handlers;
 * nothing is registered or compiled per request. Both protocol eras (2026-07-28
 * per-request envelope and the 2025 initialize handshake, answered statelessly)
 * are served by the same factory. In front of it, a well-formed tools/call
 * for a known tool, in either era, is answered directly (src/mcp/direct-call.ts),
 * through the same answerToolCall.
 */
export function createMcpEndpoint(deps: McpEndpointDeps): McpHttpHandler {
  const { registry, runtimes, credentials, log, metrics, limits, direct = true, callTimeoutMs = DEFAULT_CALL_TIMEOUT_MS, audit } = deps;
  // One validator for every per-request Server, so compiled schemas are shared.
  const jsonSchemaValidator = new AjvJsonSchemaValidator();

  /** Resolves whose vendor key the call uses (a missing personal key refuses it here), then runs the tool. */
  async function callTool(entry: RegisteredTool, args: unknown, principal: Principal, requestId: string, signal: AbortSignal): Promise<ToolOutcome> {
    let credential: VendorCredential | undefined;
    if (credentials && entry.credentials !== 'shared') {
      try {
        credential = await credentials.forCall(principal.user.id, entry.connector, entry.credentials);
      } catch (thrown) {
        return refused(toGatewayError(thrown, entry.connector), entry.connector);
      }
    }
    return executeTool(entry.tool, entry.connector, args, {
      principal,
      runtime: runtimes.get(entry.connector),
      log,
      requestId,
      signal,
      credential,
      // From here, not from the request's arrival: time spent authenticating or waiting for a slot is not the vendor's.
      deadline: new CallDeadline(callTimeoutMs),
    });
  }

  type Answer = { wire: ToolCallResult; outputSchema: ToolListing['outputSchema'] | undefined };

  /**
   * One tools/call, the same on both paths (the SDK's per-request Server and
   * the direct one): the key's limits, the policy, the call, its metrics and
   * log line. An unknown tool is a protocol error (spec: tools/call, "Unknown
   * tool"), thrown as one; everything else is a tool result. With tracing on
   * it is one span (tool, connector, outcome, era), the parent of the
   * call's vendor requests and database work.
   */
  function answerToolCall(
    principal: Principal,
    requestId: string,
    signal: AbortSignal,
    name: string,
    args: unknown,
    path: 'direct' | 'sdk',
    rateRefusal: GatewayError | undefined,
    era: string | undefined,
    admitted: CallAdmitted | undefined,
  ): Promise<Answer> {
    const traces = tracer();
    if (!traces) return runToolCall(principal, requestId, signal, name, args, path, rateRefusal, undefined, admitted);
    const attributes = {
      'mcp.method.name': 'tools/call',
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': capText(name, 64),
      'deskgate.era': era ?? 'unknown',
      'deskgate.path': path,
      'deskgate.request_id': requestId,
      'deskgate.key_id': principal.key.id,
    };
    return traces.startActiveSpan(`tools/call ${attributes['gen_ai.tool.name']}`, { kind: SpanKind.INTERNAL, attributes }, async (span) => {
      try {
        return await runToolCall(principal, requestId, signal, name, args, path, rateRefusal, span, admitted);
      } catch (thrown) {
        failSpan(span, thrown instanceof ProtocolError ? 'unknown_tool' : 'internal');
        throw thrown;
      } finally {
        span.end();
      }
    });
  }

  async function runToolCall(
    principal: Principal,
    requestId: string,
    signal: AbortSignal,
    name: string,
    args: unknown,
    path: 'direct' | 'sdk',
    rateRefusal: GatewayError | undefined,
    span: Span | undefined,
    admitted: CallAdmitted | undefined,
  ): Promise<Answer> {
    const resolved = registry.resolve(principal, name);
    if (!resolved) {
      const replacement = registry.replacementFor(principal, name);
      if (replacement) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `${name} was merged into another tool: call ${replacement} (and the same other arguments).`);
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${capText(name, 64)}. Call tools/list for the tools this key may use.`);
    }
    const entry = resolved.tool;
    const started = performance.now();
    let release: (() => Promise<void>) | undefined;
    let outcomeOf: ToolOutcome;
    try {
      // The key's limits come first: a refused call is a tool result the model can act on (wait, then retry).
      // The rate was taken for this request on its way in (every request counts, see fetch below).
      if (rateRefusal) throw rateRefusal;
      if (admitted) {
        // Decided with the token on the way in (see fetch below).
        release = admitted.release;
        if (admitted.failure !== undefined) throw admitted.failure;
        if (admitted.concurrencyRefusal) throw admitted.concurrencyRefusal;
      } else release = await limits?.enter(principal.key.id);
      // A tool that is off for this caller (or on this gateway) is refused as a result saying why and what changes it.
      if (resolved.denied) outcomeOf = refused(resolved.denied, resolved.connector);
      else outcomeOf = await callTool(entry!, args, principal, requestId, signal);
    } catch (thrown) {
      if (!(thrown instanceof GatewayError)) throw thrown;
      outcomeOf = { result: errorResult(thrown.toPayload('core')), error: thrown, cancelled: false };
    } finally {
      // Awaited: a caller that sends its next call after this answer finds the slot free, on any replica.
      await release?.();
    }
    const { error, cancelled } = outcomeOf;
    // An error names only tools this caller can call (a hint to a tool that is off would send the model nowhere).
    const result = error ? errorResult(registry.renderError(principal, outcomeOf.result._meta![ERROR_META_KEY] as ErrorPayload, name)) : outcomeOf.result;
    const seconds = (performance.now() - started) / 1000;
    // A client that disconnected mid-call is `cancelled`, not the error its abort produced.
    const outcome = cancelled ? 'cancelled' : error ? error.code : 'ok';
    metrics.toolCalls.inc({ tool: name, outcome });
    metrics.toolDuration.observe({ tool: name }, seconds);
    if (span) {
      span.setAttributes({ 'deskgate.connector': resolved.connector, 'deskgate.outcome': outcome });
      if (error && !cancelled) failSpan(span, error.code);
    }
    log.info(
      {
        requestId,
        // The key's id and name, never under `key`: that field is redacted as a possible secret.
        keyId: principal.key.id,
        keyName: principal.key.name,
        user: principal.user.id,
        tool: name,
        durationMs: Math.round(seconds * 10_000) / 10,
        outcome: cancelled ? 'cancelled' : error ? 'error' : 'ok',
        errorCode: cancelled ? undefined : error?.code,
        // Which answered: the direct tools/call path or the SDK's per-request Server.
        path,
      },
      'tool call',
    );
    if (audit) {
      // A tool that is off has no definition here: its arguments are not kept.
      const kept = entry ? auditArgsOf(entry.tool, args) : undefined;
      audit.record({
        kind: 'tool_call',
        action: name,
        outcome,
        userId: principal.user.id,
        userEmail: principal.user.email,
        keyId: principal.key.id,
        clientId: principal.key.oauthClientId,
        connector: resolved.connector,
        // The ids named in the arguments, and those the answer names at its top level (a created ticket's).
        targets: error ? idsOf(kept) : { ...idsOf(kept), ...answeredIds(result.structuredContent) },
        args: kept,
        // Whose vendor account the call acted on, when the tool's result says (write results carry acted_as).
        actedAs: result.structuredContent?.acted_as,
        durationMs: seconds * 1000,
        requestId,
      });
    }
    return { wire: result, outputSchema: error || !entry ? undefined : entry.listing.outputSchema };
  }

  const sdk = createMcpHandler(
    (ctx) => {
      const extra = ctx.authInfo?.extra ?? {};
      const principal = extra[PRINCIPAL] as Principal | undefined;
      const requestId = (extra[REQUEST_ID] as string | undefined) ?? 'unknown';
      const signal = (extra.signal as AbortSignal | undefined) ?? new AbortController().signal;
      const rateRefusal = extra[RATE_REFUSAL] as GatewayError | undefined;
      const era = extra[ERA] as string | undefined;
      const admitted = extra[ADMITTED] as CallAdmitted | undefined;
      const server = new GatewayServer(SERVER_INFO, { capabilities: { tools: {} }, instructions: principal ? registry.instructionsFor(principal) : undefined, jsonSchemaValidator });

      server.setRequestHandler('tools/list', () => {
        // Auth runs before the SDK sees the request; no principal means a wiring bug.
        if (!principal) throw new ProtocolError(ProtocolErrorCode.InternalError, 'No authenticated principal.');
        return { tools: registry.listFor(principal) };
      });

      server.setRequestHandler('tools/call', async (request) => {
        if (!principal) throw new ProtocolError(ProtocolErrorCode.InternalError, 'No authenticated principal.');
        const { wire, outputSchema } = await answerToolCall(principal, requestId, signal, request.params.name, request.params.arguments, 'sdk', rateRefusal, era, admitted);
        return server.projectCallToolResult(wire, outputSchema);
      });
      return server;
    },
    {
      legacy: 'stateless',
      onerror: (err) => log.debug({ err: { message: err.message } }, 'mcp protocol error'),
    },
  );

  /**
   * Every authenticated request draws on its key's rate (DESKGATE_KEY_RATE),
   * whatever its method: tools/list, initialize, pings and unknown tools cost
   * the gateway too. Over the rate, a tools/call is answered as the
   * rate_limited tool result the model can act on; anything else is HTTP 429
   * with Retry-After and a JSON-RPC error saying when to come back.
   */
  const answer: McpHttpHandler['fetch'] = async (request, given) => {
    const options = tracer() ? traced(request, given) : given;
    const extra = options?.authInfo?.extra;
    const principal = extra?.[PRINCIPAL] as Principal | undefined;
    if (!principal || !limits) return route(request, options, undefined, undefined);
    const message = options?.parsedBody as { method?: unknown; id?: unknown; params?: { name?: unknown } } | undefined;
    const tool = message?.method === 'tools/call' ? message.params?.name : undefined;
    // A call of a tool this caller resolves takes its in-flight slot with its
    // token, in one decision (one statement on PostgreSQL); released when the
    // call is answered, or here if it never ran (the SDK refused the request).
    if (typeof tool === 'string' && registry.resolve(principal, tool)) {
      // A store that fails (not a refusal) fails the call where its slot is needed, as enter() would.
      const admitted = await limits.admitCall(principal.key.id).catch((failure: unknown): CallAdmitted => ({ failure }));
      try {
        return await route(request, options, admitted.rateRefusal, admitted);
      } finally {
        await admitted.release?.();
      }
    }
    try {
      await limits.takeCall(principal.key.id);
    } catch (thrown) {
      if (!(thrown instanceof GatewayError)) throw thrown;
      if (message?.method === 'tools/call') return route(request, options, thrown, undefined);
      return rateLimitedResponse(message?.id, thrown);
    }
    return route(request, options, undefined, undefined);
  };

  const route = async (request: Request, options: Parameters<McpHttpHandler['fetch']>[1], rateRefusal: GatewayError | undefined, admitted: CallAdmitted | undefined) => {
    // What the SDK's transport refuses, it may echo from the request at any length: cut to a few hundred characters.
    const toSdk = async () => {
      if ((!rateRefusal && !admitted) || !options?.authInfo) return withCappedRefusal(await sdk.fetch(request, options));
      const authInfo = { ...options.authInfo, extra: { ...options.authInfo.extra, [RATE_REFUSAL]: rateRefusal, [ADMITTED]: admitted } };
      return withCappedRefusal(await sdk.fetch(request, { ...options, authInfo }));
    };
    if (!direct) return toSdk();
    const extra = options?.authInfo?.extra;
    const principal = extra?.[PRINCIPAL] as Principal | undefined;
    const call = principal ? directToolCallOf(request.method, request.headers, options?.parsedBody) : undefined;
    // Unknown tools go to the SDK too, which answers them as the protocol error they are (an admitted call's tool was resolved on its way in).
    if (!call || !principal || (!admitted && !registry.resolve(principal, call.name))) return toSdk();
    const signal = (extra?.signal as AbortSignal | undefined) ?? request.signal;
    const requestId = (extra?.[REQUEST_ID] as string | undefined) ?? 'unknown';
    let wire: ToolCallResult;
    try {
      ({ wire } = await answerToolCall(principal, requestId, signal, call.name, call.arguments, 'direct', rateRefusal, call.era, admitted));
    } catch (thrown) {
      // Tools report their failures as results; only a gateway bug lands here.
      log.error({ err: thrown, tool: call.name, requestId }, 'tool call failed outside the tool');
      return directInternalError(call);
    }
    // As the SDK does: a caller that went away gets no body.
    if (signal.aborted) return new Response(null, { status: 499 });
    return directResultResponse(call, wire, SERVER_INFO);
  };

  return { ...sdk, fetch: answer };
}

type FetchOptions = Parameters<McpHttpHandler['fetch']>[1];

/**
 * With tracing on: names the MCP method and protocol era on the request's
 * span, and hands the era to the tool call's span (through the SDK too).
 */
function traced(request: Request, options: FetchOptions): FetchOptions {
  const message = options?.parsedBody as { method?: unknown; params?: { _meta?: Record<string, unknown> } } | undefined;
  const stated = message?.params?._meta?.[PROTOCOL_VERSION_META_KEY] ?? request.headers.get('mcp-protocol-version');
  const version = typeof stated === 'string' ? capText(stated, 32) : undefined;
  // The 2026-07-28 revision (and later) is the per-request envelope; anything earlier, or none, is the 2025 era.
  const era = version !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(version) && version >= DIRECT_REVISION ? 'modern' : 'legacy';
  const span = trace.getActiveSpan();
  if (span && typeof message?.method === 'string') {
    span.setAttributes({ 'mcp.method.name': capText(message.method, 64), 'deskgate.era': era, ...(version ? { 'mcp.protocol.version': version } : {}) });
  }
  if (!options?.authInfo) return options;
  return { ...options, authInfo: { ...options.authInfo, extra: { ...options.authInfo.extra, [ERA]: era } } };
}

/** HTTP 429 for a request over its key's rate that is not a tool call: Retry-After, and the error as JSON-RPC. */
function rateLimitedResponse(id: unknown, refusal: GatewayError): Response {
  const payload = refusal.toPayload('core');
  const wait = refusal.retryAfterSeconds ?? 1;
  const body = {
    jsonrpc: '2.0',
    id: typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id)) ? id : null,
    error: { code: -32000, message: `Rate limited: ${payload.message} Retry in ${wait} s.`, data: payload },
  };
  return new Response(JSON.stringify(body), { status: 429, headers: { 'content-type': 'application/json', 'retry-after': String(wait) } });
}
