import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type TextMapGetter, type Tracer } from '@opentelemetry/api';
import type { Env } from '../config/config';

/**
 * OpenTelemetry traces, off unless the standard variables ask for them:
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) set,
 * and neither `OTEL_SDK_DISABLED=true` nor `OTEL_TRACES_EXPORTER=none`.
 *
 * Off, the SDK and the exporter are never loaded (./tracing-sdk.ts is
 * imported only by startTracing), `tracer()` is undefined, and every call
 * site checks that first: no span objects, no context manager (an enabled
 * AsyncLocalStorage costs every promise in the process, see
 * src/storage/internal.ts), no log mixin. This module itself imports only
 * @opentelemetry/api.
 *
 * On: one SERVER span per /mcp request (the caller's W3C `traceparent` is
 * its parent), an INTERNAL span per tool call, a CLIENT span per vendor HTTP
 * request (route template only, never the filled path or the query) and a
 * span per database query or transaction; every log line written inside a
 * call carries its `trace_id` and `span_id`.
 */

export interface TracingConfig {
  /** The OTLP/HTTP traces URL, e.g. http://collector:4318/v1/traces. */
  url: string;
  /** Extra export headers (OTEL_EXPORTER_OTLP_HEADERS / _TRACES_HEADERS), e.g. an API key for a hosted backend. */
  headers: Record<string, string>;
  serviceName: string;
  /** OTEL_RESOURCE_ATTRIBUTES, parsed. */
  resourceAttributes: Record<string, string>;
  /** Set when OTEL_EXPORTER_OTLP_(TRACES_)PROTOCOL names something other than http/json, which is what deskgate sends. */
  protocolIgnored?: string;
}

const truthy = (value: string | undefined) => ['true', '1', 'yes', 'on'].includes(value?.trim().toLowerCase() ?? '');

/** `k1=v1,k2=v2` with percent-encoded values (the OTel format for headers and resource attributes). */
function parseList(raw: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (raw ?? '').split(',')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const key = part.slice(0, at).trim();
    let value = part.slice(at + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // kept as written
    }
    if (key) out[key] = value;
  }
  return out;
}

/** The traces export deskgate should do under `env`, or undefined when tracing is off (the default). */
export function tracingConfigOf(env: Env): TracingConfig | undefined {
  if (truthy(env.OTEL_SDK_DISABLED)) return undefined;
  if (env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() === 'none') return undefined;
  const tracesEndpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  // Per the OTel spec: the signal-specific URL is used as is, the base one gets /v1/traces.
  const url = tracesEndpoint || (endpoint ? `${endpoint.replace(/\/+$/, '')}/v1/traces` : undefined);
  if (!url) return undefined;
  const protocol = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL)?.trim();
  return {
    url,
    headers: { ...parseList(env.OTEL_EXPORTER_OTLP_HEADERS), ...parseList(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS) },
    serviceName: env.OTEL_SERVICE_NAME?.trim() || 'deskgate',
    resourceAttributes: parseList(env.OTEL_RESOURCE_ATTRIBUTES),
    protocolIgnored: protocol && protocol !== 'http/json' ? protocol : undefined,
  };
}

export interface TracingHandle {
  tracer: Tracer;
  /** Exports what is still buffered, then stops the provider. */
  shutdown(): Promise<void>;
}

let active: TracingHandle | undefined;
let starting: Promise<TracingHandle | undefined> | undefined;

/** The tracer when tracing is on; undefined (the default) means: create no span, touch nothing. */
export function tracer(): Tracer | undefined {
  return active?.tracer;
}

/**
 * Turns tracing on when `env` asks for it: loads the SDK and the OTLP
 * exporter and registers them globally (context manager, W3C propagator).
 * Once per process; later calls return the same handle.
 */
export function startTracing(env: Env, version: string): Promise<TracingHandle | undefined> {
  if (active) return Promise.resolve(active);
  const config = tracingConfigOf(env);
  if (!config) return Promise.resolve(undefined);
  starting ??= import('./tracing-sdk').then(({ startSdk }) => {
    active = startSdk(config, version);
    return active;
  });
  return starting;
}

/** Flushes and stops tracing (graceful shutdown); a no-op when it is off. */
export async function stopTracing(): Promise<void> {
  const handle = active;
  active = undefined;
  starting = undefined;
  await handle?.shutdown();
}

const headerGetter: TextMapGetter<Headers> = {
  keys: (carrier) => {
    const names: string[] = [];
    carrier.forEach((_value, name) => names.push(name));
    return names;
  },
  get: (carrier, key) => carrier.get(key) ?? undefined,
};

/** The caller's context from its W3C `traceparent` (and `tracestate`), or the root. */
export function incomingContext(headers: Headers): Context {
  return propagation.extract(ROOT_CONTEXT, headers, headerGetter);
}

/** Runs `fn` with `span` as the active span (its children and log lines attach to it). */
export function withSpan<T>(span: Span, fn: () => T, parent: Context = context.active()): T {
  return context.with(trace.setSpan(parent, span), fn);
}

/** Marks a span failed with a deskgate error code (never an exception message: it may quote vendor text). */
export function failSpan(span: Span, code: string): void {
  span.setAttribute('error.type', code);
  span.setStatus({ code: SpanStatusCode.ERROR, message: code });
}

/** The active span's ids, for log lines; undefined outside a span. */
export function activeTraceIds(): { trace_id: string; span_id: string } | undefined {
  const span = trace.getSpan(context.active());
  if (!span) return undefined;
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

export { SpanKind, SpanStatusCode, trace, context };
export type { Attributes, Span, Tracer };
