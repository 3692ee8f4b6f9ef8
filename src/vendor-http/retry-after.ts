/**
 * Parses a `Retry-After` header (RFC 9110 §10.2.3): delta-seconds or an
 * HTTP-date. Returns the wait in ms from `now`, or undefined when the header
 * is absent or unreadable (then the caller falls back to its own backoff).
 */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  // Some vendors send fractions ("1.5"); the RFC says integer, but reading them costs nothing.
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  // Only the HTTP-date forms contain letters; this keeps "-5" or "12abc" from parsing as a date.
  if (!/[a-z]/i.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  // A date in the past means "now"; clock skew must not produce a negative wait.
  return Math.max(0, at - now);
}

/** Whole seconds for `retry_after_seconds`, never 0 so "retry after 0 s" cannot read as "never". */
export function toRetryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
