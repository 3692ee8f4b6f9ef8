import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Every Prometheus metric the gateway exports, in one registry served at
 * /metrics. Labels never carry ids, URLs or anything user-supplied beyond a
 * tool name from the registry, so cardinality stays bounded.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'deskgate_' });

  const toolCalls = new Counter({
    name: 'deskgate_tool_calls_total',
    help: 'Tool calls by tool and outcome (ok, cancelled when the client went away, or the error code).',
    labelNames: ['tool', 'outcome'] as const,
    registers: [registry],
  });
  const toolDuration = new Histogram({
    name: 'deskgate_tool_call_duration_seconds',
    help: 'Tool call latency inside the gateway, from dispatch to result.',
    labelNames: ['tool'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const vendorResponses = new Counter({
    name: 'deskgate_vendor_http_responses_total',
    help: 'Vendor HTTP responses by connector and status ("network" or "timeout" when none arrived).',
    labelNames: ['connector', 'status'] as const,
    registers: [registry],
  });
  const vendorRetries = new Counter({
    name: 'deskgate_vendor_http_retries_total',
    help: 'Vendor HTTP retries by connector and reason.',
    labelNames: ['connector', 'reason'] as const,
    registers: [registry],
  });
  const breakerState = new Gauge({
    name: 'deskgate_vendor_breaker_state',
    help: 'Circuit breaker state per connector: 0 closed, 1 half-open, 2 open.',
    labelNames: ['connector'] as const,
    registers: [registry],
  });
  const limited = new Counter({
    name: 'deskgate_limited_total',
    help: 'Requests refused by the per-key limits or the failed-authentication slow-down, by reason.',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const clientAborted = new Counter({
    name: 'deskgate_http_client_aborted_total',
    help: 'Requests whose client closed the connection mid-request (before its body was read), by route (mcp, api, oauth, other); logged at info, not an error.',
    labelNames: ['route'] as const,
    registers: [registry],
  });
  return { registry, toolCalls, toolDuration, vendorResponses, vendorRetries, breakerState, limited, clientAborted };
}

export type Metrics = ReturnType<typeof createMetrics>;
