/**
 * The OpenTelemetry SDK and OTLP exporter, imported only by startTracing
 * (./tracing.ts) when the environment turns tracing on: a gateway without
 * OTEL_EXPORTER_OTLP_ENDPOINT never loads this module or its packages.
 *
 * Node 20 compatible line of the official packages: SDK 2.x with the OTLP
 * exporter 0.2xx (3.x and 0.3xx need Node 22.15). The exporter sends
 * OTLP/HTTP with JSON bodies, which every OTel collector accepts on :4318.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { TracingConfig, TracingHandle } from './tracing';

/** Set when this module is evaluated: tests check that a gateway with tracing off never loaded it. */
(globalThis as Record<symbol, unknown>)[Symbol.for('deskgate.otel.sdkLoaded')] = true;

export function startSdk(config: TracingConfig, version: string): TracingHandle {
  const resource = defaultResource()
    .merge(resourceFromAttributes(config.resourceAttributes))
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName, [ATTR_SERVICE_VERSION]: version }));
  const exporter = new OTLPTraceExporter({ url: config.url, headers: config.headers });
  const provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(exporter)] });
  // AsyncLocalStorage context manager (the default in Node) and W3C trace context only (no baggage).
  provider.register({ propagator: new W3CTraceContextPropagator() });
  return {
    tracer: provider.getTracer('deskgate', version),
    shutdown: async () => {
      await provider.forceFlush();
      await provider.shutdown();
      // Unregistered, so the context manager's AsyncLocalStorage stops costing every promise.
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
