import pino, { type Logger } from 'pino';
import { activeTraceIds, tracer } from './tracing';

export type { Logger };

/**
 * Paths pino censors wherever they appear in a log object. The vendor HTTP
 * client also strips secrets from URLs before logging, and no code logs a
 * raw Authorization header; this list is the second line of defence.
 * A bare `key` is censored because it may hold a secret: an API key's id
 * (not secret, and what an operator needs to trace a call) is logged as
 * `keyId`, its name as `keyName`.
 */
export const REDACT_PATHS = [
  'authorization',
  'Authorization',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  'req.headers.authorization',
  'apiKey',
  '*.apiKey',
  'api_key',
  '*.api_key',
  'key',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'password',
  '*.password',
];

/**
 * With tracing on (src/observability/tracing.ts) when the logger is made,
 * every line written inside a traced call carries `trace_id` and `span_id`;
 * off, there is no mixin at all.
 */
export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      ...(tracer() ? { mixin: () => activeTraceIds() ?? {} } : {}),
      base: { service: 'deskgate' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 2, sync: false }),
  );
}
