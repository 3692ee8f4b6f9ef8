import { GatewayError } from '../errors';

/** The path as logged: no query string, in case a connector put one in the path. */
export function pathForLog(path: string): string {
  const cut = path.search(/[?#]/);
  return cut === -1 ? path : path.slice(0, cut);
}

/** Secret values to keep out of everything the client emits. */
export function secretValuesOf(auth: { headers?: Record<string, string>; query?: Record<string, string> } | undefined): string[] {
  const values = [...Object.values(auth?.headers ?? {}), ...Object.values(auth?.query ?? {})];
  // Very short values would redact ordinary words; real keys are long.
  return [...new Set(values.map((v) => v.trim()).filter((v) => v.length >= 6))];
}

export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret && out.includes(encoded)) out = out.split(encoded).join('[redacted]');
  }
  return out;
}

/**
 * Last line of defence for errors built outside the client (a connector's
 * mapError/checkBody): if one quotes a credential, rebuild it without.
 */
export function withoutSecrets(error: GatewayError, secrets: readonly string[]): GatewayError {
  const texts = [error.message, error.hint ?? '', ...(error.alternatives ?? []), ...(error.fields ?? []).map((f) => f.problem)];
  const leaks = texts.some((text) => secrets.some((s) => text.includes(s) || text.includes(encodeURIComponent(s))));
  if (!leaks) return error;
  return new GatewayError(error.code, redactText(error.message, secrets), {
    connector: error.connector,
    retryable: error.retryable,
    retryAfterSeconds: error.retryAfterSeconds,
    vendorStatus: error.vendorStatus,
    hint: error.hint === undefined ? undefined : redactText(error.hint, secrets),
    alternatives: error.alternatives?.map((a) => redactText(a, secrets)),
    fields: error.fields?.map((f) => ({ field: f.field, problem: redactText(f.problem, secrets) })),
    outcomeUnknown: error.outcomeUnknown,
  });
}
